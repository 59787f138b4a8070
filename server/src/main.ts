/**
 * The server's entry, and the analysis workers' too: analysis.ts starts workers from this same
 * bundle (dist/server.js), so the worker can never be missing or out of step with the server.
 * Each side loads only its own modules.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === 'plan-analysis') {
  const port = parentPort;
  void import('./lsp/worker').then((m) => m.runAnalysisWorker(port));
} else {
  void import('./node/server').then((m) => m.main(__filename));
}
