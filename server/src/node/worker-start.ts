/**
 * Starting an analysis worker (lsp/analysis.ts), and starting the first one early: main.ts starts it
 * before the server's bundle is loaded, so that the worker loads its code and warms up while the
 * server loads its own and answers `initialize`; main.ts hands it to the server, whose pool takes
 * it over (`EarlyWorker.take`) instead of starting one when the first document arrives. Node only;
 * imports nothing else, so that starting it costs nothing more than the worker itself.
 */
import { Worker } from 'node:worker_threads';

/** Workers get a heap of their own, bounded: a runaway analysis fails its job instead of the server. */
const WORKER_HEAP_MB = 1024;
/**
 * Room for short-lived objects (three times V8's semi-space): an analysis of a large plan makes many,
 * and with the default (16 MB semi-spaces) they are collected several times over, some of them
 * promoted to the old heap. Measured on a 1 MB plan's keystrokes: 20 % less time at the fastest;
 * plan-check's workers (cli/pool.ts) had about a third fewer collections over an archive. The
 * space grows to this only when it is used.
 */
export const WORKER_YOUNG_MB = 96;

/** What an analysis worker is started with: its role (main.ts) and the code cache's folder (node/code-cache.ts). */
export interface WorkerStart {
  /** The script a worker runs: the server's entry (dist/server.js), which loads dist/analysis-worker.js. */
  script: string;
  /** The folder of the code cache, if any. */
  codeCache?: string;
}

/** A new analysis worker. Throws where workers cannot start. */
export function spawnAnalysisWorker({ script, codeCache }: WorkerStart): Worker {
  const worker = new Worker(script, {
    workerData: { role: 'plan-analysis', codeCache },
    // Not the server's own flags (--inspect when debugged, a loader when run from sources); for
    // profiling, PLAN_WORKER_NODE_ARGS (docs/development.md).
    execArgv: process.env.PLAN_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    // Not the parent's stdout, which may carry the protocol (--stdio): anything a worker prints goes to stderr.
    stdout: true,
    stderr: true,
  });
  worker.stdout.pipe(process.stderr, { end: false });
  worker.stderr.pipe(process.stderr, { end: false });
  return worker;
}

/** The first analysis worker, started ahead of the pool. */
export interface EarlyWorker {
  /**
   * The worker, once, for a pool whose workers run `script`: the pool's listeners replace the ones
   * here; `ready` says whether it has already said so. Undefined when it was taken, is for another
   * script, or is gone (then it is ended).
   */
  take(script: string): { worker: Worker; ready: boolean } | undefined;
}

/** Starts the first analysis worker ahead of the pool; undefined where workers cannot start (the pool then finds out itself). */
export function startAnalysisWorkerEarly(start: WorkerStart): EarlyWorker | undefined {
  let worker: Worker;
  try {
    worker = spawnAnalysisWorker(start);
  } catch {
    return undefined;
  }
  let ready = false;
  let gone = false;
  let taken = false;
  const onMessage = (m: unknown) => {
    if ((m as { kind?: string } | undefined)?.kind === 'ready') ready = true;
  };
  const onGone = () => (gone = true);
  worker.on('message', onMessage);
  worker.on('error', onGone);
  worker.on('exit', onGone);
  // Until the pool takes it, it must not keep the process alive.
  worker.unref();
  return {
    take(script) {
      if (taken) return undefined;
      taken = true;
      worker.off('message', onMessage);
      worker.off('error', onGone);
      worker.off('exit', onGone);
      if (gone || script !== start.script) {
        void worker.terminate().catch(() => undefined);
        return undefined;
      }
      return { worker, ready };
    },
  };
}
