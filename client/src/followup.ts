/**
 * The follow-up commands: Plan: Skapa uppföljningsunderlag (the worksheet for a year, Excel or
 * CSV), Plan: Läs in ifyllt uppföljningsunderlag (a filled-in worksheet as a diff the writer
 * accepts, then applied as a WorkspaceEdit; never silently) and Plan: Skapa uppföljningsrapport
 * (HTML or Word). The server makes and reads the files (plan/followUp*); the client asks, shows and saves.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient, RequestParam } from 'vscode-languageclient';
import { FollowUpApplyRequest, FollowUpReportRequest, FollowUpWorksheetRequest, type FollowUpFileResult, type PlanRequest } from '../../server/src/protocol';

export interface FollowUpHost {
  ready(): Promise<void>;
  readonly client: LanguageClient | undefined;
}

const SCHEME = 'plan-followup';

/** Arguments a keybinding or a test may give instead of the questions. */
interface WorksheetArgs {
  year?: number;
  format?: 'xlsx' | 'csv';
  target?: vscode.Uri;
}

/** The report's arguments: `format` html or docx (else the target's extension, else a question). */
interface ReportArgs {
  year?: number;
  format?: 'html' | 'docx';
  target?: vscode.Uri;
}

function planDocument(): vscode.TextDocument | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'markdown') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a plan first.'));
    return undefined;
  }
  return doc;
}

async function askYear(): Promise<number | undefined> {
  const now = new Date().getFullYear();
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Follow-up year'),
    value: String(now),
    validateInput: (v) => (/^\s*\d{4}\s*$/.test(v) ? undefined : vscode.l10n.t('Write a year, e.g. {0}.', now)),
  });
  return answer === undefined ? undefined : Number(answer.trim());
}

function besideDocument(doc: vscode.TextDocument, name: string): vscode.Uri | undefined {
  if (doc.uri.scheme !== 'untitled') return vscode.Uri.joinPath(doc.uri, '..', name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, name) : undefined;
}

function bytesOf(result: FollowUpFileResult): Uint8Array {
  return result.encoding === 'base64' ? Uint8Array.from(Buffer.from(result.content, 'base64')) : new TextEncoder().encode(result.content);
}

