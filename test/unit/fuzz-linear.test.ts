/**
 * Content fuzz with CPU-time scaling: no document text can make the analysis take more than
 * linear time (issue 8). Each hostile pattern – a long run of one character or an alternation of
 * two – is put in each context a plan has (a front-matter value of every key type, headings, an
 * Ansvar line, an action, an Innehåll entry, running text, a table …) at n and 4n characters; the
 * 4n run must cost less than about ten times the n run, where a quadratic expression costs 16
 * times (both less the cost of the plan without the payload, which does not grow). These are
 * bounds on behaviour with generous ratios, not wall-clock limits.
 *
 * The Markdown parser (micromark) has super-linear cases of its own (runs of emphasis markers such
 * as `*_*_…`, brackets): where the analysis fails the ratio, it must still cost no more than a
 * constant times what parsing the same text alone costs.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, parseMarkdown } from '../../server/src/core/index';

const BASE = readFileSync(join(__dirname, '../fixtures/clean/clean.plan.md'), 'utf8');

/**
 * A context: places in the clean plan where the payload goes, each an anchor the plan holds and
 * what replaces it. Most put text after the payload: a pattern anchored at the end backtracks over
 * a run that does not reach the end. The places of one context share a document: the analysis
 * cost is in the characters, and one document a context saves the plan's fixed cost.
 */
type Context = Array<[anchor: string, insert: (p: string) => string]>;

const CONTEXTS: Record<string, Context> = {
  'the front matter’s values, one of each key type': [
    ['processhänvisning:', (p) => `processhänvisning: ${p} x`],
    ['titel: Plan för grönare stad 2025–2028', (p) => `titel: Plan ${p} 2025–2028`],
    ['diarienummer: KS 2024/0101', (p) => `diarienummer: KS 2024/${p}!`],
    ['beslutsdatum: 2024-11-28', (p) => `beslutsdatum: 2024-${p}`],
    ['beslutad-av: Kommunfullmäktige', (p) => `beslutad-av: Kommunfullmäktige ${p} x`],
    ['gäller-bolag: nej', (p) => `gäller-bolag: ${p}`],
  ],
  'a front-matter key': [['dokumenttyp: plan', (p) => `dokumenttyp: plan\nx${p}x: 1`]],
  'headings (a section, a part, an ambition, a subsection, a heading’s end)': [
    ['## Bakgrund', (p) => `## Bakgrund ${p} x`],
    ['## Del 2. Rent vatten', (p) => `## Del ${p} x`],
    ['### Ambition 1.2. Fler träd', (p) => `### Ambition 1.2. ${p} x`],
    ['#### Hur?\n\n- Miljönämnden', (p) => `#### Hur? ${p} x\n\n- Miljönämnden`],
    ['## Källor', (p) => `## Källor ${p}`],
  ],
  'an Ansvar line': [['### Ambition 1.1. Fler parker\n', (p) => `### Ambition 1.1. Fler parker\n\nAnsvar: Kommunstyrelsen, ${p} x\n`]],
  'actions (with and without an actor)': [
    ['- Byggnadsnämnden ska planera för grönska.', (p) => `- ${p} x ska planera.`],
    ['- Miljönämnden ska mäta vattenkvaliteten.', (p) => `- Miljönämnden ska ${p} mäta.`],
  ],
  'Innehåll entries (in a list, at its end, pasted from Word)': [
    ['- Bakgrund\n', (p) => `- Bakgrund ${p} x\n`],
    ['- Källor', (p) => `- Källor ${p}`],
    ['- Inledning\n', (p) => `Inledning ${p} x\nGemensamt ansvar\n\n- Inledning\n`],
  ],
  'running text (within a line, at a line’s start, in a responsibility section)': [
    ['Staden växer.', (p) => `Staden ${p} växer.\n${p} x`],
    ['Kommunfullmäktige har antagit planen.', (p) => `Kommunfullmäktige har antagit planen ${p} x.`],
  ],
  'follow-up lines (an indicator line and table, a status and a comment)': [
    [
      '### Ambition 1.1. Fler parker\n',
      (p) => `### Ambition 1.1. Fler parker\n\nIndikator: A (Kolada ${p} x); mål ${p}: 1; ${p} x\n\n| Indikator | Mål |\n|---|---|\n| ${p} x | 2028: 1 |\n`,
    ],
    [
      '- Teknik- och fritidsnämnden ska anlägga parker.\n',
      (p) => `- [x] Teknik- och fritidsnämnden ska anlägga parker.\n  - Status: klar ${p} x\n  - Kommentar: ${p} x\n`,
    ],
  ],
  'a table and a quote': [
    ['Staden ska bli grönare.', (p) => `| a | b |\n|---|---|\n| ${p} x | y |`],
    ['Om vatten.', (p) => `> ${p} x\n>\n> — Källa`],
  ],
};

