/**
 * The analysis pool's quiet moment (server/src/lsp/analysis.ts): the work kept for it (the server's
 * warm-up and code cache, `whenIdle`) and the notice that tells each worker to write its own code
 * cache (worker.ts) wait while an open document changes (`writing`), since writing a cache holds a
 * thread for some 200 ms; each worker is told once, after its first job. The worker here is a
 * stand-in that speaks the pool's protocol and answers the notice with a line in the trace.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool } from '../../server/src/lsp/analysis';
import { QUIET_MS } from '../../server/src/lsp/quiet';

const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ kind: 'ready' });
parentPort.on('message', (m) => {
  if (m.kind === 'analyze') parentPort.postMessage({ kind: 'done', id: m.id, summary: { findings: [], isPlan: true, symbols: [], folding: [], ambitions: [], ms: 1 } });
  else if (m.kind === 'idle') parentPort.postMessage({ kind: 'log', message: 'idle notice' });
  else if (m.kind === 'query') parentPort.postMessage({ kind: 'answer', id: m.id, found: true, result: 'svar' });
});
`;

describe('The analysis pool waits for a quiet moment, with no job and no typing, before its idle work', function () {
  this.timeout(20_000);
  let dir: string;
  let pool: AnalysisPool | undefined;
  const log = { warn: () => undefined, error: () => undefined };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pool-idle-'));
    writeFileSync(join(dir, 'worker.js'), WORKER);
  });
  afterEach(() => pool?.dispose());
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Should do the idle work and tell the worker a second after the last change to an open document, not while the changes come', async () => {
    const notices: number[] = [];
    let noticed!: () => void;
    const notice = new Promise<void>((resolve) => (noticed = resolve));
    pool = new AnalysisPool({
      script: join(dir, 'worker.js'),
      budget: () => 10_000,
      size: 1,
      log,
      trace: (message) => {
        if (message !== 'idle notice') return;
        notices.push(performance.now());
        noticed();
      },
    });
    assert.equal((await pool.run('# Plan', { fileName: 'a.plan.md' })).status, 'done');
    let idleAt = 0;
    const idle = new Promise<void>((resolve) =>
      pool!.whenIdle(() => {
        idleAt = performance.now();
        resolve();
      }),
    );
    // A writer typing a key every 300 ms for 1.8 s, no job running (a large plan's burst waits for its end).
    let lastKey = 0;
    for (let key = 0; key < 7; key++) {
      pool.writing();
      lastKey = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(idleAt, 0, `the idle work ran ${key + 1} keys in, while the writer typed`);
    }
    await idle;
    await notice;
    assert.ok(idleAt - lastKey >= QUIET_MS.idle - 1, `the idle work ran ${Math.round(idleAt - lastKey)} ms after the last key`);
    assert.equal(notices.length, 1);
    assert.ok(notices[0] >= idleAt);
  });

  it('Should tell a worker of a quiet moment once only, and a worker that has done no job not at all', async () => {
    const notices: string[] = [];
    pool = new AnalysisPool({ script: join(dir, 'worker.js'), budget: () => 10_000, size: 2, log, trace: (m) => m === 'idle notice' && notices.push(m) });
    pool.warmUp(); // a worker with no job yet
    await pool.run('# Plan', { fileName: 'a.plan.md' });
    await new Promise<void>((resolve) => pool!.whenIdle(resolve));
    await pool.run('# Plan 2', { fileName: 'a.plan.md' });
    await new Promise<void>((resolve) => pool!.whenIdle(resolve));
    // A round trip to every worker that ran a job: a notice it answered has arrived by then.
    const outcome = await pool.run('# Plan 3', { fileName: 'a.plan.md' });
    assert.equal(outcome.status, 'done');
    await pool.query(outcome.status === 'done' ? outcome.model : undefined, { kind: 'publish' });
    assert.deepEqual(notices, ['idle notice']);
  });
});
