/**
 * A/B cold start: two builds' dist/server.js, interleaved, each started fresh: the first start
 * (empty code cache), a later one (cache present) and a later one in a folder with its own template
and registry (examples/asby), as `npm run bench -- --server` does for one build. Usage:
 *   node --import tsx scripts/bench/ab-cold.ts <distA> <distB> [runs]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../../test/helpers/lsp-client';
import { median, REF_PATH, REFERENCE } from './common';

const [a, b, n] = process.argv.slice(2);
const runs = Number(n ?? 9);
const uri = pathToFileURL(REF_PATH).toString();
const FOLDER = join(REF_PATH, '..', '..', 'asby');
const cpuOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
async function once(dist: string, cache: string, prepare = false, folders?: string[]) {
  const t0 = performance.now();
  const client = LspClient.spawn({ server: join(dist, 'server.js'), codeCache: cache });
  try {
    await client.initialize({ trace: prepare ? 'verbose' : undefined, workspaceFolders: folders });
    const init = performance.now() - t0;
    await client.open(uri, REFERENCE, 1);
    await client.waitForDiagnostics(uri, { version: 1, after: 0 });
    const first = performance.now() - t0;
    const cpu = cpuOf(client.proc.pid!);
    if (prepare)
      for (const bundle of ['server-main', 'analysis-worker'])
        await client.waitFor(client.traces, (t) => t.message.startsWith('plan: code cache') && t.message.includes(`${bundle}.`), `${bundle}'s code cache`);
    return { init, first, cpu };
  } finally {
    await client.dispose();
  }
}
const temp = mkdtempSync(join(tmpdir(), 'plan-ab-'));
const builds = [a, b];
const warm = builds.map((_, i) => join(temp, `warm-${i}`));
let k = 0;
const res: Record<string, { init: number[]; first: number[]; cpu: number[] }> = {};
const loads: number[] = [];
(async () => {
  for (let i = 0; i < 2; i++) await once(builds[i], warm[i], true);
  for (let r = 0; r < runs; r++) {
    loads.push(loadavg()[0]);
    const order = r % 2 ? [1, 0] : [0, 1];
    for (const i of order)
      for (const mode of r % 3 ? ['later', 'folder', 'first'] : ['first', 'later', 'folder']) {
        const x = await once(builds[i], mode === 'first' ? join(temp, `fresh-${k++}`) : warm[i], false, mode === 'folder' ? [FOLDER] : undefined);
        const key = `${i ? 'B' : 'A'} ${mode}`;
        res[key] ??= { init: [], first: [], cpu: [] };
        res[key].init.push(x.init);
        res[key].first.push(x.first);
        res[key].cpu.push(x.cpu);
      }
  }
  rmSync(temp, { recursive: true, force: true });
  console.log(`A=${a} B=${b} runs=${runs} load(1m) ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}`);
  for (const key of Object.keys(res).sort()) {
    const r = res[key];
    console.log(
      `${key.padEnd(8)} init ${median(r.init).toFixed(0)} ms  first diag ${median(r.first).toFixed(0)} ms [${r.first.map((x) => x.toFixed(0)).join(' ')}]  cpu ${median(r.cpu).toFixed(0)} ms`,
    );
  }
})();
