/**
 * The language server's figures over stdio (the real server, dist/server.js, as a client sees it):
 * edit → diagnostics, a keystroke in a plan of about 1 MB, a burst of keystrokes, completion right
 * after a keystroke, the cold start, the workspace check, a file over `plan.maxFileSize`, memory.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../../test/helpers/lsp-client';
import { DIST, f, load, median, ms, pct, REF_PATH, REFERENCE, row, s, synthetic, type BenchOptions } from './common';
import type { CheckWorkspaceResult as CheckResult } from '../../server/src/protocol';

process.env.PLAN_SERVER ??= join(DIST, 'server.js');

/** Waits `ms` milliseconds (the pace of typing; the benchmark, not a test). */
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The server process's CPU time so far (ms, its threads included), from /proc; 0 where there is none. */
function serverCpu(client: LspClient): number {
  try {
    const fields = readFileSync(`/proc/${client.proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** An insertion of `text` at the start of `line`. */
const insert = (line: number, text: string) => [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text }];

/** Lines of the body (below the front matter and title) spread over the text, for edits. */
function bodyLines(text: string, count: number): number[] {
  const lines = text.split('\n');
  const ok = lines.map((l, i) => (i > 20 && /^[A-ZÅÄÖ]/.test(l) ? i : -1)).filter((i) => i >= 0);
  return Array.from({ length: count }, (_, i) => ok[(i * 37) % ok.length]);
}

/**
 * One keystroke at a time, each after the diagnostics of the one before and a pause (typing):
 * the time from didChange to the diagnostics of its version.
 */
async function edits(client: LspClient, uri: string, text: string, first: number, count: number, gap: number): Promise<{ times: number[]; cpu: number }> {
  const times: number[] = [];
  const cpu0 = serverCpu(client);
  let version = first;
  for (const line of bodyLines(text, count)) {
    version++;
    const done = client.waitForDiagnostics(uri, { version, timeout: 120_000 });
    const t0 = performance.now();
    await client.change(uri, version, insert(line, version % 2 ? 'x' : 'y'));
    await done;
    times.push(performance.now() - t0);
    await pause(gap);
  }
  return { times, cpu: (serverCpu(client) - cpu0) / count };
}

export async function editFigures(o: BenchOptions): Promise<void> {
  console.log('\n## Language server over stdio: edits (reference plan)');
  const p95s: number[] = [];
  const rounds = o.quick ? 1 : 3;
  for (let r = 0; r < rounds; r++) {
    const client = await LspClient.start({});
    try {
      const uri = pathToFileURL(REF_PATH).toString();
      await client.open(uri, REFERENCE, 1);
      await client.waitForDiagnostics(uri, { version: 1, after: 0 });
      const { times, cpu } = await edits(client, uri, REFERENCE, 1, 40, 100);
      p95s.push(pct(times, 95));
      console.log(
        `round ${r + 1}: 40 edits, didChange → publishDiagnostics p50 ${f(median(times))} ms, p95 ${f(pct(times, 95))} ms, max ${f(Math.max(...times))} ms; server CPU ${f(cpu)} ms per edit (${load()})`,
      );
      if (r === 0) await completionFigures(client, uri);
    } finally {
      await client.dispose();
    }
  }
  const p95 = median(p95s);
  row(
    1,
    'edit → diagnostics, reference plan, p95 over 40 edits',
    rounds > 1 ? `${ms(p95)} (rounds: ${p95s.map((x) => Math.round(x)).join(', ')} ms)` : ms(p95),
    '≤ 50 ms',
    p95 <= 50,
  );
}

/** Completion on an unchanged text (from the finished analysis) and right after a keystroke. */
async function completionFigures(client: LspClient, uri: string): Promise<void> {
  const lines = REFERENCE.split('\n');
  const positions = [
    { line: lines.findIndex((l) => l.startsWith('- Halmstads kommun ska arbeta för en god')), character: 4 },
    { line: lines.findIndex((l) => l.startsWith('### Ambition 1.2.')), character: 6 },
    { line: lines.findIndex((l) => l.startsWith('Kommunstyrelsen ansvarar för att leda, samordna och följa upp arbetet')), character: 0 },
  ];
  // The edits above left the document at version 41 with 40 characters typed; type on at version 42.
  let version = 41;
  const cached: number[] = [];
  await client.waitForDiagnostics(uri, { version, after: 0 });
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await client.completion(uri, positions[i % positions.length]);
    cached.push(performance.now() - t0);
  }
  const typed: number[] = [];
  const at = bodyLines(REFERENCE, 40);
  for (let i = 0; i < 40; i++) {
    version++;
    const done = client.waitForDiagnostics(uri, { version });
    void client.change(uri, version, insert(at[i], 'z'));
    const t0 = performance.now();
    await client.completion(uri, positions[0]);
    typed.push(performance.now() - t0);
    await done;
    await pause(100);
  }
  console.log(`completion, 300 requests on an unchanged text: p50 ${f(median(cached))} ms, p95 ${f(pct(cached, 95))} ms`);
  console.log(`completion sent right after a keystroke, 40 times: p50 ${f(median(typed))} ms, p95 ${f(pct(typed, 95))} ms`);
  row(4, 'completion right after a keystroke, reference plan, p95', ms(pct(typed, 95)), '≤ 20 ms', pct(typed, 95) <= 20);
}

/** A plan of about 1 MB: one keystroke at a time, then ten keystrokes 120 ms apart. */
export async function bigPlanFigures(): Promise<void> {
  const text = synthetic(40);
  const client = await LspClient.start({ trace: 'verbose' });
  try {
    const uri = pathToFileURL(join(REF_PATH, '..', 'stor.plan.md')).toString();
    await client.open(uri, text, 1);
    await client.waitForDiagnostics(uri, { version: 1, after: 0, timeout: 120_000 });
    const count = 20;
    const { times, cpu } = await edits(client, uri, text, 1, count, 400);
    console.log(`\n## Language server over stdio: a plan of ${(text.length / 1024).toFixed(0)} KiB (40× the reference)`);
    console.log(
      `${count} one-character edits, didChange → publishDiagnostics: p50 ${f(median(times))} ms, p95 ${f(pct(times, 95))} ms; server CPU ${f(cpu)} ms per edit (${load()})`,
    );
    row(2, `one-character edit → diagnostics, plan of ${(text.length / 1024).toFixed(0)} KiB, median`, ms(median(times)), '≤ 100 ms', median(times) <= 100);

    // Ten keystrokes 120 ms apart, typed at the end of one line.
    const line = bodyLines(text, 1)[0];
    const column = text.split('\n')[line].length;
    let version = 1 + count;
    const traceMark = client.traces.length;
    let last = 0;
    for (let i = 0; i < 10; i++) {
      if (i) await pause(120);
      version++;
      last = performance.now();
      await client.change(uri, version, [{ range: { start: { line, character: column + i }, end: { line, character: column + i } }, text: 'abcdefghij'[i] }]);
    }
    await client.waitForDiagnostics(uri, { version, timeout: 120_000 });
    const lastKey = performance.now() - last;
    await client.documentSymbol(uri); // a round trip: every trace sent before it has arrived
    const analysed = client.tracesWith(`plan: analysing ${uri} `, traceMark).map((m) => Number(/ version (\d+)/.exec(m)?.[1]) - count - 1);
    const analyses = analysed.length;
    // Which keys were analysed (1–10): the first comes 400 ms after the last edit's diagnostics, as
    // each of the single edits above does, which are analysed at once to meet their own target.
    const keys = `key${analyses === 1 ? '' : 's'} ${analysed.join(', ')}`;
    console.log(`10 keystrokes 120 ms apart: ${analyses} analyses (${keys}); last key → diagnostics ${f(lastKey)} ms`);
    row(
      3,
      '10 keystrokes 120 ms apart on that plan',
      `${analyses} ${analyses === 1 ? 'analysis' : 'analyses'} (${keys}); last key → diagnostics ${ms(lastKey)}`,
      'one analysis; ≤ 300 ms',
      analyses === 1 && lastKey <= 300,
    );
  } finally {
    await client.dispose();
  }
}

/**
 * Spawn → initialize → didOpen → the first publishDiagnostics, median of several fresh servers: the
 * first start ever (an empty code cache folder, as after installing or updating) and a later one
 * (the cache written by an earlier start, as the VS Code client gives it), interleaved.
 */
export async function coldStartFigures(o: BenchOptions): Promise<void> {
  const runs = o.quick ? 5 : 11;
  const uri = pathToFileURL(REF_PATH).toString();
  const server = process.env.PLAN_SERVER!;
  const temp = mkdtempSync(join(tmpdir(), 'plan-bench-cache-'));
  // A build from before the code cache (PLAN_BENCH_DIST) ignores the argument: both figures are then its only one.
  const cached = existsSync(join(dirname(server), 'server-main.js'));
  const warm = join(temp, 'warm');
  let fresh = 0;
  const once = async (cacheDir: string, folders: string[] | undefined, prepare = false) => {
    const t0 = performance.now();
    const client = LspClient.spawn({ codeCache: cacheDir });
    try {
      await client.initialize({ workspaceFolders: folders, trace: prepare ? 'verbose' : undefined });
      const init = performance.now() - t0;
      await client.open(uri, REFERENCE, 1);
      await client.waitForDiagnostics(uri, { version: 1, after: 0 });
      const first = performance.now() - t0;
      const cpu = serverCpu(client);
      if (prepare && cached)
        for (const bundle of ['server-main', 'analysis-worker'])
          await client.waitFor(client.traces, (t) => t.message.startsWith('plan: code cache') && t.message.includes(`${bundle}.`), `${bundle}'s code cache`);
      return { init, first, cpu };
    } finally {
      await client.dispose();
    }
  };
  await once(warm, undefined, true);
  const modes = [
    { name: 'first start (empty cache)', run: () => once(join(temp, `fresh-${fresh++}`), undefined) },
    { name: 'later start (cache present)', run: () => once(warm, undefined) },
    { name: 'later start, a folder with its own template and registry', run: () => once(warm, [join(REF_PATH, '..', '..', 'asby')]) },
  ];
  const results = modes.map(() => ({ init: [] as number[], first: [] as number[], cpu: [] as number[] }));
  try {
    for (let i = 0; i < runs; i++) {
      for (let j = 0; j < modes.length; j++) {
        const k = (i + j) % modes.length;
        const r = await modes[k].run();
        results[k].init.push(r.init);
        results[k].first.push(r.first);
        results[k].cpu.push(r.cpu);
      }
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  console.log(`\n## Cold start (median of ${runs} fresh servers each, interleaved; ${load()})`);
  modes.forEach((m, k) => {
    const r = results[k];
    console.log(
      `${m.name}: initialize answered after ${f(median(r.init))} ms, first diagnostics after ${f(median(r.first))} ms (server CPU ${f(median(r.cpu))} ms)`,
    );
  });
  const [first, later, folder] = results.map((r) => median(r.first));
  row(
    5,
    'server cold start → first diagnostics, median',
    `${ms(later)} with the code cache (first start ever: ${ms(first)}; with a folder of its own template: ${ms(folder)})`,
    '≤ 250 ms',
    later <= 250,
  );
}

/** A file over `plan.maxFileSize`: one information diagnostic saying why it is not checked. */
export async function maxFileSizeFigures(): Promise<void> {
  const client = await LspClient.start({ settings: { maxFileSize: 10_000 } });
  try {
    const uri = pathToFileURL(join(REF_PATH, '..', 'for-stor.plan.md')).toString();
    await client.open(uri, REFERENCE, 1);
    const p = await client.waitForDiagnostics(uri, { version: 1, after: 0 });
    const ok = p.diagnostics.length === 1 && p.diagnostics[0].severity === 3;
    console.log(`\n## A file over plan.maxFileSize: ${p.diagnostics.map((d) => `[${d.severity}] ${d.code}: ${d.message}`).join('; ') || 'no diagnostic'}`);
    row(
      10,
      'a file over plan.maxFileSize',
      ok ? 'one information diagnostic' : `${p.diagnostics.length} diagnostics`,
      'one information diagnostic saying why',
      ok,
    );
  } finally {
    await client.dispose();
  }
}

/**
 * plan/checkWorkspace on the archive, each round in a server just started (beside the register's
 * first scan of the workspace, which reads the same files, as a user would meet it), against
 * plan-check on the same archive in the same rounds, the two in turn: the machine's speed varies by
 * 15 % and more within minutes, so a figure taken once, after the command line's, said more of
 * the moment than of the server. The last round also cancels a check after its first progress report.
 */
export async function workspaceCheckFigures(archive: string, cliRun: () => number, runs: number): Promise<void> {
  const walls: number[] = [];
  const cpus: number[] = [];
  const clis: number[] = [];
  let progressed = 0;
  let cancelled: CheckResult | undefined;
  let files = 0;
  let plans = 0;
  for (let round = 0; round < runs; round++) {
    if (round % 2 === 0) clis.push(cliRun());
    const client = await LspClient.start({ workspaceFolders: [archive] });
    try {
      let reports = 0;
      let cancelAfterFirst: (() => void) | undefined;
      client.connection.onNotification('$/progress', (p: { token: string; value: { kind: string } }) => {
        if (p.value.kind === 'report') {
          reports++;
          cancelAfterFirst?.();
        }
      });
      const cpu0 = serverCpu(client);
      const t0 = performance.now();
      const result = await client.request<CheckResult>('plan/checkWorkspace', { workDoneToken: 'bench' }, 'checkWorkspace', 600_000);
      walls.push(performance.now() - t0);
      cpus.push(serverCpu(client) - cpu0);
      ({ files, plans } = result);
      progressed = reports;
      if (round === runs - 1) {
        const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
        const source = new CancellationTokenSource();
        cancelAfterFirst = () => {
          cancelAfterFirst = undefined;
          source.cancel();
        };
        cancelled = (await client.connection.sendRequest('plan/checkWorkspace', { workDoneToken: 'bench-2' }, source.token)) as CheckResult;
      }
    } finally {
      await client.dispose();
    }
    if (round % 2 === 1) clis.push(cliRun());
  }
  const wall = median(walls);
  const target = median(clis);
  console.log(`\n## plan/checkWorkspace on the same archive, ${runs} rounds, each with plan-check in turn (${load()})`);
  console.log(
    `${files} files, ${plans} plans: median ${s(wall)} wall (${walls.map(s).join(', ')}), server CPU ${s(median(cpus))} (the register's first scan of the workspace included); plan-check in the same rounds: median ${s(target)} (${clis.map(s).join(', ')}); ${progressed} progress reports; cancelled after the first report: ${cancelled?.cancelled ? `yes, after ${cancelled.plans} plans` : 'no'}`,
  );
  row(
    7,
    'plan/checkWorkspace on the same archive',
    `${s(wall)} (server CPU ${s(median(cpus))}; plan-check in the same rounds ${s(target)}); progress ${progressed ? 'yes' : 'no'}, cancel ${cancelled?.cancelled ? 'yes' : 'no'}`,
    `the CLI's figure, with progress and cancel`,
    wall <= target * 1.1 && progressed > 0 && !!cancelled?.cancelled,
  );
}

/** The server's memory (its analysis threads included) with 1, 101 and 501 plans open. */
export async function memoryFigures(o: BenchOptions): Promise<void> {
  const client = await LspClient.start({});
  try {
    const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${client.proc.pid}/status`, 'utf8'))![1]) / 1024;
    const open = async (from: number, to: number) => {
      const all: Promise<unknown>[] = [];
      for (let i = from; i < to; i++) {
        const u = pathToFileURL(join(REF_PATH, '..', `kopia-${i}.plan.md`)).toString();
        all.push(client.waitForDiagnostics(u, { version: 1, after: 0, timeout: 600_000 }));
        await client.open(u, REFERENCE.replace('# Plan för', `# Kopia ${i} av plan för`), 1);
      }
      await Promise.all(all);
    };
    await open(0, 1);
    const one = rss();
    await open(1, 101);
    const hundred = rss();
    if (!o.quick) await open(101, 501);
    console.log(
      `\nmemory: ${f(one)} MiB RSS with 1 plan open, ${f(hundred)} MiB with 101 open${o.quick ? '' : `, ${f(rss())} MiB with 501 open`} (each ${(REFERENCE.length / 1024).toFixed(0)} KiB)`,
    );
  } finally {
    await client.dispose();
  }
}
