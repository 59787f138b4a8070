/**
 * The language server: a thin adapter from LSP to the plan library. Start with
 * `node dist/server.js --stdio` (any LSP client) or over IPC (the VS Code extension).
 *
 * This file wires the concerns together: transport.ts (the connection, its framing and backlog),
 * configuration.ts (settings, trust, templates and registry), analysis.ts and worker.ts (analyses
 * in worker threads with a time budget), documents.ts (analyses of the open documents and their
 * diagnostics), features.ts (symbols, folding, hover, completion, quick fixes), requests.ts (the
 * extension's requests), workspace.ts (workspace symbols and the workspace check); convert.ts
 * converts between the library and LSP.
 */
import { CodeActionKind, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMarkdownFile, setLocale } from '../core/index';
import { AnalysisPool } from './analysis';
import { Configuration, isConfigFile, WORKSPACE_TRUST_NOTIFICATION } from './configuration';
import { PlanDocuments } from './documents';
import { EditorFeatures } from './features';
import { registerFollowUpRequests } from './followup';
import { registerRequests } from './requests';
import { createPlanConnection, type Inbound } from './transport';
import { Guard, uriToPath } from './util';
import { warmUp } from './worker';
import { WorkspacePlans } from './workspace';

export class PlanServer {
  /**
   * `inbound` (transport.ts) lets documents.ts wait for a burst of messages to be handled;
   * `workerScript` is the bundle the analysis workers run (without it, analyses run on this thread).
   */
  constructor(connection: Connection, inbound?: Inbound, workerScript?: string) {
    const guard = new Guard(connection.console);
    const documents = new TextDocuments(TextDocument);
    const configuration = new Configuration(connection, documents, guard);
    const pool = new AnalysisPool({ script: workerScript, budget: () => configuration.settings.analysisTimeout, log: connection.console });
    const plans = new PlanDocuments(connection, documents, configuration, guard, pool, inbound);
    const workspace = new WorkspacePlans(connection, configuration, plans, pool, guard);
    const features = new EditorFeatures(connection, plans, guard);
    registerRequests(connection, plans, configuration, guard);
    registerFollowUpRequests(connection, plans, guard);

    configuration.onDidReload(() => {
      plans.invalidateAll();
      workspace.clear();
    });

    connection.onInitialize((params): InitializeResult => {
      const init = (params.initializationOptions ?? {}) as { locale?: string };
      setLocale(init.locale ?? params.locale ?? 'sv');
      configuration.initialize(params);
      features.initialize(params);
      pool.warmUp();
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          documentSymbolProvider: { label: 'Plan' },
          foldingRangeProvider: true,
          hoverProvider: true,
          completionProvider: { triggerCharacters: [' ', ':', ',', '.', '#'] },
          workspaceSymbolProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        },
        serverInfo: { name: 'plan-language-server', version: '0.1.0' },
      };
    });
    connection.onInitialized(() => {
      void guard.runAsync('initialized', () => configuration.initialized());
      // Hover and completion analyse on this thread: compile the parser now rather than at the first hover.
      if (workerScript) setImmediate(() => guard.run('warmUp', warmUp, undefined));
    });
    connection.onDidChangeConfiguration((change) => void guard.runAsync('configuration', () => configuration.reloadSettings(change.settings)));
    connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (p: { trusted?: unknown } | undefined) => {
      if (typeof p?.trusted === 'boolean') void guard.runAsync('workspaceTrust', () => configuration.setTrusted(p.trusted as boolean));
    });
    connection.onDidChangeWatchedFiles((p) =>
      guard.run(
        'watchedFiles',
        () => {
          for (const c of p.changes) {
            const file = uriToPath(c.uri);
            if (file && isConfigFile(file)) configuration.scheduleReload();
            else if (file && isMarkdownFile(file)) workspace.forget(c.uri);
          }
        },
        undefined,
      ),
    );
    documents.onDidChangeContent((e) =>
      guard.run(
        'change',
        () => {
          if (isConfigFile(e.document.uri)) configuration.scheduleReload();
          else plans.changed(e.document.uri);
        },
        undefined,
      ),
    );
    documents.onDidClose((e) =>
      guard.run(
        'close',
        () => {
          if (isConfigFile(e.document.uri)) configuration.scheduleReload();
          else plans.closed(e.document.uri);
        },
        undefined,
      ),
    );
    connection.onShutdown(() => {
      configuration.dispose();
      pool.dispose();
    });
    documents.listen(connection);
  }
}

/** Starts the server on the command line's transport; `script` is the bundle the analysis workers run. */
export function main(script?: string): void {
  const { connection, inbound } = createPlanConnection();
  new PlanServer(connection, inbound, script?.endsWith('.js') ? script : undefined);
  process.on('uncaughtException', (e) => connection.console.error(`plan: uncaught ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`plan: unhandled ${String(e)}`));
  connection.listen();
}
