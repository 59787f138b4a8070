/**
 * How long a change in a burst waits for the next (server/src/lsp/pacing.ts `burstWaitAfter`):
 * the rule that decides whether keys typed in a row are analysed one by one or together. The
 * server suite's coalescing tests check the scheduling itself over the protocol.
 */
import * as assert from 'node:assert/strict';
import { burstWaitAfter, MAX_DEBOUNCE_MS } from '../../server/src/lsp/pacing';

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

  it('Should wait longer than an analysis takes, never longer than the longest debounce', () => {
    for (const ms of [10, 40, 150, 199]) assert.ok(burstWaitAfter(ms, 27_000) > ms, `${ms} ms`);
    for (const ms of [200, 400, 5000]) assert.equal(burstWaitAfter(ms, 27_000), MAX_DEBOUNCE_MS);
  });
});
