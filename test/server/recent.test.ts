/**
 * Requests that do not wait: while the analysis of a newer text runs, completion, hover, symbols
 * and folding answer from the newest finished analysis, their positions mapped through the edits
 * made since, when those edits leave the plan's structure alone (server/src/core/pending.ts); after
 * an edit that changes the structure they wait for the analysis of the text they were asked about.
 *
 * The document carries a part that takes micromark a good while to parse, and a link reference
 * definition, which makes every analysis a full parse (incremental.ts): each analysis is slow, so
 * answers given before its diagnostics are published were given without it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { EXAMPLES, LspClient } from '../helpers/lsp-client';

const REFERENCE_TEXT = readFileSync(join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const URI = 'file:///tmp/recent.plan.md';
const SLOW_TEXT = `${REFERENCE_TEXT}\n${'- '.repeat(1400)}x\n\n[källa]: https://example.org\n`;

const lines = SLOW_TEXT.split('\n');
/** The last action of ambition 1.1 (where the writer types: the sections around it end on its line) and the heading of the second part (where a hover goes). */
const ACTION = lines.findIndex((x) => x.startsWith('### Ambition 1.2')) - 2;
const OTHER_HEADING = lines.findIndex((l) => /^## Del 2\./.test(l));

describe('Requests answered from the newest analysis while a newer one runs', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should answer completion, hover, symbols and folding at once after an edit inside a line, mapped into the new text', async () => {
    assert.ok(lines[ACTION].startsWith('- ') && OTHER_HEADING > ACTION, 'the reference plan ends ambition 1.1 with an action and has a second part');
    client = await LspClient.start({ trace: 'verbose' });
    await client.open(URI, SLOW_TEXT, 1);
    await client.waitForDiagnostics(URI, { version: 1, after: 0 });
    // A second worker starts once the first analysis is done and warms up: the next analysis goes there.
    await client.waitFor(client.traces, (t) => t.message.startsWith('plan: an analysis worker has warmed up'), 'a second analysis worker, warmed up');
    const symbolsBefore = (await client.documentSymbol(URI)) as DocumentSymbol[];

    // The writer types "Kult" at the start of an action: "- Kult|Halmstads kommun ska …".
    const traceMark = client.traces.length;
    const mark = client.mark();
    await client.change(URI, 2, [{ range: { start: { line: ACTION, character: 2 }, end: { line: ACTION, character: 2 } }, text: 'Kult' }]);
    const unpublished = (what: string) =>
      assert.ok(!client!.diagnostics.slice(mark).some((p) => p.uri === URI && p.version === 2), `${what} came before the analysis of version 2 ended`);

    const completion = (await client.completion(URI, { line: ACTION, character: 6 })) as CompletionItem[];
    unpublished('completion');
    const body = completion.find((i) => i.label === 'Kulturnämnden');
    assert.ok(body, `bodies offered at the start of an action: ${completion.map((i) => i.label).join(', ')}`);
    assert.deepEqual(
      body.textEdit && 'range' in body.textEdit ? body.textEdit.range : undefined,
      { start: { line: ACTION, character: 2 }, end: { line: ACTION, character: 6 } },
      'the range covers what was typed since the analysis',
    );

    const hover = (await client.hover(URI, { line: OTHER_HEADING, character: 4 })) as Hover;
    unpublished('hover');
    assert.ok(hover && JSON.stringify(hover.contents).includes('Del 2'), 'the hover describes the second part');
    assert.equal(hover.range?.start.line, OTHER_HEADING);

    const symbols = (await client.documentSymbol(URI)) as DocumentSymbol[];
    const folding = await client.foldingRange(URI);
    unpublished('symbols and folding');

    // The same answers as the analysis of version 2 gives, once it has ended.
    await client.waitForDiagnostics(URI, { version: 2, after: mark });
    assert.deepEqual(symbols, await client.documentSymbol(URI), 'symbols mapped equal the new analysis’s');
    assert.deepEqual(folding, await client.foldingRange(URI), 'folding mapped equals the new analysis’s');
    assert.notDeepEqual(symbols, symbolsBefore, 'the edit moved the end of the sections around it');
    assert.deepEqual(client.tracesWith(`plan: analysing ${URI} `, traceMark).length, 1, 'no analysis was started for the requests');
    assert.deepEqual(client.tracesWith('made on the server’s thread'), []);
    assert.deepEqual(client.tracesWith("made on the server's thread"), []);
  });

  it('Should wait for the analysis of the text asked about after an edit that changes the structure', async () => {
    client = await LspClient.start({ trace: 'verbose' });
    await client.open(URI, SLOW_TEXT, 1);
    await client.waitForDiagnostics(URI, { version: 1, after: 0 });

    // A new heading typed before an action's text.
    const mark = client.mark();
    await client.change(URI, 2, [{ range: { start: { line: ACTION, character: 0 }, end: { line: ACTION, character: 2 } }, text: '#### ' }]);
    const symbols = (await client.documentSymbol(URI)) as DocumentSymbol[];
    assert.ok(
      client.diagnostics.slice(mark).some((p) => p.uri === URI && p.version === 2),
      'the answer came after the analysis of version 2 was published',
    );
    const names = JSON.stringify(symbols);
    assert.ok(names.includes(lines[ACTION].slice(2, 30)), 'the new heading is a symbol');
  });

  it('Should answer a completion sent with a keystroke before that keystroke is analysed', async () => {
    client = await LspClient.start({ trace: 'verbose' });
    await client.open(URI, REFERENCE_TEXT, 1);
    await client.waitForDiagnostics(URI, { version: 1, after: 0 });
    await client.waitFor(client.traces, (t) => t.message.startsWith('plan: an analysis worker has warmed up'), 'a second analysis worker, warmed up');
    // What the server writes, message by message, in its order: the answer and the traces of the analyses.
    const sent = serverMessages(client);
    for (let version = 2; version <= 6; version++) {
      // As an editor sends them: the change, and the completion its character triggers (here in one write).
      const at = { line: ACTION, character: version };
      const id = `with-key-${version}`;
      const mark = client.mark();
      await client.writeRaw(
        Buffer.concat([
          LspClient.frame({
            jsonrpc: '2.0',
            method: 'textDocument/didChange',
            params: { textDocument: { uri: URI, version }, contentChanges: [{ range: { start: at, end: at }, text: 'K' }] },
          }),
          LspClient.frame({
            jsonrpc: '2.0',
            id,
            method: 'textDocument/completion',
            params: { textDocument: { uri: URI }, position: { line: ACTION, character: version + 1 } },
          }),
        ]),
      );
      const answer = await sent.until((m) => m.id === id);
      const labels = (answer.result as CompletionItem[]).map((i) => i.label);
      assert.ok(labels.includes('Kulturnämnden'), `bodies offered: ${labels.join(', ')}`);
      await client.waitForDiagnostics(URI, { version, after: mark });
      const analyses = sent.list.filter((m) => JSON.stringify(m.params ?? '').includes(`plan: analysing ${URI} version ${version} `));
      assert.equal(analyses.length, 1, `version ${version}: analysed once`);
      assert.ok(sent.list.indexOf(analyses[0]) > sent.list.indexOf(answer), `version ${version}: the analysis started after the answer`);
    }
  });
});

interface Message {
  id?: string | number;
  method?: string;
  params?: unknown;
  result?: unknown;
}

/** The messages the server writes from now on, in order, read beside the client's own reader. */
function serverMessages(c: LspClient): { list: Message[]; until(test: (m: Message) => boolean): Promise<Message> } {
  const list: Message[] = [];
  let pending = Buffer.alloc(0);
  const waiters: Array<() => void> = [];
  c.proc.stdout.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const head = pending.indexOf('\r\n\r\n');
      if (head < 0) break;
      const length = Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, head).toString('ascii'))?.[1]);
      if (pending.length < head + 4 + length) break;
      list.push(JSON.parse(pending.subarray(head + 4, head + 4 + length).toString('utf8')) as Message);
      pending = pending.subarray(head + 4 + length);
    }
    for (const w of waiters.splice(0)) w();
  });
  return {
    list,
    async until(test) {
      for (;;) {
        const found = list.find(test);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}
