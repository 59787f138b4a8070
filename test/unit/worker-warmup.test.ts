/**
 * The analysis worker's warm-up (lsp/worker.ts) yields to a job: a job posted just before a warm-up
 * step (a timer runs before a message that came meanwhile) is taken from the port's queue and
 * answered first, and warming up stops. Run over a MessageChannel in this thread.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { runAnalysisWorker as runNode } from '../../server/src/node/analysis-worker';
import { runAnalysisWorker, type AnalyzeJob, type WorkerMessage } from '../../server/src/lsp/worker';

const TEXT = readFileSync(join(__dirname, '../../examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), 'utf8');
const job = (id: number): AnalyzeJob => ({ kind: 'analyze', id, text: TEXT, options: { fileName: 'plan.plan.md' }, locale: 'sv' });

/** The messages the worker posts, until `until` says stop. */
function collect(port: MessagePort, until: (m: WorkerMessage) => boolean): Promise<WorkerMessage[]> {
  const seen: WorkerMessage[] = [];
  return new Promise((resolve) => {
    port.on('message', (m: WorkerMessage) => {
      seen.push(m);
      if (until(m)) resolve(seen);
    });
  });
}

describe('analysis worker warm-up', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const c of channels.splice(0)) {
      c.port1.close();
      c.port2.close();
    }
  });

  it('Should answer a job waiting in the queue before a warm-up step, and then not warm up', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    let asked = 0;
    const queued = [job(7)];
    const messages = collect(channel.port2, (m) => m.kind === 'done' || m.kind === 'warm');
    runAnalysisWorker(channel.port1, undefined, () => {
      asked++;
      return queued.shift();
    });
    const seen = await messages;
    assert.deepEqual(
      seen.map((m) => m.kind),
      ['ready', 'done'],
    );
    assert.equal((seen[1] as { id: number }).id, 7);
    assert.equal(asked, 1, 'the queue is looked at once, before the first step');
  });

  it('Should take a job posted before the first step from the port itself (the Node host)', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    const messages = collect(channel.port2, (m) => m.kind === 'done' || m.kind === 'failed');
    runNode(channel.port1);
    channel.port2.postMessage(job(3));
    const seen = await messages;
    assert.deepEqual(
      seen.map((m) => m.kind),
      ['ready', 'done'],
    );
    const done = seen[1] as Extract<WorkerMessage, { kind: 'done' }>;
    assert.equal(done.id, 3);
    assert.ok(done.summary.isPlan);
  });

  it('Should write its code cache when the server says it is quiet after its first job, and once only', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    let writes = 0;
    const messages = collect(channel.port2, (m) => m.kind === 'done' && m.id === 3);
    runAnalysisWorker(channel.port1, () => `cache written ${++writes}`);
    channel.port2.postMessage({ kind: 'idle' }); // before the first job: nothing to write yet
    channel.port2.postMessage(job(1));
    channel.port2.postMessage({ kind: 'idle' });
    channel.port2.postMessage({ kind: 'idle' });
    channel.port2.postMessage(job(3));
    const seen = (await messages).filter((m) => m.kind === 'done' || m.kind === 'log');
    assert.deepEqual(
      seen.map((m) => (m.kind === 'log' ? m.message : `${m.kind} ${m.id}`)),
      ['done 1', 'cache written 1', 'done 3'],
    );
  });
});
