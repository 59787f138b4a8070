/**
 * How long a change in a burst waits for the next (server/src/lsp/pacing.ts `burstWaitAfter`):
 * the rule that decides whether keys typed in a row are analysed one by one or together. The
 * server suite's coalescing tests check the scheduling itself over the protocol.
 */
import * as assert from 'node:assert/strict';
import { burstWaitAfter, MAX_DEBOUNCE_MS, pauseBefore } from '../../server/src/lsp/pacing';

describe('Keys typed in a row: analysed one by one or together', () => {
  it('Should analyse every key of steady typing (a key every 100 ms) in a plan of ordinary size, also when an analysis is slow for a moment', () => {
    for (const ms of [0, 2, 8, 15, 25, 50, 60]) assert.ok(burstWaitAfter(ms, 27_000) < 100, `an analysis of ${ms} ms waits ${burstWaitAfter(ms, 27_000)} ms`);
  });

  it('Should wait for a typing pause in a large plan, so that steady typing is analysed once it stops', () => {
    for (const ms of [10, 45, 60, 100]) assert.ok(burstWaitAfter(ms, 1_000_000) >= 150, `an analysis of ${ms} ms waits ${burstWaitAfter(ms, 1_000_000)} ms`);
  });

  it('Should wait for a typing pause where an analysis takes 100 ms or more, whatever the size', () => {
    assert.ok(burstWaitAfter(100, 5_000) >= 150);
  });

  it('Should wait longer than an analysis takes in a plan of ordinary size, and a typing pause however long the analysis in a costly one', () => {
    for (const ms of [10, 40, 60, 99]) assert.ok(burstWaitAfter(ms, 27_000) > ms, `${ms} ms`);
    const pauseOf = burstWaitAfter(40, 1_000_000);
    for (const ms of [100, 150, 199, 400, 5000]) {
      assert.equal(burstWaitAfter(ms, 27_000), pauseOf, `an analysis of ${ms} ms in a plan of ordinary size`);
      assert.equal(burstWaitAfter(ms, 1_000_000), pauseOf, `an analysis of ${ms} ms in a large plan`);
    }
    assert.ok(pauseOf <= MAX_DEBOUNCE_MS);
  });

  it('Should bring the diagnostics of a burst in a large plan within 300 ms of its last key while an analysis takes up to 150 ms', () => {
    // The analysis starts once the wait after the last key is over.
    for (const ms of [30, 60, 100, 150]) assert.ok(burstWaitAfter(ms, 1_000_000) + ms <= 300, `an analysis of ${ms} ms`);
  });

  it('Should keep a late key of steady typing in its burst in a large plan, and analyse a key after a real pause at once', () => {
    for (const ms of [40, 100, 150, 250, 1000]) {
      const pause = pauseBefore(ms, 1_000_000);
      // Keys 120 ms apart, one of them 100 ms late: still the burst.
      assert.ok(pause > 220, `an analysis of ${ms} ms: a change ${pause} ms after the one before counts as after a pause`);
      // The writer stopped for 400 ms: the next key is analysed at once.
      assert.ok(pause < 400, `an analysis of ${ms} ms: ${pause} ms`);
      assert.ok(pause >= burstWaitAfter(ms, 1_000_000), 'never shorter than the wait in a burst');
    }
  });

  it('Should count a pause in a plan of ordinary size as it waits in a burst', () => {
    for (const ms of [0, 8, 15, 25, 60]) assert.equal(pauseBefore(ms, 27_000), burstWaitAfter(ms, 27_000));
  });
});
