/**
 * What the benchmark's parts share: the inputs (the reference plan and plans made from it), the
 * statistics, interleaved timing, and the summary table of the measures (summary.ts).
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export const ROOT = join(__dirname, '..', '..');
/** The built bundles measured: dist/, or another build's folder (PLAN_BENCH_DIST), to compare with an older one. */
export const DIST = process.env.PLAN_BENCH_DIST ?? join(ROOT, 'dist');
export const REF_PATH = join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md');
export const REFERENCE = readFileSync(REF_PATH, 'utf8');

/** The reference plan with its parts repeated until it is `factor` times as long, numbered on (Del 3, Ambition 3.1 …). */
export function synthetic(factor: number): string {
  const start = REFERENCE.indexOf('\n## Del 1.');
  const end = REFERENCE.indexOf('\n## KÄLLOR');
  const head = REFERENCE.slice(0, start);
  const parts = REFERENCE.slice(start, end);
  const tail = REFERENCE.slice(end);
  let body = '';
  for (let k = 0; body.length + head.length + tail.length < REFERENCE.length * factor; k++) {
    body += parts
      .replace(/## Del (\d+)\./g, (_, n) => `## Del ${Number(n) + 2 * k}.`)
      .replace(/### Ambition (\d+)\.(\d+)\./g, (_, p, a) => `### Ambition ${Number(p) + 2 * k}.${a}.`);
  }
  return head + body + tail;
}

/** A heading-dense plan: the reference plan's front matter and introduction, then 100 parts of 100 ambitions, each a heading and a line. */
export function denseAmbitions(parts = 100, each = 100): string {
  const head = REFERENCE.slice(0, REFERENCE.indexOf('\n## Del 1.'));
  let body = '';
  for (let p = 1; p <= parts; p++) {
    body += `\n## Del ${p}. Del nummer ${p}\n`;
    for (let a = 1; a <= each; a++) body += `\n### Ambition ${p}.${a}. Mål ${a}\n`;
  }
  return head + body;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * Times several functions interleaved, in a rotating order (a b c, b c a, c a b …), so that load on
 * the machine and garbage collections fall on each alike; the median of each, in wall time and in
 * this process's CPU time (which load from other processes does not inflate as much).
 */
export function timeInterleaved(fns: Array<() => void>, runs: number): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < Math.min(10, runs); i++) for (const fn of fns) fn();
  const wall: number[][] = fns.map(() => []);
  const cpu: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < fns.length; j++) {
      const k = (i + j) % fns.length;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      fns[k]();
      wall[k].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    }
  }
  return { wall: wall.map(median), cpu: cpu.map(median) };
}

export const plainRemark = unified().use(remarkParse);
export const fullRemark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** Milliseconds with two decimals. */
export const f = (n: number): string => n.toFixed(2);
/** Milliseconds without decimals. */
export const ms = (n: number): string => `${Math.round(n)} ms`;
export const s = (n: number): string => `${(n / 1000).toFixed(2)} s`;

/** The machine's load average (1, 5 and 15 minutes) and cores, printed with the figures. */
export function load(): string {
  return `load ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;
}

/** One row of the table, as measured. */
export interface SummaryRow {
  /** The row's place in the table. */
  order: number;
  measure: string;
  now: string;
  target: string;
  met: boolean | undefined;
}

/** The rows found so far, printed together at the end (summary.ts). */
export const summary: SummaryRow[] = [];

export function row(order: number, measure: string, now: string, target: string, met: boolean | undefined): void {
  summary.push({ order, measure, now, target, met });
}

/** Options of one run: `quick` has fewer rounds, to see the whole picture in a few minutes. */
export interface BenchOptions {
  quick: boolean;
  /** Rounds of the slow measures (the command line, cold starts). */
  runs: number;
}