function document(context: Context, p: string): string {
  let text = BASE;
  for (const [anchor, insert] of context) {
    assert.ok(text.includes(anchor), anchor);
    text = text.replace(anchor, insert(p));
  }
  return text;
}

/** Runs of one character, and alternations of two. */
const PATTERNS: string[] = [
  ' ',
  '1',
  '_',
  ':',
  '-',
  'a',
  'ö',
  'a\u0308',
  '#',
  '|',
  '(',
  '"',
  '\u200b',
  '.',
  '\t',
  '\u00a0',
  'a ',
  '1-',
  '1.',
  'a.',
  '. ',
  'ab',
  '(#',
  ':-',
  '| ',
  'skall ',
  'nämnden ',
  '2020 ',
  '<!--a-->',
  // The parser's own super-linear inputs: bounded by the parse time below.
  '- ',
  '*_',
  '[',
];

const N = 2000;
/** The parser's super-linear inputs cost seconds at N: they run at a smaller size. */
const PARSER_BOUND = new Map([
  ['- ', 150],
  ['*_', 400],
  ['[', 400],
]);
const RATIO = 10;
/** Milliseconds of CPU time that noise (a garbage collection) may add to a run. */
const SLACK = 10;
const PARSE_FACTOR = 4;

function cpu(f: () => void): number {
  const s = process.cpuUsage();
  f();
  const e = process.cpuUsage(s);
  return (e.user + e.system) / 1000;
}

const minOf = (k: number, f: () => void) => Math.min(...Array.from({ length: k }, () => cpu(f)));
const payload = (p: string, n: number) => p.repeat(Math.ceil(n / p.length)).slice(0, n);
const run = (text: string) => () => analyze(text, { fileName: 'x.plan.md' });

describe('Content fuzz: the analysis takes linear time in the text', function () {
  this.timeout(120_000);

  it('Should cost at most about ten times as much for four times the text, for every hostile pattern in every context', function () {
    // Warm up: the first runs compile the code.
    for (const ctx of Object.values(CONTEXTS)) analyze(document(ctx, payload('a ', 200)), { fileName: 'x.plan.md' });
    const failures: string[] = [];
    const started = process.cpuUsage();
    for (const [name, ctx] of Object.entries(CONTEXTS)) {
      // The plan's own cost, which does not grow with the payload: the ratio is of what does.
      const t0 = minOf(3, run(document(ctx, '')));
      const grows = (t: number) => Math.max(0, t - t0);
      for (const p of PATTERNS) {
        const n = PARSER_BOUND.get(p) ?? N;
        const small = document(ctx, payload(p, n));
        const large = document(ctx, payload(p, 4 * n));
        // One run each, and the minimum of three when the ratio is exceeded.
        let tn = cpu(run(small));
        let t4n = cpu(run(large));
        if (grows(t4n) <= RATIO * grows(tn) + SLACK) continue;
        tn = Math.min(tn, minOf(2, run(small)));
        t4n = Math.min(t4n, minOf(2, run(large)));
        if (grows(t4n) <= RATIO * grows(tn) + SLACK) continue;
        // Bound by the parser's own cost on the same text.
        const parse = minOf(3, () => parseMarkdown(large));
        if (t4n <= PARSE_FACTOR * parse + SLACK) continue;
        failures.push(
          `${JSON.stringify(p)} in ${name}: ${tn.toFixed(1)} ms at ${n} characters, ${t4n.toFixed(1)} ms at ${4 * n}, the plan alone ${t0.toFixed(1)} ms (×${(grows(t4n) / Math.max(grows(tn), 0.1)).toFixed(1)}); parsing alone ${parse.toFixed(1)} ms`,
        );
      }
    }
    const total = process.cpuUsage(started);
    // For the record, when run with --reporter spec.
    console.log(
      `      ${Object.keys(CONTEXTS).length} contexts × ${PATTERNS.length} patterns in ${((total.user + total.system) / 1e6).toFixed(1)} s of CPU time`,
    );
    assert.deepEqual(failures, []);
  });
});
