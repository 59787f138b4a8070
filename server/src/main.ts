/**
 * The server's entry, and the analysis workers' too: analysis.ts starts workers from this same
 * bundle (dist/server.js), so the worker can never be missing or out of step with the server.
 * Each side loads only its own modules. The first worker starts before the server is loaded.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startAnalysisWorkerEarly } from './node/worker-start';

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === 'plan-analysis') {
  const port = parentPort;
  void import('./lsp/worker').then((m) => m.runAnalysisWorker(port));
} else {
  // The first analysis worker loads and warms up while this thread loads the server (node/worker-start.ts).
  if (__filename.endsWith('.js')) startAnalysisWorkerEarly(__filename);
  void import('./node/server').then((m) => m.main(__filename));
}
