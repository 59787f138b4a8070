/** The analysis workers' bundle (dist/analysis-worker.js): the library and the worker's side of the pool, nothing of the server. */
export { runAnalysisWorker } from '../lsp/worker';
