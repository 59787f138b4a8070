/**
 * Untitled plans that survive a window reload. VS Code restores an untitled document's text, but
 * not the language an extension gave it: a plan made by "Plan: Ny plan från mall" came back as plain
 * text and was no longer checked. Two remedies:
 *
 * - a new plan is an untitled document *with a name* (`untitled:…/plan.plan.md`), so its language
 *   comes from the name, after a reload too, and saving suggests that name in that folder;
 * - an untitled plain-text document whose text opens with a plan's front matter (`dokumenttyp:`)
 *   is made Markdown again.
 */
import * as vscode from 'vscode';
import { hasPlanFrontMatter, newPlanName } from './plan-text';

/** The untitled document a new plan starts in: named, beside `folder` when there is one. */
export async function untitledPlanUri(id: string, folder: vscode.Uri | undefined): Promise<vscode.Uri> {
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  const names = new Set<string>();
  if (folder) {
    try {
      for (const [name] of await vscode.workspace.fs.readDirectory(folder)) names.add(name);
    } catch {
      // An unreadable folder: the names of open documents still count.
    }
  }
  const dir = folder?.path ?? '';
  const name = newPlanName(id, (n) => names.has(n) || open.has(`${dir}/${n}`));
  return folder ? vscode.Uri.from({ scheme: 'untitled', path: `${dir}/${name}` }) : vscode.Uri.from({ scheme: 'untitled', path: name });
}

/** Makes restored untitled plans Markdown again, now and whenever one opens. */
export function registerUntitledPlans(context: vscode.ExtensionContext): void {
  const fix = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme === 'untitled' && doc.languageId === 'plaintext' && hasPlanFrontMatter(doc.getText()))
      void vscode.languages.setTextDocumentLanguage(doc, 'markdown').then(undefined, () => undefined);
  };
  vscode.workspace.textDocuments.forEach(fix);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(fix));
}
