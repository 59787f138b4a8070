/**
 * Planöversikt, Planstruktur and the exports in a real VS Code: the panel opens beside the plan with
 * the server's content, follows edits and the cursor, reveals what is clicked; the tree has the
 * plan's structure; the exports write a script-free page and the JSON model.
 */
import * as assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import * as vscode from 'vscode';
import { EXTENSION_ID, fileIn, insert, NOTE, openEditor, positionOf, REFERENCE, restore, withTimeout } from './helpers';

interface OverviewHooks {
  readonly panel: vscode.WebviewPanel | undefined;
  lastHtml(): string | undefined;
  lastMessage(): unknown;
  readonly onDidPostMessage: vscode.Event<unknown>;
  simulateReveal(line: number, character: number): Promise<void>;
  simulateMessage(message: unknown): Promise<void>;
}
interface Node {
  label: string;
  children: Node[];
}
interface Api {
  ready(): Promise<void>;
  readonly overview: OverviewHooks;
  readonly structure: { readonly provider: vscode.TreeDataProvider<Node> };
}

type Message = { type?: string; html?: string; version?: number; line?: number };

/** The next message the extension posts to the webview that satisfies `predicate`. */
function nextMessage(api: Api, predicate: (m: Message) => boolean, what: string): Promise<Message> {
  let sub: vscode.Disposable | undefined;
  const got = new Promise<Message>((resolve) => {
    sub = api.overview.onDidPostMessage((m) => {
      if (predicate(m as Message)) resolve(m as Message);
    });
  });
  return withTimeout(got, what).finally(() => sub?.dispose());
}

async function treeLabels(api: Api, node?: Node): Promise<string[]> {
  const items = (await api.structure.provider.getChildren(node)) ?? [];
  return Promise.all(items.map(async (n) => String((await api.structure.provider.getTreeItem(n)).label ?? '')));
}

