/**
 * Plan: Publicera som Word… and Plan: Publicera som webbsida… in a real VS Code: with a target (as
 * a test or another extension gives it) the commands ask nothing and write the file there.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, EXTENSION_ID, fileIn, NOTE, openEditor, REFERENCE, summary, waitForDiagnostics } from './helpers';

describe('Publishing the plan', function () {
  before(async function () {
    const api = (await vscode.extensions.getExtension<{ ready(): Promise<void> }>(EXTENSION_ID)!.activate())!;
    await api.ready();
  });

  it('publishes the reference plan as a Word document', async function () {
    const plan = fileIn(REFERENCE);
    await openEditor(plan);
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'publicerat', 'plan.docx');
    const wrote = (await vscode.commands.executeCommand('plan.publishWord', plan, target)) as vscode.Uri | undefined;
    assert.equal(wrote?.toString(), target.toString());
    const bytes = Buffer.from(await vscode.workspace.fs.readFile(target));
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip package');
    assert.ok(bytes.includes('word/document.xml'), 'with a Word document in it');
    assert.ok(bytes.includes('docProps/core.xml'), 'and its properties');
  });

  it('publishes the reference plan as a web page without script', async function () {
    const plan = fileIn(REFERENCE);
    await openEditor(plan);
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'publicerat', 'plan.html');
    const wrote = (await vscode.commands.executeCommand('plan.publishHtml', undefined, target)) as vscode.Uri | undefined;
    assert.equal(wrote?.toString(), target.toString());
    const html = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="sv">/);
    assert.match(html, /<h1 id="title">Plan för attraktivitet och hållbar tillväxt 2020-2024<\/h1>/);
    assert.ok(!/<script/i.test(html));
  });

  it('writes nothing for a file that is not a plan', async function () {
    const note = fileIn(NOTE);
    await openEditor(note);
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'publicerat', 'anteckningar.html');
    const wrote = await vscode.commands.executeCommand('plan.publishHtml', note, target);
    assert.equal(wrote, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(target)));
  });

  it('imports a published Word document back as a plan, opens it and checks it (Plan: Importera från Word…)', async function () {
    const plan = fileIn(REFERENCE);
    const docx = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'import', 'referensplanen.docx');
    assert.equal(((await vscode.commands.executeCommand('plan.publishWord', plan, docx)) as vscode.Uri | undefined)?.toString(), docx.toString());
    const imported = (await vscode.commands.executeCommand('plan.importWord', docx)) as vscode.Uri | undefined;
    assert.ok(imported, 'the plan was written');
    assert.match(imported.path, /\/import\/referensplanen\.plan\.md$/, 'beside the Word document, named by the template');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), imported.toString(), 'and opened');
    const text = vscode.window.activeTextEditor!.document.getText();
    assert.match(text, /^---\ndokumenttyp: plan\n/);
    assert.match(text, /^## Del 1\. /m);
    assert.match(text, /^### Ambition 1\.1\. /m);
    // The reference plan's actions without an actor come back with the words they had, and are found again.
    const diags = await waitForDiagnostics(imported, (d) => d.some((x) => codeOf(x) === 'plan.ansvar.no-actor'), 'the imported plan’s findings');
    // Its sections and its parts and ambitions are the template's, as in the plan it was published from.
    assert.deepEqual(
      diags.filter((d) => ['plan.section.missing', 'plan.section.unknown', 'plan.structure.missing-heading'].includes(codeOf(d))).map(codeOf),
      [],
      summary(diags),
    );
  });
});
