/**
 * The Planstruktur view in the Explorer: the followed plan's sections, parts, ambitions and their
 * Varför/Vad/Hur, from the server's overview. Empty (so the view shows its welcome) when the
 * followed document is not a plan.
 */
import * as vscode from 'vscode';
import { structureNodes, type NodeStatus, type StructureNode } from './tree-model';
import type { PlanTracker } from './tracker';

export const STRUCTURE_VIEW_ID = 'plan.structure';
/** The command a tree item runs: (uri: string, line: number, character: number). */
export const REVEAL_COMMAND = 'plan.revealInEditor';

const ICONS: Record<NodeStatus, [string, string]> = {
  pass: ['pass', 'testing.iconPassed'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  error: ['error', 'problemsErrorIcon.foreground'],
  missing: ['circle-slash', 'problemsErrorIcon.foreground'],
};

export class PlanStructureProvider implements vscode.TreeDataProvider<StructureNode>, vscode.Disposable {
  readonly #onDidChangeTreeData = new vscode.EventEmitter<StructureNode | undefined>();
  readonly #subscription: vscode.Disposable;
  readonly onDidChangeTreeData = this.#onDidChangeTreeData.event;
  #roots: StructureNode[] = [];
  #parents = new Map<StructureNode, StructureNode>();
  #uri: string | undefined;

  constructor(tracker: PlanTracker) {
    this.#subscription = tracker.onDidUpdate(({ document, result }) => {
      if (document && result === undefined) return; // on its way
      this.#roots = structureNodes(result?.overview, (m, ...args) => vscode.l10n.t(m, ...args));
      this.#uri = document?.uri.toString();
      this.#parents = new Map();
      const walk = (nodes: StructureNode[], parent?: StructureNode) => {
        for (const n of nodes) {
          if (parent) this.#parents.set(n, parent);
          walk(n.children, n);
        }
      };
      walk(this.#roots);
      this.#onDidChangeTreeData.fire(undefined);
    });
  }

  getChildren(node?: StructureNode): StructureNode[] {
    return node ? node.children : this.#roots;
  }

  getParent(node: StructureNode): StructureNode | undefined {
    return this.#parents.get(node);
  }

  getTreeItem(node: StructureNode): vscode.TreeItem {
    const collapsible = !node.children.length
      ? vscode.TreeItemCollapsibleState.None
      : node.kind === 'ambition'
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = `${this.#uri ?? ''}|${node.id}`;
    item.description = node.description;
    if (node.tooltip) item.tooltip = `${node.label}\n${node.tooltip}`;
    item.contextValue = `plan.${node.kind}`;
    if (node.status) {
      const [icon, color] = ICONS[node.status];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    }
    if (node.loc && this.#uri) {
      item.command = { command: REVEAL_COMMAND, title: vscode.l10n.t('Show in the editor'), arguments: [this.#uri, node.loc.line, node.loc.character] };
    }
    return item;
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#onDidChangeTreeData.dispose();
  }
}
