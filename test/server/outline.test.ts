/**
 * The outline after the findings: a worker sends an open document's findings first and its outline
 * (symbols, folding, workspace symbols) in a message after them (server/src/lsp/worker.ts), so that
 * the diagnostics do not wait for the outline. Whatever asks for the outline in between waits for it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-protocol';
import { EXAMPLES, LspClient } from '../helpers/lsp-client';

const REFERENCE = readFileSync(join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const URI = 'file:///tmp/outline.plan.md';

const names = (symbols: DocumentSymbol[]): string[] => symbols.flatMap((s) => [s.name, ...names(s.children ?? [])]);

describe('The outline after the findings', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should answer symbols and folding asked the moment the diagnostics come with the whole outline of that version', async () => {
    // Ten plans' worth of parts in one document: an outline that takes the worker a moment.
    const body = REFERENCE.slice(REFERENCE.indexOf('\n## ') + 1);
    const text = REFERENCE + `\n${body}`.repeat(9);
    const lines = text.split('\n');
    const heading = lines.findIndex((l) => l.startsWith('### Ambition 1.2'));
    assert.ok(heading > 0);
    client = await LspClient.start();
    await client.open(URI, text, 1);
    await client.waitForDiagnostics(URI, { version: 1, after: 0 });

    const c = client;
    const asked = c
      .waitForDiagnostics(URI, { version: 2 })
      .then(() => Promise.all([c.documentSymbol(URI), c.foldingRange(URI)]) as Promise<[DocumentSymbol[], FoldingRange[]]>);
    await c.change(URI, 2, [
      { range: { start: { line: heading, character: 0 }, end: { line: heading, character: lines[heading].length } }, text: '### Ambition 1.2. Ett nytt namn' },
    ]);
    const [symbols, folding] = await asked;
    assert.ok(names(symbols).includes('Ambition 1.2. Ett nytt namn'), 'the outline is the edited version’s');
    assert.ok(folding.length > 100, `${folding.length} folding ranges`);
    // Asked again later, the same outline: the one asked at once was not a partial one.
    const [again, foldingAgain] = (await Promise.all([c.documentSymbol(URI), c.foldingRange(URI)])) as [DocumentSymbol[], FoldingRange[]];
    assert.deepEqual(symbols, again);
    assert.deepEqual(folding, foldingAgain);
  });
});
