/**
 * The server's entry (dist/server.js), and the analysis workers' too, small on purpose: in the
 * server's thread it starts the first analysis worker at once, then loads the server's bundle
 * (dist/server-main.js); in a worker it loads the workers' bundle (dist/analysis-worker.js), which
 * has the library and nothing of the server. Both through V8's code cache when the client names a
 * folder for it (`--code-cache=<folder>`, node/code-cache.ts). The workers start from this file, so
 * they can never be out of step with the server.
 */
import { join } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { codeCacheDir, loadBundle } from './node/code-cache';
import { startAnalysisWorkerEarly, type WorkerStart } from './node/worker-start';

type ServerBundle = typeof import('./node/server');
type WorkerBundle = typeof import('./node/analysis-worker');

const data = workerData as { role?: string; codeCache?: string } | undefined;
if (!isMainThread && parentPort && data?.role === 'plan-analysis') {
  const { exports, cache } = loadBundle<WorkerBundle>(join(__dirname, 'analysis-worker.js'), data.codeCache);
  exports.runAnalysisWorker(parentPort, cache.save);
} else {
  const start: WorkerStart = { script: __filename, codeCache: codeCacheDir(process.argv) };
  // The first analysis worker loads and warms up while this thread loads the server.
  const early = startAnalysisWorkerEarly(start);
  const { exports, cache } = loadBundle<ServerBundle>(join(__dirname, 'server-main.js'), start.codeCache);
  exports.main({ ...start, early, cache });
}
