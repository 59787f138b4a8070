/** The library's figures, in this process: analysis against remark-parse alone, one keystroke, a heading-dense plan. */
import { analyze, parseMarkdown, reparse, setLocale } from '../../server/src/core/index';
import { denseAmbitions, f, fullRemark, plainRemark, REFERENCE, row, synthetic, timeInterleaved, type BenchOptions } from './common';

export function analysisFigures(o: BenchOptions): void {
  setLocale('sv');
  console.log('## Analysis in the library (median of interleaved runs, same process)');
  console.log('| input | size | remark-parse alone | with remark-gfm (for comparison) | our parse step | full analysis | analysis ÷ remark-parse alone |');
  console.log('|---|---|---|---|---|---|---|');
  const rows: Array<[string, string, number, number]> = [];
  const q = o.quick ? 4 : 1;
  for (const [name, text, runs] of [
    ['reference 1×', REFERENCE, 150 / q],
    ['synthetic 10×', synthetic(10), 20 / q],
    ['synthetic 100×', synthetic(100), Math.max(3, 5 / q)],
  ] as const) {
    const {
      wall: [plain, full, parse, ours],
    } = timeInterleaved(
      [() => plainRemark.parse(text), () => fullRemark.parse(text), () => parseMarkdown(text), () => analyze(text, { fileName: 'x.plan.md' })],
      Math.round(runs),
    );
    rows.push([name, text, ours, plain]);
    console.log(`| ${name} | ${(text.length / 1024).toFixed(0)} KiB | ${f(plain)} ms | ${f(full)} ms | ${f(parse)} ms | ${f(ours)} ms | ${f(ours / plain)} |`);
  }
  const [one, , hundred] = rows;
  const perKb = (r: (typeof rows)[number]) => r[2] / (r[1].length / 1024);
  console.log(
    `\nScaling 1× → 100×: size ×${(hundred[1].length / one[1].length).toFixed(1)}, full analysis ×${(hundred[2] / one[2]).toFixed(1)} (per KiB: ${f(perKb(one))} → ${f(perKb(hundred))} ms); remark-parse alone ×${(hundred[3] / one[3]).toFixed(1)} on the same inputs`,
  );
}

/**
 * One keystroke in the library: a one-character edit in the body, analysed in full and
 * incrementally from the previous version's parse (the worker's path), on the reference plan and
 * on one of about 1 MB (40× the reference). Edits alternate between two places, so that every run
 * analyses a real change.
 */
export function keystrokeFigures(o: BenchOptions): void {
  console.log('\n## One keystroke, analysed in full and incrementally (median of interleaved runs)');
  console.log('| input | size | remark-parse alone | full analysis | incremental analysis | incremental ÷ full | incremental, CPU | characters parsed |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, text, runs] of [
    ['reference 1×', REFERENCE, o.quick ? 30 : 100],
    ['synthetic 40× (~1 MB)', synthetic(40), o.quick ? 6 : 12],
  ] as const) {
    const at = text.lastIndexOf(' ska ') + 5;
    const versions = ['a', 'b'].map((c) => text.slice(0, at) + c + text.slice(at));
    let previous = parseMarkdown(versions[0]);
    let k = 0;
    let j = 0;
    let parsed = 0;
    const options = { fileName: 'x.plan.md' };
    const { wall, cpu } = timeInterleaved(
      [
        () => plainRemark.parse(versions[k % 2]),
        () => analyze(versions[k++ % 2], options),
        () => {
          const next = versions[++j % 2]; // always the other version than the previous parse's
          previous = analyze(next, options, previous).plan.md;
        },
      ],
      runs,
    );
    const [plain, full, incremental] = wall;
    reparse(parseMarkdown(versions[0]), versions[1], (i) => (parsed = i.parsed));
    console.log(
      `| ${name} | ${(text.length / 1024).toFixed(0)} KiB | ${f(plain)} ms | ${f(full)} ms | ${f(incremental)} ms | ${f(incremental / full)} | ${f(cpu[2])} ms | ${parsed} |`,
    );
  }
}

/** A plan of 10,000 ambitions: the analysis's CPU time against remark-parse alone's, interleaved. */
export function denseFigures(o: BenchOptions): void {
  const text = denseAmbitions();
  const { wall, cpu } = timeInterleaved([() => plainRemark.parse(text), () => analyze(text, { fileName: 'tiotusen.plan.md' })], o.quick ? 3 : 7);
  const ratio = cpu[1] / cpu[0];
  console.log(`\n## A heading-dense plan: 10,000 ambitions (${(text.length / 1024).toFixed(0)} KiB), median of interleaved runs`);
  console.log(`remark-parse alone ${f(wall[0])} ms (CPU ${f(cpu[0])} ms); full analysis ${f(wall[1])} ms (CPU ${f(cpu[1])} ms); ratio of CPU time ${f(ratio)}`);
  row(
    9,
    `10,000 ambitions (${(text.length / 1024).toFixed(0)} KiB): analysis ÷ remark-parse, CPU`,
    `${f(ratio)} (${Math.round(cpu[1])} ms against ${Math.round(cpu[0])} ms)`,
    '≤ 1.5',
    ratio <= 1.5,
  );
}
