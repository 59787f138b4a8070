/**
 * The extension's core, the same in the Node build (extension.ts) and the browser build
 * (browser.ts): the language client's options, its start and restart, the trust notification and
 * the commands that ask the server (templates, the workspace check). How the server is started
 * comes from a `ClientPlatform`. All plan logic lives in the server.
 */
import * as vscode from 'vscode';
import {
  RevealOutputChannelOn,
  State,
  type BaseLanguageClient,
  type DocumentSelector,
  type LanguageClientOptions,
  type RequestParam,
  WorkDoneProgress,
} from 'vscode-languageclient';
import { registerOverviewFeatures, type OverviewHooks, type StructureHooks } from './overview/index';
import { registerUntitledPlans, untitledPlanUri } from './untitled-plan';
import {
  CheckWorkspaceRequest,
  ExportRequest,
  NewDocumentRequest,
  OverviewRequest,
  TemplatesRequest,
  TemplateTextRequest,
  type CheckWorkspaceResult,
  type PlanRequest,
} from '../../server/src/protocol';

export const CONFIG_FILES = '**/*.{planmall,organisation}.{json,yaml,yml}';
/**
 * Tells the server that the workspace's trust changed (`{ trusted: boolean }`); the server's end is
 * in server/src/lsp/configuration.ts. At start the trust goes in `initializationOptions.trusted`.
 */
const WORKSPACE_TRUST_NOTIFICATION = 'plan/didChangeWorkspaceTrust';

/** What differs between the Node and the browser build of the extension. */
export interface ClientPlatform {
  /** `node`: the server runs in Node over IPC; `browser`: in a web worker (vscode.dev, code-server's web host). */
  readonly kind: 'node' | 'browser';
  /** Makes the language client (the server is started by `start()`). */
  createClient(id: string, name: string, options: LanguageClientOptions): BaseLanguageClient;
  /** The documents the server is given: Markdown and the template and registry files. */
  readonly documentSelector: DocumentSelector;
  /** Registers the client's handlers of the server's requests (the browser's file system), before it starts. */
  setUp?(client: BaseLanguageClient): void;
}

export interface PlanExtensionApi {
  /** The running language client (for tests and other extensions). */
  readonly client: BaseLanguageClient | undefined;
  /** `node` or `browser` (the build that runs). */
  readonly platform: 'node' | 'browser';
  /** Resolves once the server has started. */
  ready(): Promise<void>;
  /** The Planöversikt webview (for tests). */
  readonly overview: OverviewHooks;
  /** The Planstruktur tree view (for tests). */
  readonly structure: StructureHooks;
}

export class PlanExtension implements PlanExtensionApi {
  readonly #platform: ClientPlatform;
  readonly #output: vscode.LogOutputChannel;
  readonly #onServerRunning = new vscode.EventEmitter<void>();
  readonly overview: OverviewHooks;
  readonly structure: StructureHooks;
  #client: BaseLanguageClient | undefined;
  #starting: Promise<void> | undefined;
  #checks = 0;

  constructor(context: vscode.ExtensionContext, platform: ClientPlatform) {
    this.#platform = platform;
    this.#output = vscode.window.createOutputChannel('Plan', { log: true });
    context.subscriptions.push(this.#output, this.#onServerRunning);
    const features = registerOverviewFeatures(context, {
      fetchOverview: (doc) => this.#request(OverviewRequest, { uri: this.#protocolUri(doc.uri) }),
      exporter: (doc, format) => this.#request(ExportRequest, { uri: this.#protocolUri(doc.uri), format }),
      log: this.#output,
      onServerRunning: this.#onServerRunning.event,
    });
    this.overview = features.overview;
    this.structure = features.structure;
    registerUntitledPlans(context);
  }

  /** The extension's log (the output channel "Plan"). */
  get output(): vscode.LogOutputChannel {
    return this.#output;
  }

  get client(): BaseLanguageClient | undefined {
    return this.#client;
  }

  get platform(): 'node' | 'browser' {
    return this.#platform.kind;
  }

  ready(): Promise<void> {
    return this.#starting ?? this.start();
  }

  start(): Promise<void> {
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.#platform.documentSelector,
      synchronize: {
        configurationSection: 'plan',
        fileEvents: [vscode.workspace.createFileSystemWatcher(CONFIG_FILES), vscode.workspace.createFileSystemWatcher('**/*.md')],
      },
      // A function: read again at each (re)start, so a restarted server knows the trust of the moment.
      initializationOptions: () => ({ locale: vscode.env.language, trusted: vscode.workspace.isTrusted }),
      outputChannel: this.#output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const client = this.#platform.createClient('plan', vscode.l10n.t('Plan language server'), clientOptions);
    this.#platform.setUp?.(client);
    client.onDidChangeState((e) => {
      this.#output.info(vscode.l10n.t('Server state: {0}', stateName(e.newState)));
      if (e.newState === State.Running && this.#client === client) this.#onServerRunning.fire();
    });
    this.#client = client;
    this.#starting = client.start().catch((e: unknown) => {
      this.#output.error(vscode.l10n.t('The language server could not start: {0}', String(e)));
      this.#output.show(true);
      throw e;
    });
    return this.#starting;
  }

