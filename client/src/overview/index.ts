/**
 * Wires the plan overview features: the tracker of the active plan, the Planöversikt webview, the
 * Planstruktur tree, the export commands and the `plan.isPlan` context key.
 */
import * as vscode from 'vscode';
import { OVERVIEW_CSS } from '../../../server/src/render/styles';
import { exportPlan, targetOf, type ExportFormat, type Exporter } from './export';
import { OverviewPanel, type OverviewHooks } from './panel';
import { revealInEditor } from './reveal';
import { PlanStructureProvider, REVEAL_COMMAND, STRUCTURE_VIEW_ID } from './structure';
import { isPlanCandidate, PlanTracker, type OverviewFetcher } from './tracker';
import type { StructureNode } from './tree-model';

export type { OverviewHooks } from './panel';
export type { StructureNode } from './tree-model';

/** Hooks for the integration tests (on the extension's API object). */
export interface StructureHooks {
  readonly provider: vscode.TreeDataProvider<StructureNode>;
  readonly view: vscode.TreeView<StructureNode>;
}

export interface OverviewDeps {
  fetchOverview: OverviewFetcher;
  exporter: Exporter;
  log: vscode.LogOutputChannel;
  /** Fires when the language server is (again) running. */
  onServerRunning: vscode.Event<void>;
}

export function registerOverviewFeatures(context: vscode.ExtensionContext, deps: OverviewDeps): { overview: OverviewHooks; structure: StructureHooks } {
  const { log } = deps;
  const tracker = new PlanTracker(deps.fetchOverview, log);
  const panel = new OverviewPanel(context.extensionUri, tracker, OVERVIEW_CSS, log);
  const provider = new PlanStructureProvider(tracker);
  const view = vscode.window.createTreeView(STRUCTURE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  // Typing asks the server for the overview only while the panel or the tree is in view.
  tracker.watchWith(() => !!panel.panel?.visible || view.visible);

  /** The plan to act on: the active editor's, else the followed one (the focus may be in the overview). */
  const source = () => {
    const active = vscode.window.activeTextEditor?.document;
    return isPlanCandidate(active) ? active : tracker.document;
  };
  const exportCommand = (format: ExportFormat) => (arg?: unknown) => exportPlan(source(), format, deps.exporter, log, targetOf(arg, format));

  context.subscriptions.push(
    tracker,
    panel,
    provider,
    view,
    deps.onServerRunning(() => tracker.refresh(0)),
    view.onDidChangeVisibility((e) => {
      if (e.visible) tracker.wake();
    }),
    vscode.commands.registerCommand('plan.showOverview', async (arg?: unknown) => {
      const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : source();
      panel.show(isPlanCandidate(doc) ? doc : undefined);
    }),
    vscode.commands.registerCommand('plan.exportOverview', exportCommand('html')),
    vscode.commands.registerCommand('plan.exportJson', exportCommand('json')),
    vscode.commands.registerCommand(REVEAL_COMMAND, async (uri: unknown, line: unknown, character: unknown) => {
      if (typeof uri !== 'string' || typeof line !== 'number' || typeof character !== 'number') return;
      await revealInEditor(vscode.Uri.parse(uri, true), line, character, tracker.column);
    }),
  );
  return { overview: panel, structure: { provider, view } };
}
