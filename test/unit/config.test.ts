import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, loadRegistry, loadTemplate, setLocale, LineIndex, Registry, DEFAULT_REGISTRY_DATA } from '../../server/src/core/index';
import { findMarkdownFiles, loadConfig } from '../../server/src/node/config';

const EX = join(__dirname, '../../examples');
const PLAN_TEMPLATE = readFileSync(join(__dirname, '../../server/src/core/data/plan.template.json'), 'utf8');

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
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
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
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    writeFileSync(join(dir, 'bild.planmall.json'), '{"id":"plan"\u0000}');
    const big = JSON.stringify({ municipality: 'Stor kommun', bodies: [{ name: 'Stornämnden', kind: 'nämnd' }] });
    writeFileSync(join(dir, 'stor.organisation.json'), big);
    const config = await loadConfig({ roots: [dir], maxFileSize: 40 });
    const byFile = config.files.map((f) => [f.file.slice(dir.length + 1), f.findings.map((x) => [x.code, x.severity, x.message])]);
    assert.deepEqual(byFile.sort(), [
      ['bild.planmall.json', [['plan.file.skipped', 'warning', 'Filen ser ut att vara binär och kontrolleras inte.']]],
      ['stor.organisation.json', [['plan.file.skipped', 'warning', `Filen är för stor för att kontrolleras (${big.length} tecken; gränsen är 40).`]]],
    ]);
    assert.equal(config.forFile(join(dir, 'x.plan.md')).registry.data.municipality, 'Halmstads kommun', 'the default registry still applies');
    const loaded = await loadConfig({ roots: [dir] });
    assert.equal(loaded.forFile(join(dir, 'x.plan.md')).registry.data.municipality, 'Stor kommun', 'within the default limit it loads');
  });

  it('Should find the Markdown files under a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'node_modules'));
    for (const name of ['a/x.plan.md', 'b.markdown', 'c.MKD', 'd.txt', 'node_modules/e.md']) writeFileSync(join(dir, name), '');
    assert.deepEqual(
      (await findMarkdownFiles([dir])).map((f) => f.slice(dir.length + 1)),
      ['a/x.plan.md', 'b.markdown', 'c.MKD'],
    );
  });
});
