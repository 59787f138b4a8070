/** The analysis workers' bundle (dist/analysis-worker.js): the library and the worker's side of the pool, nothing of the server. */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { runAnalysisWorker as run } from '../lsp/worker';

/** The worker's side of the pool (lsp/worker.ts), with a way to take a job already posted before a warm-up step. */
export function runAnalysisWorker(port: MessagePort, afterFirstJob?: () => string | undefined): void {
  run(port, afterFirstJob, () => receiveMessageOnPort(port)?.message);
}
