/**
 * The follow-up report as Word: read back with mammoth (headings as Word's heading styles give them,
 * tables) and JSZip (the package's parts): the title and the plan's header block, the progress as
 * counts per status, the indicator tables, the actions with the year's status, date and comment,
 * header rows, the language, the document properties and the footer with the diarienummer.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { analyze, setLocale, TemplateSet, type Template } from '../../server/src/core/index';
import { followUpReportFile } from '../../server/src/node/followup-report';
import { DATED } from '../helpers/followup';

const ROOT = join(__dirname, '../..');
const CLEAN = readFileSync(join(ROOT, 'examples/halmstad/ren-plan.plan.md'), 'utf8');
const analyse = (text: string) => analyze(text, { fileName: 'x.plan.md' });

interface Word {
  html: string;
  part: (name: string) => Promise<string>;
}

async function word(text: string, year: number, locale: 'sv' | 'en' = 'sv'): Promise<Word> {
  setLocale(locale);
  try {
    const data = await followUpReportFile(analyse(text), year, 'docx', '2026-03-01');
    assert.ok(data instanceof Uint8Array, 'Word is bytes');
    const buffer = Buffer.from(data);
    const zip = await JSZip.loadAsync(buffer);
    return {
      html: (await mammoth.convertToHtml({ buffer })).value,
      part: async (name) => (await zip.file(name)?.async('string')) ?? assert.fail(`no ${name} in the package`),
    };
  } finally {
    setLocale('sv');
  }
}

const unescape = (s: string) =>
  s
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
const headings = (html: string) => [...html.matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map((m) => `${m[1]} ${unescape(m[2])}`);
/** The tables as rows of cell texts. */
const tables = (html: string) =>
  [...html.matchAll(/<table>(.*?)<\/table>/g)].map((t) =>
    [...t[1].matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<t[dh]>(.*?)<\/t[dh]>/g)].map((c) => unescape(c[1]))),
  );

