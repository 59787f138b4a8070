/**
 * Benchmark: prints figures, asserts nothing. Inputs: the reference plan
 * (examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md) and synthetic plans made from it
 * at 10× and 100× its size (its parts and ambitions repeated and renumbered); for the command
 * line, an archive of 1,000 plans synthesised from the examples in a temporary folder.
 *   npm run bench                 all of it
 *   npm run bench -- --cli        only the command line figures (--runs N: rounds, default 5)
 *   npm run bench -- --publish    only the publishing figures (Word and web page)
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { analyze, parseMarkdown, publication, reparse, setLocale, TemplateSet } from '../server/src/core/index';
import { publicationDocx, publicationHtml } from '../server/src/publish/index';
import { importDocx } from '../server/src/word/import';

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

/**
 * One keystroke in the library: a one-character edit in the body, analysed in full and
 * incrementally from the previous version's parse (the worker's path), on the reference plan and
 * on one of about 1 MB (40× the reference). Edits alternate between two places, so that every run
 * analyses a real change.
 */
export function keystrokeFigures(): void {
  console.log('\n## One keystroke, analysed in full and incrementally (median of interleaved runs)');
  console.log('| input | size | remark-parse alone | full analysis | incremental analysis | incremental ÷ full | characters parsed |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, text, runs] of [
    ['reference 1×', REFERENCE, 100],
    ['synthetic 40× (~1 MB)', synthetic(40), 12],
  ] as const) {
    const at = text.lastIndexOf(' ska ') + 5;
    const versions = ['a', 'b'].map((c) => text.slice(0, at) + c + text.slice(at));
    let previous = parseMarkdown(versions[0]);
    let k = 0;
    let j = 0;
    let parsed = 0;
    const options = { fileName: 'x.plan.md' };
    const [plain, full, incremental] = timeInterleaved(
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
    reparse(parseMarkdown(versions[0]), versions[1], (i) => (parsed = i.parsed));
    console.log(
      `| ${name} | ${(text.length / 1024).toFixed(0)} KiB | ${f(plain)} ms | ${f(full)} ms | ${f(incremental)} ms | ${f(incremental / full)} | ${parsed} |`,
    );
  }
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

  // Memory (the server's RSS, its analysis threads included) with 1, 101 and 501 plans open.
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
  const before = rss();
  const openCopies = async (from: number, to: number) => {
    const all: Promise<void>[] = [];
    for (let i = from; i < to; i++) {
      const u = pathToFileURL(join(ROOT, `examples/halmstad/kopia-${i}.plan.md`)).toString();
      all.push(diagnosed(u, 1));
      conn.sendNotification('textDocument/didOpen', {
        textDocument: { uri: u, languageId: 'markdown', version: 1, text: REFERENCE.replace('# Plan för', `# Kopia ${i} av plan för`) },
      });
    }
    await Promise.all(all);
  };
  await openCopies(0, 100);
  const hundred = rss();
  await openCopies(100, 500);
  console.log(
    `memory: ${f(before)} MiB RSS with 1 plan open, ${f(hundred)} MiB with 101 open, ${f(rss())} MiB with 501 open (each ${(REFERENCE.length / 1024).toFixed(0)} KiB)`,
  );

  await conn.sendRequest('shutdown');
  conn.sendNotification('exit');
  conn.dispose();
}

/** A small deterministic random number generator (mulberry32), so that every archive is the same. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An archive of `count` documents made from the examples: the municipalities' folders (each with
 * its own template and registry where the example has them) and years below them, every document
 * varied so that no two texts are equal: another title and diarienummer, words swapped, a year
 * range with a hyphen, "skall", a sentence added or a list item dropped. About one in twenty is
 * an ordinary note, not a plan.
 */
