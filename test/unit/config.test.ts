import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, loadRegistry, loadTemplate, setLocale, LineIndex, Registry, DEFAULT_REGISTRY_DATA } from '../../server/src/core/index';
import { ConfigSearch, findMarkdownFiles, loadConfig, readRegularFile, scopeFromSpec } from '../../server/src/node/config';

const EX = join(__dirname, '../../examples');
const PLAN_TEMPLATE = readFileSync(join(__dirname, '../../server/src/core/data/plan.template.json'), 'utf8');

/** Temporary folders of these tests, removed after them. */
const temporary: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plan-'));
  temporary.push(dir);
  return dir;
}
after(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function lineOf(text: string, offset: number): number {
  return new LineIndex(text).positionAt(offset).line + 1;
}

describe('Template files', () => {
  before(() => setLocale('sv'));

  it('Should accept the built-in plan template as a workspace file', () => {
    const r = loadTemplate(PLAN_TEMPLATE, 'x.planmall.json');
    assert.deepEqual(r.findings, []);
    assert.equal(r.template?.id, 'plan');
  });

  it('Should report a JSON syntax error at its place and give no template', () => {
    const text = '{\n  "id": "plan",\n  "name": "Plan"\n  "sections": []\n}\n';
    const r = loadTemplate(text, 'x.planmall.json');
    assert.equal(r.template, undefined);
    assert.equal(r.findings[0].code, 'template.syntax');
    assert.equal(lineOf(text, r.findings[0].range.start), 4);
  });

  it('Should report every schema violation at the offending value', () => {
    const text = [
      'id: plan',
      'name: Plan',
      'frontMatter:',
      '  - key: titel',
      '    type: text',
      'sections:',
      '  - id: a',
      '    titel: Syfte',
      'colour: blue',
      '',
    ].join('\n');
    const r = loadTemplate(text, 'x.planmall.yaml');
    assert.equal(r.template, undefined);
    const byLine = r.findings.map((f) => [lineOf(text, f.range.start), f.code, f.message] as const);
    assert.ok(
      byLine.some(([l, c, m]) => l === 5 && c === 'template.schema' && m.includes('frontMatter.0.type')),
      'bad enum value on line 5',
    );
    assert.ok(
      byLine.some(([l, , m]) => l === 8 && m.includes('titel')),
      'unknown property titel on line 8',
    );
    assert.ok(
      byLine.some(([, , m]) => m.includes('”title”') || m.includes('“title”')),
      'missing title',
    );
    assert.ok(
      byLine.some(([l, , m]) => l === 9 && m.includes('colour')),
      'unknown top-level property',
    );
  });

  it('Should reject a template whose parts have no place and whose pattern is not a regular expression', () => {
    const tpl = JSON.parse(PLAN_TEMPLATE);
    tpl.sections = tpl.sections.filter((s: { kind?: string }) => s.kind !== 'parts');
    tpl.diarienummerPattern = '([';
    const r = loadTemplate(JSON.stringify(tpl, null, 2), 'x.planmall.json');
    assert.equal(r.template, undefined);
    assert.deepEqual(
      r.findings.map((f) => f.code),
      ['template.invalid', 'template.invalid'],
    );
  });
});

describe('Registry files and matching', () => {
  const reg = new Registry(DEFAULT_REGISTRY_DATA);

  it('Should match bodies case-insensitively, with aliases and the genitive', () => {
    assert.equal(reg.find('kommunstyrelsen')?.name, 'Kommunstyrelsen');
    assert.equal(reg.find('HFAB')?.name, 'Halmstads Fastighets AB');
    assert.equal(reg.matchAt('Halmstads kommuns näringslivsarbete ska', 0)?.body.name, 'Halmstads kommun');
    assert.equal(reg.matchAt('Kommunstyrelsens utskott för hållbar utveckling har', 0)?.body.name, 'Kommunstyrelsens utskott för hållbar utveckling');
    assert.equal(reg.matchAt('Kommunstyrelsen ansvarar', 0)?.length, 'Kommunstyrelsen'.length);
    assert.equal(reg.matchAt('Kommunstyrelseledamöter ska', 0), undefined, 'a longer word is not the body');
  });

  it('Should keep Swedish compounds whole when splitting a list', () => {
    const m = reg.parseList('Kommunstyrelsen, barn- och ungdomsnämnden samt HFAB och Okändanämnden');
    assert.deepEqual(
      m.map((x) => [x.text, x.body?.name]),
      [
        ['Kommunstyrelsen', 'Kommunstyrelsen'],
        ['barn- och ungdomsnämnden', 'Barn- och ungdomsnämnden'],
        ['HFAB', 'Halmstads Fastighets AB'],
        ['Okändanämnden', undefined],
      ],
    );
  });

  it('Should report a name used by two bodies in a registry file', () => {
    const text = JSON.stringify(
      {
        municipality: 'X',
        bodies: [
          { name: 'A-nämnden', kind: 'nämnd', aliases: ['AN'] },
          { name: 'B-nämnden', kind: 'nämnd', aliases: ['AN'] },
        ],
      },
      null,
      2,
    );
    const r = loadRegistry(text, 'x.organisation.json');
    assert.equal(r.registry, undefined);
    assert.equal(r.findings[0].code, 'template.invalid');
  });
});

describe('Workspace configuration', () => {
  before(() => setLocale('sv'));

  it('Should apply another municipality’s template and registry to its own folder only', async () => {
    const config = await loadConfig({ roots: [EX] });
    assert.deepEqual(
      config.files.flatMap((f) => f.findings),
      [],
      'the example template and registry are valid',
    );
    const asbyFile = join(EX, 'asby/handlingsplan-trygghet.md');
    const asby = config.forFile(asbyFile);
    assert.equal(asby.registry.data.municipality, 'Åsby kommun');
    assert.ok(asby.templates.get('handlingsplan'));
    assert.deepEqual(analyze(readFileSync(asbyFile, 'utf8'), { fileName: asbyFile, ...asby }).findings, []);
    const halmstad = config.forFile(join(EX, 'halmstad/ren-plan.plan.md'));
    assert.equal(halmstad.registry.data.municipality, 'Halmstads kommun');
    assert.equal(halmstad.templates.get('handlingsplan'), undefined);
  });

  it('Should check a plan against the workspace template: its own labels, pattern and registry', async () => {
    const config = await loadConfig({ roots: [EX] });
    const file = join(EX, 'asby/handlingsplan-trygghet.md');
    const text = readFileSync(file, 'utf8')
      .replace('ÅSB-2025-118', 'KS 2025/118')
      .replace('- Omsorgsnämnden ska', '- Socialnämnden ska')
      .replace('#### Mål 1.2. Trygga mötesplatser', '#### Mål 1.3. Trygga mötesplatser');
    const codes = analyze(text, { fileName: file, ...config.forFile(file) }).findings.map((f) => f.code);
    assert.deepEqual(codes, ['plan.frontmatter.diarienummer', 'plan.ambition.numbering-gap', 'plan.ansvar.unknown-body']);
  });

  it('Should keep the built-in defaults working when a workspace template is broken', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'mallar'));
    writeFileSync(join(dir, 'mallar/trasig.planmall.json'), '{ "id": "plan", ');
    writeFileSync(join(dir, 'mallar/fel.organisation.yaml'), 'municipality: X\nbodies: 12\n');
    const config = await loadConfig({ roots: [dir] });
    const codes = config.files.map((f) => [f.file.endsWith('.json') ? 'template' : 'registry', f.findings.map((x) => x.code)]);
    assert.deepEqual(
      codes.sort(),
      [
        ['registry', ['template.schema']],
        ['template', ['template.syntax']],
      ].sort(),
    );
    const file = join(dir, 'mallar/x.plan.md');
    const scoped = config.forFile(file);
    assert.equal(scoped.registry.data.municipality, 'Halmstads kommun');
    const clean = readFileSync(join(EX, 'halmstad/ren-plan.plan.md'), 'utf8');
    assert.deepEqual(analyze(clean, { fileName: file, ...scoped }).findings, []);
  });

  it('Should not load a template or registry file that is binary or larger than the limit, and say why', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bild.planmall.json'), '{"id":"plan"\u0000}');
    const big = JSON.stringify({ municipality: 'Stor kommun', bodies: [{ name: 'Stornämnden', kind: 'nämnd' }] });
    writeFileSync(join(dir, 'stor.organisation.json'), big);
    const config = await loadConfig({ roots: [dir], maxFileSize: 40 });
    const byFile = config.files.map((f) => [f.file.slice(dir.length + 1), f.findings.map((x) => [x.code, x.severity, x.message])]);
    assert.deepEqual(byFile.sort(), [
      ['bild.planmall.json', [['plan.file.skipped', 'information', 'Filen ser ut att vara binär och kontrolleras inte.']]],
      ['stor.organisation.json', [['plan.file.skipped', 'information', `Filen är för stor för att kontrolleras (${big.length} tecken; gränsen är 40).`]]],
    ]);
    assert.equal(config.forFile(join(dir, 'x.plan.md')).registry.data.municipality, 'Halmstads kommun', 'the default registry still applies');
    const loaded = await loadConfig({ roots: [dir] });
    assert.equal(loaded.forFile(join(dir, 'x.plan.md')).registry.data.municipality, 'Stor kommun', 'within the default limit it loads');
  });

  it('Should find the Markdown files under a folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'node_modules'));
    for (const name of ['a/x.plan.md', 'b.markdown', 'c.MKD', 'd.txt', 'node_modules/e.md']) writeFileSync(join(dir, name), '');
    assert.deepEqual(
      (await findMarkdownFiles([dir])).map((f) => f.slice(dir.length + 1)),
      ['a/x.plan.md', 'b.markdown', 'c.MKD'],
    );
  });
});

