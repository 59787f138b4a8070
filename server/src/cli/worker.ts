/**
 * A worker thread of plan-check (bundled as dist/cli-worker.js): checks the documents the main
 * thread sends, one message each, with the templates and registry it sends along (once per
 * scope). Says 'ready' once loaded; answers `{ id, result }` or `{ id, error }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setLocale, type Registry, type TemplateSet } from '../core/index';
import { scopeFromSpec } from '../node/config';
import { checkText, type CheckSettings } from './check';
import type { JobMessage, WorkerData } from './pool';

const data = workerData as WorkerData;
setLocale(data.locale);
const settings: CheckSettings = data.settings;
const scopes = new Map<string, { templates: TemplateSet; registry: Registry }>();

parentPort?.on('message', (job: JobMessage) => {
  try {
    if (job.spec) scopes.set(job.spec.key, scopeFromSpec(job.spec));
    const scope = scopes.get(job.scopeKey);
    if (!scope) throw new Error(`no scope ${job.scopeKey}`);
    parentPort!.postMessage({ id: job.id, result: checkText(job.text, job.file, scope, settings) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
// The code is loaded: the pool may send documents now (until then the main thread checks them).
parentPort?.postMessage('ready');
