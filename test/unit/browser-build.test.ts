import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { normalizeUri, uriBasename, uriDirname, uriWithin } from '../../server/src/browser-host';
import { loadConfigFrom, MARKDOWN_NAMES, type ConfigFs, type FileRead } from '../../server/src/config-files';
import { analyze, setLocale, templateSkeleton, TemplateSet } from '../../server/src/core/index';
import { hasPlanFrontMatter, newPlanName } from '../../client/src/plan-text';

const ROOT = join(__dirname, '../..');
const EXAMPLES = join(ROOT, 'examples');
const BASE = 'vscode-remote://127.0.0.1:8080/work/examples';

/** The examples folder as the browser's client would give it: URIs, read through requests. */
function examplesAsClient(reads: string[]): ConfigFs {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else files.set(`${BASE}/${relative(EXAMPLES, full).split('\\').join('/')}`, readFileSync(full, 'utf8'));
    }
  };
  walk(EXAMPLES);
  return {
    findFiles: async (roots, names) => [...files.keys()].filter((u) => roots.some((r) => uriWithin(r, u)) && names.test(uriBasename(u))).sort(),
    readFile: async (file): Promise<FileRead> => {
      reads.push(file);
      const text = files.get(file);
      return text === undefined ? { kind: 'error', error: { code: 'FileNotFound', message: `${file} not found` } } : { kind: 'text', text };
    },
    resolve: normalizeUri,
    dirname: uriDirname,
    basename: uriBasename,
    within: uriWithin,
  };
}

describe('The browser build: no Node in the language server', () => {
  it('Should keep server/src/lsp, the config loader and the browser entries free of Node modules (types aside)', () => {
    const files = [
      ...readdirSync(join(ROOT, 'server/src/lsp')).map((f) => `server/src/lsp/${f}`),
      'server/src/config-files.ts',
      'server/src/browser.ts',
      'server/src/browser-host.ts',
      'client/src/browser.ts',
      'client/src/browser-files.ts',
      'client/src/plan-extension.ts',
    ].filter((f) => f.endsWith('.ts') && f !== 'server/src/lsp/transport.ts' && f !== 'server/src/lsp/analysis.ts');
    const offenders: string[] = [];
    for (const f of files) {
      const src = readFileSync(join(ROOT, f), 'utf8');
      for (const m of src.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm))
        if (!m[1] && /^node:|^(fs|path|url|os|net|stream|worker_threads|child_process|crypto)$/.test(m[2])) offenders.push(`${f}: ${m[2]}`);
    }
    assert.deepEqual(offenders, []);
  });

  it('Should not load the Node-only modules (transport, worker threads) from the server the browser bundles', () => {
    const server = readFileSync(join(ROOT, 'server/src/lsp/server.ts'), 'utf8');
    assert.ok(!/^import\s+\{[^}]*\}\s+from\s+'\.\/(transport|analysis)'/m.test(server), 'server.ts takes the transport and analyser from outside');
  });
});

describe('The browser build: workspace files through the client', () => {
  before(() => setLocale('sv'));

  it('Should take URIs apart as paths: folders, names, . and .., and what lies below a folder', () => {
    assert.equal(uriDirname(`${BASE}/asby/x.md`), `${BASE}/asby`);
    assert.equal(uriBasename(`${BASE}/asby/%C3%A5sby.planmall.yaml`), 'åsby.planmall.yaml');
    assert.equal(normalizeUri(`${BASE}/asby/../norrby/./a.md`), `${BASE}/norrby/a.md`);
    assert.ok(uriWithin(`${BASE}/asby`, `${BASE}/asby/sub/x.md`));
    assert.ok(!uriWithin(`${BASE}/asby`, `${BASE}/asbyx/x.md`), 'a folder whose name begins the same is not inside');
  });

  it('Should load the workspace templates and registries by folder, as from disk, reading each file once', async () => {
    const reads: string[] = [];
    const config = await loadConfigFrom(examplesAsClient(reads), { roots: [BASE] });
    assert.deepEqual(
      config.files.filter((f) => f.findings.length).map((f) => f.file),
      [],
      'every example template and registry loads',
    );
    assert.equal(new Set(reads).size, reads.length, 'no file is read twice');
    const asby = config.forFile(`${BASE}/asby/handlingsplan-trygghet.md`);
    const plan = readFileSync(join(EXAMPLES, 'asby/handlingsplan-trygghet.md'), 'utf8');
    const inBrowser = analyze(plan, { fileName: `${BASE}/asby/handlingsplan-trygghet.md`, ...asby });
    assert.ok(inBrowser.plan.template && inBrowser.plan.template.id !== 'plan', `Åsby's own template applies (${inBrowser.plan.template?.id})`);
    assert.ok(!inBrowser.findings.some((f) => f.code === 'plan.frontmatter.unknown-type'));
    // A file elsewhere does not get Åsby's template or registry.
    const other = config.forFile(`${BASE}/halmstad/x.plan.md`);
    assert.notEqual(other.registry, asby.registry);
    assert.ok(!other.templates.get(inBrowser.plan.template!.id) || inBrowser.plan.template!.id === 'plan');
  });

  it('Should find the workspace’s Markdown files by the same names as on disk', async () => {
    const found = await examplesAsClient([]).findFiles([BASE], MARKDOWN_NAMES);
    assert.ok(found.some((u) => u.endsWith('/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md')));
    assert.ok(found.every((u) => /\.md$/.test(u)));
  });
});

