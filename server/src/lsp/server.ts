/**
 * The language server: a thin adapter from LSP to the plan library. Start with
 * `node dist/server.js --stdio` (any LSP client) or over IPC (the VS Code extension); in the
 * browser it runs in a web worker (server/src/browser.ts). What differs between the two (files,
 * worker threads) comes from a `ServerHost` (host.ts): this folder uses no Node API, except
 * transport.ts and analysis.ts, which only the Node host (server/src/node/) loads.
 *
 * This file wires the concerns together: transport.ts (the connection, its framing and backlog),
 * configuration.ts (settings, trust, templates and registry), analysis.ts and worker.ts (analyses
 * in worker threads with a time budget), documents.ts (analyses of the open documents and their
 * diagnostics), features.ts (symbols, folding, hover, completion, quick fixes), requests.ts (the
 * extension's requests), workspace.ts (workspace symbols and the workspace check); convert.ts
 * converts between the library and LSP.
 */
import { CodeActionKind, TextDocuments, TextDocumentSyncKind } from './lsp-values';
import type { Connection, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isMarkdownFile, setLocale } from '../core/index';
import { Configuration, isConfigFile, WORKSPACE_TRUST_NOTIFICATION } from './configuration';
import { PlanDocuments } from './documents';
import { EditorFeatures } from './features';
import { REFACTOR_ACTION_KINDS, REFACTOR_CAPABILITIES, RefactorFeatures } from './refactor';
import { SharedReads } from './disk-reads';
import { WorkspaceRegister } from './register';
import type { ServerHost } from './host';
import { registerRequests } from './requests';
import type { Inbound } from './transport';
import { Guard } from './util';
import { warmUp } from './worker';
import { WorkspacePlans } from './workspace';

/** What a host's own features are registered with. */
export interface ServerParts {
  connection: Connection;
  plans: PlanDocuments;
  configuration: Configuration;
  guard: Guard;
}

export class PlanServer {
  /**
   * `host` gives the files and the analyser (host.ts); `inbound` (transport.ts) lets documents.ts
   * wait for a burst of messages to be handled; `workerScript` is the script the analysis workers
   * run (without it, analyses run on this thread); `started` runs once, when the first diagnostics
   * are out, before this thread warms up (node/server.ts writes the code cache then: what the start
   * needs, not the parser).
   */
  constructor(
    connection: Connection,
    host: ServerHost,
    {
      inbound,
      workerScript,
      nodeFeatures,
      started,
    }: { inbound?: Inbound; workerScript?: string; nodeFeatures?: (ctx: ServerParts) => void; started?: () => void } = {},
  ) {
    const guard = new Guard(connection.console);
    const documents = new TextDocuments(TextDocument);
    const configuration = new Configuration(connection, documents, guard, host);
    const pool = host.createAnalyzer({
      script: workerScript,
      budget: () => configuration.settings.analysisTimeout,
      log: connection.console,
      trace: (m) => connection.tracer.log(m),
    });
    const plans = new PlanDocuments(connection, documents, configuration, guard, pool, inbound);
    const reads = new SharedReads((file, max) => host.fs.readFile(file, max));
    const workspace = new WorkspacePlans(connection, configuration, plans, pool, guard, host, reads);
    const register = new WorkspaceRegister(connection, configuration, plans, pool, guard, host, reads);
    workspace.setExtraFindings((uri, entry) => register.findingsForCheck(uri, entry));
    const features = new EditorFeatures(connection, plans, guard, register);
    const refactor = new RefactorFeatures(connection, plans, guard);
    features.sourceActions = (p, c) => refactor.sourceActions(p, c);
    // One definition handler: references to parts and ambitions first, then ties to other documents.
    refactor.definitionFallback = (uri, position) => register.definition(uri, position);
    registerRequests(connection, plans, configuration, guard);
    // Features only the Node host has (Word import and publishing read and write files): node/server.ts.
    nodeFeatures?.({ connection, plans, configuration, guard });

    configuration.onDidReload(() => {
      plans.invalidateAll();
      workspace.clear();
      register.clear();
    });

    connection.onInitialize((params): InitializeResult => {
      const init = (params.initializationOptions ?? {}) as { locale?: string };
      setLocale(init.locale ?? params.locale ?? 'sv');
      configuration.initialize(params);
      features.initialize(params);
      refactor.initialize(params);
      pool.warmUp();
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          documentSymbolProvider: { label: 'Plan' },
          foldingRangeProvider: true,
          hoverProvider: true,
          completionProvider: { triggerCharacters: [' ', ':', ',', '.', '#'] },
          workspaceSymbolProvider: true,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ...REFACTOR_ACTION_KINDS] },
          ...REFACTOR_CAPABILITIES,
          documentLinkProvider: { resolveProvider: false },
        },
        serverInfo: { name: 'plan-language-server', version: '0.1.0' },
      };
    });
    connection.onInitialized(() => {
      void guard.runAsync('initialized', () => configuration.initialized());
      register.start();
      // Hover and completion may analyse on this thread: compile the parser before the first hover,
      // but after the first diagnostics (at the start it would delay them).
      if (workerScript)
        pool.whenIdle?.(() => {
          if (started) guard.run('started', started, undefined);
          guard.run('warmUp', warmUp, undefined);
        });
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
            const file = host.toFile(c.uri);
            if (file && isConfigFile(file)) configuration.scheduleReload();
            else if (file && isMarkdownFile(file)) {
              workspace.forget(c.uri);
              register.fileChanged(c.uri);
            }
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
          else {
            plans.closed(e.document.uri);
            register.closed(e.document.uri);
          }
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
