/**
 * Plan: Exportera planöversikt / Exportera som JSON: asks the server for the file (plan/export),
 * asks where to save it (unless the caller gives a target), writes it and offers to open it.
 */
import * as vscode from 'vscode';
import type { ExportResult } from '../../../server/src/protocol';

export type ExportFormat = 'html' | 'json';
export type Exporter = (document: vscode.TextDocument, format: ExportFormat) => Promise<ExportResult | null>;

const EXTENSIONS: Record<ExportFormat, RegExp> = { html: /\.html?$/i, json: /\.json$/i };

/** A target the caller gave: a Uri whose name fits the format (a menu's resource argument does not). */
export function targetOf(arg: unknown, format: ExportFormat): vscode.Uri | undefined {
  return arg instanceof vscode.Uri && EXTENSIONS[format].test(arg.path) ? arg : undefined;
}

function defaultUri(document: vscode.TextDocument, name: string): vscode.Uri | undefined {
  if (document.uri.scheme !== 'untitled') return vscode.Uri.joinPath(document.uri, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

/** Writes the export; resolves with where, or undefined when there is nothing to export or the user cancels. */
export async function exportPlan(
  document: vscode.TextDocument | undefined,
  format: ExportFormat,
  exporter: Exporter,
  log: vscode.LogOutputChannel,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  if (!document) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a plan to export it.'));
    return undefined;
  }
  const result = await exporter(document, format);
  if (!result) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The active file is not a plan, so there is nothing to export.'));
    return undefined;
  }
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: defaultUri(document, result.suggestedName),
      filters: format === 'html' ? { [vscode.l10n.t('Web page')]: ['html'] } : { JSON: ['json'] },
      title: format === 'html' ? vscode.l10n.t('Export the plan overview') : vscode.l10n.t('Export the plan as JSON'),
      saveLabel: vscode.l10n.t('Export'),
    }));
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(result.content));
  if (!target) {
    // Not awaited: the command resolves while the message is still showing.
    const open = vscode.l10n.t('Open');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Exported to {0}.', vscode.workspace.asRelativePath(uri)), open)
      .then(async (choice) => {
        if (choice !== open) return;
        // A browser on the desktop opens the page; in VS Code in the browser (or for a file not on
        // this machine's disk) no external program can: the file opens in an editor tab instead.
        const external = format === 'html' && vscode.env.uiKind === vscode.UIKind.Desktop && uri.scheme === 'file' && (await vscode.env.openExternal(uri));
        if (!external) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      })
      .then(undefined, (e: unknown) => log.error(`${uri.toString(true)}: ${e instanceof Error ? e.message : String(e)}`));
  }
  return uri;
}
