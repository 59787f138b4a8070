/**
 * The protocol's edges, over real stdio: what comes before `initialize`, and message headers the
 * stream cannot recover from (the server logs why and exits with code 1 rather than waiting
 * forever for a body that never comes).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResponseError } from 'vscode-languageserver-protocol';
import { EXAMPLES, fileUri, LspClient, withTimeout } from '../helpers/lsp-client';

const REFERENCE = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
const REFERENCE_URI = fileUri(REFERENCE);
const REFERENCE_TEXT = readFileSync(REFERENCE, 'utf8');

describe('Server protocol edges', function () {
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  it('Should answer a request before initialize with ServerNotInitialized (-32002), drop notifications, then initialize normally', async () => {
    client = LspClient.spawn();
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri: REFERENCE_URI }, position: { line: 0, character: 0 } }],
      ['textDocument/documentSymbol', { textDocument: { uri: REFERENCE_URI } }],
      ['plan/templates', {}],
      ['shutdown', undefined],
    ] as const) {
      await assert.rejects(client.request(method, params), (e: unknown) => {
        assert.ok(e instanceof ResponseError, `${method}: ${String(e)}`);
        assert.equal(e.code, -32002, method);
        return true;
      });
    }
    // A notification before initialize is dropped: this document is never opened.
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);

    await client.initialize();
    assert.equal(client.initializeResult?.serverInfo?.name, 'plan-language-server');
    assert.deepEqual(await client.documentSymbol(REFERENCE_URI), [], 'the didOpen before initialize was dropped');
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    const p = await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.equal(p.diagnostics.length, 26);
    assert.ok(client.alive);
  });

  it('Should start without reading the certificates that NODE_EXTRA_CA_CERTS names (the server opens no connection)', async () => {
    const missing = join(EXAMPLES, 'no-such-certificates.pem');
    // Node reads the file at start and warns when it cannot: the control, a bare Node with the variable.
    const bare = spawnSync(process.execPath, ['-e', '0'], { env: { ...process.env, NODE_EXTRA_CA_CERTS: missing }, encoding: 'utf8' });
    assert.match(bare.stderr, /extra certs/, 'Node itself reads the variable at start');
    client = LspClient.spawn({ env: { NODE_EXTRA_CA_CERTS: missing } });
    await client.initialize();
    await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
    await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
    assert.doesNotMatch(client.stderr, /extra certs/, 'the server was started without the certificates');
  });

  it('Should answer right after initialized with the workspace’s templates, and publish only diagnostics made with them', async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES] });
    // No waiting: these arrive while the workspace's templates and registries may still be loading.
    const asby = fileUri(join(EXAMPLES, 'asby', 'handlingsplan-trygghet.md'));
    await client.open(asby, readFileSync(join(EXAMPLES, 'asby', 'handlingsplan-trygghet.md'), 'utf8'), 1);
    const [templates, symbols] = await Promise.all([client.request<Array<{ id: string }>>('plan/templates', { uri: asby }), client.documentSymbol(asby)]);
    assert.ok(
      templates.some((t) => t.id === 'handlingsplan'),
      'Åsby’s own template is offered',
    );
    assert.ok(symbols && symbols.length > 0);
    const first = await client.waitForDiagnostics(asby, { version: 1, after: 0 });
    assert.deepEqual(first.diagnostics, [], 'the first diagnostics already follow Åsby’s template and registry');
  });

  it('Should exit when the client sends exit before initialize', async () => {
    client = LspClient.spawn();
    await client.connection.sendNotification('exit');
    const exit = await withTimeout(client.exited, 'the server to exit');
    assert.equal(exit.code, 1, 'exit without shutdown ends with code 1');
  });

  for (const [name, header, reason] of [
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n', /Content-Length "-5" is not a non-negative whole number/],
    ['a huge Content-Length', 'Content-Length: 99999999999999\r\n\r\n', /Content-Length 99999999999999 is larger than/],
    ['no Content-Length', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}', /a message header without Content-Length/],
    ['a Content-Length that is not a number', 'Content-Length: many\r\n\r\n', /Content-Length "many" is not a non-negative whole number/],
    ['a header line without a colon', 'Hello there\r\n\r\n', /a header line without “:”/],
  ] as const) {
    it(`Should log why and exit with code 1 after ${name}`, async () => {
      client = await LspClient.start();
      await client.open(REFERENCE_URI, REFERENCE_TEXT, 1);
      await client.waitForDiagnostics(REFERENCE_URI, { version: 1, after: 0 });
      await client.writeRaw(header);
      const exit = await withTimeout(client.exited, `the server to exit after ${name}`);
      assert.deepEqual(exit, { code: 1, signal: null });
      assert.match(client.stderr, reason);
      assert.match(client.stderr, /The message stream cannot be read any further; the server exits\./);
    });
  }

  it('Should exit with code 1 after a header that never ends', async () => {
    client = await LspClient.start();
    await client.writeRaw('Content-Length: 10' + ' '.repeat(10_000));
    const exit = await withTimeout(client.exited, 'the server to exit after an endless header');
    assert.deepEqual(exit, { code: 1, signal: null });
    assert.match(client.stderr, /a message header longer than 8192 bytes/);
  });

  it('Should read a message whose header and body arrive in pieces', async () => {
    client = await LspClient.start();
    const frame = LspClient.frame({ jsonrpc: '2.0', id: 900, method: 'textDocument/documentSymbol', params: { textDocument: { uri: REFERENCE_URI } } });
    const answered = new Promise<unknown>((resolve) => {
      const reader = client!.proc.stdout;
      let seen = '';
      const onData = (d: Buffer) => {
        seen += d.toString('utf8');
        if (seen.includes('"id":900')) {
          reader.off('data', onData);
          resolve(true);
        }
      };
      reader.on('data', onData);
    });
    for (let i = 0; i < frame.length; i += 7) await client.writeRaw(frame.subarray(i, i + 7));
    assert.equal(await withTimeout(answered, 'the answer to the request written in pieces'), true);
    assert.ok(client.alive);
  });
});
