/**
 * The analysis pool and an outline that follows the findings (server/src/lsp/analysis.ts, slots.ts,
 * worker.ts): the outcome comes with the findings; the pool asks the worker for the outline when a
 * feature asks (`askOutline`), or by itself a moment later, not while the diagnostics are sent; and
 * `outlined` resolves once the outline has come and is in the summary, or once the worker is gone
 * (the summary then keeps its empty outline). The worker here is a stand-in that speaks the pool's protocol,
 * holds each outline until asked, and notes each request in a file, synchronously.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool, type AnalysisOutcome } from '../../server/src/lsp/analysis';

const worker = (requests: string) => `
const { parentPort } = require('node:worker_threads');
const { appendFileSync } = require('node:fs');
const held = new Map();
parentPort.postMessage({ kind: 'ready' });
parentPort.on('message', (m) => {
  if (m.kind === 'analyze') {
    parentPort.postMessage({ kind: 'done', id: m.id, summary: { findings: [], isPlan: true, symbols: [], folding: [], ambitions: [], ms: 1, outlineFollows: true } });
    if (m.text === 'die') process.exit(3);
    held.set(m.id, { symbols: [{ name: 'Del 1', kind: 'part', range: { start: 0, end: 9 }, selectionRange: { start: 3, end: 9 }, children: [] }], folding: [{ startLine: 0, endLine: 2 }], ambitions: [] });
  } else if (m.kind === 'outline') {
    appendFileSync(${JSON.stringify(requests)}, 'outline ' + m.id + '\\n');
    parentPort.postMessage({ kind: 'outline', id: m.id, outline: held.get(m.id) });
    held.delete(m.id);
  } else if (m.kind === 'query') parentPort.postMessage({ kind: 'answer', id: m.id, found: true, result: 'svar' });
});
`;

describe('The analysis pool, with an outline that follows the findings', function () {
  let dir: string;
  let pool: AnalysisPool | undefined;
  const log = { warn: () => undefined, error: () => undefined };

  let requests: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pool-outline-'));
    requests = join(dir, 'requests.txt');
    writeFileSync(join(dir, 'worker.js'), worker(requests));
  });
  beforeEach(() => writeFileSync(requests, ''));
  afterEach(() => pool?.dispose());
  after(() => rmSync(dir, { recursive: true, force: true }));

  const settled = (p: Promise<void> | undefined) => Promise.race([p!.then(() => 'resolved'), Promise.resolve('pending')]);

  const turns = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  it('Should give the findings at once and hold the outline back until it is asked for, then put it in the same summary', async () => {
    pool = new AnalysisPool({ script: join(dir, 'worker.js'), budget: () => 10_000, size: 1, log });
    const outcome = (await pool.run('# Plan', { fileName: 'a.plan.md' })) as Extract<AnalysisOutcome, { status: 'done' }>;
    assert.equal(outcome.status, 'done');
    assert.equal(outcome.summary.ms, 1, 'from the stand-in worker');
    assert.equal(outcome.summary.symbols.length, 0, 'no outline yet');
    // The turns in which the server sends the diagnostics pass without a request for the outline.
    await turns(5);
    assert.equal(readFileSync(requests, 'utf8'), '');
    assert.equal(await settled(outcome.outlined), 'pending');
    outcome.askOutline!();
    outcome.askOutline!(); // asked once only
    await outcome.outlined;
    assert.match(readFileSync(requests, 'utf8'), /^outline \d+\n$/);
    assert.deepEqual(
      outcome.summary.symbols.map((s) => s.name),
      ['Del 1'],
    );
    assert.deepEqual(outcome.summary.folding, [{ startLine: 0, endLine: 2 }]);
    assert.deepEqual(await pool.query(outcome.model, { kind: 'publish' }), { result: 'svar' });
  });

  it('Should ask for the outline by itself a moment after the findings when nothing else does', async () => {
    pool = new AnalysisPool({ script: join(dir, 'worker.js'), budget: () => 10_000, size: 1, log });
    const outcome = (await pool.run('# Plan', { fileName: 'c.plan.md' })) as Extract<AnalysisOutcome, { status: 'done' }>;
    assert.equal(outcome.summary.ms, 1, 'from the stand-in worker');
    await outcome.outlined;
    assert.match(readFileSync(requests, 'utf8'), /^outline \d+\n$/);
    assert.deepEqual(
      outcome.summary.symbols.map((s) => s.name),
      ['Del 1'],
    );
  });

  it('Should settle the outline of a worker that died after the findings, with the empty outline', async () => {
    pool = new AnalysisPool({ script: join(dir, 'worker.js'), budget: () => 10_000, size: 1, log });
    const outcome = (await pool.run('die', { fileName: 'b.plan.md' })) as Extract<AnalysisOutcome, { status: 'done' }>;
    assert.equal(outcome.status, 'done');
    await outcome.outlined;
    assert.deepEqual(outcome.summary.symbols, []);
  });
});
