/**
 * Plan: Publicera som Word… / Publicera som webbsida…: asks the server for the plan as the formal
 * document (plan/publish), asks first when the plan has errors (and says which), asks where to
 * save it (beside the plan by default), writes it and offers to open it.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { PublishRequest, type PublishResult } from '../../server/src/protocol';

export type PublishFormat = 'docx' | 'html';

/** What the commands need of the extension: the running client. */
export interface PublishHost {
  readonly client: LanguageClient | undefined;
  ready(): Promise<void>;
}

const EXTENSIONS: Record<PublishFormat, RegExp> = { docx: /\.docx$/i, html: /\.html?$/i };

function defaultUri(document: vscode.TextDocument, name: string): vscode.Uri | undefined {
  if (document.uri.scheme === 'file') return vscode.Uri.joinPath(document.uri, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

/** The plan to publish: a Uri the caller gave (the Explorer's menu, a test), else the active editor's document. */
async function planDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (arg instanceof vscode.Uri && /\.(md|markdown)$/i.test(arg.path)) return vscode.workspace.openTextDocument(arg);
  return vscode.window.activeTextEditor?.document;
}

/** Asks before publishing a plan with errors, naming the first few; true to go on. */
async function confirmErrors(document: vscode.TextDocument, errors: number): Promise<boolean> {
  const messages = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
    .slice(0, 5)
    .map((d) => vscode.l10n.t('Line {0}: {1}', d.range.start.line + 1, d.message));
  const publish = vscode.l10n.t('Publish anyway');
  const choice = await vscode.window.showWarningMessage(
    errors === 1 ? vscode.l10n.t('The plan has 1 error. Publish it anyway?') : vscode.l10n.t('The plan has {0} errors. Publish it anyway?', errors),
    { modal: true, detail: messages.join('\n') },
    publish,
  );
  return choice === publish;
}

async function open(uri: vscode.Uri, format: PublishFormat): Promise<void> {
  if (await vscode.env.openExternal(uri)) return;
  // No program for it here (a remote or browser-based VS Code): a web page opens as text in the editor.
  if (format === 'html') await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  else void vscode.window.showWarningMessage(vscode.l10n.t('No program could open {0}.', vscode.workspace.asRelativePath(uri)));
}

/**
 * Publishes the plan; resolves with where it was written, or undefined when there is nothing to
 * publish or the user cancels. `target` (from a test or another extension) skips the questions.
 */
export async function publishPlan(
  host: PublishHost,
  format: PublishFormat,
  log: vscode.LogOutputChannel,
  arg?: unknown,
  target?: unknown,
): Promise<vscode.Uri | undefined> {
  const document = await planDocument(arg);
  if (!document) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a plan to publish it.'));
    return undefined;
  }
  const given = target instanceof vscode.Uri && EXTENSIONS[format].test(target.path) ? target : undefined;
  try {
    await host.ready();
    const client = host.client;
    if (!client) throw new Error(vscode.l10n.t('The plan language server is not running.'));
    const result: PublishResult | null = await client.sendRequest(PublishRequest.type, { uri: client.code2ProtocolConverter.asUri(document.uri), format });
    if (!result) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The active file is not a plan, so there is nothing to publish.'));
      return undefined;
    }
    if (!given && result.errors > 0 && !(await confirmErrors(document, result.errors))) return undefined;
    const uri =
      given ??
      (await vscode.window.showSaveDialog({
        defaultUri: defaultUri(document, result.suggestedName),
        filters: format === 'docx' ? { [vscode.l10n.t('Word document')]: ['docx'] } : { [vscode.l10n.t('Web page')]: ['html'] },
        title: format === 'docx' ? vscode.l10n.t('Publish the plan as a Word document') : vscode.l10n.t('Publish the plan as a web page'),
        saveLabel: vscode.l10n.t('Publish'),
      }));
    if (!uri) return undefined;
    const bytes = result.encoding === 'base64' ? Buffer.from(result.content, 'base64') : new TextEncoder().encode(result.content);
    await vscode.workspace.fs.writeFile(uri, bytes);
    if (!given) {
      // Not awaited: the command resolves while the message is still showing.
      const openLabel = vscode.l10n.t('Open');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Published to {0}.', vscode.workspace.asRelativePath(uri)), openLabel)
        .then((choice) => (choice === openLabel ? open(uri, format) : undefined))
        .then(undefined, (e: unknown) => log.error(`${uri.toString(true)}: ${e instanceof Error ? e.message : String(e)}`));
    }
    return uri;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    log.error(`publish ${document.uri.toString(true)}: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The plan could not be published: {0}', message));
    return undefined;
  }
}

export function registerPublishCommands(context: vscode.ExtensionContext, host: PublishHost, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('plan.publishWord', (arg?: unknown, target?: unknown) => publishPlan(host, 'docx', log, arg, target)),
    vscode.commands.registerCommand('plan.publishHtml', (arg?: unknown, target?: unknown) => publishPlan(host, 'html', log, arg, target)),
  );
}
