/**
 * Benchmark: prints figures, asserts nothing. Inputs: the reference plan
 * (examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md) and synthetic plans made from it
 * at 10× and 100× its size (its parts and ambitions repeated and renumbered).
 *   npm run bench
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { analyze, parseMarkdown, setLocale } from '../server/src/core/index';

const ROOT = join(__dirname, '..');
const REF_PATH = join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md');
const REFERENCE = readFileSync(REF_PATH, 'utf8');

/** The reference plan with its parts repeated `factor` times, numbered on (Del 3, Ambition 3.1 …). */
export function synthetic(factor: number): string {
  const start = REFERENCE.indexOf('\n## Del 1.');
  const end = REFERENCE.indexOf('\n## KÄLLOR');
  const head = REFERENCE.slice(0, start);
  const parts = REFERENCE.slice(start, end);
  const tail = REFERENCE.slice(end);
  let body = '';
  // The parts make up most of the text; add copies until the whole is `factor` times the reference.
  for (let k = 0; body.length + head.length + tail.length < REFERENCE.length * factor; k++) {
    body += parts
      .replace(/## Del (\d+)\./g, (_, n) => `## Del ${Number(n) + 2 * k}.`)
      .replace(/### Ambition (\d+)\.(\d+)\./g, (_, p, a) => `### Ambition ${Number(p) + 2 * k}.${a}.`);
  }
  return head + body + tail;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * Times several functions interleaved, in a rotating order (a b c, b c a, c a b …), so that load on
 * the machine and garbage collections fall on each alike; the median of each.
 */
function timeInterleaved(fns: Array<() => void>, runs: number): number[] {
  for (let i = 0; i < Math.min(10, runs); i++) for (const fn of fns) fn();
  const xs: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < fns.length; j++) {
      const k = (i + j) % fns.length;
      const t0 = performance.now();
      fns[k]();
      xs[k].push(performance.now() - t0);
    }
  }
  return xs.map(median);
}

const plainRemark = unified().use(remarkParse);
const fullRemark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
const f = (n: number) => n.toFixed(2);

function analysisFigures(): void {
  setLocale('sv');
  console.log('## Analysis in the library (median of repeated runs, same process)');
  console.log('| input | size | remark-parse alone | with remark-gfm (for comparison) | our parse step | full analysis | analysis ÷ remark-parse alone |');
  console.log('|---|---|---|---|---|---|---|');
  const rows: Array<[string, string, number, number]> = [];
  for (const [name, text, runs] of [
    ['reference 1×', REFERENCE, 150],
    ['synthetic 10×', synthetic(10), 20],
    ['synthetic 100×', synthetic(100), 5],
  ] as const) {
    const [plain, full, parse, ours] = timeInterleaved(
      [() => plainRemark.parse(text), () => fullRemark.parse(text), () => parseMarkdown(text), () => analyze(text, { fileName: 'x.plan.md' })],
      runs,
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

async function serverFigures(): Promise<void> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, { version: number; resolve: () => void }>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
    const w = waiting.get(p.uri);
    if (w && p.version === w.version) {
      waiting.delete(p.uri);
      w.resolve();
    }
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    workspaceFolders: null,
  });
  conn.sendNotification('initialized', {});
  const diagnosed = (uri: string, version: number) => new Promise<void>((resolve) => waiting.set(uri, { version, resolve }));

  const uri = pathToFileURL(REF_PATH).toString();
  const first = diagnosed(uri, 1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: REFERENCE } });
  await first;

  // didChange → publishDiagnostics, one keystroke at a time, at places spread over the body.
  const lines = REFERENCE.split('\n');
  const latencies: number[] = [];
  let version = 1;
  for (let i = 0; i < 200; i++) {
    const line = 20 + ((i * 37) % (lines.length - 25));
    version++;
    const done = diagnosed(uri, version);
    const t0 = performance.now();
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: i % 2 ? 'x' : 'y' }],
    });
    await done;
    latencies.push(performance.now() - t0);
  }
  console.log('\n## Language server over stdio (reference plan)');
  console.log(
    `didChange → publishDiagnostics, 200 edits: p50 ${f(median(latencies))} ms, p95 ${f(pct(latencies, 95))} ms, max ${f(Math.max(...latencies))} ms (no debounce)`,
  );

  // Completion at an action's start, an Ansvar line and a heading.
  const positions = [
    { line: lines.findIndex((l) => l.startsWith('- Halmstads kommun ska arbeta för en god')), character: 4 },
    { line: lines.findIndex((l) => l.startsWith('### Ambition 1.2.')), character: 6 },
    { line: lines.findIndex((l) => l.startsWith('Kommunstyrelsen ansvarar för att leda, samordna och följa upp arbetet')), character: 0 },
  ];
  const comp: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: positions[i % positions.length] });
    comp.push(performance.now() - t0);
  }
  console.log(`completion, 300 requests: p50 ${f(median(comp))} ms, p95 ${f(pct(comp, 95))} ms`);

  // Memory with 100 plans open.
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
  const before = rss();
  const all: Promise<void>[] = [];
  for (let i = 0; i < 100; i++) {
    const u = pathToFileURL(join(ROOT, `examples/halmstad/kopia-${i}.plan.md`)).toString();
    all.push(diagnosed(u, 1));
    conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: u, languageId: 'markdown', version: 1, text: REFERENCE.replace('# Plan för', `# Kopia ${i} av plan för`) },
    });
  }
  await Promise.all(all);
  console.log(`memory: ${f(before)} MiB RSS with 1 plan open, ${f(rss())} MiB with 101 open (each ${(REFERENCE.length / 1024).toFixed(0)} KiB)`);

  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  conn.dispose();
}

async function main(): Promise<void> {
  console.log(`# Benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${process.platform}/${process.arch})\n`);
  analysisFigures();
  await serverFigures();
}

void main();
