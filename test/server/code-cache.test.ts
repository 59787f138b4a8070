/**
 * The server's code cache over the protocol (server/src/node/code-cache.ts): the built server with
 * `--code-cache=<folder>` writes the cache of its two bundles (the server's and the analysis
 * workers') there after the first diagnostics, uses it at the next start, starts and gives the same
 * diagnostics when the cache is damaged (and writes it anew), and writes nothing without the folder.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, fileUri, LspClient, ROOT } from '../helpers/lsp-client';

const REFERENCE = join(EXAMPLES, 'halmstad', 'attraktivitet-och-hallbar-tillvaxt.plan.md');
const URI = fileUri(REFERENCE);
const TEXT = readFileSync(REFERENCE, 'utf8');
const BUNDLES = ['analysis-worker', 'server-main'];

describe('Server code cache', function () {
  let root: string;
  let cache: string;
  let client: LspClient | undefined;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'server-code-cache-'));
    cache = join(root, 'cache');
  });

  afterEach(async () => {
    await client?.dispose();
    client = undefined;
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  /**
   * Starts a server (with the cache folder unless `withCache` is false), opens the reference plan and
   * waits for its diagnostics and, with a folder, for both bundles' cache lines in the trace.
   */
  async function start(withCache = true): Promise<{ codes: string[]; cacheLines: string[] }> {
    client = await LspClient.start({ trace: 'verbose', codeCache: withCache ? cache : false });
    await client.open(URI, TEXT, 1);
    const p = await client.waitForDiagnostics(URI, { version: 1, after: 0 });
    const c = client;
    if (withCache)
      for (const bundle of BUNDLES)
        await c.waitFor(c.traces, (t) => t.message.startsWith('plan: code cache') && t.message.includes(`${bundle}.`), `the code cache line of ${bundle}`);
    else await c.documentSymbol(URI); // a round trip: every trace sent before it has arrived
    return { codes: p.diagnostics.map((d) => String(d.code)).sort(), cacheLines: c.tracesWith('code cache') };
  }

  const lineOf = (lines: string[], bundle: string) => lines.find((l) => l.includes(`${bundle}.`)) ?? `(none for ${bundle} in ${lines.join('; ')})`;

  it('Should write the cache of both bundles after the first start, use it at the next, and give the same diagnostics', async () => {
    const dist = readdirSync(join(ROOT, 'dist')).sort();
    const first = await start();
    for (const bundle of BUNDLES) assert.match(lineOf(first.cacheLines, bundle), /^plan: code cache written: .*\(it was absent\)$/);
    const files = readdirSync(cache).sort();
    assert.deepEqual(
      files.map((f) => f.split('.')[0]),
      BUNDLES,
      `one cache file per bundle, nothing else (${files.join(', ')})`,
    );
    await client?.dispose();

    const second = await start();
    for (const bundle of BUNDLES) assert.match(lineOf(second.cacheLines, bundle), /^plan: code cache used: /);
    assert.ok(first.codes.length > 0);
    assert.deepEqual(second.codes, first.codes);
    assert.deepEqual(readdirSync(cache).sort(), files, 'nothing more written');
    assert.deepEqual(readdirSync(join(ROOT, 'dist')).sort(), dist, 'nothing written beside the bundles');
  });

  it('Should start and give the same diagnostics with a damaged cache, and write it anew', async () => {
    const clean = await start();
    await client?.dispose();
    for (const f of readdirSync(cache)) {
      const data = readFileSync(join(cache, f));
      for (let i = Math.floor(data.length / 3); i < data.length; i += 5) data[i] ^= 0xff;
      writeFileSync(join(cache, f), data);
    }
    const damaged = await start();
    assert.deepEqual(damaged.codes, clean.codes);
    for (const bundle of BUNDLES) assert.match(lineOf(damaged.cacheLines, bundle), /^plan: code cache written: .*\(it was invalid\)$/);
  });

  it('Should write no cache, and say nothing of one, without --code-cache', async () => {
    const before = readdirSync(join(ROOT, 'dist')).sort();
    const plain = await start(false);
    assert.ok(plain.codes.length > 0);
    assert.deepEqual(plain.cacheLines, []);
    assert.deepEqual(readdirSync(join(ROOT, 'dist')).sort(), before, 'nothing written beside the bundles');
  });
});
