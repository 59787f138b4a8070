/**
 * Editor features over the protocol: document symbols, folding, hover, completion and workspace
 * symbols, against the real bundled server on stdio.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, CompletionList, DocumentSymbol, Position, Range, TextEdit, WorkspaceSymbol } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, LspClient, positionOf } from '../helpers/lsp-client';

const REFERENCE = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
const REFERENCE_URI = fileUri(REFERENCE);
const REFERENCE_TEXT = readFileSync(REFERENCE, 'utf8');
const TITLE = 'Plan för attraktivitet och hållbar tillväxt 2020-2024';

const SymbolKind = { File: 1, Module: 2, Namespace: 3, Class: 5, Property: 7, Field: 8, String: 15 } as const;

function notAfter(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return notAfter(outer.start, inner.start) && notAfter(inner.end, outer.end);
}

function walk(symbols: DocumentSymbol[], visit: (s: DocumentSymbol, parent?: DocumentSymbol) => void, parent?: DocumentSymbol): void {
  for (const s of symbols) {
    visit(s, parent);
    walk(s.children ?? [], visit, s);
  }
}

function named(symbols: DocumentSymbol[] | undefined, name: string): DocumentSymbol {
  const s = symbols?.find((x) => x.name === name);
  assert.ok(s, `no symbol ${JSON.stringify(name)} among ${JSON.stringify(symbols?.map((x) => x.name))}`);
  return s;
}

function items(result: CompletionItem[] | CompletionList | null): CompletionItem[] {
  assert.ok(result, 'a completion result');
  return Array.isArray(result) ? result : result.items;
}

function label(list: CompletionItem[], l: string): CompletionItem {
  const item = list.find((i) => i.label === l);
  assert.ok(item, `no completion ${JSON.stringify(l)} among ${JSON.stringify(list.map((i) => i.label))}`);
  return item;
}

/** Every item's textEdit is a plain TextEdit on the cursor's line, ending at the cursor. */
function assertEditsOnLine(list: CompletionItem[], cursor: Position): void {
  for (const i of list) {
    const edit = i.textEdit as TextEdit | undefined;
    assert.ok(edit && 'range' in edit, `${i.label} has a textEdit with a range`);
    assert.equal(edit.range.start.line, cursor.line, `${i.label}: edit starts on the cursor line`);
    assert.deepEqual(edit.range.end, cursor, `${i.label}: edit ends at the cursor`);
    assert.ok(edit.range.start.character >= 0 && edit.range.start.character <= cursor.character, `${i.label}: edit starts within the line, before the cursor`);
  }
}

