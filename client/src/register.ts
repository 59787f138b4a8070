/**
 * The Styrdokument view and commands: a tree in the Explorer of every governing document in the
 * workspace, grouped by the hierarchy of `överordnat` ties, with type, title, diarienummer and
 * status (click opens); a table in a webview that sorts and filters (Plan: Visa styrdokument); and
 * the register exported as CSV or JSON. Everything comes from the server (plan/register).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { RegisterExportRequest, RegisterRequest, type RegisterResult, type RegisterRow, type RegisterTreeNode } from '../../server/src/protocol';
import { makeNonce } from './overview/webview-html';
import { registerPage } from './register-html';

export const REGISTER_VIEW_ID = 'plan.register';

const STATUS_ICONS: Record<RegisterRow['status'], [string, string]> = {
  'in-force': ['pass', 'testing.iconPassed'],
  expiring: ['warning', 'problemsWarningIcon.foreground'],
  expired: ['error', 'problemsErrorIcon.foreground'],
  'not-decided': ['circle-outline', 'problemsWarningIcon.foreground'],
  'not-yet': ['clock', 'descriptionForeground'],
  replaced: ['history', 'descriptionForeground'],
};

interface Node {
  row: RegisterRow;
  children: Node[];
}

class RegisterTreeProvider implements vscode.TreeDataProvider<Node> {
  readonly #onDidChange = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.#onDidChange.event;
  #roots: Node[] = [];

  set(result: RegisterResult | null): void {
    const rows = new Map((result?.rows ?? []).map((r) => [r.uri, r]));
    const build = (n: RegisterTreeNode): Node | undefined => {
      const row = rows.get(n.uri);
      return row && { row, children: n.children.map(build).filter((x): x is Node => !!x) };
    };
    this.#roots = (result?.tree ?? []).map(build).filter((x): x is Node => !!x);
    this.#onDidChange.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    return node ? node.children : this.#roots;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const r = node.row;
    const item = new vscode.TreeItem(r.title ?? r.uri, node.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.description = [r.type, r.diarienummer, r.statusText].filter(Boolean).join(' · ');
    const [icon, color] = STATUS_ICONS[r.status];
    item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    const md = new vscode.MarkdownString();
    md.appendText(`${r.title ?? ''} (${r.type ?? ''})\n`);
    md.appendText(`${vscode.l10n.t('Diarienummer')}: ${r.diarienummer ?? '–'}\n`);
    md.appendText(`${vscode.l10n.t('Decided by')}: ${[r.decidedBy, r.decisionDate].filter(Boolean).join(', ') || '–'}\n`);
    md.appendText(`${vscode.l10n.t('Valid')}: ${r.validFrom ?? '–'}–${r.validTo ?? ''} (${r.statusText})\n`);
    if (r.revisionDue) md.appendText(`${vscode.l10n.t('Revision due')}: ${r.revisionDue}`);
    item.tooltip = md;
    item.resourceUri = vscode.Uri.parse(r.uri);
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [vscode.Uri.parse(r.uri)] };
    return item;
  }
}

/** Registers the Styrdokument tree, the table, the exports and their refresh. */
export function registerRegisterFeatures(context: vscode.ExtensionContext, client: () => Promise<LanguageClient>): void {
  const tree = new RegisterTreeProvider();
  let panel: vscode.WebviewPanel | undefined;
  const fetch = async (): Promise<RegisterResult | null> => (await client()).sendRequest(RegisterRequest.type, {});
  const refresh = async () => {
    const result = await fetch();
    tree.set(result);
    if (panel && result) show(panel, result);
  };
  const show = (p: vscode.WebviewPanel, result: RegisterResult) => {
    p.webview.html = registerPage(result, {
      cspSource: p.webview.cspSource,
      nonce: makeNonce(),
      lang: vscode.env.language,
      t: (m, ...args) => vscode.l10n.t(m, ...args),
    });
  };
  const safely = (what: string, fn: () => Promise<unknown>) => () =>
    fn().then(undefined, (e: unknown) => void vscode.window.showErrorMessage(`${what}: ${e instanceof Error ? e.message : String(e)}`));
  let timer: NodeJS.Timeout | undefined;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh().then(undefined, () => undefined), 500);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
  context.subscriptions.push(
    vscode.window.createTreeView(REGISTER_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true }),
    watcher,
    watcher.onDidCreate(later),
    watcher.onDidDelete(later),
    vscode.workspace.onDidSaveTextDocument((d) => d.languageId === 'markdown' && later()),
    vscode.commands.registerCommand('plan.refreshRegister', safely(vscode.l10n.t('Governing documents'), refresh)),
    vscode.commands.registerCommand(
      'plan.showRegister',
      safely(vscode.l10n.t('Governing documents'), async () => {
        const result = await fetch();
        if (!result) return;
        if (!panel) {
          panel = vscode.window.createWebviewPanel('plan.registerTable', vscode.l10n.t('Governing documents'), vscode.ViewColumn.Active, {
            enableScripts: true,
            localResourceRoots: [],
          });
          panel.onDidDispose(() => (panel = undefined));
          panel.webview.onDidReceiveMessage((m: { open?: unknown }) => {
            if (typeof m?.open === 'string' && /^file:/.test(m.open)) void vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(m.open));
          });
        }
        show(panel, result);
        panel.reveal();
      }),
    ),
    vscode.commands.registerCommand(
      'plan.exportRegisterCsv',
      safely(vscode.l10n.t('Export'), () => exportRegister(client, 'csv')),
    ),
    vscode.commands.registerCommand(
      'plan.exportRegisterJson',
      safely(vscode.l10n.t('Export'), () => exportRegister(client, 'json')),
    ),
  );
  // The first list once the server runs.
  void client()
    .then(() => refresh())
    .then(undefined, () => undefined);
}

async function exportRegister(client: () => Promise<LanguageClient>, format: 'csv' | 'json'): Promise<void> {
  const result = await (await client()).sendRequest(RegisterExportRequest.type, { format });
  if (!result) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, result.suggestedName) : undefined,
    filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
    title: vscode.l10n.t('Export the governing documents'),
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!uri) return;
  // A byte-order mark so that spreadsheets read the CSV as UTF-8 (å, ä, ö, –).
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode((format === 'csv' ? '\uFEFF' : '') + result.content));
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}.', vscode.workspace.asRelativePath(uri)));
}