/** A snippet as VS Code inserts it: each stop's placeholder (or first choice), `$n` mirrors it. */
function expandSnippet(snippet: string): string {
  const values = new Map<string, string>();
  let text = snippet
    .replace(/\$\{(\d+):((?:\\.|[^\\}])*)\}/g, (_m, n: string, v: string) => {
      const value = v.replace(/\\(.)/g, '$1');
      values.set(n, value);
      return value;
    })
    .replace(/\$\{(\d+)\|([^,|]*)[^|]*\|\}/g, (_m, n: string, v: string) => {
      values.set(n, v);
      return v;
    });
  text = text.replace(/\$(\d+)/g, (_m, n: string) => values.get(n) ?? '');
  return text;
}

describe('A new plan from a template', () => {
  before(() => setLocale('sv'));

  for (const tpl of new TemplateSet().all()) {
    it(`Should read the placeholders of a new “${tpl.id}” as placeholders: information, no error or warning`, () => {
      const text = expandSnippet(templateSkeleton(tpl, '2026-11-26'));
      const { findings } = analyze(text, { fileName: 'untitled:Untitled-1' });
      assert.deepEqual(
        findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code}: ${f.message}`),
        [],
      );
      assert.ok(
        findings.some((f) => f.code === 'plan.frontmatter.placeholder'),
        'the placeholders are pointed out',
      );
    });
  }

  it('Should check a filled-in value as usual: a body that is not in the registry is a warning again', () => {
    const tpl = new TemplateSet().get('plan')!;
    const text = expandSnippet(templateSkeleton(tpl, '2026-11-26')).replace('beslutad-av: beslutad-av', 'beslutad-av: Kommunfullmäktigx');
    const { findings } = analyze(text, { fileName: 'untitled:Untitled-1' });
    assert.ok(findings.some((f) => f.code === 'plan.frontmatter.unknown-body' && f.severity === 'warning'));
    assert.ok(!findings.some((f) => f.code === 'plan.frontmatter.placeholder' && f.message.includes('beslutad-av')));
  });
});

describe('Untitled plans after a window reload', () => {
  it('Should know a plan by its front matter’s dokumenttyp, and nothing else', () => {
    assert.ok(hasPlanFrontMatter('---\ndokumenttyp: plan\ntitel: X\n---\n# X\n'));
    assert.ok(hasPlanFrontMatter('\uFEFF---\r\ntitel: X\r\ndokumenttyp: riktlinje\r\n---\r\n'));
    assert.ok(!hasPlanFrontMatter('---\ntitel: X\n---\ndokumenttyp: plan\n'), 'only inside the front matter');
    assert.ok(!hasPlanFrontMatter('dokumenttyp: plan\n'), 'no front matter');
    assert.ok(!hasPlanFrontMatter('---\ndokumenttyp: plan\n'), 'an unclosed block');
  });

  it('Should name a new plan after its template, without taking a name in use', () => {
    assert.equal(
      newPlanName('riktlinje', () => false),
      'riktlinje.plan.md',
    );
    const taken = new Set(['plan.plan.md', 'plan-2.plan.md']);
    assert.equal(
      newPlanName('plan', (n) => taken.has(n)),
      'plan-3.plan.md',
    );
    assert.equal(
      newPlanName('a/b c', () => false),
      'a-b-c.plan.md',
    );
  });
});