describe('Server features', function () {
  let client: LspClient;
  let version = 0;

  before(async () => {
    client = await LspClient.start();
  });

  after(async () => {
    await client?.dispose();
  });

  /** Opens the reference plan fresh for one test and closes it afterwards. */
  async function withReference(run: () => Promise<void>): Promise<void> {
    version = 1;
    await client.open(REFERENCE_URI, REFERENCE_TEXT, version);
    try {
      await run();
    } finally {
      await client.close(REFERENCE_URI);
    }
  }

  async function insert(at: Position, text: string): Promise<void> {
    await client.change(REFERENCE_URI, ++version, [{ range: { start: at, end: at }, text }]);
  }

  it('Should return hierarchical document symbols: title, Del, Ambition and Varför/Vad/Hur, with details', async () => {
    await withReference(async () => {
      const symbols = (await client.documentSymbol(REFERENCE_URI)) as DocumentSymbol[];
      assert.ok(Array.isArray(symbols) && symbols.length === 2, 'front matter and the document');
      assert.ok(
        symbols.every((s) => 'selectionRange' in s && 'children' in s),
        'DocumentSymbol, not SymbolInformation',
      );

      const [fm, doc] = symbols;
      assert.equal(fm.kind, SymbolKind.Namespace);
      assert.equal(fm.detail, 'plan');
      assert.deepEqual(fm.range, { start: { line: 0, character: 0 }, end: { line: 13, character: 3 } });
      assert.deepEqual(named(fm.children, 'titel').detail, TITLE);
      assert.equal(named(fm.children, 'titel').kind, SymbolKind.Property);

      assert.equal(doc.name, TITLE);
      assert.equal(doc.kind, SymbolKind.File);
      assert.equal(doc.detail, 'Plan');
      assert.deepEqual(doc.selectionRange, { start: { line: 15, character: 2 }, end: { line: 15, character: 55 } });
      assert.deepEqual(
        doc.children?.map((c) => c.name),
        [
          'Framtagande av planen',
          'Ansvar för planen',
          'Resurser',
          'Uppföljning',
          'Uppdatering',
          'Innehåll',
          'Inledning: Vi spelar roll!',
          'Gemensamt ansvar',
          'Bakgrund: Halmstad behöver en hållbar tillväxt',
          'Några kom ihåg i arbetet',
          'Del 1. Utveckling som möjliggör',
          'Del 2. En levande plats',
          'KÄLLOR',
        ],
      );

      const del1 = named(doc.children, 'Del 1. Utveckling som möjliggör');
      assert.equal(del1.kind, SymbolKind.Module);
      assert.equal(del1.detail, '3 ambitioner');
      assert.deepEqual(
        del1.children?.map((c) => [c.name, c.kind, c.detail]),
        [
          ['Ambition 1.1. Utbildning hela vägen', SymbolKind.Class, '4 åtgärder'],
          ['Ambition 1.2. Ett starkt företagsklimat', SymbolKind.Class, '4 åtgärder'],
          ['Ambition 1.3. Utveckla Halmstad som attraktiv regional nod', SymbolKind.Class, '3 åtgärder'],
        ],
      );
      const a11 = named(del1.children, 'Ambition 1.1. Utbildning hela vägen');
      assert.deepEqual(a11.selectionRange, { start: { line: 111, character: 4 }, end: { line: 111, character: 39 } });
      assert.deepEqual(a11.range, { start: { line: 111, character: 0 }, end: { line: 132, character: 216 } });
      assert.deepEqual(
        a11.children?.map((c) => [c.name, c.kind, c.detail]),
        [
          ['Varför är ambitionen viktig?', SymbolKind.Field, 'Varför'],
          ['Vad behöver vi lyckas med de närmaste fyra åren för att nå ambitionen?', SymbolKind.Field, 'Vad'],
          ['Hur?', SymbolKind.Field, '4 åtgärder'],
        ],
      );
      const del2 = named(doc.children, 'Del 2. En levande plats');
      assert.deepEqual(
        del2.children?.map((c) => c.name),
        ['Ambition 2.1. Halmstad - en attraktiv och trygg plats för en mångfald av människor'],
      );

      // LSP invariants a client such as VS Code enforces.
      const lineCount = REFERENCE_TEXT.split('\n').length;
      walk(symbols, (s, parent) => {
        assert.ok(contains(s.range, s.selectionRange), `${s.name}: selectionRange inside range`);
        if (parent) assert.ok(contains(parent.range, s.range), `${s.name}: inside ${parent.name}`);
        assert.ok(s.range.end.line < lineCount, `${s.name}: range within the document`);
        assert.ok(s.name.length > 0, 'a symbol has a name');
      });
    });
  });

  it('Should return non-empty folding ranges for a plan: front matter, sections and ambitions', async () => {
    await withReference(async () => {
      const ranges = await client.foldingRange(REFERENCE_URI);
      assert.ok(Array.isArray(ranges) && ranges.length > 0);
      assert.deepEqual(ranges[0], { startLine: 0, endLine: 13, kind: 'region' });
      assert.ok(
        ranges.some((r) => r.startLine === 111 && r.endLine === 132),
        'Ambition 1.1 folds',
      );
      assert.ok(
        ranges.some((r) => r.startLine === 107 && r.endLine === 180),
        'Del 1 folds',
      );
      const lineCount = REFERENCE_TEXT.split('\n').length;
      for (const r of ranges) assert.ok(r.startLine < r.endLine && r.endLine < lineCount, JSON.stringify(r));
    });
  });

  it('Should show a body’s kind when hovering over its name', async () => {
    await withReference(async () => {
      const at = positionOf(REFERENCE_TEXT, 'Kommunstyrelsen ansvarar för att leda', 5);
      assert.deepEqual(at, { line: 25, character: 5 });
      const h = await client.hover(REFERENCE_URI, at);
      assert.ok(h && typeof h.contents === 'object' && 'kind' in h.contents, 'markdown hover');
      assert.equal(h.contents.kind, 'markdown');
      assert.match(h.contents.value, /^\*\*Kommunstyrelsen\*\* \(styrelse\)/);
      assert.match(h.contents.value, /Förvaltning: Kommunledningsförvaltningen/);
      assert.deepEqual(h.range, { start: { line: 25, character: 0 }, end: { line: 25, character: 15 } });
    });
  });

  it('Should show the template’s guidance when hovering inside an ambition’s Varför section', async () => {
    await withReference(async () => {
      const h = await client.hover(REFERENCE_URI, positionOf(REFERENCE_TEXT, 'Utveckling kan inte ske utan kunskap', 3));
      assert.ok(h && typeof h.contents === 'object' && 'kind' in h.contents);
      assert.equal(h.contents.kind, 'markdown');
      assert.equal(
        h.contents.value,
        '**Varför är ambitionen viktig?**\n\nVarför är ambitionen viktig? Motivera med behov, underlag och koppling till strategisk plan.\n\nLäsbarhet: LIX 54 (svår).',
      );
      assert.deepEqual(h.range, { start: { line: 113, character: 0 }, end: { line: 113, character: 33 } });
    });
  });

  it('Should offer registry bodies at the start of a new list item in a Hur section', async () => {
    await withReference(async () => {
      const lastAction = positionOf(REFERENCE_TEXT, '- Halmstads kommun ska intensifiera');
      const eol = { line: lastAction.line, character: REFERENCE_TEXT.split('\n')[lastAction.line].length };
      await insert(eol, '\n- ');
      const cursor = { line: lastAction.line + 1, character: 2 };
      const list = items(await client.completion(REFERENCE_URI, cursor));
      const ks = label(list, 'Kommunstyrelsen');
      assert.deepEqual(ks.textEdit, { range: { start: cursor, end: cursor }, newText: 'Kommunstyrelsen ska ' });
      assert.equal(ks.kind, 18 /* Reference */);
      assert.equal(ks.detail, 'styrelse · Kommunledningsförvaltningen');
      assert.deepEqual(label(list, 'Barn- och ungdomsnämnden').textEdit, { range: { start: cursor, end: cursor }, newText: 'Barn- och ungdomsnämnden ska ' });
      assertEditsOnLine(list, cursor);
    });
  });

  it('Should list ambitions 1.1–1.3 after “ambition 1.”', async () => {
    await withReference(async () => {
      const intro = positionOf(REFERENCE_TEXT, 'I Halmstad ska alla människor ha möjlighet');
      const eol = { line: intro.line, character: REFERENCE_TEXT.split('\n')[intro.line].length };
      await insert(eol, ' Se ambition 1.');
      const cursor = { line: eol.line, character: eol.character + ' Se ambition 1.'.length };
      const list = items(await client.completion(REFERENCE_URI, cursor));
      assert.deepEqual(
        list.map((i) => [i.label, i.detail]),
        [
          ['1.1', 'Utbildning hela vägen'],
          ['1.2', 'Ett starkt företagsklimat'],
          ['1.3', 'Utveckla Halmstad som attraktiv regional nod'],
        ],
      );
      const from = { line: cursor.line, character: cursor.character - 2 };
      assert.deepEqual(label(list, '1.2').textEdit, { range: { start: from, end: cursor }, newText: '1.2' });
      assertEditsOnLine(list, cursor);
    });
  });

  it('Should offer “Ambition 1.4.” on a new “### Ambition ” heading line inside Del 1', async () => {
    await withReference(async () => {
      const del2 = positionOf(REFERENCE_TEXT, '## Del 2. En levande plats');
      await insert(del2, '### Ambition \n\n');
      const cursor = { line: del2.line, character: '### Ambition '.length };
      const list = items(await client.completion(REFERENCE_URI, cursor));
      const next = label(list, 'Ambition 1.4.');
      assert.deepEqual(next.textEdit, { range: { start: { line: cursor.line, character: 0 }, end: cursor }, newText: '### Ambition 1.4. ${1}' });
      assert.equal(next.insertTextFormat, 2 /* Snippet */);
      assert.equal(next.detail, 'nästa lediga nummer i Del 1. Utveckling som möjliggör');
      assert.ok(!list.some((i) => i.label === 'Ambition 2.2.'), 'the number is Del 1’s, not Del 2’s');
      assertEditsOnLine(list, cursor);
    });
  });

  it('Should find “Ambition 1.1. Utbildning hela vägen” in the workspace for the query “Utbildning”', async () => {
    const ws = await LspClient.start({ workspaceFolders: [EXAMPLES] });
    try {
      const result = (await ws.workspaceSymbol('Utbildning')) as WorkspaceSymbol[];
      assert.ok(Array.isArray(result));
      const hit = result.find((s) => s.name === 'Ambition 1.1. Utbildning hela vägen');
      assert.ok(hit, `found among ${JSON.stringify(result.map((s) => s.name))}`);
      assert.deepEqual(hit, {
        name: 'Ambition 1.1. Utbildning hela vägen',
        kind: SymbolKind.Class,
        containerName: TITLE,
        location: { uri: REFERENCE_URI, range: { start: { line: 111, character: 4 }, end: { line: 111, character: 39 } } },
      });
      assert.ok(!result.some((s) => s.name.startsWith('Ambition 2.1.')), 'the query filters');

      // An open document's unsaved text wins over the file on disk.
      const edited = REFERENCE_TEXT.replace('### Ambition 1.1. Utbildning hela vägen', '### Ambition 1.1. Utbildning för alla');
      await ws.open(REFERENCE_URI, edited, 1);
      const again = (await ws.workspaceSymbol('Utbildning')) as WorkspaceSymbol[];
      assert.ok(again.some((s) => s.name === 'Ambition 1.1. Utbildning för alla' && 'uri' in s.location && s.location.uri === REFERENCE_URI));
      assert.ok(!again.some((s) => s.name === 'Ambition 1.1. Utbildning hela vägen'));
    } finally {
      await ws.dispose();
    }
  });
});
