import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
// @ts-expect-error: a plain .mjs helper shared with the command line
import { l10nKeys } from '../../scripts/l10n-strings.mjs';

const ROOT = join(__dirname, '../..');
const CORE = join(ROOT, 'server/src/core');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('Architecture invariants', () => {
  it('Should keep the plan library free of Node, LSP and VS Code imports', () => {
    const allowed = /^(\.{1,2}\/|unified$|remark-|micromark-|mdast|unist|yaml$|ajv$|re2js$|@vscode\/l10n$)/;
    const offenders: string[] = [];
    for (const file of tsFiles(CORE)) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)) {
        if (!allowed.test(m[1])) offenders.push(`${relative(ROOT, file)}: ${m[1]}`);
      }
      if (/\b(?:require\(|process\.|Buffer\b|__dirname)/.test(src)) offenders.push(`${relative(ROOT, file)}: uses a Node global`);
    }
    assert.deepEqual(offenders, []);
  });

  it('Should let the client import from the server tree only the protocol and the render module', () => {
    const offenders: string[] = [];
    for (const file of tsFiles(join(ROOT, 'client/src'))) {
      const src = readFileSync(file, 'utf8');
      const specifiers = [...src.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
        (m) => m[1] ?? m[2] ?? m[3],
      );
      for (const spec of specifiers) {
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, resolve(dirname(file), spec))
          .split('\\')
          .join('/');
        if (target.startsWith('client/')) continue;
        if (target === 'server/src/protocol' || target.startsWith('server/src/render/')) continue;
        offenders.push(`${relative(ROOT, file)}: ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it('Should have a Swedish translation for every string of the manifest', () => {
    const en = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const sv = JSON.parse(readFileSync(join(ROOT, 'package.nls.sv.json'), 'utf8')) as Record<string, string>;
    const used = [...readFileSync(join(ROOT, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.deepEqual(
      used.filter((k) => !(k in en)),
      [],
      'every %key% has an English text',
    );
    assert.deepEqual(
      Object.keys(en).filter((k) => !(k in sv)),
      [],
      'every English text has a Swedish one',
    );
  });

  it('Should have a Swedish translation for every user-facing string', () => {
    const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n/bundle.l10n.sv.json'), 'utf8')) as Record<string, string>;
    const keys: string[] = l10nKeys([join(ROOT, 'server/src'), join(ROOT, 'client/src')]);
    assert.ok(keys.length > 100, 'the scan finds the strings');
    assert.deepEqual(
      keys.filter((k) => !(k in bundle)),
      [],
    );
    const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
    assert.deepEqual(
      keys.filter((k) => placeholders(k) !== placeholders(bundle[k])),
      [],
      'translations keep their placeholders',
    );
    assert.deepEqual(
      Object.values(bundle).filter((v) => /\bskall\b/.test(v.replace(/”skall”/g, ''))),
      [],
      'Swedish text says ska',
    );
  });
});

describe('Documentation', () => {
  it('Should list every finding code in docs/findings.md', async () => {
    const { findingsDoc } = await import('../../scripts/findings-doc');
    assert.equal(readFileSync(join(ROOT, 'docs/findings.md'), 'utf8'), findingsDoc(), 'run npx tsx scripts/findings-doc.ts');
  });
});