describe('Templates and registries found upward from a document', () => {
  before(() => setLocale('sv'));
  const asby = (dir: string) => {
    writeFileSync(join(dir, 'asby.planmall.yaml'), readFileSync(join(EX, 'asby/asby.planmall.yaml'), 'utf8'));
    writeFileSync(join(dir, 'asby.organisation.json'), readFileSync(join(EX, 'asby/asby.organisation.json'), 'utf8'));
  };

  it('Should apply the files in the document’s folder and above it, and read nothing beside or below', async () => {
    const root = tempDir();
    mkdirSync(join(root, '.git'));
    asby(root);
    mkdirSync(join(root, 'planer/2026'), { recursive: true });
    mkdirSync(join(root, 'annat'));
    writeFileSync(join(root, 'annat/trasig.planmall.json'), '{ "id": ');
    writeFileSync(join(root, 'planer/2026/under.planmall.json'), '{ "id": ');
    const search = new ConfigSearch();
    const scope = await search.forFile(join(root, 'planer/handlingsplan.md'));
    assert.ok(scope.templates.get('handlingsplan'));
    assert.equal(scope.registry.data.municipality, 'Åsby kommun');
    assert.deepEqual(
      search.reports.map((r) => r.file.slice(root.length + 1)),
      ['asby.planmall.yaml', 'asby.organisation.json'],
      'the broken templates beside and below are never read',
    );
    assert.deepEqual(
      scope.spec.templates.map((s) => s.file),
      [join(root, 'asby.planmall.yaml')],
    );
    assert.equal(scope.spec.registry?.file, join(root, 'asby.organisation.json'));
    assert.equal(await search.forFile(join(root, 'planer/annan.md')), scope, 'one scope per folder');
  });

  it('Should stop at the folder that holds .git, and let a nearer template and registry win', async () => {
    const outer = tempDir();
    asby(outer);
    const repo = join(outer, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    const none = await new ConfigSearch().forFile(join(repo, 'x.md'));
    assert.equal(none.templates.get('handlingsplan'), undefined, 'the template above the repository does not apply');
    assert.equal(none.registry.data.municipality, 'Halmstads kommun');
    const nested = join(outer, 'utan-git/närmare');
    mkdirSync(nested, { recursive: true });
    const tpl = readFileSync(join(EX, 'asby/asby.planmall.yaml'), 'utf8').replace('  sv: Handlingsplan\n', '  sv: Närmare handlingsplan\n');
    writeFileSync(join(nested, 'närmare.planmall.yaml'), tpl);
    writeFileSync(
      join(nested, 'närmare.organisation.json'),
      JSON.stringify({ municipality: 'Närby kommun', bodies: [{ name: 'Kommunstyrelsen', kind: 'styrelse' }] }),
    );
    const near = await new ConfigSearch().forFile(join(nested, 'x.md'));
    assert.equal(near.registry.data.municipality, 'Närby kommun');
    assert.deepEqual(near.templates.get('handlingsplan')?.name, { sv: 'Närmare handlingsplan', en: 'Action plan' });
    assert.deepEqual(
      near.spec.templates.map((s) => s.file),
      [join(outer, 'asby.planmall.yaml'), join(nested, 'närmare.planmall.yaml')],
      'farthest first, so that the nearest overrides',
    );
  });

  it('Should pass over a broken nearer registry to the next one that loads, and rebuild the same scope from its data', async () => {
    const outer = tempDir();
    asby(outer);
    const inner = join(outer, 'inre');
    mkdirSync(inner);
    writeFileSync(join(inner, 'trasig.organisation.yaml'), 'municipality: X\nbodies: 12\n');
    const search = new ConfigSearch({ templateFiles: [join(EX, 'norrby/strategi.planmall.yaml')] });
    const scope = await search.forFile(join(inner, 'x.md'));
    assert.equal(scope.registry.data.municipality, 'Åsby kommun');
    assert.deepEqual(
      search.reports.find((r) => r.file.endsWith('trasig.organisation.yaml'))?.findings.map((f) => f.code),
      ['template.schema'],
    );
    const rebuilt = scopeFromSpec(scope.spec);
    assert.deepEqual(
      rebuilt.templates.all().map((x) => x.id),
      scope.templates.all().map((x) => x.id),
    );
    assert.equal(rebuilt.registry.data.municipality, 'Åsby kommun');
    assert.ok(scope.templates.get('strategi'), 'a template named on the command line applies everywhere');
  });

  it('Should not wait on a FIFO: it is no regular file and is not read', async function () {
    const dir = tempDir();
    const fifo = join(dir, 'rör.planmall.json');
    // Windows has no FIFOs (named pipes there are no files): the only skip. Elsewhere mkfifo must work.
    if (process.platform === 'win32') this.skip(); // Windows has no FIFOs to test with (its named pipes are no files)
    assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo made the FIFO');
    assert.deepEqual(await readRegularFile(fifo), { kind: 'not-file' });
    assert.deepEqual(await readRegularFile(dir), { kind: 'not-file' });
    assert.deepEqual((await loadConfig({ roots: [dir] })).files, [], 'a walk takes regular files only');
    const config = await loadConfig({ roots: [dir], templateFiles: [fifo] });
    assert.deepEqual(
      config.files.map((f) => [f.file, f.findings.map((x) => x.code)]),
      [[fifo, ['template.syntax']]],
    );
    const search = new ConfigSearch({ registryFile: fifo.replace('planmall', 'organisation') });
    writeFileSync(join(dir, 'x.md'), '');
    assert.equal((await search.forFile(join(dir, 'x.md'))).registry.data.municipality, 'Halmstads kommun');
  });

  it('Should not read a file that is larger on disk than any text within the limit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'stor.md'), 'x'.repeat(400));
    assert.deepEqual(await readRegularFile(join(dir, 'stor.md'), 100), { kind: 'too-large', bytes: 400, maxChars: 100 });
    assert.equal((await readRegularFile(join(dir, 'stor.md'), 200)).kind, 'text', 'within three bytes a character it is read');
  });
});
