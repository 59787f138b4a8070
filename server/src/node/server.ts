/**
 * The language server on Node (dist/server-main.js, loaded by the entry, main.ts): the command
 * line's transport (transport.ts), the disk and worker threads (host.ts), and a log of anything
 * uncaught.
 */
import { registerFollowUpRequests } from './followup-requests';
import { registerPublish } from './publish-requests';
import { PlanServer, type ServerParts } from '../lsp/server';
import { registerWordImport } from './word-requests';
import { createPlanConnection } from '../lsp/transport';
import { AnalysisPool, type PoolOptions } from '../lsp/analysis';
import type { CodeCache } from './code-cache';
import { NODE_HOST } from './host';
import type { EarlyWorker } from './worker-start';

/** Word import, publishing and the follow-up files: they read and write files, so only this host has them. */
function nodeFeatures({ connection, plans, configuration, guard }: ServerParts): void {
  registerWordImport(connection, configuration, guard);
  registerPublish(connection, plans, guard);
  registerFollowUpRequests(connection, plans, guard);
}

/** How main.ts started the server: the script analysis workers run, their code cache, the first worker, this bundle's code cache. */
export interface ServerStart {
  script: string;
  codeCache?: string;
  early?: EarlyWorker;
  cache?: CodeCache;
}

/** Starts the server on the command line's transport. */
export function main(start?: ServerStart): void {
  const { connection, inbound } = createPlanConnection();
  const host = { ...NODE_HOST, createAnalyzer: (o: PoolOptions) => new AnalysisPool({ ...o, start }) };
  const cache = start?.cache;
  new PlanServer(connection, host, {
    inbound,
    workerScript: start?.script,
    nodeFeatures,
    // Once the first analyses are done and the pool has been quiet (lsp/server.ts, `whenIdle`): the cache then has what the start needs.
    started:
      cache &&
      (() => {
        const message = cache.save();
        if (message) connection.tracer.log(message);
      }),
  });
  process.on('uncaughtException', (e) => connection.console.error(`plan: uncaught ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`plan: unhandled ${String(e)}`));
  connection.listen();
}
