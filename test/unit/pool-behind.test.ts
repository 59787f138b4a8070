/**
 * Background jobs posted to a busy worker behind its running job (server/src/lsp/analysis.ts,
 * `Slot.behind`): a workspace check keeps each worker busy without waiting for the server's thread
 * between files. The worker here is a stand-in that runs one job at a time, as the real one does,
 * says in each answer whether the job reached it while another was running, and takes as long as
 * the text asks (`ms:N`), or for ever (`hang`).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateSet } from '../../server/src/core/index';
import { AnalysisPool, type AnalysisOutcome } from '../../server/src/lsp/analysis';

const WORKER = `
const { parentPort } = require('node:worker_threads');
const queue = [];
const failedOnce = new Set();
let busy = false;
parentPort.postMessage({ kind: 'ready' });
parentPort.on('message', (m) => {
  if (m.kind !== 'analyze') return;
  m.arrivedBehind = busy;
  queue.push(m);
  if (!busy) next();
});
function next() {
  const m = queue.shift();
  busy = !!m;
  if (!m || m.text === 'hang') return;
  const ms = m.text.startsWith('ms:') ? parseInt(m.text.slice(3), 10) : 20;
  setTimeout(() => {
    if (m.text === 'forget' && !failedOnce.has(m.id)) {
      failedOnce.add(m.id);
      parentPort.postMessage({ kind: 'failed', id: m.id, message: 'unknown template set ' + m.templates.id });
    } else {
      const summary = { findings: [], isPlan: true, symbols: [], folding: [], ambitions: [], ms, arrivedBehind: m.arrivedBehind, withTemplates: !!(m.templates && m.templates.data) };
      parentPort.postMessage({ kind: 'done', id: m.id, summary });
    }
    next();
  }, ms);
}
`;

type Done = Extract<AnalysisOutcome, { status: 'done' }> & { summary: { arrivedBehind: boolean; withTemplates: boolean } };

describe('The analysis pool, with background jobs posted behind a running one', function () {
  this.timeout(20_000);
  let dir: string;
  let pool: AnalysisPool | undefined;
  const warnings: string[] = [];
  const log = { warn: (m: string) => void warnings.push(m), error: () => undefined };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pool-behind-'));
    writeFileSync(join(dir, 'worker.js'), WORKER);
  });
  afterEach(() => {
    pool?.dispose();
    warnings.length = 0;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const start = (budget = 10_000) => (pool = new AnalysisPool({ script: join(dir, 'worker.js'), budget: () => budget, size: 1, log }));
  const background = (text: string, fileName: string, options: { templates?: TemplateSet } = {}) =>
    pool!.run(text, { fileName, ...options }, true) as Promise<Done>;

  it('Should post each background job behind the running one, and answer them all in order', async () => {
    start();
    const order: string[] = [];
    const jobs = ['ms:60 a', 'ms:60 b', 'ms:60 c', 'ms:60 d'].map((text, i) =>
      background(text, `${i}.plan.md`).then((o) => {
        order.push(text);
        return o;
      }),
    );
    const outcomes = await Promise.all(jobs);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['done', 'done', 'done', 'done'],
    );
    assert.deepEqual(order, ['ms:60 a', 'ms:60 b', 'ms:60 c', 'ms:60 d']);
    // The first found the worker free; every later one reached it while the one before still ran.
    assert.deepEqual(
      outcomes.map((o) => o.summary.arrivedBehind),
      [false, true, true, true],
    );
  });

  it('Should never post an open document’s job, or a large text, behind another', async () => {
    start();
    const first = background('ms:150 a', 'a.plan.md');
    const open = pool!.run('ms:10 typed', { fileName: 'open.plan.md' }) as Promise<Done>;
    assert.equal((await open).summary.arrivedBehind, false);
    await first;
    const long = background('ms:150 b', 'b.plan.md');
    const large = background(`ms:10 ${'x'.repeat(70_000)}`, 'large.plan.md');
    assert.equal((await large).summary.arrivedBehind, false);
    await long;
  });

  it('Should give the job behind a hanging one to a new worker when the budget stops it', async () => {
    start(500);
    const hanging = background('hang', 'hang.plan.md');
    const behind = background('ms:10 next', 'next.plan.md');
    assert.deepEqual(await hanging, { status: 'timeout', ms: 500 });
    const outcome = await behind;
    assert.equal(outcome.status, 'done');
    assert.equal(outcome.summary.arrivedBehind, false, 'sent again, to the new worker, which was free');
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /hang\.plan\.md/);
  });

  it('Should start the budget of the job behind when it starts, not when it was posted', async () => {
    // Each job takes 400 ms; the second is posted at once and ends some 800 ms after that, past the
    // budget (600 ms) counted from its posting but well within it counted from its start.
    start(600);
    const outcomes = await Promise.all([background('ms:400 a', 'a.plan.md'), background('ms:400 b', 'b.plan.md')]);
    assert.deepEqual(
      outcomes.map((o) => [o.status, o.summary.arrivedBehind]),
      [
        ['done', false],
        ['done', true],
      ],
    );
    assert.deepEqual(warnings, []);
  });

  it('Should send a job again with its templates when the worker had let them go, after the job behind it', async () => {
    start();
    const templates = new TemplateSet();
    const forgetting = background('forget', 'a.plan.md', { templates });
    const behind = background('ms:20 b', 'b.plan.md', { templates });
    const [a, b] = await Promise.all([forgetting, behind]);
    assert.equal(a.status, 'done');
    assert.equal(a.summary.withTemplates, true, 'sent again with the templates’ data');
    assert.equal(b.status, 'done');
    assert.equal(b.summary.withTemplates, false, 'posted behind with the number of a set the worker had been sent');
  });
});
