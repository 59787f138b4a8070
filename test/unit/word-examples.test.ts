/**
 * The examples as Word files (issue 11): each Markdown example under examples/ is written as a
 * municipality's Word file would hold it (test/helpers/word-fixtures.ts, with the `docx` package:
 * a header table, heading styles or bold paragraphs, a hand-made or Word's own Innehåll, lists,
 * tables, quotations, images, footnotes), imported, and checked with the templates and registry
 * that apply to the example. The findings (code and heading) must be the Markdown example's, but
 * for the differences listed in docs/word-import.md (“Skillnader mot Markdown-versionen”), each
 * with its reason: a difference that is not listed fails, and so does a listed one that no longer
 * happens.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyze, LineIndex, setLocale, type Analysis, type Finding } from '../../server/src/core/index';
import { ConfigSearch } from '../../server/src/node/config';
import { importDocx, type ImportResult } from '../../server/src/word/import';
import { PNG_1PX, wordFromMarkdown, type Rendition } from '../helpers/word-fixtures';

const ROOT = join(__dirname, '../..');
const DOC = join(ROOT, 'docs/word-import.md');

interface Case {
  /** The example, relative to examples/. */
  example: string;
  /** The Word file, as the table in docs/word-import.md names it. */
  word: string;
  rendition: Rendition;
  /** Changes to the example's text before both are checked (the same Markdown is written as Word). */
  edit?: (markdown: string) => string;
  /** More checks of the import. */
  also?: (result: ImportResult) => void;
}

const EMPHASIS = '**Observera att planen gäller alla nämnder och bolag**';
const LEAD_IN = '**Trygga skolvägar**';

/** The clean plan with emphasis in bold: a sentence of its own in Inledning, a bold line in a Vad text. */
function withEmphasis(md: string): string {
  return md
    .replace('på ett hållbart sätt. Cykeln', `på ett hållbart sätt.\n\n${EMPHASIS}\n\nCykeln`)
    .replace('Vi behöver säkra skolvägarna', `${LEAD_IN}\n\nVi behöver säkra skolvägarna`)
    .replace('Bra cykelparkering minskar också', '**Bra cykelparkering** minskar också');
}

/** The clean plan with a map (with alt text), a photo without, and two footnotes. */
function withImagesAndFootnotes(md: string): string {
  return md
    .replace('kortare än fem kilometer.', 'kortare än fem kilometer.[^resor]')
    .replace('vid målet.\n', 'vid målet.\n\n![Karta över cykelnätet i centrum](karta.png)\n\n![](foto.png)\n')
    .replace('varje år.\n\n## Källor', 'varje år.[^uppf]\n\n## Källor')
    .concat('\n[^resor]: Resvaneundersökningen 2023.\n\n[^uppf]: Se [Kolada](https://www.kolada.se/).\n');
}

const CASES: Case[] = [
  {
    example: 'halmstad/ren-plan.plan.md',
    word: 'rubrikformat',
    rendition: { headings: 'english' },
    also: (r) => {
      assert.deepEqual(r.notes, [], 'nothing to look at');
      assert.match(r.markdown, /^> Trygghet är en utgångspunkt .*\n>\n> — \*Plan för attraktivitet/m, 'the quotation in Word’s Quote style is a quotation');
      assert.match(r.markdown, /^## Innehåll\n\nInledning\t3\n\nGemensamt ansvar\t4\n/m, 'the Innehåll as typed, with its page numbers');
    },
  },
  { example: 'halmstad/ren-plan.plan.md', word: 'utan rubrikformat, lösa nummer', rendition: { headings: 'bold', looseNumbers: true } },
  {
    example: 'halmstad/ren-plan.plan.md',
    word: 'utan rubrikformat, fet betoning',
    rendition: { headings: 'bold', boldSizes: false },
    edit: withEmphasis,
    also: (r) => {
      assert.ok(r.markdown.includes(`\n\n${EMPHASIS}\n\n`), 'the emphasis stays a bold paragraph');
      assert.ok(r.markdown.includes(`\n\n${LEAD_IN}\n\n`), 'the bold line in the Vad text stays one');
      assert.ok(
        r.notes.some((n) => n.includes('korta feta styckena blev text') && n.includes('”Trygga skolvägar”') && n.includes('”Observera att planen')),
        r.notes.join('\n'),
      );
    },
  },
  {
    example: 'halmstad/ren-plan.plan.md',
    word: 'bilder och fotnoter',
    rendition: { headings: 'english', images: { 'karta.png': PNG_1PX } },
    edit: withImagesAndFootnotes,
    also: (r) => {
      assert.ok(r.markdown.includes('![Karta över cykelnätet i centrum](ren-plan-bilder/bild-1.png)'), r.markdown);
      assert.ok(r.markdown.includes('![](ren-plan-bilder/bild-2.png)'));
      assert.ok(r.markdown.includes('kortare än fem kilometer.[^1]') && r.markdown.includes('[^1]: Resvaneundersökningen 2023.'));
      assert.ok(r.markdown.includes('[^2]: Se [Kolada](https://www.kolada.se/).'));
      assert.ok(r.notes.some((n) => n.includes('alternativtext') && n.includes('bild-2.png') && !n.includes('bild-1.png')));
    },
  },
  {
    example: 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md',
    word: 'svenska rubrikformat, lösa nummer',
    rendition: { headings: 'swedish', looseNumbers: true },
  },
  {
    example: 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md',
    word: 'utan rubrikformat, etiketter över värden',
    rendition: { headings: 'bold', header: 'grid' },
  },
  { example: 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md', word: 'Words eget Innehåll', rendition: { headings: 'english', toc: 'generated' } },
  { example: 'halmstad/riktlinje-for-sociala-medier.md', word: 'rubrikformat', rendition: { headings: 'english' } },
  { example: 'halmstad/riktlinje-for-sociala-medier.md', word: 'utan rubrikformat', rendition: { headings: 'bold', boldSizes: false } },
  {
    example: 'asby/handlingsplan-trygghet.md',
    word: 'svenska rubrikformat, etiketter över värden',
    rendition: { headings: 'swedish', header: 'grid', looseNumbers: true },
  },
  { example: 'norrby/bostadsstrategi.strategi.md', word: 'utan rubrikformat', rendition: { headings: 'bold', boldSizes: false } },
  {
    example: 'uppfoljning/cykelplan.plan.md',
    word: 'rubrikformat',
    rendition: { headings: 'english' },
    also: (r) => {
      assert.match(r.markdown, /^- \[x\] Teknik- och fritidsnämnden ska ta fram en plan/m, 'a check box (☒) is the action’s box');
      assert.match(r.markdown, /^- \[ \] Byggnadsnämnden ska säkra plats/m);
    },
  },
  { example: 'samverkan/gemensam-pendling.plan.md', word: 'svenska rubrikformat', rendition: { headings: 'swedish' } },
];

interface Difference {
  example: string;
  word: string;
  /** `saknas i Word`: the Markdown example has it and the import not; `bara i Word`: the other way. */
  side: 'saknas i Word' | 'bara i Word';
  code: string;
  heading: string;
  count: number;
  reason: string;
}

/** The table of documented differences in docs/word-import.md. */
function documented(): Difference[] {
  const text = readFileSync(DOC, 'utf8');
  const start = text.indexOf('\n## Skillnader mot Markdown-versionen');
  assert.ok(start >= 0, 'docs/word-import.md has the section of differences');
  const section = text.slice(start + 1).split(/\n## /)[0];
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/^`|`$/g, '')),
    );
  return rows.map(([example, word, side, code, heading, count, reason]) => {
    assert.ok(side === 'saknas i Word' || side === 'bara i Word', `a difference is “saknas i Word” or “bara i Word”: ${side}`);
    assert.ok(reason && reason.length > 20, `the difference ${code} in ${example} has its reason`);
    return { example, word, side, code, heading, count: Number(count), reason };
  });
}

