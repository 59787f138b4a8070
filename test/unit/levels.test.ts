/** The template language's levels: recognised by label, by named headings or by position; counts, numbering, required text, nouns. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  documentSymbols,
  loadRegistry,
  loadTemplate,
  planOverview,
  Registry,
  setLocale,
  templateAsMarkdown,
  templateSkeleton,
  TemplateSet,
  type Template,
} from '../../server/src/core/index';

const NORRBY = join(__dirname, '../../examples/norrby');

function norrby(): { templates: TemplateSet; registry: Registry; text: string } {
  const tpl = loadTemplate(readFileSync(join(NORRBY, 'strategi.planmall.yaml'), 'utf8'), 'strategi.planmall.yaml');
  assert.deepEqual(tpl.findings, []);
  const reg = loadRegistry(readFileSync(join(NORRBY, 'norrby.organisation.yaml'), 'utf8'), 'norrby.organisation.yaml');
  assert.deepEqual(reg.findings, []);
  return {
    templates: new TemplateSet().withOverrides([tpl.template!]),
    registry: new Registry(reg.registry!),
    text: readFileSync(join(NORRBY, 'bostadsstrategi.strategi.md'), 'utf8'),
  };
}

function check(text: string, template: Partial<Template> & Pick<Template, 'parts'>, registry?: Registry) {
  const tpl: Template = {
    id: 'strategi',
    name: 'Strategi',
    frontMatter: [{ key: 'dokumenttyp', type: 'documenttype', role: 'documentType' }],
    sections: [{ id: 'strategier', title: 'Strategier', kind: 'parts' }],
    ...template,
  };
  const doc = `---\ndokumenttyp: strategi\n---\n\n# Titel\n\n${text}`;
  return analyze(doc, { fileName: 'x.md', templates: new TemplateSet().withOverrides([tpl]), registry, style: false });
}

const codes = (a: { findings: Array<{ code: string }> }) => a.findings.map((f) => f.code);

describe('Template levels', () => {
  before(() => setLocale('sv'));

  it('Should check the Norrby strategy, with unnumbered strategies and “Insats:” headings, as clean', () => {
    const { templates, registry, text } = norrby();
    const a = analyze(text, { fileName: 'bostadsstrategi.strategi.md', templates, registry });
    assert.deepEqual(a.findings, []);
    assert.deepEqual(
      a.plan.parts.map((p) => [p.title, p.children.map((c) => c.title)]),
      [
        ['Attraktiva boendemiljöer', ['Grönare bostadsområden']],
        ['Fler hyresrätter', ['Markanvisning för hyresrätter']],
        ['Bostäder för äldre', ['Trygghetsboenden']],
      ],
    );
  });

  it('Should name the units with the template’s nouns in the outline and the overview', () => {
    const { templates, registry, text } = norrby();
    const a = analyze(text, { fileName: 'bostadsstrategi.strategi.md', templates, registry });
    const doc = documentSymbols(a.plan).find((s) => s.kind === 'document')!;
    const strategies = doc.children.find((s) => s.name === 'Strategier')!.children;
    assert.deepEqual(
      strategies.map((s) => s.detail),
      ['1 insats', '1 insats', '1 insats'],
    );
    const ov = planOverview(a, '2026-11-26');
    assert.equal(ov.labels.partPlural, 'strategier');
    assert.equal(ov.labels.itemPlural, 'insatser');
    assert.equal(ov.labels.item, 'Insats');
    assert.deepEqual(
      ov.parts.map((p) => p.ambitions.length),
      [1, 1, 1],
    );
    assert.ok(ov.matrix.bodies.some((b) => b.name === 'Norrbyhem AB'));
  });

  it('Should check actions and Ansvar lines at the level that takes them: a misspelt body under an insats is reported', () => {
    const { templates, registry, text } = norrby();
    const broken = text
      .replace('Ansvar: Kommunstyrelsen, Norrbyhem AB', 'Ansvar: Kommunstyrelsen, Norbyhem AB')
      .replace('- Socialnämnden ska', '- Socialnämden ska');
    const a = analyze(broken, { fileName: 'bostadsstrategi.strategi.md', templates, registry });
    assert.deepEqual(codes(a), ['plan.ansvar.unknown-body', 'plan.ansvar.unknown-body']);
    assert.match(a.findings[0].message, /Norbyhem AB/);
    assert.match(a.findings[0].message, /Norrbyhem AB/);
  });

  it('Should report a strategy without text, too many strategies, and a strategy without insats, with the template’s nouns', () => {
    const { templates, registry, text } = norrby();
    const extra = ['Fler jobb', 'Bättre kollektivtrafik', 'Starkare föreningsliv']
      .map((s) => `### ${s}\n\nText.\n\n#### Insats: Något\n\n- Kommunstyrelsen ska göra det.\n`)
      .join('\n');
    const broken = text
      .replace('Norrby ska ha trygga och gröna bostadsområden med service nära.\n', '')
      .replace('## Uppföljning', `${extra}\n### Tom strategi\n\nText utan insats.\n\n## Uppföljning`);
    const a = analyze(broken, { fileName: 'bostadsstrategi.strategi.md', templates, registry });
    assert.deepEqual(codes(a).sort(), ['plan.part.no-items', 'plan.structure.no-text', 'plan.structure.too-many']);
    const msg = (c: string) => a.findings.find((f) => f.code === c)!.message;
    assert.match(msg('plan.structure.too-many'), /7 strategier/);
    assert.match(msg('plan.structure.too-many'), /högst 5/);
    assert.match(msg('plan.part.no-items'), /0 insatser/);
    assert.match(msg('plan.structure.no-text'), /Attraktiva boendemiljöer/);
  });

  it('Should recognise “Strategi: Namn” and “Strategi 2 – Namn” by their label, numbered or not', () => {
    const a = check('## Strategier\n\n### Strategi: Attraktiva boendemiljöer\n\nText.\n\n### Strategi 2 – Fler jobb\n\nText.\n', {
      parts: { label: 'Strategi', name: 'strategi', plural: 'strategier', numbering: 'optional' },
    });
    assert.deepEqual(
      a.plan.parts.map((p) => [p.number, p.title]),
      [
        [undefined, 'Attraktiva boendemiljöer'],
        ['2', 'Fler jobb'],
      ],
    );
    assert.deepEqual(codes(a), []);
  });

  it('Should still require numbers where numbering is required, and name the label in the message', () => {
    const a = check('## Strategi: Utan nummer\n', { parts: { label: 'Strategi', name: 'strategi' } });
    assert.deepEqual(codes(a), ['plan.part.numbering-gap']);
    assert.match(a.findings[0].message, /Strategi 1\./);
  });

  it('Should check a fixed, ordered list of named headings: each present once, in order', () => {
    const parts = { name: 'målområde', plural: 'målområden', headings: ['Trygghet', 'Hälsa', 'Miljö'] };
    const ok = check('## Trygghet\n\nText.\n\n## Hälsa\n\nText.\n\n## Miljö\n\nText.\n', { parts });
    assert.deepEqual(codes(ok), []);
    assert.equal(ok.plan.parts.length, 3);
    const bad = check('## Miljö\n\nText.\n\n## Trygghet\n\nText.\n', { parts });
    assert.deepEqual(codes(bad).sort(), ['plan.structure.missing-heading', 'plan.structure.order']);
    assert.match(bad.findings.find((f) => f.code === 'plan.structure.missing-heading')!.message, /Hälsa/);
  });

  it('Should count exactly: one unit too many and one too few are both reported', () => {
    const parts = { label: 'Del', name: 'del', plural: 'delar', count: 2 };
    assert.deepEqual(codes(check('## Del 1. A\n\n## Del 2. B\n', { parts })), []);
    assert.deepEqual(codes(check('## Del 1. A\n', { parts })), ['plan.part.missing']);
    assert.deepEqual(codes(check('## Del 1. A\n\n## Del 2. B\n\n## Del 3. C\n', { parts })), ['plan.structure.too-many']);
  });

  it('Should read a third level and number it from its parent: 1.2.1', () => {
    const parts = { label: 'Del', name: 'del', items: { label: 'Mål', name: 'mål', items: { label: 'Delmål', name: 'delmål', plural: 'delmål' } } };
    const a = check('## Del 1. A\n\n### Mål 1.1. B\n\n#### Delmål 1.1.1. C\n\n#### Delmål 1.1.3. D\n', { parts });
    assert.deepEqual(
      a.plan.parts[0].children[0].children.map((u) => u.number),
      ['1.1.1', '1.1.3'],
    );
    assert.deepEqual(codes(a), ['plan.ambition.numbering-gap']);
    assert.match(a.findings[0].message, /1\.1\.2/);
  });

  it('Should take a level without items: the parts carry the subsections', () => {
    const parts = { label: 'Område', name: 'område', subsections: [{ id: 'mal', label: 'Mål', title: 'Mål' }] };
    const a = check('## Område 1. Skola\n\n### Mål\n\nText.\n\n## Område 2. Vård\n\nText.\n', { parts });
    assert.deepEqual(codes(a), ['plan.ambition.missing-section']);
    assert.match(a.findings[0].message, /Område 2\. Vård/);
    const ov = planOverview(a, '2026-11-26');
    assert.equal(ov.flat, true);
    assert.deepEqual(
      ov.looseAmbitions.map((x) => x.subsections.map((s) => s.present)),
      [[true], [false]],
    );
  });

  it('Should refuse inconsistent levels in a template file, pointing at the value', () => {
    const bad = loadTemplate(
      '{"id":"x","name":"X","frontMatter":[{"key":"dokumenttyp","type":"documenttype"}],"sections":[{"id":"d","title":"D","kind":"parts"}],"parts":{"name":"del","match":"label","minCount":3,"maxCount":2}}',
      'x.planmall.json',
    );
    assert.equal(bad.template, undefined);
    assert.deepEqual(
      bad.findings.map((f) => f.code),
      ['template.invalid', 'template.invalid'],
    );
  });

  it('Should refuse a file pattern that would make every Markdown file a plan', () => {
    for (const filePattern of ['', '.md', 'md', '.MD']) {
      const r = loadTemplate(
        JSON.stringify({ id: 'x', name: 'X', frontMatter: [{ key: 'dokumenttyp', type: 'documenttype' }], sections: [], filePattern }),
        'x.planmall.json',
      );
      assert.equal(r.template, undefined, JSON.stringify(filePattern));
    }
  });

  it('Should write a new document and the readable template from the levels, with the template’s diarienummer example', () => {
    const { templates } = norrby();
    const tpl = templates.get('strategi')!;
    const skeleton = templateSkeleton(tpl, '2026-11-26');
    assert.match(skeleton, /diarienummer: \$\{\d+:KS 2025-117\}/);
    assert.match(skeleton, /## Strategier\n\n### \$\{\d+:strategi\}/);
    assert.match(skeleton, /#### Insats: \$\{\d+:insats\}/);
    const text = templateAsMarkdown(tpl);
    assert.match(text, /Strategier.*2–5/);
  });

  it('Should quote the plan’s own period in an inserted Vad heading', () => {
    const text = readFileSync(join(__dirname, '../../examples/halmstad/ren-plan.plan.md'), 'utf8')
      .replace(/gäller-till: \d{4}/, 'gäller-till: 2027')
      .replace(/gäller-från: \d{4}/, 'gäller-från: 2025')
      .replace(/#### Vad behöver vi[^\n]*\n\n[^#]*/, '');
    const a = analyze(text, { fileName: 'ren-plan.plan.md', style: false });
    const missing = a.findings.find((f) => f.code === 'plan.ambition.missing-section');
    assert.ok(missing, JSON.stringify(codes(a)));
    assert.doesNotMatch(missing.message, /fyra/);
    assert.match(String(missing.data?.insertText), /Vad behöver vi lyckas med de närmaste två åren för att nå ambitionen\?/);
  });
});