describe('Planöversikt, Planstruktur and export', function () {
  let api: Api;
  let plan: vscode.Uri;
  let text: string;

  before(async function () {
    api = (await vscode.extensions.getExtension<Api>(EXTENSION_ID)!.activate()) as Api;
    await api.ready();
    plan = fileIn(REFERENCE);
    text = (await vscode.workspace.openTextDocument(plan)).getText();
  });

  after(async function () {
    await restore(await vscode.workspace.openTextDocument(plan), text);
    api.overview.panel?.dispose();
  });

  it('opens the overview beside the plan with the server’s content: header card, ambitions and matrix', async function () {
    const editor = await openEditor(plan);
    const update = nextMessage(api, (m) => m.type === 'update' && !!m.html?.includes('Utbildning hela vägen'), 'the overview of the reference plan');
    await vscode.commands.executeCommand('plan.showOverview');
    const m = await update;
    const panel = api.overview.panel;
    assert.ok(panel, 'a panel is open');
    assert.notEqual(panel.viewColumn, editor.viewColumn, 'beside the editor');
    const html = m.html!;
    assert.equal((html.match(/class="ambition"/g) ?? []).length, 4, 'four ambitions');
    assert.match(html, /id="matrix"/);
    assert.match(html, /Plan för attraktivitet och hållbar tillväxt 2020-2024/);
    assert.match(html, /class="validity unknown"/, 'the validity is marked');
    assert.match(html, /button type="button" class="reveal/);
    assert.ok(!/<script/i.test(html));
  });

  it('reveals a clicked ambition in the editor', async function () {
    const doc = await vscode.workspace.openTextDocument(plan);
    const line = positionOf(doc, '### Ambition 1.2.').line;
    await api.overview.simulateReveal(line, 0);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), plan.toString());
    assert.equal(editor?.selection.active.line, line);
  });

  it('ignores malformed messages from the webview', async function () {
    const before = vscode.window.activeTextEditor?.selection.active;
    await api.overview.simulateMessage({ type: 'reveal', line: -1 });
    await api.overview.simulateMessage({ type: 'command', command: 'workbench.action.quit' });
    assert.deepEqual(vscode.window.activeTextEditor?.selection.active, before);
  });

  it('follows the cursor and updates as one types, showing the document’s text escaped', async function () {
    const editor = await openEditor(plan);
    const line = positionOf(editor.document, '### Ambition 2.1.').line;
    const cursor = nextMessage(api, (m) => m.type === 'cursor' && m.line === line, 'the cursor message');
    editor.selection = new vscode.Selection(line, 0, line, 0);
    await cursor;
    const updated = nextMessage(api, (m) => m.type === 'update' && !!m.html?.includes('&lt;b&gt;ny&lt;/b&gt;'), 'an update with the typed text');
    await insert(editor.document, positionOf(editor.document, 'Ett starkt företagsklimat', 'Ett starkt företagsklimat'.length), ' <b>ny</b>');
    const m = await updated;
    assert.equal(m.version, editor.document.version);
    assert.ok(!m.html!.includes('<b>ny</b>'));
    await restore(editor.document, text);
  });

  it('shows the plan’s structure in the Planstruktur tree, with Varför/Vad/Hur under each ambition', async function () {
    await openEditor(plan);
    let roots = await treeLabels(api);
    if (!roots.some((l) => l.startsWith('Del 1'))) {
      const provider = api.structure.provider;
      await withTimeout(
        new Promise<void>((resolve) => {
          const sub = provider.onDidChangeTreeData!(() => {
            sub.dispose();
            resolve();
          });
        }),
        'the tree to fill',
      );
      roots = await treeLabels(api);
    }
    assert.ok(roots.includes('Del 1. Utveckling som möjliggör'), JSON.stringify(roots));
    const parts = (await api.structure.provider.getChildren()) ?? [];
    const del1 = parts[roots.indexOf('Del 1. Utveckling som möjliggör')];
    const ambitions = await treeLabels(api, del1);
    assert.equal(ambitions.length, 3);
    const a11 = ((await api.structure.provider.getChildren(del1)) ?? [])[0];
    assert.deepEqual(await treeLabels(api, a11), ['Varför', 'Vad', 'Hur']);
    const item = await api.structure.provider.getTreeItem(a11);
    assert.equal(item.command?.command, 'plan.revealInEditor');
  });

  it('says in the panel when the active Markdown file is not a plan', async function () {
    const notPlan = nextMessage(api, (m) => m.type === 'update' && !!m.html?.includes('class="notplan"'), 'the “not a plan” notice');
    await openEditor(fileIn(NOTE));
    await notPlan;
  });

  it('shows a hostile plan’s text as text: no script, element or link from the document reaches the panel', async function () {
    const source = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'test', 'fixtures-hostile', 'hostile.plan.md');
    const target = fileIn('hostile.plan.md');
    await vscode.workspace.fs.copy(source, target, { overwrite: true });
    const shown = nextMessage(api, (m) => m.type === 'update' && !!m.html?.includes('&lt;script&gt;alert(&#39;rubrik&#39;)'), 'the hostile plan’s overview');
    await openEditor(target);
    const html = (await shown).html!;
    for (const m of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
      assert.ok(!['script', 'img', 'svg', 'iframe', 'a', 'style', 'link', 'object', 'embed'].includes(m[1].toLowerCase()), `element <${m[1]}> in the panel`);
      assert.ok(!/\s(on\w+|href|src)\s*=/i.test(m[2]), `attribute in <${m[1]}${m[2]}>`);
    }
    assert.ok(!html.includes('<!--'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(target);
  });

  it('exports a self-contained HTML page without script, and the plan model as JSON', async function () {
    await openEditor(plan);
    const root = vscode.workspace.workspaceFolders![0].uri;
    const htmlUri = vscode.Uri.joinPath(root, 'export', 'oversikt.html');
    const jsonUri = vscode.Uri.joinPath(root, 'export', 'plan.json');
    const wroteHtml = (await vscode.commands.executeCommand('plan.exportOverview', htmlUri)) as vscode.Uri | undefined;
    assert.equal(wroteHtml?.toString(), htmlUri.toString());
    const html = Buffer.from(await vscode.workspace.fs.readFile(htmlUri)).toString('utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(!/<script/i.test(html));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    await vscode.commands.executeCommand('plan.exportJson', jsonUri);
    const data = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(jsonUri)).toString('utf8'));
    assert.equal(data.formatVersion, 2);
    assert.equal(data.parts[0].ambitions[0].number, '1.1');
    assert.equal(data.parts[0].ambitions[0].actions[0].actor, 'Halmstads kommun');
  });

  it('makes the follow-up worksheet (Excel and CSV) and the report for a year', async function () {
    const followUp = fileIn('uppfoljning/cykelplan.plan.md');
    await openEditor(followUp);
    const root = vscode.workspace.workspaceFolders![0].uri;
    const xlsxUri = vscode.Uri.joinPath(root, 'export', 'underlag-2025.xlsx');
    const wrote = (await vscode.commands.executeCommand('plan.followUpWorksheet', { year: 2025, format: 'xlsx', target: xlsxUri })) as vscode.Uri | undefined;
    assert.equal(wrote?.toString(), xlsxUri.toString());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await vscode.workspace.fs.readFile(xlsxUri)) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(3).values as unknown[]).slice(1).map(String);
    assert.equal(header[0], vscode.env.language.startsWith('en') ? 'No.' : 'Nr');
    assert.equal(sheet.rowCount, 3 + 11, 'one row per action');
    assert.equal(
      sheet.getRow(4).getCell(header.length - 4).value,
      'Teknik- och fritidsnämnden',
      'the fifth column, Aktör (Nr, Del, Ambition, Åtgärd, Aktör, …)',
    );
    const csvUri = vscode.Uri.joinPath(root, 'export', 'underlag-2025.csv');
    await vscode.commands.executeCommand('plan.followUpWorksheet', { year: 2025, format: 'csv', target: csvUri });
    const csv = Buffer.from(await vscode.workspace.fs.readFile(csvUri)).toString('utf8');
    assert.equal(
      csv
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/).length,
      1 + 11,
    );
    const reportUri = vscode.Uri.joinPath(root, 'export', 'rapport-2025.html');
    await vscode.commands.executeCommand('plan.followUpReport', { year: 2025, target: reportUri });
    const html = Buffer.from(await vscode.workspace.fs.readFile(reportUri)).toString('utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /N17461/);
    assert.ok(!/<script/i.test(html));
    // The report as Word: the format argument (a .docx target alone would choose it too).
    const wordUri = vscode.Uri.joinPath(root, 'export', 'rapport-2025.docx');
    const wroteWord = (await vscode.commands.executeCommand('plan.followUpReport', { year: 2025, format: 'docx', target: wordUri })) as vscode.Uri | undefined;
    assert.equal(wroteWord?.toString(), wordUri.toString());
    const zip = await JSZip.loadAsync(await vscode.workspace.fs.readFile(wordUri));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? assert.fail('no word/document.xml');
    assert.match(xml, /<w:pStyle w:val="Heading1"\/>/);
    assert.match(xml, /N17461/);
    assert.match(xml, /<w:tblHeader\/>/);
    assert.match(xml, /2025-12-31/, 'the report says the date it reflects');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