export function registerFollowUpCommands(context: vscode.ExtensionContext, host: FollowUpHost): void {
  const proposals = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const request = async <P, R>(req: PlanRequest<P, R>, params: RequestParam<P>): Promise<R> => {
    await host.ready();
    return host.client!.sendRequest(req.type, params);
  };
  const protocolUri = (uri: vscode.Uri) => host.client?.code2ProtocolConverter.asUri(uri) ?? uri.toString();

  const save = async (doc: vscode.TextDocument, result: FollowUpFileResult, filters: Record<string, string[]>, target?: vscode.Uri) => {
    const uri =
      target ?? (await vscode.window.showSaveDialog({ defaultUri: besideDocument(doc, result.suggestedName), filters, saveLabel: vscode.l10n.t('Save') }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, bytesOf(result));
    if (!target) void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(uri)));
    return uri;
  };

  const worksheet = async (args?: WorksheetArgs): Promise<vscode.Uri | undefined> => {
    const doc = planDocument();
    if (!doc) return undefined;
    const year = args?.year ?? (await askYear());
    if (year === undefined) return undefined;
    let format = args?.format;
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'Excel (.xlsx)', format: 'xlsx' as const },
          { label: 'CSV', description: vscode.l10n.t('semicolons, UTF-8'), format: 'csv' as const },
        ],
        { title: vscode.l10n.t('Format of the worksheet') },
      );
      if (!pick) return undefined;
      format = pick.format;
    }
    const result = await request(FollowUpWorksheetRequest, { uri: protocolUri(doc.uri), year, format });
    if (!result) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The active file is not a plan.'));
      return undefined;
    }
    return save(doc, result, format === 'csv' ? { CSV: ['csv'] } : { Excel: ['xlsx'] }, args?.target);
  };

  const report = async (args?: ReportArgs): Promise<vscode.Uri | undefined> => {
    const doc = planDocument();
    if (!doc) return undefined;
    const year = args?.year ?? (await askYear());
    if (year === undefined) return undefined;
    // The format asked for, else the target's extension, else the writer's choice.
    let format = args?.format ?? (args?.target ? (/\.docx$/i.test(args.target.path) ? 'docx' : 'html') : undefined);
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'Word (.docx)', description: vscode.l10n.t('in the template’s look'), format: 'docx' as const },
          { label: vscode.l10n.t('Web page (.html)'), format: 'html' as const },
        ],
        { title: vscode.l10n.t('Format of the follow-up report') },
      );
      if (!pick) return undefined;
      format = pick.format;
    }
    const result = await request(FollowUpReportRequest, { uri: protocolUri(doc.uri), year, format });
    if (!result) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The active file is not a plan.'));
      return undefined;
    }
    return save(doc, result, format === 'docx' ? { Word: ['docx'] } : { [vscode.l10n.t('Web page')]: ['html'] }, args?.target);
  };

  const importSheet = async (file?: vscode.Uri): Promise<boolean> => {
    const doc = planDocument();
    if (!doc) return false;
    const picked =
      file ??
      (
        await vscode.window.showOpenDialog({
          canSelectMany: false,
          filters: { [vscode.l10n.t('Worksheet')]: ['xlsx', 'csv'] },
          defaultUri: besideDocument(doc, ''),
          openLabel: vscode.l10n.t('Read'),
        })
      )?.[0];
    if (!picked) return false;
    const bytes = await vscode.workspace.fs.readFile(picked);
    const result = await request(FollowUpApplyRequest, { uri: protocolUri(doc.uri), content: Buffer.from(bytes).toString('base64') });
    if (!result) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The active file is not a plan.'));
      return false;
    }
    // Rows whose plan status is dated after the worksheet's year: never replaced, always said.
    const keptHead =
      result.kept?.length === 1
        ? vscode.l10n.t('One action keeps the plan’s later status (the worksheet does not replace it):')
        : vscode.l10n.t('{0} actions keep the plan’s later status (the worksheet does not replace it):', result.kept?.length ?? 0);
    const kept = result.kept?.length ? `\n\n${keptHead}\n${result.kept.join('\n')}` : '';
    const problems = (result.problems.length ? `\n\n${result.problems.join('\n')}` : '') + kept;
    if (!result.edits.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The worksheet changes no status or comment.') + problems);
      return false;
    }
    const proposed = vscode.Uri.from({ scheme: SCHEME, path: doc.uri.path, query: String(Date.now()) });
    proposals.set(proposed.toString(), result.proposed);
    changed.fire(proposed);
    await vscode.commands.executeCommand(
      'vscode.diff',
      doc.uri,
      proposed,
      vscode.l10n.t('{0} ↔ the filled-in worksheet', vscode.workspace.asRelativePath(doc.uri)),
    );
    const apply = vscode.l10n.t('Apply');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Write the statuses and comments of {0} actions into the plan?', result.changed),
      { modal: true, detail: vscode.l10n.t('The diff shows every change; nothing else in the plan changes.') + problems },
      apply,
    );
    proposals.delete(proposed.toString());
    if (choice !== apply) return false;
    if (doc.version !== result.version) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The plan changed while the diff was open; read the worksheet in again.'));
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits)
      edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
    return vscode.workspace.applyEdit(edit);
  };

  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => proposals.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand('plan.followUpWorksheet', (args?: WorksheetArgs) => worksheet(args)),
    vscode.commands.registerCommand('plan.followUpReport', (args?: ReportArgs) => report(args)),
    vscode.commands.registerCommand('plan.followUpImport', (file?: unknown) => importSheet(file instanceof vscode.Uri ? file : undefined)),
  );
}
