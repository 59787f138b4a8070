/** Invariants of the code base that keep it general and small: no municipality in the library's code, no long files, generated settings in step. */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_REGISTRY_DATA } from '../../server/src/core/index';

const ROOT = join(__dirname, '../..');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === 'node_modules' || n === 'dist' || n.startsWith('.')) return [];
    return statSync(p).isDirectory() ? files(p, ext) : ext.test(n) ? [p] : [];
  });
}

describe('Code base invariants', () => {
  it('Should hold no municipality’s name or body name in the code of the server, the library and the client, only in the data folder', () => {
    const names = new Set<string>(['Halmstad', 'Åsby', 'Norrby', 'Grannby']);
    for (const b of DEFAULT_REGISTRY_DATA.bodies) for (const n of [b.name, ...(b.aliases ?? [])]) if (n.length >= 4 && /^\p{Lu}/u.test(n)) names.add(n);
    const offenders: string[] = [];
    for (const file of [...files(join(ROOT, 'server/src'), /\.ts$/), ...files(join(ROOT, 'client/src'), /\.ts$/)]) {
      if (file.includes(`${join('core', 'data')}`)) continue;
      const src = readFileSync(file, 'utf8');
      for (const n of names) if (src.includes(n)) offenders.push(`${relative(ROOT, file)}: ${n}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('Should keep every source file of the server and the client near 500 lines at most', () => {
    const long = [...files(join(ROOT, 'server/src'), /\.ts$/), ...files(join(ROOT, 'client/src'), /\.ts$/)]
      .map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 520);
    assert.deepEqual(long, []);
  });

  it('Should generate the severity and switch settings of package.json from the rule families', async () => {
    const { manifestWithSettings, switchTexts } = await import('../../scripts/findings-doc');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifestWithSettings(manifest), manifest, 'run npx tsx scripts/findings-doc.ts');
    for (const [file, lang] of [
      ['package.nls.json', 'en'],
      ['package.nls.sv.json', 'sv'],
    ] as const) {
      const nls = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
      for (const [k, v] of Object.entries(switchTexts(lang))) assert.equal(nls[k], v, `${file}: ${k}`);
    }
  });
});
