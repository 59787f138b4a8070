/**
 * The language server: a thin adapter from LSP to the plan library. Start with
 * `node dist/server.js --stdio` (any LSP client) or over IPC (the VS Code extension).
 *
 * This file wires the concerns together: configuration.ts (settings, templates and registry),
 * documents.ts (analyses and diagnostics), features.ts (symbols, folding, hover, completion,
 * quick fixes), requests.ts (the extension's requests), workspace.ts (workspace symbols and the
 * workspace check); convert.ts converts between the library and LSP.
 */
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMarkdownFile, setLocale } from '../core/index';
import { Configuration, isConfigFile } from './configuration';
import { PlanDocuments } from './documents';
import { EditorFeatures } from './features';
import { registerRequests } from './requests';
import { Guard, uriToPath } from './util';
import { WorkspacePlans } from './workspace';

export class PlanServer {
  constructor(connection: Connection) {
    const guard = new Guard(connection.console);
    const documents = new TextDocuments(TextDocument);
    const configuration = new Configuration(connection, documents, guard);
    const plans = new PlanDocuments(connection, documents, configuration, guard);
    const workspace = new WorkspacePlans(connection, configuration, plans, guard);
    const features = new EditorFeatures(connection, plans, configuration, guard);
    registerRequests(connection, plans, configuration, guard);

    configuration.onDidReload(() => {
      plans.invalidateAll();
      workspace.clear();
    });

    connection.onInitialize((params): InitializeResult => {
      const init = (params.initializationOptions ?? {}) as { locale?: string };
      setLocale(init.locale ?? params.locale ?? 'sv');
      configuration.initialize(params);
      features.initialize(params);
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
    connection.onInitialized(() => void guard.runAsync('initialized', () => configuration.initialized()));
    connection.onDidChangeConfiguration((change) => void guard.runAsync('configuration', () => configuration.reloadSettings(change.settings)));
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
    connection.onShutdown(() => configuration.dispose());
    documents.listen(connection);
  }
}

export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  new PlanServer(connection);
  process.on('uncaughtException', (e) => connection.console.error(`plan: uncaught ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`plan: unhandled ${String(e)}`));
  connection.listen();
}