export function synthArchive(dir: string, count: number): void {
  const ex = (f: string) => readFileSync(join(ROOT, 'examples', f), 'utf8');
  const kinds = [
    { folder: 'halmstad', name: 'plan', ext: '.plan.md', text: REFERENCE, weight: 3 },
    { folder: 'halmstad', name: 'cykelplan', ext: '.plan.md', text: ex('halmstad/ren-plan.plan.md'), weight: 5 },
    { folder: 'halmstad', name: 'riktlinje', ext: '.md', text: ex('halmstad/riktlinje-for-sociala-medier.md'), weight: 2 },
    { folder: 'asby', name: 'handlingsplan', ext: '.md', text: ex('asby/handlingsplan-trygghet.md'), weight: 3 },
    { folder: 'norrby', name: 'strategi', ext: '.strategi.md', text: ex('norrby/bostadsstrategi.strategi.md'), weight: 2 },
    { folder: 'samverkan', name: 'pendling', ext: '.plan.md', text: ex('samverkan/gemensam-pendling.plan.md'), weight: 2 },
    { folder: 'anteckningar', name: 'anteckning', ext: '.md', text: ex('anteckningar.md'), weight: 1 },
  ];
  const bag = kinds.flatMap((k) => Array<typeof k>(k.weight).fill(k));
  for (const [folder, files] of [
    ['asby', ['asby.planmall.yaml', 'asby.organisation.json']],
    ['norrby', ['strategi.planmall.yaml', 'norrby.organisation.yaml']],
    ['samverkan', ['samverkan.organisation.json']],
  ] as const) {
    mkdirSync(join(dir, folder), { recursive: true });
    for (const f of files) copyFileSync(join(ROOT, 'examples', folder, f), join(dir, folder, f));
  }
  const rnd = random(2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const words = ['kommunen', 'staden', 'invånarna', 'verksamheten', 'arbetet', 'samverkan', 'utvecklingen', 'tryggheten'];
  for (let i = 0; i < count; i++) {
    const kind = pick(bag);
    const year = 2015 + (i % 12);
    const sub = join(dir, kind.folder, String(year));
    mkdirSync(sub, { recursive: true });
    let text = kind.text
      .replace(/(titel: .*?)(\d{4})/, `$1${year}`)
      .replace(/^# (.*)$/m, (_, h: string) => `# ${h} (${i + 1})`)
      .replace(/(diarienummer: [A-ZÅÄÖ]+[ -])\d{4}/, `$1${year}`);
    const lines = text.split('\n');
    for (let k = 0; k < 4; k++) {
      const at = 15 + Math.floor(rnd() * Math.max(1, lines.length - 16));
      const line = lines[at] ?? '';
      if (/^[A-ZÅÄÖ].{40,}/.test(line)) {
        const r = rnd();
        if (r < 0.3) lines[at] = `${line} Arbetet ${pick(['ska', 'skall'])} följas upp ${year}-${year + 4}.`;
        else if (r < 0.6) lines[at] = line.replace(/\b(kommunen|staden|verksamheten)\b/, () => pick(words));
        else lines[at] = `${line} Det gäller ${pick(words)} och ${pick(words)}.`;
      } else if (/^- /.test(line) && rnd() < 0.3) lines.splice(at, 1);
    }
    text = lines.join('\n');
    writeFileSync(join(sub, `${kind.name}-${String(i + 1).padStart(4, '0')}${kind.ext}`), text);
  }
}

/** One command-line run: the wall time in ms, and the exit code. */
function cli(args: string[], cwd: string): { ms: number; status: number | null; stdout: string; stderr: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { ms: performance.now() - t0, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cliFigures(runs: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'plan-bench-'));
  try {
    const archive = join(dir, 'arkiv');
    synthArchive(archive, 1000);
    const cache = join(dir, 'cache.json');
    const cores = availableParallelism();
    const one = join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md');
    const cases: Array<[string, () => ReturnType<typeof cli>]> = [
      ['archive, 1 thread, no cache', () => cli(['--quiet', '--jobs', '1', 'arkiv'], dir)],
      [`archive, ${cores} worker threads, no cache`, () => cli(['--quiet', 'arkiv'], dir)],
      ['archive, cache warm', () => cli(['--quiet', '--cache-location', cache, 'arkiv'], dir)],
      ['one named file (reference plan)', () => cli(['--quiet', one], dir)],
      ['--help (start-up alone)', () => cli(['--help'], dir)],
    ];
    const first = cli(['--cache-location', cache, '--verbose', 'arkiv'], dir);
    const summary = first.stdout.trim().split('\n').at(-1);
    const times = cases.map(() => [] as number[]);
    const outputs = new Map<string, string>();
    for (let i = 0; i < runs; i++) {
      for (let j = 0; j < cases.length; j++) {
        const k = (i + j) % cases.length;
        const r = cases[k][1]();
        times[k].push(r.ms);
        if (k < 3) outputs.set(cases[k][0], r.stdout);
      }
    }
    console.log(`\n## Command line (plan-check), archive of 1,000 documents: ${summary}`);
    console.log(`${cores} cores; median of ${runs} interleaved runs (wall time of the whole process)\n`);
    console.log('| run | median | min | max |');
    console.log('|---|---|---|---|');
    cases.forEach(([name], k) => {
      const xs = times[k];
      console.log(`| ${name} | ${(median(xs) / 1000).toFixed(2)} s | ${(Math.min(...xs) / 1000).toFixed(2)} s | ${(Math.max(...xs) / 1000).toFixed(2)} s |`);
    });
    const [serial, parallel, warm] = [...outputs.values()];
    console.log(`\nSame findings serial, parallel and from the cache: ${serial === parallel && parallel === warm ? 'yes' : 'NO'}`);
    console.log(
      `Speed-up of the workers: ×${(median(times[0]) / median(times[1])).toFixed(2)}; of the warm cache: ×${(median(times[0]) / median(times[2])).toFixed(1)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Publishing the reference plan and a plan ten times its size: the publication (from the analysed model), then Word and the web page. */
async function publishFigures(runs: number): Promise<void> {
  console.log('\n## Publishing (median of repeated runs, same process; the analysis not included)');
  console.log('| input | size | publication | Word (.docx) | web page (.html) | .docx size | import of that .docx |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, text] of [
    ['reference plan', REFERENCE],
    ['10× reference', synthetic(10)],
  ] as const) {
    const plan = analyze(text, { fileName: 'bench.plan.md' }).plan;
    const pubs: number[] = [];
    const docx: number[] = [];
    const html: number[] = [];
    const back: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 1; i++) {
      let t = performance.now();
      const pub = publication(plan);
      const a = performance.now() - t;
      t = performance.now();
      const word = await publicationDocx(pub);
      bytes = word.length;
      const b = performance.now() - t;
      t = performance.now();
      publicationHtml(pub);
      const c = performance.now() - t;
      t = performance.now();
      await importDocx(word, { templates: new TemplateSet(), planName: 'bench.plan.md' });
      const d = performance.now() - t;
      // The first round warms up.
      if (i > 0) [pubs, docx, html, back].forEach((xs, k) => xs.push([a, b, c, d][k]));
    }
    console.log(
      `| ${name} | ${(text.length / 1024).toFixed(0)} KiB | ${f(median(pubs))} ms | ${f(median(docx))} ms | ${f(median(html))} ms | ${(bytes / 1024).toFixed(0)} KiB | ${f(median(back))} ms |`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`# Benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${process.platform}/${process.arch})\n`);
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
  if (process.argv.includes('--publish')) return publishFigures(runs);
  if (!process.argv.includes('--cli')) {
    analysisFigures();
    keystrokeFigures();
    await publishFigures(runs);
    await serverFigures();
  }
  cliFigures(runs);
}

if (require.main === module) void main();
