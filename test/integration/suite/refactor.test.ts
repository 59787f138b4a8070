/**
 * Rename across documents in a real VS Code (issue 12): F2 on an ambition's title in the plan
 * renames it in the plan's heading, its Innehåll and a note that names the plan, through VS Code's
 * own rename provider command and WorkspaceEdit; the texts are checked after the edit is applied.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, fileIn, openEditor, waitForDiagnostics } from './helpers';

const PLAN = 'halmstad/ren-plan.plan.md';
const NOTE_TEXT = '# Anteckningar\n\nI Plan för cykling 2025–2028 är ambition 1.1. Ett sammanhängande cykelnät viktigast.\n';

describe('Rename across documents', function () {
  before(async function () {
    const api = (await vscode.extensions.getExtension<{ ready(): Promise<void> }>(EXTENSION_ID)!.activate())!;
    await api.ready();
  });

  it('renames an ambition in the plan, its Innehåll and a note that names the plan', async function () {
    const planUri = fileIn(PLAN);
    const noteUri = fileIn('anteckning-om-cykelplanen.md');
    await vscode.workspace.fs.writeFile(noteUri, Buffer.from(NOTE_TEXT, 'utf8'));
    const note = await vscode.workspace.openTextDocument(noteUri);
    const editor = await openEditor(planUri);
    await waitForDiagnostics(planUri, () => true, 'the plan to be checked');
    const before = editor.document.getText();
    const heading = before.indexOf('### Ambition 1.1. Ett sammanhängande cykelnät');
    assert.ok(heading >= 0);
    const at = editor.document.positionAt(heading + '### Ambition 1.1. '.length + 3);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', planUri, at, 'Ett helt cykelnät');
    assert.ok(edit, 'a rename edit');
    assert.deepEqual(
      edit
        .entries()
        .map(([u]) => u.toString())
        .sort(),
      [noteUri.toString(), planUri.toString()].sort(),
      'the plan and the note',
    );
    assert.ok(await vscode.workspace.applyEdit(edit), 'VS Code applies it');
    const after = editor.document.getText();
    assert.ok(after.includes('### Ambition 1.1. Ett helt cykelnät'), 'the heading');
    assert.ok(!after.includes('Ett sammanhängande cykelnät'), 'every mention in the plan, its Innehåll included');
    assert.equal(note.getText(), NOTE_TEXT.replace('Ett sammanhängande cykelnät', 'Ett helt cykelnät'), 'the note');
    // Leave the workspace as it was for the other tests.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.workspace.fs.delete(noteUri);
  });
});