describe('Follow-up report as Word', function () {
  this.timeout(60_000);
  let doc: Word;
  before(async () => (doc = await word(DATED, 2025)));

  it('Should have the title, the parts, the units and their sections in Word’s heading styles', () => {
    assert.deepEqual(headings(doc.html), [
      '1 Uppföljning 2025: Plan för cykling 2025–2028',
      '2 Framsteg',
      '2 Del 1. Fler väljer cykeln',
      '3 Ambition 1.1. Ett sammanhängande cykelnät',
      '4 Indikatorer',
      '4 Åtgärder',
      '3 Ambition 1.2. Trygg cykling för barn och unga',
      '4 Indikatorer',
      '4 Åtgärder',
      '2 Del 2. En plats att cykla till',
      '3 Ambition 2.1. Bra cykelparkering vid målpunkter',
      '4 Åtgärder',
      '2 Per ansvarigt organ',
    ]);
  });

  it('Should identify the plan, say which date it reflects, and give the progress as counts per status', () => {
    const [header, progress] = tables(doc.html);
    assert.deepEqual(header[1], ['Diarienummer', 'KS 2024/0412'], 'the header block of the publishing');
    assert.match(doc.html, /Status vid utgången av 2025 \(2025-12-31\) enligt planen 2026-03-01/);
    assert.match(doc.html, /Åtgärder med en status daterad efter 2025-12-31: 1\./);
    assert.deepEqual(progress, [
      ['Del', 'inte påbörjad', 'pågår', 'klar', 'avbruten', 'utan status', 'Totalt'],
      ['Alla åtgärder', '1', '3', '2', '1', '4', '11'],
      ['Del 1. Fler väljer cykeln', '1', '3', '1', '1', '1', '7'],
      ['Del 2. En plats att cykla till', '0', '0', '1', '0', '3', '4'],
    ]);
    assert.match(doc.html, /<p>1 inte påbörjad, 2 pågår, 1 utan status<\/p>/, 'each unit’s counts in words');
  });

  it('Should list the indicators and the actions with the year’s status, date and comment', () => {
    const all = tables(doc.html);
    const indicators = all.filter((t) => t[0][0] === 'Indikator');
    assert.equal(indicators.length, 2);
    assert.deepEqual(indicators[0][0], ['Indikator', 'Kolada', 'Utgångsläge', 'Mål', 'Källa']);
    assert.deepEqual(indicators[1][2], ['Andel elever med gymnasieexamen inom 4 år', 'N17461', '2023: 72 %', '2028: 80 %', 'Kolada']);
    const actions = all.filter((t) => t[0][0] === 'Åtgärd');
    assert.equal(actions.length, 3);
    assert.deepEqual(actions[0][0], ['Åtgärd', 'Aktör', 'Status', 'Datum', 'Kommentar']);
    assert.deepEqual(actions[0][1].slice(1), ['Teknik- och fritidsnämnden', 'utan status (senare: klar, 2026-02-01)', '', ''], 'a later year’s status');
    assert.deepEqual(actions[0][2].slice(2), ['pågår', '2025-12-01', 'Tre av tolv sträckor är byggda.']);
    assert.deepEqual(actions[0][4].slice(2), ['inte påbörjad', '', ''], 'undated');
    assert.deepEqual(actions[2][1].slice(2), ['klar', '', ''], 'a ticked task box');
    assert.deepEqual(actions[1][3].slice(2), ['avbruten', '1.9.25', 'Ersätts av trafikundervisning i idrotten.']);
  });

  it('Should mark every table’s first row as a header row, and keep the plan’s language, properties and footer', async () => {
    const xml = await doc.part('word/document.xml');
    const count = (re: RegExp) => (xml.match(re) ?? []).length;
    assert.equal(count(/<w:tbl>/g), 8, 'header block, progress, 2 + 3 unit tables, responsible bodies');
    assert.equal(count(/<w:tblHeader\/>/g), 7, 'each table but the header block has a header row');
    assert.match(await doc.part('word/styles.xml'), /<w:lang w:val="sv-SE"\/>/);
    const core = await doc.part('docProps/core.xml');
    assert.match(core, /<dc:title>Uppföljning 2025: Plan för cykling 2025–2028<\/dc:title>/);
    assert.match(core, /<dc:subject>Uppföljningsrapport<\/dc:subject>/);
    assert.match(core, /<dc:creator>Tillväxtavdelningen, kommunledningsförvaltningen<\/dc:creator>/);
    assert.match(await doc.part('word/footer1.xml'), /KS 2024\/0412 · Plan/);
  });

  it('Should follow the year: a status of 2026 counts in the report for 2026', async () => {
    const later = await word(DATED, 2026);
    const actions = tables(later.html).filter((t) => t[0][0] === 'Åtgärd');
    assert.deepEqual(actions[0][1].slice(2), ['klar', '2026-02-01', 'Utbyggnadsplanen antogs av teknik- och fritidsnämnden i oktober.']);
    assert.doesNotMatch(later.html, /senare:/);
  });

  it('Should be in English with an English UI, and make a report for a plan without statuses', async () => {
    const en = await word(DATED, 2025, 'en');
    assert.equal(headings(en.html)[0], '1 Follow-up 2025: Plan för cykling 2025–2028');
    assert.match(await en.part('word/styles.xml'), /<w:lang w:val="en-GB"\/>/);
    assert.match(en.html, /no status \(later: klar, 2026-02-01\)/);
    const clean = await word(CLEAN, 2025);
    assert.match(clean.html, /Planen har ännu inga statusar eller indikatorer/);
    assert.equal(headings(clean.html).length, 1);
  });

  it('Should put the units under the title when the template has one level', async () => {
    const template: Template = {
      id: 'strategi',
      name: 'Strategi',
      frontMatter: [{ key: 'dokumenttyp', type: 'documenttype', role: 'documentType' }],
      sections: [{ id: 'strategier', title: 'Strategier', kind: 'parts' }],
      parts: { label: 'Område', name: 'område', subsections: [{ id: 'hur', label: 'Hur', title: 'Hur?', actions: true }] },
    };
    const text = [
      '---\ndokumenttyp: strategi\n---\n\n# Strategi för skolan\n\n## Strategier\n',
      '## Område 1. Skola\n\n### Hur?\n\n- [x] Kommunstyrelsen ska bygga en skola.\n',
      '## Område 2. Vård\n\n### Hur?\n\n- Kommunstyrelsen ska bygga en vårdcentral.\n  - Status: pågår (2025-05-01)\n',
    ].join('\n');
    setLocale('sv');
    const a = analyze(text, { fileName: 'x.md', templates: new TemplateSet().withOverrides([template]), style: false });
    const data = await followUpReportFile(a, 2025, 'docx', '2026-03-01');
    const html = (await mammoth.convertToHtml({ buffer: Buffer.from(data as Uint8Array) })).value;
    assert.deepEqual(headings(html), [
      '1 Uppföljning 2025: Strategi för skolan',
      '2 Framsteg',
      '2 Område 1. Skola',
      '3 Åtgärder',
      '2 Område 2. Vård',
      '3 Åtgärder',
      '2 Per ansvarigt organ',
    ]);
    assert.deepEqual(tables(html)[1].slice(0, 2), [
      ['Område', 'inte påbörjad', 'pågår', 'klar', 'avbruten', 'utan status', 'Totalt'],
      ['Alla åtgärder', '0', '1', '1', '0', '0', '2'],
    ]);
  });

  it('Should write characters Word refuses as nothing, and the rest as text', async () => {
    const odd = await word(DATED.replace('Tre av tolv sträckor är byggda.', 'Tre <b>av</b> tolv\u0001 & mer'), 2025);
    assert.match(odd.html, /<td><p>Tre &lt;b&gt;av&lt;\/b&gt; tolv &amp; mer<\/p><\/td>/);
  });
});
