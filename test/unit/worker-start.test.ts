/**
 * The first analysis worker is started before the server is loaded (server/src/node/worker-start.ts)
 * and taken over by the pool: its "ready" must never be lost, whether it came before or after the
 * pool took the worker, and a worker is taken once, for the script it runs.
 */
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAnalysisWorkerEarly } from '../../server/src/node/worker-start';

describe('The analysis worker started early', function () {
  let dir: string;
  let script: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'worker-start-'));
    script = join(dir, 'worker.js');
    // As the server's bundle does: it says it is ready, then answers each message.
    writeFileSync(
      script,
      "const { parentPort } = require('node:worker_threads');\nparentPort.postMessage({ kind: 'ready' });\nparentPort.on('message', (m) => parentPort.postMessage({ kind: 'echo', m }));\n",
    );
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Should hand the pool the worker once, with its ready message either seen already or still to come', async () => {
    const early = startAnalysisWorkerEarly({ script });
    const taken = early?.take(script);
    assert.ok(taken, 'the worker started early is taken');
    try {
      if (!taken.ready) {
        const [m] = (await once(taken.worker, 'message')) as [{ kind: string }];
        assert.equal(m.kind, 'ready', 'the ready message comes to the pool');
      }
      // It is the pool's now: its messages come to the pool's listeners.
      taken.worker.postMessage(1);
      const [echo] = (await once(taken.worker, 'message')) as [{ kind: string; m: number }];
      assert.deepEqual(echo, { kind: 'echo', m: 1 });
      assert.equal(early?.take(script), undefined, 'taken only once');
    } finally {
      await taken.worker.terminate();
    }
  });

  it('Should not hand over a worker started for another script, and end it', async () => {
    const early = startAnalysisWorkerEarly({ script });
    assert.ok(early);
    assert.equal(early.take(join(dir, 'other.js')), undefined);
    assert.equal(early.take(script), undefined, 'it is gone');
  });

  it('Should pass the code cache folder to the worker', async () => {
    const echo = join(dir, 'data.js');
    writeFileSync(echo, "const { parentPort, workerData } = require('node:worker_threads');\nparentPort.postMessage(workerData);\n");
    const taken = startAnalysisWorkerEarly({ script: echo, codeCache: join(dir, 'cache') })?.take(echo);
    assert.ok(taken);
    try {
      const [m] = (await once(taken.worker, 'message')) as [unknown];
      assert.deepEqual(m, { role: 'plan-analysis', codeCache: join(dir, 'cache') });
    } finally {
      await taken.worker.terminate();
    }
  });
});
