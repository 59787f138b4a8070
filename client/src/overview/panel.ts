/**
 * The Planöversikt webview panel beside the editor. It shows the server's overview HTML for the
 * followed plan (PlanTracker), reveals places the user clicks, and marks where the cursor is.
 */
import * as vscode from 'vscode';
import { parseFromWebview, parseState, type ToWebview } from './messages';
import type { PlanTracker, Tracked } from './tracker';
import { revealInEditor } from './reveal';
import { makeNonce, webviewShell } from './webview-html';

export const OVERVIEW_VIEW_TYPE = 'plan.overview';

/** Hooks for the integration tests (on the extension's API object). */
export interface OverviewHooks {
  /** The open panel, if any. */
  readonly panel: vscode.WebviewPanel | undefined;
  /** The document the panel shows. */
  readonly document: vscode.Uri | undefined;
  /** The HTML of the last update posted to the webview. */
  lastHtml(): string | undefined;
  /** The last message posted to the webview. */
  lastMessage(): unknown;
  /** Fires with every message posted to the webview. */
  readonly onDidPostMessage: vscode.Event<unknown>;
  /** Runs the code path of a click on a `button.reveal` in the webview. */
  simulateReveal(line: number, character: number): Promise<void>;
  /** Runs the code path of any message from the webview. */
  simulateMessage(message: unknown): Promise<void>;
}

export class OverviewPanel implements vscode.Disposable, OverviewHooks {
  readonly #extensionUri: vscode.Uri;
  readonly #tracker: PlanTracker;
  readonly #baseCss: string;
  readonly #log: vscode.LogOutputChannel;
  readonly #onDidPostMessage = new vscode.EventEmitter<unknown>();
  readonly #disposables: vscode.Disposable[] = [];
  readonly onDidPostMessage = this.#onDidPostMessage.event;
  #panel: vscode.WebviewPanel | undefined;
  #panelDisposables: vscode.Disposable[] = [];
  #lastHtml: string | undefined;
  #lastMessage: unknown;
  /** The HTML the page has (as far as we know): an unchanged overview is not sent again. */
  #sentHtml: string | undefined;

  constructor(extensionUri: vscode.Uri, tracker: PlanTracker, baseCss: string, log: vscode.LogOutputChannel) {
    this.#extensionUri = extensionUri;
    this.#tracker = tracker;
    this.#baseCss = baseCss;
    this.#log = log;
    this.#disposables.push(
      this.#onDidPostMessage,
      tracker.onDidUpdate((t) => this.#render(t)),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.#panel?.visible && e.textEditor.document === this.#tracker.document && e.selections[0])
          this.#post({ type: 'cursor', line: e.selections[0].active.line });
      }),
      vscode.window.registerWebviewPanelSerializer(OVERVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => this.#revive(panel, state),
      }),
    );
  }

  get panel(): vscode.WebviewPanel | undefined {
    return this.#panel;
  }

  get document(): vscode.Uri | undefined {
    return this.#panel ? this.#tracker.document?.uri : undefined;
  }

  lastHtml(): string | undefined {
    return this.#lastHtml;
  }

  lastMessage(): unknown {
    return this.#lastMessage;
  }

  /** Opens the panel beside the editor (or brings it forward) for `document` or the active plan. */
  show(document?: vscode.TextDocument): void {
    if (document) this.#tracker.follow(document);
    if (this.#panel) {
      this.#panel.reveal(this.#panel.viewColumn, true);
      this.#render({ document: this.#tracker.document, result: this.#tracker.result });
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      OVERVIEW_VIEW_TYPE,
      vscode.l10n.t('Plan overview'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.#options(),
    );
    this.#adopt(panel);
  }

  simulateReveal(line: number, character: number): Promise<void> {
    return this.#onMessage({ type: 'reveal', line, character });
  }

  simulateMessage(message: unknown): Promise<void> {
    return this.#onMessage(message);
  }

  dispose(): void {
    this.#panel?.dispose();
    for (const d of this.#disposables) d.dispose();
  }

  #options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.#extensionUri, 'dist', 'media')],
    };
  }

  async #revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const uri = parseState(state).uri;
    if (uri && !this.#tracker.document) {
      try {
        this.#tracker.follow(await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true)));
      } catch (e) {
        this.#log.warn(`Planöversikt: ${uri}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (this.#panel) {
      // Only one overview: a second restored panel closes.
      panel.dispose();
      return;
    }
    panel.webview.options = this.#options();
    this.#adopt(panel);
  }

  #adopt(panel: vscode.WebviewPanel): void {
    this.#panel = panel;
    const webview = panel.webview;
    const media = vscode.Uri.joinPath(this.#extensionUri, 'dist', 'media');
    webview.html = webviewShell({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'overview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'overview.css')).toString(),
      baseCss: this.#baseCss,
      lang: vscode.env.language,
      title: vscode.l10n.t('Plan overview'),
      loading: vscode.l10n.t('Loading the plan overview …'),
    });
    this.#panelDisposables = [
      webview.onDidReceiveMessage((m: unknown) => void this.#onMessage(m)),
      panel.onDidDispose(() => {
        for (const d of this.#panelDisposables) d.dispose();
        this.#panelDisposables = [];
        this.#panel = undefined;
        this.#lastHtml = undefined;
        this.#sentHtml = undefined;
      }),
    ];
    this.#render({ document: this.#tracker.document, result: this.#tracker.result });
    if (this.#tracker.document) this.#tracker.refresh(0);
  }

  async #onMessage(raw: unknown): Promise<void> {
    const m = parseFromWebview(raw);
    if (!m) {
      this.#log.warn(`Planöversikt: ignored a message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (m.type === 'ready') {
      this.#sentHtml = undefined; // a fresh page: send the content again
      this.#render({ document: this.#tracker.document, result: this.#tracker.result });
      this.#tracker.wake();
      return;
    }
    const doc = this.#tracker.document;
    if (!doc) return;
    try {
      await revealInEditor(doc.uri, m.line, m.character, this.#tracker.column);
    } catch (e) {
      this.#log.error(`Planöversikt: ${doc.uri.toString(true)}:${m.line + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  #render({ document, result }: Tracked): void {
    const panel = this.#panel;
    if (!panel) return;
    if (!document) {
      panel.title = vscode.l10n.t('Plan overview');
      this.#post({ type: 'notice', text: vscode.l10n.t('Open a plan to see its overview.') });
      return;
    }
    if (result === undefined) return; // on its way
    panel.title = vscode.l10n.t('Plan overview: {0}', document.uri.path.split('/').pop() ?? '');
    if (result === null) {
      this.#post({ type: 'notice', text: vscode.l10n.t('There is no overview for this file.') });
      return;
    }
    if (result.html === this.#sentHtml) return;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    this.#post({ type: 'update', uri: result.uri, version: result.version, html: result.html, cursor: editor?.selection.active.line });
  }

  #post(message: ToWebview): void {
    const panel = this.#panel;
    if (!panel) return;
    this.#lastMessage = message;
    if (message.type === 'update') this.#lastHtml = this.#sentHtml = message.html;
    else if (message.type === 'notice') this.#sentHtml = undefined;
    this.#onDidPostMessage.fire(message);
    panel.webview.postMessage(message).then(
      (delivered) => {
        // Not delivered (hidden): the page asks again with 'ready' when it is shown.
        if (!delivered && message.type === 'update' && this.#sentHtml === message.html) this.#sentHtml = undefined;
      },
      (e: unknown) => this.#log.warn(`Planöversikt: postMessage: ${e instanceof Error ? e.message : String(e)}`),
    );
  }
}
