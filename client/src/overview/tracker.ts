/**
 * Follows the active plan: the Markdown document of the active editor (kept while the focus is
 * elsewhere, e.g. in the overview itself), asks the server for its overview (plan/overview) when
 * it changes (debounced) and tells the panel and the tree. Also sets the `plan.isPlan` context key.
 */
import * as vscode from 'vscode';
import type { OverviewResult } from '../../../server/src/protocol';

export const DEBOUNCE_MS = 150;

/** The followed document and its newest overview (null: the server has none for it). */
export interface Tracked {
  document: vscode.TextDocument | undefined;
  result: OverviewResult | null | undefined;
}

export type OverviewFetcher = (document: vscode.TextDocument) => Promise<OverviewResult | null>;

/**
 * The documents the server analyses (its document selector): files and untitled documents, and in
 * the browser the workspace's own scheme (vscode-remote, vscode-vfs …).
 */
export function isPlanCandidate(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  if (!doc || doc.languageId !== 'markdown') return false;
  const scheme = doc.uri.scheme;
  return scheme === 'file' || scheme === 'untitled' || (vscode.workspace.workspaceFolders ?? []).some((f) => f.uri.scheme === scheme);
}

export class PlanTracker implements vscode.Disposable {
  readonly #fetch: OverviewFetcher;
  readonly #log: vscode.LogOutputChannel;
  readonly #onDidUpdate = new vscode.EventEmitter<Tracked>();
  readonly #disposables: vscode.Disposable[] = [];
  readonly onDidUpdate = this.#onDidUpdate.event;
  #document: vscode.TextDocument | undefined;
  #result: OverviewResult | null | undefined;
  #column: vscode.ViewColumn | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;
  #isPlan: boolean | undefined;
  /** Whether anybody looks at the overview; while nobody does, edits only mark it stale. */
  #watched: () => boolean = () => true;
  #stale = false;

  constructor(fetch: OverviewFetcher, log: vscode.LogOutputChannel) {
    this.#fetch = fetch;
    this.#log = log;
    this.#disposables.push(
      this.#onDidUpdate,
      vscode.window.onDidChangeActiveTextEditor((e) => this.#onActiveEditor(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.#document && e.contentChanges.length) this.#changed();
      }),
      // Findings change without an edit when a template or registry file changes.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const uri = this.#document?.uri.toString();
        if (uri && e.uris.some((u) => u.toString() === uri)) this.#changed();
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc !== this.#document) return;
        this.#set(undefined, undefined);
      }),
    );
    this.#onActiveEditor(vscode.window.activeTextEditor);
  }

  get document(): vscode.TextDocument | undefined {
    return this.#document;
  }

  get result(): OverviewResult | null | undefined {
    return this.#result;
  }

  /** The column the followed document was last active in. */
  get column(): vscode.ViewColumn | undefined {
    return this.#column;
  }

  /** Follows this document from now on and fetches its overview. */
  follow(document: vscode.TextDocument): void {
    if (document !== this.#document) {
      // Quietly: the views keep showing the previous plan until this one's overview arrives.
      this.#document = document;
      this.#result = undefined;
    }
    this.refresh(0);
  }

  /** Tells the tracker who looks at the overview: typing fetches it only while this is true. */
  watchWith(watched: () => boolean): void {
    this.#watched = watched;
  }

  /** A view became visible: fetch the overview if edits were skipped while nobody looked. */
  wake(): void {
    if (this.#stale) this.refresh(0);
  }

  #changed(): void {
    if (this.#watched()) this.refresh(DEBOUNCE_MS);
    else this.#stale = true;
  }

  /** Fetches the overview again after `delay` ms; a later call replaces an earlier one. */
  refresh(delay = 0): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#load();
    }, delay);
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    for (const d of this.#disposables) d.dispose();
  }

  #onActiveEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor) return; // the focus is in a panel or a webview: keep following
    if (!isPlanCandidate(editor.document)) {
      this.#setContext(false);
      return;
    }
    this.#column = editor.viewColumn;
    this.follow(editor.document);
  }

  async #load(): Promise<void> {
    const doc = this.#document;
    if (!doc) return;
    this.#stale = false;
    const seq = ++this.#seq;
    let result: OverviewResult | null;
    const fetching = this.#fetch(doc);
    // The first overview of a document waits for its whole analysis: Planstruktur shows that it is
    // on its way (its progress bar) rather than the previous plan or nothing. Not for each edit.
    if (this.#result === undefined)
      void vscode.window.withProgress({ location: { viewId: 'plan.structure' } }, () => fetching.then(undefined, () => undefined));
    try {
      result = await fetching;
    } catch (e) {
      if (seq === this.#seq) this.#log.warn(`plan/overview ${doc.uri.toString(true)}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    // Stale: a newer request was made, another document is followed, or the text has changed since.
    if (seq !== this.#seq || doc !== this.#document || (result && result.version !== doc.version)) return;
    const prev = this.#result;
    if (prev && result && prev.version === result.version && prev.html === result.html) return;
    this.#set(doc, result);
  }

  #set(document: vscode.TextDocument | undefined, result: OverviewResult | null | undefined): void {
    this.#document = document;
    this.#result = result;
    if (result !== undefined && document && document === vscode.window.activeTextEditor?.document) this.#setContext(!!result?.overview.isPlan);
    this.#onDidUpdate.fire({ document, result });
  }

  #setContext(isPlan: boolean): void {
    if (isPlan === this.#isPlan) return;
    this.#isPlan = isPlan;
    vscode.commands.executeCommand('setContext', 'plan.isPlan', isPlan).then(undefined, (e: unknown) => this.#log.warn(`setContext plan.isPlan: ${String(e)}`));
  }
}
