/**
 * Navigation and refactoring of parts and ambitions over the protocol, against the real bundled
 * server: references and definition (also from another open document), rename with its versioned
 * edits in both documents, code lenses, and the source actions fix all, renumber and Innehåll.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, CodeLens, Location, Position, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, LspClient, positionOf } from '../helpers/lsp-client';

const CLEAN = readFileSync(join(EXAMPLES, 'halmstad', 'ren-plan.plan.md'), 'utf8');
const REFERENCE = readFileSync(join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
/** The clean plan with a reference to ambition 1.2 in its Bakgrund. */
const PLAN = CLEAN.replace('## Bakgrund\n', '## Bakgrund\n\nSe ambition 1.2 om barnen.\n');
const PLAN_URI = fileUri(join(EXAMPLES, 'halmstad', 'refactor-test.plan.md'));
/** A note that names the plan by its title and refers to its ambition 1.2; its second passage names no plan. */
const NOTE = '# Anteckningar\n\nI Plan för cykling 2025–2028 är ambition 1.2. Trygg cykling för barn och unga viktigast.\n\nAmbition 1.2 i någon annan plan.\n';
const NOTE_URI = fileUri(join(EXAMPLES, 'halmstad', 'refactor-test-anteckning.md'));
const REFERENCE_URI = fileUri(join(EXAMPLES, 'halmstad', 'refactor-test-reference.plan.md'));

function offsetAt(text: string, p: Position): number {
  const lines = text.split('\n');
  return lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
}

function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start)))
    out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}

function slice(text: string, r: Range): string {
  return text.slice(offsetAt(text, r.start), offsetAt(text, r.end));
}