  /** The user granted the workspace trust: the server applies its templates, registry and settings. */
  async trustGranted(): Promise<void> {
    const client = this.#client;
    if (!client?.isRunning()) return; // a server that starts later reads the trust from its initializationOptions
    this.#output.info(vscode.l10n.t('The workspace is trusted: its templates, registry and settings now apply.'));
    await client.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true });
  }

  async restart(): Promise<void> {
    if (!this.#client) return this.start();
    this.#output.info(vscode.l10n.t('Restarting the language server …'));
    const client = this.#client as BaseLanguageClient & { restart?(): Promise<void> };
    if (client.restart) {
      this.#starting = client.restart();
      await this.#starting;
    } else {
      // The browser's client has no restart: a new one, with a new web worker.
      await client.stop().catch(() => undefined);
      await client.dispose().catch(() => undefined);
      await this.start();
    }
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Plan: the language server has restarted.'), 4000);
  }

  async stop(): Promise<void> {
    await this.#client?.stop();
  }

  /** A document's URI as the server knows it. */
  #protocolUri(uri: vscode.Uri): string {
    return this.#client?.code2ProtocolConverter.asUri(uri) ?? uri.toString();
  }

  /** Sends one of the custom requests (server/src/protocol.ts) once the server runs. */
  async #request<P, R>(request: PlanRequest<P, R>, params: RequestParam<P>): Promise<R> {
    await this.ready();
    return this.#client!.sendRequest(request.type, params);
  }

  /** A new document from a template; `templateId` (from a keybinding or a test) skips the choice. */
  async newFromTemplate(templateId?: unknown): Promise<vscode.TextEditor | undefined> {
    const active = vscode.window.activeTextEditor?.document.uri;
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
    const folderUri = active ?? workspace;
    const uri = folderUri && folderUri.scheme !== 'untitled' ? this.#protocolUri(folderUri) : undefined;
    /** Where the new plan would be saved: beside the active document, else in the workspace. */
    const folder = active && active.scheme !== 'untitled' ? vscode.Uri.joinPath(active, '..') : workspace;
    const templates = await this.#request(TemplatesRequest, { uri });
    if (!templates.length) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No templates are available.'));
      return undefined;
    }
    const given = typeof templateId === 'string' ? templates.find((tpl) => tpl.id === templateId) : undefined;
    const pick =
      given ??
      (await vscode.window.showQuickPick(
        templates.map((tpl) => ({
          label: tpl.name,
          description: tpl.origin === 'builtin' ? vscode.l10n.t('built in') : vscode.workspace.asRelativePath(tpl.origin),
          detail: tpl.description,
          id: tpl.id,
        })),
        { title: vscode.l10n.t('New plan from template'), placeHolder: vscode.l10n.t('Choose a document type') },
      ));
    if (!pick) return undefined;
    const doc = await this.#request(NewDocumentRequest, { id: pick.id, uri });
    if (!doc) return undefined;
    // A named untitled document (…/riktlinje.plan.md): Markdown by its name, also after a window reload.
    const named = await vscode.workspace.openTextDocument(await untitledPlanUri(pick.id, folder));
    const target = named.getText() === '' ? named : await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    if (target.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(target, 'markdown');
    const editor = await vscode.window.showTextDocument(target);
    await editor.insertSnippet(new vscode.SnippetString(doc.snippet));
    return editor;
  }

  async showTemplate(): Promise<void> {
    const active = vscode.window.activeTextEditor?.document;
    let result = active?.languageId === 'markdown' ? await this.#request(TemplateTextRequest, { uri: active.uri.toString() }) : {};
    if (!result.markdown) {
      const templates = await this.#request(TemplatesRequest, {});
      const pick = await vscode.window.showQuickPick(
        templates.map((tpl) => ({ label: tpl.name, detail: tpl.description, id: tpl.id })),
        { title: vscode.l10n.t('Show template'), placeHolder: vscode.l10n.t('The active file is not a plan: choose a template') },
      );
      if (!pick) return;
      result = await this.#request(TemplateTextRequest, { id: pick.id });
    }
    if (!result.markdown) return;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri).then(undefined, () => undefined);
  }

  /**
   * Checks every plan of the workspace, with the server's count of files done in the progress
   * notification (LSP work-done progress on a token of ours) and a Cancel button that stops it.
   */
  async checkWorkspace(): Promise<CheckWorkspaceResult | undefined> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the plans in the workspace …'), cancellable: true },
      async (progress, cancel) => {
        await this.ready();
        const client = this.#client!;
        const workDoneToken = `plan-check-workspace-${++this.#checks}`;
        let reported = 0;
        const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
          if (value.kind !== 'report') return;
          const percentage = value.percentage ?? reported;
          progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
          reported = percentage;
        });
        try {
          return await client.sendRequest(CheckWorkspaceRequest.type, { workDoneToken }, cancel);
        } finally {
          listening.dispose();
        }
      },
    );
    if (!result) return undefined;
    const counts = [result.plans, result.files, result.errors, result.warnings, result.other] as const;
    void vscode.window.showInformationMessage(
      result.cancelled
        ? vscode.l10n.t('The check was cancelled: {0} plans checked of {1} Markdown files: {2} errors, {3} warnings, {4} other findings.', ...counts)
        : vscode.l10n.t('{0} plans checked in {1} Markdown files: {2} errors, {3} warnings, {4} other findings.', ...counts),
    );
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    return result;
  }
}

function stateName(s: State): string {
  switch (s) {
    case State.Running:
      return vscode.l10n.t('running');
    case State.Starting:
      return vscode.l10n.t('starting');
    default:
      return vscode.l10n.t('stopped');
  }
}
