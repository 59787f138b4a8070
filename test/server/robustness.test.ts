/**
 * Robustness and lifecycle over the protocol: capabilities, unknown documents, huge and binary
 * documents, malformed JSON-RPC on stdin, and a clean exit.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, fileUri, LspClient } from '../helpers/lsp-client';

const REFERENCE = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
const REFERENCE_URI = fileUri(REFERENCE);
const REFERENCE_TEXT = readFileSync(REFERENCE, 'utf8');
const SKIPPED_RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

describe('Server lifecycle and robustness', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should answer initialize with its capabilities', async () => {
    client = await LspClient.start();
    const result = client.initializeResult;
    assert.ok(result);
    const caps = result.capabilities;
    assert.equal(caps.textDocumentSync, 2 /* Incremental */);
    assert.ok(caps.documentSymbolProvider, 'documentSymbolProvider');
    assert.equal(caps.foldingRangeProvider, true);
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.workspaceSymbolProvider, true);
    assert.ok(caps.completionProvider, 'completionProvider');
    assert.deepEqual([...(caps.completionProvider.triggerCharacters ?? [])].sort(), [' ', '#', ',', '.', ':']);
    assert.equal(result.serverInfo?.name, 'plan-language-server');
  });

  it('Should answer requests for a document that was never opened with empty results', async () => {
    client = await LspClient.start();
    const uri = fileUri(join(EXAMPLES, 'finns-inte.plan.md'));
    const position = { line: 3, character: 4 };
    assert.deepEqual(await client.documentSymbol(uri), []);
    assert.deepEqual(await client.foldingRange(uri), []);
    assert.equal(await client.hover(uri, position), null);
    assert.deepEqual(await client.completion(uri, position), []);
    // Not even a file: URI.
    assert.deepEqual(await client.documentSymbol('untitled:Untitled-1'), []);
    assert.ok(client.alive);
  });

  it('Should survive a request with missing parameters', async () => {
    client = await LspClient.start();
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange']) {
      try {
        await client.request(method, {});
      } catch (e) {
        // An error response is acceptable here; a dead server is not.
        assert.ok(!/exited|Timed out/.test((e as Error).message), `${method}: ${(e as Error).message}`);
      }
    }
    assert.ok(client.alive);
    assert.deepEqual(await client.documentSymbol(REFERENCE_URI), []);
  });

  it('Should publish one plan.file.skipped diagnostic for a 5 MB document, and check it once it is small again', async () => {
    client = await LspClient.start();
    const uri = fileUri(join(EXAMPLES, 'stor.plan.md'));
    const head = '---\ndokumenttyp: plan\ntitel: Stor\n---\n\n# Stor\n\n';
    const size = 5 * 1024 * 1024;
    const huge = head + 'Lorem ipsum dolor sit amet.\n'.repeat(Math.ceil((size - head.length) / 28)).slice(0, size - head.length);
    assert.equal(huge.length, size);
    await client.open(uri, huge, 1);
    const p = await client.waitForDiagnostics(uri, { version: 1, after: 0 });
    assert.deepEqual(p.diagnostics, [
      {
        range: SKIPPED_RANGE,
        severity: 3,
        code: 'plan.file.skipped',
        source: 'plan',
        message: `Filen är för stor för att kontrolleras (${size} tecken; gränsen är 2000000).`,
      },
    ]);
    assert.deepEqual(await client.documentSymbol(uri), []);
    assert.deepEqual(await client.foldingRange(uri), []);
    assert.equal(await client.hover(uri, { line: 100, character: 3 }), null);
    assert.deepEqual(await client.completion(uri, { line: 100, character: 3 }), []);

    // A full-text change back to a real plan.
    const mark = client.mark();
    await client.change(uri, 2, [{ text: REFERENCE_TEXT }]);
    const checked = await client.waitForDiagnostics(uri, { version: 2, after: mark });
    assert.equal(checked.diagnostics.length, 26);
    assert.ok(!checked.diagnostics.some((d) => d.code === 'plan.file.skipped'));
  });

  it('Should publish one plan.file.skipped diagnostic for a document with NUL bytes', async () => {
    client = await LspClient.start();
    const uri = fileUri(join(EXAMPLES, 'binar.plan.md'));
    const text = '---\ndokumenttyp: plan\ntitel: Binär\n---\n\n# Binär\n\n\u0000\u0001\u0002PK\u0003\u0004\u0000\u0000\n## Del 1. X\n';
    await client.open(uri, text, 1);
    const p = await client.waitForDiagnostics(uri, { version: 1, after: 0 });
    assert.deepEqual(p.diagnostics, [
      { range: SKIPPED_RANGE, severity: 3, code: 'plan.file.skipped', source: 'plan', message: 'Filen ser ut att vara binär och kontrolleras inte.' },
    ]);
    assert.deepEqual(await client.documentSymbol(uri), []);
    assert.deepEqual(await client.foldingRange(uri), []);
  });

  it('Should keep running after a malformed JSON-RPC message (valid Content-Length, invalid JSON) and answer the next request', async () => {
    client = await LspClient.start();
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });

    const body = Buffer.from('{"jsonrpc":"2.0","id":77,"method":"textDocument/hover","params":{ this is not json ', 'utf8');
    await client.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));

    const symbols = await client.documentSymbol(REFERENCE_URI);
    assert.ok(Array.isArray(symbols) && symbols.length === 2, 'the next request is answered normally');
    assert.ok(client.alive, 'the server process is alive');
    // And it still reacts to document changes.
    const mark = client.mark();
    await client.change(REFERENCE_URI, 2, [{ range: { start: { line: 3, character: 13 }, end: { line: 3, character: 13 } }, text: ' KS 2019/0123' }]);
    const p = await client.waitForDiagnostics(REFERENCE_URI, { version: 2, after: mark });
    assert.equal(p.diagnostics.length, 25);
  });

  it('Should exit with code 0 after shutdown and exit', async () => {
    client = await LspClient.start();
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    const exit = await client.shutdown();
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.doesNotMatch(client.stderr, /Error|uncaught|unhandled/i);
  });
});
