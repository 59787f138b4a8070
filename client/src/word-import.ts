/**
 * Plan: Importera från Word… (plan.importWord): a .docx chosen in a file dialog (or in the
 * explorer) becomes a plan beside it. The server imports it with the templates of the document's
 * folder (plan/importWord); this side writes the plan and its images, opens the plan so that the
 * checker's findings show, and lists what could not be mapped in the output channel.
 */
import * as vscode from 'vscode';
import { ImportWordRequest, type ImportWordResult } from '../../server/src/protocol';

/** What the command needs of the extension: the running language client. */
export interface WordImportHost {
  readonly client: { sendRequest<R>(method: string, params: unknown): Promise<R>; code2ProtocolConverter: { asUri(uri: vscode.Uri): string } } | undefined;
  ready(): Promise<void>;
}

export function registerWordImport(context: vscode.ExtensionContext, host: WordImportHost): void {
  const channel = vscode.window.createOutputChannel(vscode.l10n.t('Plan: Word import'));
  context.subscriptions.push(
    channel,
    vscode.commands.registerCommand('plan.importWord', (uri?: unknown) => importWord(host, channel, uri instanceof vscode.Uri ? uri : undefined)),
  );
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** Imports a .docx; returns the plan's URI, or undefined when nothing was written. */
export async function importWord(host: WordImportHost, channel: vscode.OutputChannel, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const docx =
    given ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { [vscode.l10n.t('Word documents')]: ['docx'] },
        title: vscode.l10n.t('Import a plan from Word'),
        openLabel: vscode.l10n.t('Import'),
      })
    )?.[0];
  if (!docx) return undefined;
  if (docx.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Only files on disk can be imported.'));
    return undefined;
  }
  await host.ready();
  const client = host.client;
  if (!client) return undefined;
  const run = (planName?: string): Thenable<ImportWordResult> =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0} …', baseName(docx)) }, () =>
      client
        .sendRequest<ImportWordResult>(ImportWordRequest.method, { uri: client.code2ProtocolConverter.asUri(docx), planName })
        // A server that stopped or failed answers no request: the reason is in the output channel Plan.
        .catch((e: unknown): ImportWordResult => ({ error: e instanceof Error ? e.message : String(e) })),
    );
  let result = await run();
  if (result.error || result.markdown === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be imported: {1}', baseName(docx), result.error ?? ''));
    return undefined;
  }
  const folder = vscode.Uri.joinPath(docx, '..');
  let target = vscode.Uri.joinPath(folder, result.suggestedName ?? baseName(docx).replace(/\.docx$/i, '.plan.md'));
  const taken = async (r: ImportWordResult, plan: vscode.Uri) => {
    const dir = vscode.Uri.joinPath(plan, '..');
    for (const u of [plan, ...(r.images ?? []).map((i) => vscode.Uri.joinPath(dir, ...i.path.split('/')))]) if (await exists(u)) return true;
    return false;
  };
  if (await taken(result, target)) {
    const overwrite = vscode.l10n.t('Overwrite');
    const elsewhere = vscode.l10n.t('Save as …');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} or its images exist already.', baseName(target)),
      { modal: true },
      overwrite,
      elsewhere,
    );
    if (!choice) return undefined;
    if (choice === elsewhere) {
      const picked = await vscode.window.showSaveDialog({ defaultUri: target, filters: { Markdown: ['md'] } });
      if (!picked) return undefined;
      target = picked;
      // The images' folder is named after the plan.
      result = await run(baseName(picked));
      if (result.error || result.markdown === undefined) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be imported: {1}', baseName(docx), result.error ?? ''));
        return undefined;
      }
    }
  }
  const dir = vscode.Uri.joinPath(target, '..');
  try {
    for (const img of result.images ?? []) {
      const uri = vscode.Uri.joinPath(dir, ...img.path.split('/'));
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
      await vscode.workspace.fs.writeFile(uri, Buffer.from(img.data, 'base64'));
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.markdown));
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be written: {1}', target.fsPath, e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  await vscode.window.showTextDocument(target);
  const notes = result.notes ?? [];
  channel.clear();
  channel.appendLine(vscode.l10n.t('{0} → {1} (template {2})', docx.fsPath, target.fsPath, result.templateId ?? ''));
  for (const n of notes) channel.appendLine(`- ${n}`);
  if (notes.length) {
    const show = vscode.l10n.t('Show');
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Imported {0}. Notes from the import: {1}; the findings are in Problems.', baseName(target), notes.length), show)
      .then((c) => c === show && channel.show(true));
  } else void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0}.', baseName(target)));
  return target;
}
