/**
 * The language server on Node: the command line's transport (transport.ts), the disk and worker
 * threads (host.ts), and a log of anything uncaught.
 */
import { PlanServer } from '../lsp/server';
import { createPlanConnection } from '../lsp/transport';
import { NODE_HOST } from './host';

/** Starts the server on the command line's transport; `script` is the bundle the analysis workers run. */
export function main(script?: string): void {
  const { connection, inbound } = createPlanConnection();
  new PlanServer(connection, NODE_HOST, { inbound, workerScript: script?.endsWith('.js') ? script : undefined });
  process.on('uncaughtException', (e) => connection.console.error(`plan: uncaught ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`plan: unhandled ${String(e)}`));
  connection.listen();
}
