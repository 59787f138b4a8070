import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommentRangeEnd, CommentRangeStart, CommentReference, Document, HeadingLevel, InternalHyperlink, Packer, Paragraph, Tab, TextRun } from 'docx';
import mammoth from 'mammoth';
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { runImport } from '../../server/src/cli/plan-import';
import { analyze, loadRegistry, loadTemplate, Registry, setLocale, TemplateSet, type Analysis } from '../../server/src/core/index';
import { isoDate } from '../../server/src/word/dates';
import { takeHeader } from '../../server/src/word/header';
import { DocxError, importDocx, type ImportResult } from '../../server/src/word/import';
import { parseHtml } from '../../server/src/word/markdown';
import { promoteHeadings, type WordNode } from '../../server/src/word/promote';
import { asbyPlan, ASBY_HEADER, buildDocx, cleanPlan, FOOTNOTE, HEADER_ROWS, type HeadingStyle } from '../fixtures-word/build';

const ROOT = join(__dirname, '../..');
const ASBY = join(ROOT, 'examples/asby');

/** Words as a reader sees them, lower case, without punctuation or markup. */
function words(s: string): string[] {
  return (
    s
      .normalize('NFC')
      .toLocaleLowerCase('sv')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const BLOCKS = new Set(['root', 'heading', 'paragraph', 'list', 'listItem', 'table', 'tableRow', 'tableCell', 'footnoteDefinition', 'blockquote']);

/** The text of a tree with a space between blocks (mdast-util-to-string runs them together); images' alt text left out. */
function blockText(n: Root | Root['children'][number]): string {
  if (BLOCKS.has(n.type) && 'children' in n) return (n.children as Root['children']).map(blockText).join(' ');
  return toString(n, { includeImageAlt: false });
}

function parseMd(md: string): { front: Record<string, unknown>; body: Root } {
  const root = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).parse(md) as Root;
  const yaml = root.children[0]?.type === 'yaml' ? root.children.shift() : undefined;
  return { front: yaml && yaml.type === 'yaml' ? (parseYaml(yaml.value, { schema: 'core' }) as Record<string, unknown>) : {}, body: root };
}

/** The front matter the header table of the clean plan gives. */
const CLEAN_FRONT = {
  dokumenttyp: 'plan',
  titel: 'Plan för cykling 2025–2028',
  diarienummer: 'KS 2024/0412',
  'framtagen-av': 'Kommunledningsförvaltningen',
  'beslutad-av': 'Kommunfullmäktige',
  beslutsdatum: '2024-11-26',
  'gäller-från': '2025-01-01',
  'gäller-till': '2028-12-31',
  dokumentansvarig: 'Tillväxtavdelningen, kommunledningsförvaltningen',
  'gäller-förvaltningar': 'ja',
  'gäller-bolag': 'ja',
  processhänvisning: 'Planeringsdirektiv med budget',
};

const imported = new Map<HeadingStyle, { docx: Buffer; result: ImportResult; analysis: Analysis }>();

async function cleanImport(style: HeadingStyle) {
  let r = imported.get(style);
  if (!r) {
    const docx = await buildDocx({ style, header: HEADER_ROWS, blocks: cleanPlan() });
    const result = await importDocx(docx, { templates: new TemplateSet(), planName: 'cykelplan.plan.md' });
    r = { docx, result, analysis: analyze(result.markdown, { fileName: 'cykelplan.plan.md' }) };
    imported.set(style, r);
  }
  return r;
}

describe('Word import: the clean plan as Word holds it', () => {
  // Other tests (and plan-import's --locale) change the language: these expect Swedish.
  beforeEach(() => setLocale('sv'));

  for (const [style, what] of [
    ['english', 'with Word’s heading styles'],
    ['swedish', 'with Swedish style names (”Rubrik 1”)'],
    ['none', 'without heading styles (bold and numbered paragraphs)'],
  ] as Array<[HeadingStyle, string]>) {
    describe(what, () => {
      it('Should check without errors or warnings but the image without alt text, with its parts, ambitions and their Varför, Vad and Hur', async () => {
        const { analysis, result } = await cleanImport(style);
        const serious = analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
        // The photo without alt text in the Word file is pointed out where it stands in the plan, as the note says.
        assert.deepEqual(
          serious.map((f) => `${f.code}: ${result.markdown.slice(f.range.start, f.range.end)}`),
          ['plan.image.missing-alt: ![](cykelplan-bilder/bild-2.png)'],
          result.markdown,
        );
        assert.match(serious[0].message, /^Bilden ”bild-2\.png” saknar alternativtext/);
        assert.ok(result.notes.some((n) => n.includes('”cykelplan-bilder/bild-2.png”') && n.includes('Kontrollen pekar också ut dem')));
        const plan = analysis.plan;
        assert.equal(plan.template?.id, 'plan');
        assert.deepEqual(
          plan.parts.map((p) => [p.number, p.title, p.children.map((c) => [c.number, c.title, c.subsections.map((s) => s.spec.id)])]),
          [
            ['1', 'Fler väljer cykeln', [['1.1', 'Ett sammanhängande cykelnät', ['varfor', 'vad', 'hur']]]],
            ['2', 'En plats att cykla till', [['2.1', 'Bra cykelparkering vid målpunkter', ['varfor', 'vad', 'hur']]]],
          ],
        );
        assert.deepEqual(
          plan.parts.flatMap((p) => p.children.flatMap((c) => c.subsections.flatMap((s) => s.actions.map((a) => a.actor?.body.name)))),
          ['Teknik- och fritidsnämnden', 'Kommunstyrelsen', 'Teknik- och fritidsnämnden'],
        );
        assert.ok(plan.toc && plan.toc.entries.length === 8, 'the hand-made Innehåll is read by the checker');
      });

      it('Should write the headings in the template’s form at the template’s depths', async () => {
        const { result } = await cleanImport(style);
        const lines = result.markdown.split('\n').filter((l) => l.startsWith('#'));
        assert.equal(lines[0], '# Plan för cykling 2025–2028');
        for (const h of ['## Framtagande av planen', '## Innehåll', '## Del 1. Fler väljer cykeln', '## Del 2. En plats att cykla till', '## Källor'])
          assert.ok(lines.includes(h), h);
        assert.ok(lines.includes('### Ambition 1.1. Ett sammanhängande cykelnät'));
        assert.ok(lines.includes('#### Varför är ambitionen viktig?'));
        assert.ok(lines.includes('#### Hur?'));
      });

      it('Should take the header table as front matter with the template’s keys and ISO dates', async () => {
        const { result } = await cleanImport(style);
        const { front } = parseMd(result.markdown);
        assert.deepEqual(front, CLEAN_FRONT);
        assert.ok(result.markdown.startsWith('---\ndokumenttyp: plan\ntitel: '));
      });

      it('Should keep every word of the document, in order, apart from markup', async () => {
        const { docx, result } = await cleanImport(style);
        const raw = (await mammoth.extractRawText({ buffer: docx })).value;
        const header = words(HEADER_ROWS.flat().join(' '));
        const doc = words(raw);
        assert.deepEqual(doc.slice(0, header.length), header, 'the header table comes first');
        const { body, front } = parseMd(result.markdown);
        // Footnotes stand last in the plan; the raw text has none. The label "Ambition" is the template's form.
        const expected = [...doc.slice(header.length), ...words(FOOTNOTE)];
        const got = words(blockText(body)).filter((w, i, all) => !(w === 'ambition' && /^\d/.test(all[i + 1] ?? '')));
        assert.deepEqual(got, expected);
        // The header's words are in the front matter: labels as keys, values as written but for dates.
        const frontWords = words(Object.entries(front).flat().join(' '));
        for (const [label, value] of HEADER_ROWS) {
          for (const w of words(label)) assert.ok(frontWords.includes(w), label);
          for (const w of words(isoDate(value) ?? value)) assert.ok(frontWords.includes(w), value);
        }
      });

      it('Should keep tables, footnotes and links, and save images with their alt text', async () => {
        const { result } = await cleanImport(style);
        const md = result.markdown;
        assert.match(md, /^\| År {3}\| Andel resor med cykel \|$/m);
        assert.match(md, /^\| 2019 \| 12 procent {12}\|$/m);
        assert.match(md, /kortare än fem kilometer\.\[\^1\]/);
        assert.ok(md.includes(`[^1]: ${FOOTNOTE}`));
        assert.ok(md.includes('Läs mer hos [Trafikverket](https://www.trafikverket.se/).'));
        assert.ok(md.includes('![Karta över cykelnätet i centrum](cykelplan-bilder/bild-1.png)'));
        assert.ok(md.includes('![](cykelplan-bilder/bild-2.png)'));
        assert.deepEqual(
          result.images.map((i) => [i.path, i.alt, i.data.length > 0]),
          [
            ['cykelplan-bilder/bild-1.png', 'Karta över cykelnätet i centrum', true],
            ['cykelplan-bilder/bild-2.png', undefined, true],
          ],
        );
        assert.ok(
          result.notes.some((n) => n.includes('alternativtext') && n.includes('bild-2.png') && !n.includes('bild-1.png')),
          result.notes.join('\n'),
        );
      });
    });
  }

  it('Should say which paragraphs became headings in a document without heading styles, and only there', async () => {
    const none = (await cleanImport('none')).result.notes;
    assert.ok(none.some((n) => n.startsWith('Dokumentet har inga rubrikformat') && n.includes('”Del 1. Fler väljer cykeln”')));
    // The Innehåll's lines stay text: "Del 1. Fler väljer cykeln" is promoted once, in the body.
    assert.equal((await cleanImport('none')).result.markdown.match(/Del 1\. Fler väljer cykeln/g)?.length, 2);
    assert.ok(!(await cleanImport('english')).result.notes.some((n) => n.includes('rubrikformat')));
  });
});

describe('Word import: another document type and the template’s own words', () => {
  // Other tests (and plan-import's --locale) change the language: these expect Swedish.
  beforeEach(() => setLocale('sv'));

  it('Should find the template from the header’s document type and write its structure', async () => {
    const text = readFileSync(join(ASBY, 'asby.planmall.yaml'), 'utf8');
    const template = loadTemplate(text, 'asby.planmall.yaml').template!;
    const registry = new Registry(loadRegistry(readFileSync(join(ASBY, 'asby.organisation.json'), 'utf8'), 'asby.organisation.json').registry!);
    const templates = new TemplateSet().withOverrides([template]);
    for (const style of ['english', 'none'] as HeadingStyle[]) {
      const docx = await buildDocx({ style, header: ASBY_HEADER, blocks: asbyPlan() });
      const result = await importDocx(docx, { templates, planName: 'trygghet.md' });
      assert.equal(result.template.id, 'handlingsplan');
      const { front } = parseMd(result.markdown);
      assert.deepEqual(front, {
        dokumenttyp: 'handlingsplan',
        titel: 'Handlingsplan för trygghet 2026–2027',
        diarienummer: 'ÅSB-2025-118',
        'beslutad-av': 'Kommunstyrelsen',
        beslutsdatum: '2025-12-03',
        'gäller-från': '2026-01-01',
        'gäller-till': '2027-12-31',
        dokumentansvarig: 'Kommunkansliet',
        nivå: 'kommungemensam',
      });
      assert.ok(
        result.markdown.includes('\n## Fokusområden\n\n### Fokusområde 1. Trygga miljöer\n\n#### Mål 1.1. Väl upplysta gång- och cykelvägar\n\n##### Nuläge\n'),
      );
      const analysis = analyze(result.markdown, { fileName: 'trygghet.md', templates, registry });
      assert.deepEqual(
        analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code),
        [],
        result.markdown,
      );
      assert.deepEqual(
        analysis.plan.parts.map((p) => [p.title, p.children.map((c) => [c.number, c.subsections.length])]),
        [['Trygga miljöer', [['1.1', 2]]]],
      );
    }
  });

  it('Should keep a header field the template does not know as a key of its own, and say so', async () => {
    const header = [...HEADER_ROWS, ['Relaterade dokument', 'Strategisk plan'], ['Gäller till', 'tills vidare']].filter(
      (r) => r[0] !== 'Gäller till' || r[1] !== '31 december 2028',
    );
    const docx = await buildDocx({ style: 'english', header, blocks: cleanPlan() });
    const result = await importDocx(docx, { templates: new TemplateSet(), planName: 'x.md' });
    const { front } = parseMd(result.markdown);
    assert.equal(front['relaterade-dokument'], 'Strategisk plan');
    assert.equal(front['gäller-till'], 'tills vidare');
    assert.ok(
      result.notes.some((n) => n.includes('”Relaterade dokument”') && n.includes('”relaterade-dokument”')),
      result.notes.join('\n'),
    );
    assert.ok(
      result.notes.some((n) => n.includes('”tills vidare”') && n.includes('inget datum')),
      result.notes.join('\n'),
    );
    const codes = analyze(result.markdown, { fileName: 'x.plan.md' }).findings.map((f) => f.code);
    assert.ok(codes.includes('plan.frontmatter.unknown-key'), 'the checker points at the key');
  });

  it('Should write the header’s title as the title heading when the document has none, and say so', async () => {
    const docx = await buildDocx({
      style: 'english',
      header: [
        ['Titel', 'Riktlinje för sociala medier'],
        ['Dokumenttyp', 'Riktlinje'],
      ],
      blocks: [
        { kind: 'h1', text: 'Syfte' },
        { kind: 'p', text: 'Riktlinjen säger hur kommunen använder sociala medier.' },
      ],
    });
    const result = await importDocx(docx, { templates: new TemplateSet(), planName: 'x.md' });
    assert.equal(result.template.id, 'riktlinje');
    assert.match(result.markdown, /\n---\n\n# Riktlinje för sociala medier\n\n## Syfte\n/);
    assert.ok(result.notes.some((n) => n.includes('ingen titelrubrik') && n.includes('”Riktlinje för sociala medier”')));
  });

  it('Should use the template it is given, and report headings the template does not know', async () => {
    const docx = await buildDocx({
      style: 'english',
      blocks: [
        { kind: 'title', text: 'Rutin för posthantering' },
        { kind: 'h1', text: 'Förord' },
        { kind: 'p', text: 'Text.' },
      ],
    });
    const result = await importDocx(docx, { templates: new TemplateSet(), templateId: 'rutin', planName: 'post.md' });
    assert.equal(result.template.id, 'rutin');
    assert.ok(result.markdown.includes('\n## Förord\n'));
    assert.ok(
      result.notes.some((n) => n.includes('”Förord”') && n.includes('motsvarar inget i mallen')),
      result.notes.join('\n'),
    );
    assert.equal(parseMd(result.markdown).front.dokumenttyp, 'rutin');
  });
});

describe('Word import: the pieces', () => {
  // Other tests (and plan-import's --locale) change the language: these expect Swedish.
  beforeEach(() => setLocale('sv'));

  it('Should write Word’s automatic image description on one line, and the check point it out', async () => {
    const blocks = cleanPlan().map((b) => (b.kind === 'image' && !b.alt ? { ...b, alt: 'En bild som visar karta\n\nAutomatiskt genererad beskrivning' } : b));
    const docx = await buildDocx({ style: 'english', header: HEADER_ROWS, blocks });
    const result = await importDocx(docx, { templates: new TemplateSet(), planName: 'cykelplan.plan.md' });
    assert.ok(result.markdown.includes('![En bild som visar karta Automatiskt genererad beskrivning](cykelplan-bilder/bild-2.png)'), result.markdown);
    assert.ok(!result.notes.some((n) => n.includes('alternativtext')), 'every image has alt text');
    const findings = analyze(result.markdown, { fileName: 'cykelplan.plan.md' }).findings.filter((f) => f.code.startsWith('plan.image.'));
    assert.deepEqual(
      findings.map((f) => [f.code, f.severity, result.markdown.slice(f.range.start, f.range.end)]),
      [['plan.image.uninformative-alt', 'information', '![En bild som visar karta Automatiskt genererad beskrivning](cykelplan-bilder/bild-2.png)']],
    );
  });

  it('Should read Swedish long dates as ISO dates, and nothing else', () => {
    assert.equal(isoDate('23 januari 2019'), '2019-01-23');
    assert.equal(isoDate('1 mars 2020'), '2020-03-01');
    assert.equal(isoDate('5 okt. 2021'), '2021-10-05');
    assert.equal(isoDate('2019-1-5'), '2019-01-05');
    assert.equal(isoDate('31 februari 2019'), undefined);
    assert.equal(isoDate('tills vidare'), undefined);
    assert.equal(isoDate('23 brumaire 2019'), undefined);
  });

  it('Should take header fields in a table of labels over values, in cells and as “Label: value” paragraphs, and keep the rest', () => {
    const labels = new Set(['dokumenttyp', 'beslutad av', 'diarienummer', 'gäller från']);
    const isLabel = (s: string) => labels.has(s.toLocaleLowerCase('sv').replace(/:$/, '').trim());
    const tree = parseHtml(
      '<p>Diarienummer: KS 2020/1</p><table><tr><td><p>Dokumenttyp</p></td><td><p>Beslutad av</p></td></tr><tr><td><p>Riktlinje</p></td><td><p>Kommunstyrelsen</p></td></tr>' +
        '<tr><td><p>Gäller från</p><p>1 mars 2020</p></td><td><p>Sida 1 av 3</p></td></tr></table><h1>Titel</h1><h2>Syfte</h2><p>Gäller från: aldrig</p>',
    );
    const header = takeHeader(tree, isLabel);
    assert.deepEqual(
      header.pairs.map((p) => [p.label, p.value]),
      [
        ['Dokumenttyp', 'Riktlinje'],
        ['Beslutad av', 'Kommunstyrelsen'],
        ['Gäller från', '1 mars 2020'],
        ['Diarienummer', 'KS 2020/1'],
      ],
    );
    assert.deepEqual(header.leftovers, ['Sida 1 av 3']);
    // The table is gone, its leftover is a paragraph; the field after the first heading stays text.
    assert.deepEqual(
      tree.children.map((c) => (c.type === 'element' ? c.tagName : c.type)),
      ['p', 'h1', 'h2', 'p'],
    );
  });

  it('Should promote bold and numbered paragraphs only in a document without heading styles (without the templates: by number and size)', () => {
    const para = (text: string, bold = false, styleName: string | null = null): WordNode => ({
      type: 'paragraph',
      styleName,
      children: [{ type: 'run', isBold: bold, fontSize: bold ? 16 : null, children: [{ type: 'text', value: text }] }],
    });
    const doc: WordNode = {
      type: 'document',
      children: [
        para('Plan för skolan', true),
        para('Inledning', true),
        para('En vanlig mening som inte är en rubrik.'),
        para('1. Trygghet'),
        para('Del 2. Lärande'),
        para('Fet mening som slutar med punkt.', true),
        para('2019 växte kommunen med många invånare'),
      ],
    };
    const r = promoteHeadings(doc, { tocTitles: new Set(['innehåll']) });
    assert.deepEqual(r.promoted, ['Plan för skolan', 'Inledning', '1. Trygghet', 'Del 2. Lärande']);
    assert.deepEqual(
      doc.children!.map((p) => p.styleName),
      ['Heading 1', 'Heading 2', null, 'Heading 2', 'Heading 2', null, null],
    );
    const styled: WordNode = { type: 'document', children: [para('Rubrik', false, 'Rubrik 1'), para('Fet', true)] };
    assert.deepEqual(promoteHeadings(styled, { tocTitles: new Set() }), { styled: true, promoted: [], kept: [] });
  });

  it('Should keep Word’s own Innehåll as a list with its page numbers after a tab, which the checker reads', async () => {
    const line = (text: string, page: string, style = 'TOC1') =>
      new Paragraph({ style, children: [new TextRun(text), new TextRun({ children: [new Tab(), page] })] });
    const doc = new Document({
      styles: { paragraphStyles: [1, 2].map((n) => ({ id: `TOC${n}`, name: `toc ${n}`, basedOn: 'Normal' })) },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Plan för skolan', heading: HeadingLevel.TITLE }),
            new Paragraph({ text: 'Innehåll', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              style: 'TOC1',
              children: [new InternalHyperlink({ anchor: '_Toc1', children: [new TextRun('Inledning'), new TextRun({ children: [new Tab(), '3'] })] })],
            }),
            line('Del 1. Växa', '4'),
            line('1.1. Skola', '5', 'TOC2'),
            new Paragraph({ text: 'Inledning', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('Text.'),
            new Paragraph({ text: 'Del 1. Växa', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({ text: '1.1. Skola', heading: HeadingLevel.HEADING_2 }),
          ],
        },
      ],
    });
    const result = await importDocx(await Packer.toBuffer(doc), { templates: new TemplateSet(), templateId: 'plan', planName: 'x.md' });
    assert.ok(result.markdown.includes('## Innehåll\n\n- Inledning\t3\n- Del 1. Växa\t4\n  - 1.1. Skola\t5\n'), result.markdown);
    const toc = analyze(result.markdown, { fileName: 'x.plan.md' }).plan.toc!;
    assert.deepEqual(
      toc.entries.map((e) => [e.label, e.number, e.title]),
      [
        [undefined, undefined, 'Inledning'],
        ['Del', '1', 'Växa'],
        [undefined, '1.1', 'Skola'],
      ],
    );
  });

  it('Should say how many comments the document has, since they are not imported', async () => {
    const doc = new Document({
      comments: { children: [{ id: 0, author: 'Granskare', date: new Date(0), children: [new Paragraph('Stämmer siffran?')] }] },
      sections: [
        {
          children: [
            new Paragraph({ text: 'Plan', heading: HeadingLevel.TITLE }),
            new Paragraph({
              children: [new CommentRangeStart(0), new TextRun('Text'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })],
            }),
          ],
        },
      ],
    });
    const result = await importDocx(await Packer.toBuffer(doc), { templates: new TemplateSet(), templateId: 'plan', planName: 'x.md' });
    assert.ok(result.notes.includes('Dokumentet har 1 kommentar; kommentarer importeras inte.'), result.notes.join('\n'));
    assert.ok(result.markdown.includes('\nText\n'));
  });

  it('Should refuse what is not a Word document with a clear message', async () => {
    const templates = new TemplateSet();
    const attempt = (data: Uint8Array) => importDocx(data, { templates, planName: 'x.md' });
    await assert.rejects(
      attempt(new TextEncoder().encode('Det här är ingen Word-fil.')),
      (e: unknown) => e instanceof DocxError && /inget zip-arkiv/.test(e.message),
    );
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await assert.rejects(attempt(ole), (e: unknown) => e instanceof DocxError && /\.doc\b.*spara det som \.docx/.test(e.message));
    const docx = await buildDocx({ style: 'english', blocks: [{ kind: 'p', text: 'Text' }] });
    await assert.rejects(attempt(docx.subarray(0, docx.length - 30)), (e: unknown) => e instanceof DocxError && /skadad/.test(e.message));
  });
});

describe('plan-import, the command line', () => {
  // Other tests (and plan-import's --locale) change the language: these expect Swedish.
  beforeEach(() => setLocale('sv'));

  const dirs: string[] = [];
  after(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'plan-import-'));
    dirs.push(d);
    return d;
  };
  async function cli(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImport(
      args,
      (s) => out.push(s),
      (s) => err.push(s),
    );
    return { code, out, err };
  }

  it('Should write the plan and its images beside the document, list the notes and exit 0', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'Cykelplan.docx'), (await cleanImport('english')).docx);
    const r = await cli(['--locale', 'sv', join(dir, 'Cykelplan.docx')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const plan = join(dir, 'Cykelplan.plan.md');
    assert.ok(existsSync(plan) && existsSync(join(dir, 'Cykelplan-bilder/bild-1.png')) && existsSync(join(dir, 'Cykelplan-bilder/bild-2.png')));
    assert.ok(readFileSync(plan, 'utf8').includes('![Karta över cykelnätet i centrum](Cykelplan-bilder/bild-1.png)'));
    assert.ok(r.out[0].startsWith('plan-import: skrev '), r.out.join('\n'));
    assert.ok(r.err.some((l) => l.includes('alternativtext')));
  });

  it('Should refuse to overwrite without --force (exit 4), and overwrite with it', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plan.docx'), (await cleanImport('english')).docx);
    const out = join(dir, 'egen.plan.md');
    writeFileSync(out, 'min egen text');
    const r = await cli(['--locale', 'en', join(dir, 'plan.docx'), '-o', out]);
    assert.equal(r.code, 4);
    assert.match(r.err.join('\n'), /already there: .*egen\.plan\.md.*--force/);
    assert.equal(readFileSync(out, 'utf8'), 'min egen text');
    assert.ok(!existsSync(join(dir, 'egen.plan-bilder')) && !existsSync(join(dir, 'egen-bilder')));
    const forced = await cli(['--locale', 'en', '--force', join(dir, 'plan.docx'), '-o', out]);
    assert.equal(forced.code, 0);
    assert.ok(readFileSync(out, 'utf8').startsWith('---\ndokumenttyp: plan\n'));
    assert.ok(existsSync(join(dir, 'egen-bilder/bild-1.png')));
  });

  it('Should exit 2 for bad usage, a missing file or an unknown template, and 3 for a file that is not a Word document', async () => {
    const dir = tmp();
    const docx = join(dir, 'plan.docx');
    writeFileSync(docx, (await cleanImport('english')).docx);
    assert.equal((await cli([])).code, 2);
    assert.equal((await cli(['--bogus', docx])).code, 2);
    const missing = await cli(['--locale', 'en', join(dir, 'nowhere.docx')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err[0], /no such file/);
    const unknown = await cli(['--locale', 'en', '--template', 'budget', docx]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err[0], /unknown template budget; the templates are: plan, riktlinje, rutin/);
    writeFileSync(join(dir, 'text.docx'), 'bara text');
    const notWord = await cli(['--locale', 'en', join(dir, 'text.docx')]);
    assert.equal(notWord.code, 3);
    assert.match(notWord.err[0], /not a Word document/);
    assert.ok(!existsSync(join(dir, 'text.plan.md')));
  });

  it('Should take a template file with --template and name the plan by the template’s file ending', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'trygghet.docx'), await buildDocx({ style: 'english', header: ASBY_HEADER, blocks: asbyPlan() }));
    const r = await cli(['--locale', 'en', '--template', join(ASBY, 'asby.planmall.yaml'), join(dir, 'trygghet.docx')]);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.ok(existsSync(join(dir, 'trygghet.handlingsplan.md')));
    assert.match(readFileSync(join(dir, 'trygghet.handlingsplan.md'), 'utf8'), /^---\ndokumenttyp: handlingsplan\n/);
  });
});
