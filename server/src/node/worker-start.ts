/**
 * Starting an analysis worker (lsp/analysis.ts), and starting the first one early: main.ts starts it
 * before the rest of the server is loaded, so that the worker loads its code and warms up while
 * the server loads its own and answers `initialize`; the pool takes it over (`takeEarlyWorker`)
 * instead of starting one when the first document arrives. Node only; imports nothing else, so
 * that starting it costs nothing more than the worker itself.
 */
import { Worker } from 'node:worker_threads';

/** Workers get a heap of their own, bounded: a runaway analysis fails its job instead of the server. */
const WORKER_HEAP_MB = 1024;

/** A new analysis worker running `script` (the server's bundle). Throws where workers cannot start. */
export function spawnAnalysisWorker(script: string): Worker {
  const worker = new Worker(script, {
    workerData: { role: 'plan-analysis' },
    // Not the server's own flags (--inspect when debugged, a loader when run from sources).
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    // Not the parent's stdout, which may carry the protocol (--stdio): anything a worker prints goes to stderr.
    stdout: true,
    stderr: true,
  });
  worker.stdout.pipe(process.stderr, { end: false });
  worker.stderr.pipe(process.stderr, { end: false });
  return worker;
}

interface Early {
  script: string;
  worker: Worker;
  ready: boolean;
  gone: boolean;
  onMessage: (m: unknown) => void;
  onGone: () => void;
}

let early: Early | undefined;

/** Starts the first analysis worker ahead of the pool; nothing happens where workers cannot start (the pool then finds out itself). */
export function startAnalysisWorkerEarly(script: string): void {
  try {
    const worker = spawnAnalysisWorker(script);
    const e: Early = {
      script,
      worker,
      ready: false,
      gone: false,
      onMessage: (m) => {
        if ((m as { kind?: string } | undefined)?.kind === 'ready') e.ready = true;
      },
      onGone: () => (e.gone = true),
    };
    worker.on('message', e.onMessage);
    worker.on('error', e.onGone);
    worker.on('exit', e.onGone);
    // Until the pool takes it, it must not keep the process alive.
    worker.unref();
    early = e;
  } catch {
    early = undefined;
  }
}

/**
 * The worker started early for `script`, once: the pool's listeners replace the ones here; `ready`
 * says whether it has already said so. Undefined when there is none, it is for another script, or
 * it is gone.
 */
export function takeEarlyWorker(script: string): { worker: Worker; ready: boolean } | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  e.worker.off('message', e.onMessage);
  e.worker.off('error', e.onGone);
  e.worker.off('exit', e.onGone);
  if (e.gone || e.script !== script) {
    void e.worker.terminate().catch(() => undefined);
    return undefined;
  }
  return { worker: e.worker, ready: e.ready };
}
