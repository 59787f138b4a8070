import * as vscode from 'vscode';

/**
 * Shows the document in the editor column it is in (else `fallback`, else the first), with the
 * cursor at line:character, centred. Positions past the end are clamped.
 */
export async function revealInEditor(uri: vscode.Uri, line: number, character: number, fallback?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? fallback ?? vscode.ViewColumn.One, preserveFocus: false });
  const pos = doc.validatePosition(new vscode.Position(line, character));
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
  return editor;
}