describe('Refactoring of parts and ambitions over the protocol', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES], documentChanges: true });
    const diagnosed = Promise.all([client.waitForDiagnostics(PLAN_URI, { version: 1 }), client.waitForDiagnostics(REFERENCE_URI, { version: 1 })]);
    await client.open(PLAN_URI, PLAN, 1);
    await client.open(NOTE_URI, NOTE, 1);
    await client.open(REFERENCE_URI, REFERENCE, 1);
    await diagnosed;
  });
  after(async () => client?.dispose());

  it('Should announce references, definition, rename with prepare, code lenses and its source actions', () => {
    const caps = client.initializeResult!.capabilities;
    assert.equal(caps.referencesProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.ok(caps.codeLensProvider);
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    for (const k of ['quickfix', 'source.fixAll.plan', 'source.plan.renumber', 'source.plan.regenerateToc']) assert.ok(kinds.includes(k), k);
  });

  it('Should find the references to an ambition: its heading, Innehåll, the text, and the note that names the plan', async () => {
    const at = positionOf(PLAN, 'ambition 1.2 om', 10);
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: PLAN_URI },
      position: at,
      context: { includeDeclaration: true },
    });
    const seen = locations.map(
      (l) => `${l.uri === PLAN_URI ? 'plan' : l.uri === NOTE_URI ? 'note' : l.uri}: ${slice(l.uri === PLAN_URI ? PLAN : NOTE, l.range)}`,
    );
    assert.equal(seen.length, 4);
    assert.ok(seen.includes('plan: ### Ambition 1.2. Trygg cykling för barn och unga'));
    assert.ok(seen.includes('plan: ambition 1.2'));
    assert.ok(seen.includes('plan: 1.2. Trygg cykling för barn och unga'));
    assert.ok(seen.includes('note: ambition 1.2'), 'the note’s first passage names the plan; its second does not');
  });

  it('Should go to the ambition’s heading from a reference, in the plan and from the note', async () => {
    const inPlan = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: PLAN_URI },
      position: positionOf(PLAN, 'ambition 1.2 om', 3),
    });
    assert.equal(inPlan.length, 1);
    assert.equal(slice(PLAN, inPlan[0].range), '### Ambition 1.2. Trygg cykling för barn och unga');
    const fromNote = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: NOTE_URI },
      position: positionOf(NOTE, 'ambition 1.2.', 3),
    });
    assert.deepEqual(
      fromNote.map((l) => l.uri),
      [PLAN_URI],
    );
    const elsewhere = await client.request<Location[]>('textDocument/definition', {
      textDocument: { uri: NOTE_URI },
      position: positionOf(NOTE, 'Ambition 1.2 i', 3),
    });
    assert.deepEqual(elsewhere, []);
  });

  it('Should rename an ambition’s title in the plan and the note, with the versions the edits were made for', async () => {
    const at = positionOf(PLAN, 'Trygg cykling för barn och unga\n\n', 2);
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: PLAN_URI },
      position: at,
    });
    assert.equal(prepared.placeholder, 'Trygg cykling för barn och unga');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: PLAN_URI },
      position: at,
      newName: 'Säker cykling för unga',
    });
    const byUri = new Map((edit.documentChanges as TextDocumentEdit[]).map((d) => [d.textDocument.uri, d]));
    assert.deepEqual([...byUri.keys()].sort(), [NOTE_URI, PLAN_URI].sort());
    assert.equal(byUri.get(PLAN_URI)!.textDocument.version, 1);
    const plan = apply(PLAN, byUri.get(PLAN_URI)!.edits as TextEdit[]);
    assert.equal(
      plan,
      PLAN.replaceAll('Trygg cykling för barn och unga', 'Säker cykling för unga').replace(
        '#ambition-12-trygg-cykling-för-barn-och-unga',
        '#ambition-12-säker-cykling-för-unga',
      ),
    );
    assert.equal(apply(NOTE, byUri.get(NOTE_URI)!.edits as TextEdit[]), NOTE.replace('Trygg cykling för barn och unga', 'Säker cykling för unga'));

    // After a change, the edits are for the new version: one computed before would be refused by the client.
    const changed = client.waitForDiagnostics(PLAN_URI, { version: 2 });
    await client.change(PLAN_URI, 2, [{ text: PLAN + '\n' }]);
    await changed;
    const again = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: PLAN_URI },
      position: at,
      newName: 'Säker cykling för unga',
    });
    assert.equal((again.documentChanges as TextDocumentEdit[]).find((d) => d.textDocument.uri === PLAN_URI)!.textDocument.version, 2);
  });

  it('Should refuse to rename where there is no part or ambition, and a number in use, with a message', async () => {
    await assert.rejects(
      client.request('textDocument/prepareRename', { textDocument: { uri: PLAN_URI }, position: positionOf(PLAN, 'Kommunfullmäktige har antagit') }),
      /Ställ markören på rubriken/,
    );
    await assert.rejects(
      client.request('textDocument/rename', { textDocument: { uri: PLAN_URI }, position: positionOf(PLAN, '### Ambition 1.2', 14), newName: '1.1' }),
      /Numret 1\.1 används redan/,
    );
  });

  it('Should find references and rename from a reference in another document', async () => {
    const text = PLAN + '\n'; // as the previous test left it, at version 2
    const at = positionOf(NOTE, 'ambition 1.2.', 10);
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: NOTE_URI },
      position: at,
      context: { includeDeclaration: false },
    });
    assert.deepEqual(locations.map((l) => (l.uri === PLAN_URI ? 'plan: ' + slice(text, l.range) : 'note: ' + slice(NOTE, l.range))).sort(), [
      'note: ambition 1.2',
      'plan: 1.2. Trygg cykling för barn och unga',
      'plan: ambition 1.2',
    ]);
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', {
      textDocument: { uri: NOTE_URI },
      position: at,
    });
    assert.equal(prepared.placeholder, '1.2');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: NOTE_URI }, position: at, newName: '1.4' });
    const byUri = new Map((edit.documentChanges as TextDocumentEdit[]).map((d) => [d.textDocument.uri, d]));
    assert.deepEqual([byUri.get(PLAN_URI)!.textDocument.version, byUri.get(NOTE_URI)!.textDocument.version], [2, 1]);
    assert.equal(
      apply(text, byUri.get(PLAN_URI)!.edits as TextEdit[]),
      text.replace('Ambition 1.2.', 'Ambition 1.4.').replace('  - 1.2.', '  - 1.4.').replace('ambition 1.2 om', 'ambition 1.4 om'),
    );
    assert.equal(apply(NOTE, byUri.get(NOTE_URI)!.edits as TextEdit[]), NOTE.replace('ambition 1.2.', 'ambition 1.4.'));
  });

  it('Should answer nothing, and never fail, on a document that is no plan and names none', async () => {
    const uri = fileUri(join(EXAMPLES, 'halmstad', 'refactor-test-other.md'));
    const text = '# Ett stycke\n\nAmbition 1.2 och Del 2, utan plan.\n';
    await client.open(uri, text, 1);
    const position = positionOf(text, 'Ambition 1.2', 3);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), []);
    assert.deepEqual(await client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } }), []);
    assert.deepEqual(await client.request('textDocument/definition', { textDocument: { uri }, position }), []);
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri }, position }), /Ställ markören/);
    await client.close(uri);
    assert.ok(client.alive);
  });

  it('Should show on each part and ambition how many actions, actors and references it has', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: PLAN_URI } });
    assert.equal(lenses.length, 5, 'two parts, three ambitions');
    const a12 = lenses.find((l) => slice(PLAN, l.range).startsWith('### Ambition 1.2'))!;
    assert.match(a12.command!.title, /^\d+ åtgärder? · \d+ aktörer? · 2 hänvisningar$/);
    assert.equal(a12.command!.command, 'plan.showReferences');
    assert.equal((a12.command!.arguments![2] as Location[]).length, 2);
  });

  it('Should fix all safe findings when asked for source.fixAll.plan, and offer nothing the second time', async () => {
    const ask = (text: string, only?: string[]) =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: REFERENCE_URI },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only },
      });
    assert.deepEqual(
      (await ask(REFERENCE)).filter((a) => a.kind?.startsWith('source')),
      [],
      'no source actions for the light bulb',
    );
    const asked = await ask(REFERENCE, ['source.fixAll.plan']);
    assert.deepEqual(
      asked.map((a) => a.kind),
      ['source.fixAll.plan'],
      'only the kind asked for',
    );
    const [fix] = asked;
    const d = (fix.edit!.documentChanges as TextDocumentEdit[])[0];
    assert.equal(d.textDocument.version, 1);
    const fixed = apply(REFERENCE, d.edits as TextEdit[]);
    const diagnosed = client.waitForDiagnostics(REFERENCE_URI, { version: 2 });
    await client.change(REFERENCE_URI, 2, [{ text: fixed }]);
    const { diagnostics } = await diagnosed;
    for (const code of ['plan.toc.title-mismatch', 'plan.style.year-range']) assert.ok(!diagnostics.some((x) => x.code === code), code);
    assert.ok(
      diagnostics.some((x) => x.code === 'plan.ansvar.no-actor'),
      'what is not safe to fix stays',
    );
    assert.deepEqual(await ask(fixed, ['source.fixAll.plan']), []);
  });

  it('Should offer renumbering and a regenerated Innehåll as source actions', async () => {
    const text = PLAN.replace('### Ambition 1.2. Trygg', '### Ambition 1.5. Trygg') + '\n\n';
    const diagnosed = client.waitForDiagnostics(PLAN_URI, { version: 3 });
    await client.change(PLAN_URI, 3, [{ text }]);
    await diagnosed;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: PLAN_URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source'] },
    });
    const renumber = actions.find((a) => a.kind === 'source.plan.renumber')!;
    const edits = (renumber.edit!.documentChanges as TextDocumentEdit[]).find((d) => d.textDocument.uri === PLAN_URI)!.edits as TextEdit[];
    assert.equal(apply(text, edits), PLAN + '\n\n', 'back to 1.2 in the heading; Innehåll and the reference said 1.2 already');
    assert.ok(
      actions.some((a) => a.kind === 'source.plan.regenerateToc'),
      'Innehåll says 1.2 where the heading says 1.5',
    );
  });
});
