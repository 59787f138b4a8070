/**
 * The analysis pool and an outline that follows the findings (server/src/lsp/analysis.ts, worker.ts):
 * the outcome comes with the findings, and `outlined` resolves once the outline has come and is in
 * the summary, or once the worker is gone (the summary then keeps its empty outline). The worker here
 * is a stand-in that speaks the pool's protocol and sends the outline only when asked something next.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool, type AnalysisOutcome } from '../../server/src/lsp/analysis';

const WORKER = `
const { parentPort } = require('node:worker_threads');
let pending;
parentPort.postMessage({ kind: 'ready' });
parentPort.on('message', (m) => {
  if (pending !== undefined) {
    parentPort.postMessage({ kind: 'outline', id: pending, outline: { symbols: [{ name: 'Del 1', kind: 'part', range: { start: 0, end: 9 }, selectionRange: { start: 3, end: 9 }, children: [] }], folding: [{ startLine: 0, endLine: 2 }], ambitions: [] } });
    pending = undefined;
  }
  if (m.kind === 'analyze') {
    parentPort.postMessage({ kind: 'done', id: m.id, summary: { findings: [], isPlan: true, symbols: [], folding: [], ambitions: [], ms: 1, outlineFollows: true } });
    if (m.text === 'die') process.exit(3);
    pending = m.id;
  } else if (m.kind === 'query') parentPort.postMessage({ kind: 'answer', id: m.id, found: true, result: 'svar' });
});
`;

describe('The analysis pool, with an outline that follows the findings', function () {
  let dir: string;
  let pool: AnalysisPool | undefined;
  const log = { warn: () => undefined, error: () => undefined };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pool-outline-'));
    writeFileSync(join(dir, 'worker.js'), WORKER);
  });
  afterEach(() => pool?.dispose());
  after(() => rmSync(dir, { recursive: true, force: true }));

  const settled = (p: Promise<void> | undefined) => Promise.race([p!.then(() => 'resolved'), Promise.resolve('pending')]);

  it('Should give the findings at once and the outline when it comes, in the same summary', async () => {
    pool = new AnalysisPool({ script: join(dir, 'worker.js'), budget: () => 10_000, size: 1, log });
    const outcome = (await pool.run('# Plan', { fileName: 'a.plan.md' })) as Extract<AnalysisOutcome, { status: 'done' }>;
    assert.equal(outcome.status, 'done');
    assert.equal(outcome.summary.symbols.length, 0, 'no outline yet');
    assert.equal(await settled(outcome.outlined), 'pending');
    // The next message to the worker (a question) lets the stand-in send the outline before its answer.
    assert.deepEqual(await pool.query(outcome.model, { kind: 'publish' }), { result: 'svar' });
    await outcome.outlined;
    assert.deepEqual(
      outcome.summary.symbols.map((s) => s.name),
      ['Del 1'],
    );
    assert.deepEqual(outcome.summary.folding, [{ startLine: 0, endLine: 2 }]);
  });

  it('Should settle the outline of a worker that died after the findings, with the empty outline', async () => {
    pool = new AnalysisPool({ script: join(dir, 'worker.js'), budget: () => 10_000, size: 1, log });
    const outcome = (await pool.run('die', { fileName: 'b.plan.md' })) as Extract<AnalysisOutcome, { status: 'done' }>;
    assert.equal(outcome.status, 'done');
    await outcome.outlined;
    assert.deepEqual(outcome.summary.symbols, []);
  });
});
