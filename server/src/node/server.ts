/**
 * The language server on Node: the command line's transport (transport.ts), the disk and worker
 * threads (host.ts), and a log of anything uncaught.
 */
import { registerFollowUpRequests } from './followup-requests';
import { registerPublish } from './publish-requests';
import { PlanServer, type ServerParts } from '../lsp/server';
import { registerWordImport } from './word-requests';
import { createPlanConnection } from '../lsp/transport';
import { NODE_HOST } from './host';

/** Word import, publishing and the follow-up files: they read and write files, so only this host has them. */
function nodeFeatures({ connection, plans, configuration, guard }: ServerParts): void {
  registerWordImport(connection, configuration, guard);
  registerPublish(connection, plans, guard);
  registerFollowUpRequests(connection, plans, guard);
}

/** Starts the server on the command line's transport; `script` is the bundle the analysis workers run. */
export function main(script?: string): void {
  const { connection, inbound } = createPlanConnection();
  new PlanServer(connection, NODE_HOST, { inbound, workerScript: script?.endsWith('.js') ? script : undefined, nodeFeatures });
  process.on('uncaughtException', (e) => connection.console.error(`plan: uncaught ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`plan: unhandled ${String(e)}`));
  connection.listen();
}