/** Each finding as its code and the heading it stands under (or the front matter's key). */
function located(text: string, findings: Finding[]): string[] {
  const lines = text.split('\n');
  const index = new LineIndex(text);
  const fmEnd = text.startsWith('---') ? lines.indexOf('---', 1) : -1;
  return findings
    .map((f) => {
      const line = index.positionAt(f.range.start).line;
      if (line <= fmEnd) return `${f.code} @ front matter: ${lines[line].split(':')[0]}`;
      for (let i = line; i >= 0; i--) if (/^#{1,6} /.test(lines[i])) return `${f.code} @ ${lines[i].replace(/^#+ /, '').trim()}`;
      return `${f.code} @ (top)`;
    })
    .sort();
}

/** What is in `a` and not in `b`, as a multiset. */
function minus(a: string[], b: string[]): string[] {
  const rest = [...b];
  return a.filter((x) => {
    const i = rest.indexOf(x);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
}

function tally(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

describe('The examples as Word files: imported and checked, with the Markdown examples’ findings', () => {
  beforeEach(() => setLocale('sv'));
  const search = new ConfigSearch();
  const table = documented();

  for (const c of CASES) {
    it(`Should find in ${c.example} as Word (${c.word}) what the Markdown finds, but for the documented differences`, async () => {
      const file = join(ROOT, 'examples', c.example);
      const original = readFileSync(file, 'utf8');
      const markdown = c.edit ? c.edit(original) : original;
      if (c.edit) assert.notEqual(markdown, original, 'the edit applies');
      const scope = await search.forFile(file);
      const options = { fileName: file, templates: scope.templates, registry: scope.registry };
      const md: Analysis = analyze(markdown, options);
      const template = md.plan.template;
      assert.ok(template, `${c.example} is a plan`);
      const docx = await wordFromMarkdown(markdown, template, c.rendition);
      const result = await importDocx(docx, { templates: scope.templates, planName: basename(file) });
      assert.equal(result.template.id, template.id, 'the import finds the template');
      const word = analyze(result.markdown, options);
      assert.equal(word.plan.template?.id, template.id);
      c.also?.(result);

      const a = located(markdown, md.findings);
      const b = located(result.markdown, word.findings);
      const actual = [
        ...[...tally(minus(a, b))].map(([k, n]) => ['saknas i Word', k, n] as const),
        ...[...tally(minus(b, a))].map(([k, n]) => ['bara i Word', k, n] as const),
      ];
      const expected = table.filter((d) => d.example === c.example && d.word === c.word);
      const show = (side: string, key: string, n: number) => `${side}: ${key} ×${n}`;
      assert.deepEqual(
        actual.map(([side, key, n]) => show(side, key, n)).sort(),
        expected.map((d) => show(d.side, `${d.code} @ ${d.heading}`, d.count)).sort(),
        `differences between ${c.example} and its Word rendition (${c.word}) not as docs/word-import.md lists them; the import:\n${result.markdown}`,
      );
    });
  }

  it('Should list in docs/word-import.md only differences of these cases', () => {
    for (const d of table)
      assert.ok(
        CASES.some((c) => c.example === d.example && c.word === d.word),
        `docs/word-import.md lists a difference for ${d.example} (${d.word}), which no test makes`,
      );
  });
});
