/**
 * Edit-time scheduling over the protocol: a burst of changes that arrives together is analysed
 * once, for its last version; a result for a text the document no longer has is never published;
 * analyses are kept by content, not by version number; requests answer for the text they were
 * asked about; steady typing in a large plan is analysed once when it stops. Analyses are counted
 * from the server's trace (`$/logTrace`, InitializeParams.trace).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EXAMPLES, LspClient, positionOf } from '../helpers/lsp-client';

const REFERENCE_TEXT = readFileSync(join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
/** A short URI keeps a burst of changes small enough for one atomic write (see below). */
const URI = 'file:///tmp/burst.plan.md';
/** Parsing this takes micromark seconds (quadratic in the markers): a slow analysis to race against. */
const SLOW_TEXT = '---\ndokumenttyp: plan\ntitel: Långsam\n---\n\n# Långsam\n\n' + '- '.repeat(2000) + 'x\n';

function analysing(client: LspClient, uri: string, after = 0): string[] {
  return client.tracesWith(`plan: analysing ${uri} `, after);
}

function versionsPublished(client: LspClient, uri: string, after: number): number[] {
  return client.diagnostics
    .slice(after)
    .filter((p) => p.uri === uri)
    .map((p) => p.version!);
}

describe('Server scheduling of analyses', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should analyse a burst of changes that arrives together once, for its last version, and publish only that version', async () => {
    client = await LspClient.start({ trace: 'verbose' });
    await client.open(URI, REFERENCE_TEXT, 1);
    await client.waitForDiagnostics(URI, { version: 1, after: 0 });
    assert.equal(analysing(client, URI).length, 1, 'the opened text is analysed once');

    // Type " KS 2019/0123" after "diarienummer:", one character per version, all in one write:
    // the server reads them together and handles them over as many turns of its event loop.
    const typed = ' KS 2019/0123';
    const burst = Buffer.concat(
      [...typed].map((ch, i) => {
        const at = { line: 3, character: 13 + i };
        return LspClient.frame({
          jsonrpc: '2.0',
          method: 'textDocument/didChange',
          params: { textDocument: { uri: URI, version: 2 + i }, contentChanges: [{ range: { start: at, end: at }, text: ch }] },
        });
      }),
    );
    // Up to PIPE_BUF (4096 bytes on Linux) a write to a pipe is atomic: the server gets the burst in one read.
    assert.ok(burst.length <= 4096, `the burst fits one atomic write (${burst.length} bytes)`);
    const traceMark = client.traces.length;
    const mark = client.mark();
    await client.writeRaw(burst);
    const last = 1 + typed.length;
    const final = await client.waitForDiagnostics(URI, { version: last, after: mark });
    assert.ok(!final.diagnostics.some((d) => String(d.message).includes('diarienummer')), 'the finished diarienummer is accepted');

    // A round trip: everything the server sent before answering has arrived.
    await client.documentSymbol(URI);
    assert.deepEqual(analysing(client, URI, traceMark), [`plan: analysing ${URI} version ${last} (${REFERENCE_TEXT.length + typed.length} characters)`]);
    assert.deepEqual(versionsPublished(client, URI, mark), [last]);
  });

  it('Should not publish the result for a text the document no longer has, and publish the newest', async () => {
    client = await LspClient.start({ trace: 'verbose' });
    await client.open(URI, REFERENCE_TEXT, 1);
    await client.waitForDiagnostics(URI, { version: 1, after: 0 });
    const mark = client.mark();
    const traceMark = client.traces.length;

    // Version 2 is slow to analyse; version 3 arrives while it runs.
    await client.change(URI, 2, [{ text: SLOW_TEXT }]);
    await client.waitFor(client.traces, (t) => t.message.startsWith(`plan: analysing ${URI} version 2 `), 'the analysis of version 2 to start', traceMark);
    await client.change(URI, 3, [{ text: REFERENCE_TEXT }]);
    const third = await client.waitForDiagnostics(URI, { version: 3, after: mark });
    assert.equal(third.diagnostics.length, 26);
    await client.waitFor(client.traces, (t) => t.message.startsWith(`plan: analysed ${URI} version 2:`), 'the analysis of version 2 to end', traceMark);

    await client.documentSymbol(URI);
    assert.deepEqual(versionsPublished(client, URI, mark), [3], 'version 2 was never published');
  });

  it('Should key analyses by content: a version number used again for another text gets a new analysis', async () => {
    client = await LspClient.start();
    await client.open(URI, REFERENCE_TEXT, 1);
    const first = await client.waitForDiagnostics(URI, { version: 1, after: 0 });
    assert.equal(first.diagnostics.length, 26);
    const titleOf = async () => ((await client!.documentSymbol(URI)) as DocumentSymbol[])[1].name;
    assert.equal(await titleOf(), 'Plan för attraktivitet och hållbar tillväxt 2020-2024');

    // The same version number again, with another text (a client that reopened and counts anew).
    const other = REFERENCE_TEXT.replace('# Plan för attraktivitet och hållbar tillväxt', '# Plan för något helt annat');
    assert.notEqual(other, REFERENCE_TEXT);
    await client.close(URI);
    const mark = client.mark();
    await client.open(URI, other, 1);
    const second: PublishDiagnosticsParams = await client.waitForDiagnostics(URI, { version: 1, after: mark });
    assert.ok(
      second.diagnostics.some((d) => d.code === 'plan.title.mismatch'),
      'the new text’s title differs from the front matter’s',
    );
    assert.equal(await titleOf(), 'Plan för något helt annat 2020-2024');

    // And a change that keeps the version number but replaces the text.
    const mark2 = client.mark();
    await client.change(URI, 1, [{ text: REFERENCE_TEXT }]);
    const third = await client.waitForDiagnostics(URI, { after: mark2 });
    assert.equal(third.diagnostics.length, 26);
    assert.ok(!third.diagnostics.some((d) => d.code === 'plan.title.mismatch'));
    assert.equal(await titleOf(), 'Plan för attraktivitet och hållbar tillväxt 2020-2024');
  });

  it('Should analyse steady typing in a large plan at its first key and then once, for its last version, when it stops', async () => {
    // Over 200,000 characters: costly to analyse at every key (pacing.ts), on any machine.
    const big = `${REFERENCE_TEXT}\n## Bilaga\n\n${'Ett stycke i bilagan om hur kommunen arbetar med planen.\n\n'.repeat(3600)}`;
    assert.ok(big.length > 200_000, `${big.length} characters`);
    client = await LspClient.start({ trace: 'verbose' });
    await client.open(URI, big, 1);
    await client.waitForDiagnostics(URI, { version: 1, after: 0, timeout: 60_000 });
    const traceMark = client.traces.length;
    const mark = client.mark();

    // Ten keys 50 ms apart at the end of the title: steady typing. The first edit after opening is
    // analysed at once; each key after it waits for the next, and the analysis starts 150 ms after
    // the last (a typing pause, pacing.ts), so a key up to 100 ms late still belongs to the burst.
    const title = positionOf(big, '# Plan för attraktivitet');
    const line = big.split('\n')[title.line];
    for (let i = 0; i < 10; i++) {
      if (i) await new Promise((resolve) => setTimeout(resolve, 50));
      const at = { line: title.line, character: line.length + i };
      await client.change(URI, 2 + i, [{ range: { start: at, end: at }, text: 'abcdefghij'[i] }]);
    }
    const final = await client.waitForDiagnostics(URI, { version: 11, after: mark, timeout: 60_000 });
    assert.ok(
      final.diagnostics.some((d) => d.code === 'plan.title.mismatch'),
      'the last version’s title differs from the front matter’s',
    );

    await client.documentSymbol(URI); // a round trip: every trace and publication sent before it has arrived
    const versions = analysing(client, URI, traceMark).map((m) => Number(/ version (\d+) /.exec(m)?.[1]));
    assert.deepEqual(versions, [2, 11], 'the first key and the last are analysed, none of the eight between');
    assert.equal(versionsPublished(client, URI, mark).at(-1), 11);
    assert.ok(
      versionsPublished(client, URI, mark).every((v) => v === 2 || v === 11),
      'only analysed versions are published',
    );
  });

  it('Should answer a request for the text it was asked about, even before that text’s diagnostics', async () => {
    client = await LspClient.start({ trace: 'verbose' });
    await client.open(URI, REFERENCE_TEXT, 1);
    await client.waitForDiagnostics(URI, { version: 1, after: 0 });

    // A new heading, then a hover on it at once: the answer comes from the new text's analysis.
    const at = positionOf(REFERENCE_TEXT, '## Del 2. En levande plats');
    const inserted = '### Ambition 1.4. Ett nytt mål\n\n';
    const mark = client.mark();
    await client.change(URI, 2, [{ range: { start: at, end: at }, text: inserted }]);
    const symbols = (await client.documentSymbol(URI)) as DocumentSymbol[];
    const del1 = symbols[1].children!.find((s) => s.name.startsWith('Del 1.'))!;
    assert.ok(
      del1.children!.some((s) => s.name === 'Ambition 1.4. Ett nytt mål'),
      'the symbols are those of version 2',
    );
    await client.waitForDiagnostics(URI, { version: 2, after: mark });
    assert.equal(analysing(client, URI).length, 2, 'the request and the diagnostics shared one analysis of version 2');
  });
});