describe('Several organisations in one registry', () => {
  before(() => setLocale('sv'));
  const SAM = join(__dirname, '../../examples/samverkan');
  const load = () => {
    const reg = loadRegistry(readFileSync(join(SAM, 'samverkan.organisation.json'), 'utf8'), 'samverkan.organisation.json');
    return { registry: new Registry(reg.registry!), text: readFileSync(join(SAM, 'gemensam-pendling.plan.md'), 'utf8') };
  };

  it('Should check the joint plan of two kommuner and a region as clean', () => {
    const { registry, text } = load();
    assert.deepEqual(analyze(text, { fileName: 'gemensam-pendling.plan.md', registry }).findings, []);
  });

  it('Should report a body that ceased before the plan starts, and an unknown kommun as an unknown actor, naming all the organisations', () => {
    const { registry, text } = load();
    const broken = text
      .replace('- Kollektivtrafiknämnden ska utöka', '- Trafiknämnden ska utöka')
      .replace('- Samhällsnämnden ska bygga om', '- Norrgårds kommun ska bygga om');
    const a = analyze(broken, { fileName: 'gemensam-pendling.plan.md', registry });
    assert.deepEqual(codes(a), ['plan.ansvar.body-validity', 'plan.ansvar.unknown-body']);
    assert.match(a.findings[0].message, /2025-12-31/);
    assert.match(a.findings[1].message, /”Norrgårds kommun”/);
    assert.match(a.findings[1].message, /Grannby kommun, Åsby kommun och Region Västerland/);
  });
});

describe('Bodies directly under a part', () => {
  before(() => setLocale('sv'));
  it('Should report a misspelt body in a list or an Ansvar line directly under a Del, where the template takes no actions', () => {
    const text = readFileSync(join(__dirname, '../../examples/halmstad/ren-plan.plan.md'), 'utf8').replace(
      /(## Del 1\.[^\n]*\n)/,
      '$1\nAnsvar: Kulturnämden\n\n- Byggnadsnämden ska samordna arbetet.\n',
    );
    const a = analyze(text, { fileName: 'ren-plan.plan.md', style: false });
    const unknown = a.findings.filter((f) => f.code === 'plan.ansvar.unknown-body').map((f) => a.plan.md.text.slice(f.range.start, f.range.end));
    assert.deepEqual(unknown.sort(), ['Byggnadsnämden', 'Kulturnämden']);
  });
});
