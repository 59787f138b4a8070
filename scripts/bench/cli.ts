/** The command line's figures (plan-check) on an archive of 1,000 documents made from the examples. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, load, median, REF_PATH, REFERENCE, ROOT, row, s, type BenchOptions } from './common';

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
export function synthArchive(dir: string, count: number): number {
  let bytes = 0;
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
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

let cpuHook: string | undefined;

/** One command-line run: wall time and the process's CPU time (its worker threads included) in ms, and its output. */
function cli(args: string[], cwd: string): { ms: number; cpu: number; status: number | null; stdout: string } {
  const out = join(cwd, '..', `cpu-${process.pid}.txt`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', cpuHook!, join(DIST, 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, BENCH_CPU_FILE: out },
  });
  const wall = performance.now() - t0;
  let cpu = NaN;
  try {
    cpu = Number(readFileSync(out, 'utf8'));
  } catch {
    // The process did not get to write it.
  }
  return { ms: wall, cpu, status: r.status, stdout: r.stdout };
}

/** plan-check on the archive in `dir`/arkiv on all cores, as `cliFigures` runs it (after it): wall time in ms. */
export function cliArchiveRun(dir: string): number {
  return cli(['--quiet', 'arkiv'], dir).ms;
}

/** Makes the archive in `dir`/arkiv and measures plan-check on it. */
export function cliFigures(dir: string, o: BenchOptions): void {
  const runs = o.runs;
  const archive = join(dir, 'arkiv');
  const mb = synthArchive(archive, 1000) / 1024 / 1024;
  const empty = join(dir, 'tom');
  mkdirSync(empty, { recursive: true });
  // process.cpuUsage() is the whole process's (getrusage RUSAGE_SELF): its worker threads are included.
  cpuHook = join(dir, 'cpu-hook.js');
  writeFileSync(
    cpuHook,
    "process.on('exit', () => { const c = process.cpuUsage(); require('fs').writeFileSync(process.env.BENCH_CPU_FILE, String((c.user + c.system) / 1000)); });\n",
  );
  const cache = join(dir, 'cache.json');
  const cores = availableParallelism();
  const cases: Array<[string, () => ReturnType<typeof cli>]> = [
    ['archive, 1 thread, no cache', () => cli(['--quiet', '--jobs', '1', 'arkiv'], dir)],
    [`archive, ${cores} worker threads, no cache`, () => cli(['--quiet', 'arkiv'], dir)],
    ['archive, cache warm', () => cli(['--quiet', '--cache-location', cache, 'arkiv'], dir)],
    ['one named file, run in the archive', () => cli(['--quiet', REF_PATH], archive)],
    ['one named file, run in an empty folder', () => cli(['--quiet', REF_PATH], empty)],
    ['--help (start-up alone)', () => cli(['--help'], dir)],
  ];
  const first = cli(['--cache-location', cache, '--verbose', 'arkiv'], dir);
  const summaryLine = first.stdout.trim().split('\n').at(-1);
  const times = cases.map(() => [] as number[]);
  const cpus = cases.map(() => [] as number[]);
  const outputs = new Map<string, string>();
  const loads: string[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(load());
    for (let j = 0; j < cases.length; j++) {
      const k = (i + j) % cases.length;
      const r = cases[k][1]();
      times[k].push(r.ms);
      cpus[k].push(r.cpu);
      if (k < 3) outputs.set(cases[k][0], r.stdout);
    }
  }
  console.log(`\n## Command line (plan-check), archive of 1,000 documents (${mb.toFixed(1)} MiB): ${summaryLine}`);
  console.log(`${cores} cores; median of ${runs} interleaved runs (wall time of the whole process, and its CPU time); ${loads.join('; ')}\n`);
  console.log('| run | median | min | max | CPU (median) |');
  console.log('|---|---|---|---|---|');
  cases.forEach(([name], k) => {
    const xs = times[k];
    console.log(`| ${name} | ${s(median(xs))} | ${s(Math.min(...xs))} | ${s(Math.max(...xs))} | ${s(median(cpus[k]))} |`);
  });
  const [serial, parallel, warm] = [...outputs.values()];
  console.log(`\nSame findings serial, parallel and from the cache: ${serial === parallel && parallel === warm ? 'yes' : 'NO'}`);
  console.log(
    `Speed-up of the workers: ×${(median(times[0]) / median(times[1])).toFixed(2)}; of the warm cache: ×${(median(times[0]) / median(times[2])).toFixed(1)}`,
  );
  const cold = median(times[1]);
  const warmMs = median(times[2]);
  row(
    6,
    `CLI on 1,000 plans (${mb.toFixed(0)} MiB), cold on ${cores} cores`,
    `${s(cold)} (CPU ${s(median(cpus[1]))}; one thread ${s(median(times[0]))})`,
    '≤ 10 s',
    cold <= 10_000,
  );
  row(6.5, 'CLI on the same plans again, with --cache', s(warmMs), '≤ 2 s', warmMs <= 2_000);
  const inArchive = median(times[3]);
  const inEmpty = median(times[4]);
  row(
    8,
    'CLI on one named file',
    `${s(inArchive)} run in the archive, ${s(inEmpty)} in an empty folder (start-up alone ${s(median(times[5]))})`,
    'reads only what applies to the file',
    inArchive <= inEmpty * 1.25 + 50,
  );
}

export function cliTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'plan-bench-'));
}
