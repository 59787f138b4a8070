/**
 * The VS Code extension: a thin adapter that starts the bundled language server over IPC for
 * Markdown files, forwards settings, and owns the commands. All plan logic lives in the server.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type RequestParam,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { registerFollowUpCommands } from './followup';
import { registerOverviewFeatures, type OverviewHooks, type StructureHooks } from './overview/index';
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

const CONFIG_FILES = '**/*.{planmall,organisation}.{json,yaml,yml}';
/**
 * Tells the server that the workspace's trust changed (`{ trusted: boolean }`); the server's end is
 * in server/src/lsp/configuration.ts. At start the trust goes in `initializationOptions.trusted`.
 */
const WORKSPACE_TRUST_NOTIFICATION = 'plan/didChangeWorkspaceTrust';

export interface PlanExtensionApi {
  /** The running language client (for tests and other extensions). */
  readonly client: LanguageClient | undefined;
  /** Resolves once the server has started. */
  ready(): Promise<void>;
  /** The Planöversikt webview (for tests). */
  readonly overview: OverviewHooks;
  /** The Planstruktur tree view (for tests). */
  readonly structure: StructureHooks;
}

class PlanExtension implements PlanExtensionApi {
  readonly #context: vscode.ExtensionContext;
  readonly #output: vscode.LogOutputChannel;
  readonly #onServerRunning = new vscode.EventEmitter<void>();
  readonly overview: OverviewHooks;
  readonly structure: StructureHooks;
  #client: LanguageClient | undefined;
  #starting: Promise<void> | undefined;

  constructor(context: vscode.ExtensionContext) {
    this.#context = context;
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
  }

  get client(): LanguageClient | undefined {
    return this.#client;
  }

  ready(): Promise<void> {
    return this.#starting ?? this.start();
  }

  start(): Promise<void> {
    const serverModule = this.#context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { language: 'markdown', scheme: 'file' },
        { language: 'markdown', scheme: 'untitled' },
        { pattern: CONFIG_FILES, scheme: 'file' },
      ],
      synchronize: {
        configurationSection: 'plan',
        fileEvents: [vscode.workspace.createFileSystemWatcher(CONFIG_FILES), vscode.workspace.createFileSystemWatcher('**/*.md')],
      },
      // A function: read again at each (re)start, so a restarted server knows the trust of the moment.
      initializationOptions: () => ({ locale: vscode.env.language, trusted: vscode.workspace.isTrusted }),
      outputChannel: this.#output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
    };
    const client = new LanguageClient('plan', vscode.l10n.t('Plan language server'), serverOptions, clientOptions);
    client.onDidChangeState((e) => {
      this.#output.info(vscode.l10n.t('Server state: {0}', stateName(e.newState)));
      if (e.newState === State.Running) this.#onServerRunning.fire();
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
    this.#starting = this.#client.restart();
    await this.#starting;
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
    const folderUri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = folderUri?.scheme === 'file' ? folderUri.toString() : undefined;
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
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: '' }));
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

  async checkWorkspace(): Promise<CheckWorkspaceResult | undefined> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the plans in the workspace …') },
      () => this.#request(CheckWorkspaceRequest, {}),
    );
    if (!result) return undefined;
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        '{0} plans checked in {1} Markdown files: {2} errors, {3} warnings, {4} other findings.',
        result.plans,
        result.files,
        result.errors,
        result.warnings,
        result.other,
      ),
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

let extension: PlanExtension | undefined;

export function activate(context: vscode.ExtensionContext): PlanExtensionApi {
  const ext = new PlanExtension(context);
  extension = ext;
  context.subscriptions.push(
    vscode.commands.registerCommand('plan.restartServer', () => ext.restart()),
    vscode.commands.registerCommand('plan.newFromTemplate', (id?: unknown) => ext.newFromTemplate(id)),
    vscode.commands.registerCommand('plan.showTemplate', () => ext.showTemplate()),
    vscode.commands.registerCommand('plan.checkWorkspace', () => ext.checkWorkspace()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void ext.trustGranted().catch(() => undefined)),
  );
  registerFollowUpCommands(context, ext);
  // ready(), not start(): the overview may already have asked for the server.
  void ext.ready().catch(() => undefined);
  return ext;
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}
