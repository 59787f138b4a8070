/**
 * The extension in a real VS Code: activation, diagnostics, outline symbols, completion, hover,
 * live settings, workspace templates and the commands. Runs in the extension host against a copy
 * of examples/ (the workspace folder), so the tests may write files.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED, langOf, REFERENCE_CODES, type Lang } from './expected';
import {
  codeOf,
  codes,
  endOfLineOf,
  EXTENSION_ID,
  fileIn,
  flatten,
  hasCodes,
  hoverText,
  insert,
  insertTextOf,
  labelOf,
  ms,
  nextDiagnosticsEvent,
  NOTE,
  openEditor,
  planDiagnostics,
  positionOf,
  REFERENCE,
  restore,
  summary,
  waitForDiagnostics,
  withTimeout,
} from './helpers';
import { report } from './report';

interface PlanApi {
  readonly client: { readonly state: number } | undefined;
  ready(): Promise<void>;
}

/** vscode-languageclient's State.Running. */
const RUNNING = 2;

describe('Plan extension in VS Code', function () {
  let lang: Lang;
  let reference: vscode.Uri;
  let refDoc: vscode.TextDocument;
  let refText: string;
  let api: PlanApi | undefined;
  let activeBeforeOpen: boolean;
  /** The reference plan's finding codes as first published (sorted). */
  let baseline: string[];

  before(async function () {
    lang = langOf(vscode.env.language);
    report.info.language = vscode.env.language;
    report.info.serverLanguage = lang;
    report.info.vscodeVersion = vscode.version;
    report.info.appName = vscode.env.appName;
    report.info.uiKind = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
    reference = fileIn(REFERENCE);

    const ext = vscode.extensions.getExtension<PlanApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded (extensionDevelopmentPath)`);
    activeBeforeOpen = ext.isActive;

    // Subscribe before opening so the first publication cannot be missed.
    const t0 = performance.now();
    report.wall.openAt = Date.now();
    const firstDiagnostics = waitForDiagnostics(reference, (d) => d.length > 0, 'the reference plan’s first diagnostics');
    const editor = await openEditor(reference);
    refDoc = editor.document;
    refText = refDoc.getText();
    report.timings.openEditorMs = ms(t0);
    // onLanguage:markdown has started the activation; activate() joins it (or starts it if not yet).
    api = await withTimeout(ext.activate(), 'the extension to activate');
    report.timings.openToActivatedMs = ms(t0);
    report.wall.activatedAt = Date.now();
    await withTimeout(api.ready(), 'the language server to start');
    report.timings.openToServerReadyMs = ms(t0);
    baseline = codes(await firstDiagnostics).sort();
    report.timings.openToFirstDiagnosticsMs = ms(t0);
    report.wall.firstDiagnosticsAt = Date.now();
  });

  after(async function () {
    // Leave nothing dirty behind (a dirty editor could hold up the window's exit).
    if (refDoc && !refDoc.isClosed) await restore(refDoc, refText);
  });

  it('activates on a Markdown file and starts its language server', function () {
    assert.equal(activeBeforeOpen, false, 'nothing activated the extension before a Markdown file was opened');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.ok(api?.client, 'the API exposes the language client');
    assert.equal(api.client.state, RUNNING, 'the client is running');
  });

  it('publishes the reference plan’s findings with their codes, severities and exact messages in the UI language', function () {
    const diags = planDiagnostics(reference);
    const have = new Set(codes(diags));
    for (const c of REFERENCE_CODES) assert.ok(have.has(c), `code ${c} among:${summary(diags)}`);
    for (const want of EXPECTED[lang].diagnostics) {
      const hit = diags.find((d) => d.range.start.line + 1 === want.line && codeOf(d) === want.code);
      assert.ok(hit, `${want.code} on line ${want.line} among:${summary(diags)}`);
      assert.equal(hit.message, want.message, `message of ${want.code} on line ${want.line} (language ${vscode.env.language} → ${lang})`);
    }
    const sev = (code: string) => [...new Set(diags.filter((d) => codeOf(d) === code).map((d) => d.severity))];
    assert.deepEqual(sev('plan.frontmatter.empty-value'), [vscode.DiagnosticSeverity.Error]);
    assert.deepEqual(sev('plan.toc.title-mismatch'), [vscode.DiagnosticSeverity.Warning]);
    assert.deepEqual(sev('plan.ansvar.no-actor'), [vscode.DiagnosticSeverity.Warning]);
    assert.deepEqual(sev('plan.style.year-range'), [vscode.DiagnosticSeverity.Hint]);
    report.info.referenceDiagnostics = diags.length;
  });

  it('gives the outline a Del → Ambition → Varför/Vad/Hur tree beside the built-in Markdown symbols', async function () {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', reference);
    assert.ok(Array.isArray(symbols) && symbols.length > 0, 'document symbols');
    const all = flatten(symbols);
    // The built-in Markdown provider also lists the headings (as strings); ours is the Module.
    const del1 = all.find((s) => s.name === 'Del 1. Utveckling som möjliggör' && s.kind === vscode.SymbolKind.Module);
    assert.ok(del1, `our Del 1 symbol among ${all.length} symbols: ${all.map((s) => `${s.name} (${vscode.SymbolKind[s.kind]})`).join(', ')}`);
    assert.equal(del1.detail, EXPECTED[lang].ambitions(3));
    assert.deepEqual(
      del1.children.map((c) => [c.name, c.kind, c.detail]),
      [
        ['Ambition 1.1. Utbildning hela vägen', vscode.SymbolKind.Class, EXPECTED[lang].actions(4)],
        ['Ambition 1.2. Ett starkt företagsklimat', vscode.SymbolKind.Class, EXPECTED[lang].actions(4)],
        ['Ambition 1.3. Utveckla Halmstad som attraktiv regional nod', vscode.SymbolKind.Class, EXPECTED[lang].actions(3)],
      ],
    );
    assert.deepEqual(
      del1.children[0].children.map((c) => [c.name, c.kind, c.detail]),
      [
        ['Varför är ambitionen viktig?', vscode.SymbolKind.Field, 'Varför'],
        ['Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?', vscode.SymbolKind.Field, 'Vad'],
        ['Hur?', vscode.SymbolKind.Field, EXPECTED[lang].actions(4)],
      ],
    );
    const del2 = all.find((s) => s.name === 'Del 2. En levande plats' && s.kind === vscode.SymbolKind.Module);
    assert.deepEqual(
      del2?.children.map((c) => c.name),
      ['Ambition 2.1. Halmstad - en attraktiv och trygg plats för en mångfald av människor'],
    );
    const doc = all.find((s) => s.kind === vscode.SymbolKind.File && s.children.includes(del1));
    assert.equal(doc?.name, 'Plan för attraktivitet och hållbar tillväxt 2020-2024', 'the plan’s title holds the parts');
    for (const s of all) assert.ok(s.range.contains(s.selectionRange), `${s.name}: selectionRange inside range`);
  });

  it('shows the template’s guidance when hovering inside an ambition’s Varför section, and a body’s kind over its name', async function () {
    const inVarfor = positionOf(refDoc, 'Utveckling kan inte ske utan kunskap', 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', reference, inVarfor);
    const texts = hovers.map(hoverText);
    assert.ok(texts.includes(EXPECTED[lang].varforGuidance), `guidance among hovers: ${JSON.stringify(texts)}`);

    const overBody = positionOf(refDoc, 'Kommunstyrelsen ansvarar för att leda', 5);
    const bodyTexts = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', reference, overBody)).map(hoverText);
    assert.ok(
      bodyTexts.some((t) => t.startsWith(EXPECTED[lang].bodyHoverStart)),
      `body hover among: ${JSON.stringify(bodyTexts)}`,
    );
  });

  it('offers registry bodies at the start of a new list item in a Hur section', async function () {
    const eol = endOfLineOf(refDoc, '- Halmstads kommun ska intensifiera');
    await insert(refDoc, eol, '\n- ');
    try {
      const cursor = new vscode.Position(eol.line + 1, 2);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', reference, cursor);
      const labels = list.items.map(labelOf);
      const ks = list.items.find((i) => labelOf(i) === 'Kommunstyrelsen');
      assert.ok(ks, `Kommunstyrelsen among ${labels.length} items: ${labels.slice(0, 40).join(', ')}`);
      assert.equal(insertTextOf(ks), 'Kommunstyrelsen ska ');
      assert.equal(ks.kind, vscode.CompletionItemKind.Reference);
      assert.match(String(ks.detail), /Kommunledningsförvaltningen/);
      const bun = list.items.find((i) => labelOf(i) === 'Barn- och ungdomsnämnden');
      assert.equal(bun && insertTextOf(bun), 'Barn- och ungdomsnämnden ska ');
    } finally {
      await restore(refDoc, refText);
    }
  });

  it('offers the next ambition number on a new “### Ambition ” line', async function () {
    const del2 = positionOf(refDoc, '## Del 2. En levande plats');
    await insert(refDoc, del2, '### Ambition \n\n');
    try {
      const cursor = new vscode.Position(del2.line, '### Ambition '.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', reference, cursor);
      const labels = list.items.map(labelOf);
      const next = list.items.find((i) => labelOf(i) === 'Ambition 1.4.');
      assert.ok(next, `“Ambition 1.4.” among: ${labels.join(', ')}`);
      assert.ok(next.insertText instanceof vscode.SnippetString, 'a snippet');
      assert.equal(insertTextOf(next), '### Ambition 1.4. ${1}');
      assert.equal(next.detail, EXPECTED[lang].nextAmbitionDetail);
      assert.ok(!labels.includes('Ambition 2.2.'), 'the number is Del 1’s, not Del 2’s');
    } finally {
      await restore(refDoc, refText);
    }
  });

  it('leaves a Markdown note that is not a plan alone: no plan diagnostics and no plan outline', async function () {
    const note = fileIn(NOTE);
    // The server publishes (empty) diagnostics for every Markdown file it checks: wait for that.
    const published = nextDiagnosticsEvent(note, 'the server to check the note');
    await openEditor(note);
    const diags = await published;
    assert.deepEqual(
      diags.map((d) => `${codeOf(d)} ${d.message}`),
      [],
      'no diagnostics from source plan',
    );
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', note);
    const ours = flatten(symbols ?? []).filter(
      (s) => s.kind === vscode.SymbolKind.Module || s.kind === vscode.SymbolKind.Class || s.kind === vscode.SymbolKind.Namespace,
    );
    assert.deepEqual(
      ours.map((s) => s.name),
      [],
      'no parts, ambitions or front matter in the outline',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.window.showTextDocument(refDoc, { preview: false });
  });

  it('updates the diagnostics when the document is edited (filling in diarienummer)', async function () {
    const diarienummer = (d: vscode.Diagnostic) => codeOf(d) === 'plan.frontmatter.empty-value' && d.range.start.line === 3;
    assert.ok(planDiagnostics(reference).some(diarienummer), 'the empty diarienummer is reported before the edit');
    const line = refDoc.lineAt(3);
    assert.equal(line.text, 'diarienummer:');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(reference, line.range, 'diarienummer: KS 2019/0123');
    const t0 = performance.now();
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const after = await waitForDiagnostics(reference, (d) => !d.some(diarienummer) && d.length > 0, 'the diarienummer finding to go away');
      report.timings.editToDiagnosticsMs = ms(t0);
      assert.equal(after.filter((d) => codeOf(d) === 'plan.frontmatter.empty-value').length, 2, `gäller-från and gäller-till remain:${summary(after)}`);
      assert.ok(hasCodes(...REFERENCE_CODES.filter((c) => c !== 'plan.frontmatter.empty-value'))(after), 'the other findings remain');
    } finally {
      await restore(refDoc, refText);
    }
    await waitForDiagnostics(reference, (d) => d.some(diarienummer), 'the diarienummer finding to come back after the undo');
  });

  it('finds an ambition by name in the workspace symbols', async function () {
    const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Utbildning');
    const hit = found.find((s) => s.name === 'Ambition 1.1. Utbildning hela vägen');
    assert.ok(hit, `among: ${found.map((s) => s.name).join(', ')}`);
    assert.equal(hit.location.uri.toString(), reference.toString());
    assert.equal(hit.location.range.start.line, 111);
    assert.equal(hit.containerName, 'Plan för attraktivitet och hållbar tillväxt 2020-2024');
    assert.ok(!found.some((s) => s.name.startsWith('Ambition 2.1.')), 'the query filters');
  });

  it('checks an untitled plan (scheme untitled) like a saved one', async function () {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: refText });
    const checked = waitForDiagnostics(doc.uri, hasCodes(...REFERENCE_CODES), 'the untitled plan’s diagnostics');
    await vscode.window.showTextDocument(doc, { preview: false });
    try {
      const diags = await checked;
      assert.deepEqual(codes(diags).sort(), baseline, 'the same findings as the saved reference plan');
    } finally {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.window.showTextDocument(refDoc, { preview: false });
    }
  });

  describe('a broken workspace template', function () {
    const broken = () => fileIn('broken.planmall.json');
    after(async function () {
      await vscode.workspace.fs.delete(broken()).then(undefined, () => undefined);
    });

    it('gets diagnostics on the template file (template.syntax) while plans still validate against the built-in template', async function () {
      const appeared = waitForDiagnostics(broken(), (d) => d.some((x) => codeOf(x) === 'template.syntax'), 'template.syntax on broken.planmall.json', {
        fresh: true,
      });
      await vscode.workspace.fs.writeFile(broken(), Buffer.from('{ "id": "trasig", "name": "Trasig mall",\n  "sections": [ \n', 'utf8'));
      const diags = await appeared;
      assert.ok(diags.every((d) => d.source === 'plan'));
      // The reference plan is still checked with the built-in plan template: edit it and look.
      const revalidated = waitForDiagnostics(reference, hasCodes(...REFERENCE_CODES), 'the reference plan to be checked again', { fresh: true });
      await insert(refDoc, refDoc.lineAt(refDoc.lineCount - 1).range.end, '\n');
      try {
        const again = await revalidated;
        assert.ok(!again.some((d) => codeOf(d).startsWith('template.')), `no template findings on the plan:${summary(again)}`);
        assert.deepEqual(codes(again).sort(), baseline, 'the same findings as with the built-in template alone');
      } finally {
        await restore(refDoc, refText);
      }
    });

    it('reports a template that is valid JSON but breaks the schema (template.schema), and clears it when the file is deleted', async function () {
      const schema = waitForDiagnostics(broken(), (d) => d.some((x) => codeOf(x) === 'template.schema'), 'template.schema on broken.planmall.json', {
        fresh: true,
      });
      await vscode.workspace.fs.writeFile(broken(), Buffer.from(JSON.stringify({ id: 42, sections: 'nej' }, null, 2) + '\n', 'utf8'));
      const diags = await schema;
      assert.ok(!diags.some((d) => codeOf(d) === 'template.syntax'), `no syntax finding left:${summary(diags)}`);
      const cleared = waitForDiagnostics(broken(), (d) => d.length === 0, 'the template’s diagnostics to be cleared', { fresh: true });
      await vscode.workspace.fs.delete(broken());
      await cleared;
    });
    it('applies plan.severity to template findings (template.schema off)', async function () {
      await vscode.workspace.fs.writeFile(broken(), Buffer.from(JSON.stringify({ id: 42 }), 'utf8'));
      await waitForDiagnostics(broken(), (d) => d.some((x) => codeOf(x) === 'template.schema'), 'template.schema on broken.planmall.json');
      try {
        const gone = waitForDiagnostics(broken(), (d) => !d.some((x) => codeOf(x) === 'template.schema'), 'template.schema to be turned off');
        await vscode.workspace.getConfiguration('plan').update('severity', { 'template.schema': 'off' }, vscode.ConfigurationTarget.Workspace);
        await gone;
      } finally {
        await vscode.workspace.getConfiguration('plan').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
        await vscode.workspace.fs.delete(broken());
      }
    });

    it('lets VS Code validate a template file against the contributed JSON Schema', async function () {
      const file = fileIn('schema-check.planmall.json');
      await vscode.workspace.fs.writeFile(
        file,
        Buffer.from('{\n  "id": "plan",\n  "name": "X",\n  "frontMatter": [],\n  "sections": [],\n  "colour": 1\n}\n', 'utf8'),
      );
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
        const fromJson = await withTimeout(
          new Promise<vscode.Diagnostic[]>((resolve) => {
            const check = () => {
              const d = vscode.languages.getDiagnostics(file).filter((x) => x.source !== 'plan' && /colour/.test(x.message));
              if (d.length) {
                sub.dispose();
                resolve(d);
              }
            };
            const sub = vscode.languages.onDidChangeDiagnostics(check);
            check();
          }),
          'VS Code’s JSON validation of the template file',
        );
        assert.ok(fromJson.length >= 1);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(file);
      }
    });

    it('follows unsaved edits of an open template file', async function () {
      await vscode.workspace.fs.writeFile(broken(), Buffer.from('{ "id": "trasig",\n', 'utf8'));
      const syntax = waitForDiagnostics(broken(), (d) => d.some((x) => codeOf(x) === 'template.syntax'), 'template.syntax on the open template');
      const editor = await openEditor(broken());
      await syntax;
      const schema = waitForDiagnostics(
        broken(),
        (d) => d.some((x) => codeOf(x) === 'template.schema') && !d.some((x) => codeOf(x) === 'template.syntax'),
        'template.schema after the unsaved edit',
        { fresh: true },
      );
      const edit = new vscode.WorkspaceEdit();
      edit.replace(
        broken(),
        new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(editor.document.getText().length)),
        JSON.stringify({ id: 42 }),
      );
      assert.ok(await vscode.workspace.applyEdit(edit));
      try {
        await schema;
        assert.ok(editor.document.isDirty, 'checked from the editor, not from the disk');
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await vscode.window.showTextDocument(refDoc, { preview: false });
      }
    });
  });

  describe('settings', function () {
    after(async function () {
      await vscode.workspace.getConfiguration('plan').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.getConfiguration('plan').update('style.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('turns a rule off through plan.severity without a restart, and back on', async function () {
      assert.ok(planDiagnostics(reference).some((d) => codeOf(d) === 'plan.toc.title-mismatch'));
      const t0 = performance.now();
      const gone = waitForDiagnostics(
        reference,
        (d) => d.length > 0 && !d.some((x) => codeOf(x) === 'plan.toc.title-mismatch'),
        'plan.toc.title-mismatch to disappear',
      );
      await vscode.workspace.getConfiguration('plan').update('severity', { 'plan.toc.title-mismatch': 'off' }, vscode.ConfigurationTarget.Workspace);
      const after = await gone;
      report.timings.settingToDiagnosticsMs = ms(t0);
      assert.ok(hasCodes('plan.ansvar.no-actor', 'plan.frontmatter.empty-value')(after), `the other rules still report:${summary(after)}`);

      const back = waitForDiagnostics(reference, hasCodes('plan.toc.title-mismatch'), 'plan.toc.title-mismatch to come back');
      await vscode.workspace.getConfiguration('plan').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await back;
    });

    it('changes a rule’s severity through plan.severity', async function () {
      const isError = (d: vscode.Diagnostic) => codeOf(d) === 'plan.ansvar.no-actor' && d.severity === vscode.DiagnosticSeverity.Error;
      const raised = waitForDiagnostics(reference, (d) => d.filter(isError).length === 2, 'plan.ansvar.no-actor as errors');
      await vscode.workspace.getConfiguration('plan').update('severity', { 'plan.ansvar.no-actor': 'error' }, vscode.ConfigurationTarget.Workspace);
      await raised;
      const lowered = waitForDiagnostics(
        reference,
        (d) => d.some((x) => codeOf(x) === 'plan.ansvar.no-actor') && !d.some(isError),
        'plan.ansvar.no-actor as warnings again',
      );
      await vscode.workspace.getConfiguration('plan').update('severity', undefined, vscode.ConfigurationTarget.Workspace);
      await lowered;
    });
    it('turns the style checks off through plan.style.enabled', async function () {
      assert.ok(planDiagnostics(reference).some((d) => codeOf(d) === 'plan.style.year-range'));
      const off = waitForDiagnostics(reference, (d) => d.length > 0 && !d.some((x) => codeOf(x).startsWith('plan.style.')), 'the style findings to disappear');
      await vscode.workspace.getConfiguration('plan').update('style.enabled', false, vscode.ConfigurationTarget.Workspace);
      await off;
      const on = waitForDiagnostics(reference, hasCodes('plan.style.year-range'), 'the style findings to come back');
      await vscode.workspace.getConfiguration('plan').update('style.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await on;
    });
  });

  describe('commands', function () {
    it('registers the plan.* commands', async function () {
      const all = await vscode.commands.getCommands(true);
      for (const c of ['plan.restartServer', 'plan.newFromTemplate', 'plan.showTemplate', 'plan.checkWorkspace'])
        assert.ok(all.includes(c), `${c} is registered`);
    });

    it('plan.restartServer restarts the server and the diagnostics come back', async function () {
      const events: number[] = [];
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === reference.toString())) events.push(planDiagnostics(reference).length);
      });
      try {
        const back = waitForDiagnostics(reference, hasCodes(...REFERENCE_CODES), 'the diagnostics after the restart', { fresh: true });
        const t0 = performance.now();
        await withTimeout(vscode.commands.executeCommand('plan.restartServer'), 'plan.restartServer');
        report.timings.restartCommandMs = ms(t0);
        const diags = await back;
        report.timings.restartToDiagnosticsMs = ms(t0);
        report.info.diagnosticsEventsDuringRestart = events;
        assert.equal(api?.client?.state, RUNNING, 'the client runs again');
        // The client clears a stopped server's diagnostics; the new server publishes them again.
        assert.ok(
          events.indexOf(0) >= 0 && events.indexOf(0) < events.length - 1,
          `cleared, then published again (plan diagnostics per event: ${events.join(', ')})`,
        );
        assert.deepEqual(codes(diags).sort(), baseline, 'the same findings as before the restart');
        for (const want of EXPECTED[lang].diagnostics)
          assert.ok(
            diags.some((d) => d.message === want.message),
            `${want.code} on line ${want.line} is back`,
          );
      } finally {
        sub.dispose();
      }
    });

    it('plan.newFromTemplate makes a new plan from a template, with today’s date and placeholders to fill in', async function () {
      const editor = (await vscode.commands.executeCommand('plan.newFromTemplate', 'riktlinje')) as vscode.TextEditor | undefined;
      assert.ok(editor, 'an editor with the new document');
      const text = editor.document.getText();
      assert.equal(editor.document.uri.scheme, 'untitled');
      assert.equal(editor.document.languageId, 'markdown');
      assert.match(text, /^---\ndokumenttyp: riktlinje\n/);
      const d = new Date();
      const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      assert.ok(text.includes(`gäller-från: ${today}`), 'today’s date filled in');
      assert.match(text, /\n## Syfte\n/);
      assert.ok(!/\$\{\d/.test(text), 'the snippet’s placeholders were expanded');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('plan.showTemplate opens the active plan’s template as a Markdown document', async function () {
      await vscode.window.showTextDocument(refDoc, { preview: false });
      const opened = withTimeout(
        new Promise<vscode.TextDocument>((resolve) => {
          const sub = vscode.workspace.onDidOpenTextDocument((d) => {
            if (d.uri.scheme === 'untitled') {
              sub.dispose();
              resolve(d);
            }
          });
        }),
        'the template document',
      );
      await withTimeout(vscode.commands.executeCommand('plan.showTemplate'), 'plan.showTemplate');
      const doc = await opened;
      try {
        assert.equal(doc.languageId, 'markdown');
        const first = doc.lineAt(0).text;
        assert.ok(first.startsWith(EXPECTED[lang].templateHeadingStart) && first.endsWith('(`plan`)'), `first line: ${first}`);
        assert.ok(doc.getText().includes('Varför är ambitionen viktig?'), 'lists the subsections');
      } finally {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
        await vscode.window.showTextDocument(refDoc, { preview: false });
      }
    });

    it('plan.checkWorkspace checks the plans in the workspace', async function () {
      const ren = fileIn('halmstad/ren-plan.plan.md');
      const asby = fileIn('asby/handlingsplan-trygghet.md');
      const result = await withTimeout(
        vscode.commands.executeCommand<{ files: number; plans: number; errors: number; warnings: number; other: number } | undefined>('plan.checkWorkspace'),
        'plan.checkWorkspace',
      );
      assert.ok(result, 'a result');
      report.info.checkWorkspace = result;
      assert.ok(result.files >= 5, `Markdown files counted: ${JSON.stringify(result)}`);
      assert.ok(result.plans >= 3, `plans counted: ${JSON.stringify(result)}`);
      assert.ok(result.errors >= 3, `the reference plan’s errors counted: ${JSON.stringify(result)}`);
      assert.deepEqual(
        planDiagnostics(ren).map((d) => `${codeOf(d)} ${d.message}`),
        [],
        'the clean plan is clean',
      );
      report.info.asbyDiagnostics = planDiagnostics(asby).map((d) => `${d.range.start.line + 1} ${codeOf(d)}`);
    });
  });
});
