/**
 * Helpers for the integration suite that runs inside VS Code's extension host.
 *
 * Nothing here sleeps: every wait is an event (onDidChangeDiagnostics, a command's promise) raced
 * against a safety timeout that rejects with a message saying what was awaited and what was seen.
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'planverktyg.plan-lsp';
export const REFERENCE = 'halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md';
export const NOTE = 'anteckningar.md';

/** Long enough for a slow CI machine, short enough to fail inside mocha's own timeout. */
export const SAFETY_TIMEOUT = 30_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The integration suite needs a workspace folder (a copy of examples/).');
  return folder.uri;
}

export function fileIn(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

/** The diagnostics our server published for a file (source `plan`). */
export function planDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'plan');
}

export function summary(diags: readonly vscode.Diagnostic[]): string {
  if (!diags.length) return '(none)';
  return diags.map((d) => `\n    ${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`).join('');
}

export function codes(diags: readonly vscode.Diagnostic[]): string[] {
  return diags.map(codeOf);
}

/** Rejects after `ms` with a message naming what was awaited; the timer is cleared once settled. */
export function withTimeout<T>(promise: Thenable<T>, what: string | (() => string), ms = SAFETY_TIMEOUT): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`)), ms);
  });
  return Promise.race([Promise.resolve(promise), guard]).finally(() => clearTimeout(timer));
}

export interface WaitOptions {
  /** Ignore the diagnostics as they are now; only a change published after this call counts. */
  fresh?: boolean;
  timeout?: number;
}

/**
 * Resolves with the plan diagnostics of `uri` once `predicate` holds for them: checked now (unless
 * `fresh`) and on every onDidChangeDiagnostics event that names the file.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  options: WaitOptions = {},
): Promise<vscode.Diagnostic[]> {
  const ms = options.timeout ?? SAFETY_TIMEOUT;
  const key = uri.toString();
  let events = 0;
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diags = planDiagnostics(uri);
      if (!predicate(diags)) return false;
      finish();
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) {
        events++;
        check();
      }
    });
    const timer = setTimeout(() => {
      finish();
      reject(
        new Error(
          `Timed out after ${ms} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)} (${events} diagnostics events for it). Now:${summary(planDiagnostics(uri))}`,
        ),
      );
    }, ms);
    const finish = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    if (!options.fresh) check();
  });
}

/** Resolves with the next diagnostics change that names `uri`, whatever it holds. */
export function nextDiagnosticsEvent(uri: vscode.Uri, what: string, ms = SAFETY_TIMEOUT): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, () => true, what, { fresh: true, timeout: ms });
}

export function hasCodes(...wanted: string[]): (diags: vscode.Diagnostic[]) => boolean {
  return (diags) => wanted.every((c) => diags.some((d) => codeOf(d) === c));
}

export async function openEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const i = doc.getText().indexOf(needle);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} is not in ${vscode.workspace.asRelativePath(doc.uri)}`);
  return doc.positionAt(i + delta);
}

export function endOfLineOf(doc: vscode.TextDocument, needle: string): vscode.Position {
  return doc.lineAt(positionOf(doc, needle).line).range.end;
}

export async function insert(doc: vscode.TextDocument, at: vscode.Position, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, at, text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not insert ${JSON.stringify(text)}`);
}

/** Puts the document back to `text` (an edit, not a revert, so no dialog) and saves it. */
export async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not restore ${doc.uri.toString()}`);
  }
  if (doc.isDirty) await doc.save();
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

export function insertTextOf(item: vscode.CompletionItem): string | undefined {
  const t = item.insertText;
  return t === undefined ? undefined : typeof t === 'string' ? t : t.value;
}

export function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c))).join('\n---\n');
}

/** All symbols of a tree, depth first. */
export function flatten(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  const out: vscode.DocumentSymbol[] = [];
  const walk = (list: readonly vscode.DocumentSymbol[]) => {
    for (const s of list) {
      out.push(s);
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  return out;
}

export function ms(since: number): number {
  return Math.round(performance.now() - since);
}
