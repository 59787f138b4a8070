/**
 * How long a change in a burst waits for the next (server/src/lsp/documents.ts `burstWaitAfter`):
 * the rule that decides whether keys typed in a row are analysed one by one or together. The
 * server suite's coalescing tests check the scheduling itself over the protocol.
 */
import * as assert from 'node:assert/strict';
import { burstWaitAfter, MAX_DEBOUNCE_MS } from '../../server/src/lsp/documents';

describe('Keys typed in a row: analysed one by one or together', () => {
  it('Should analyse every key of steady typing (a key every 100 ms) in a plan whose analysis is cheap', () => {
    for (const ms of [0, 2, 8, 15, 25]) assert.ok(burstWaitAfter(ms) < 100, `an analysis of ${ms} ms waits ${burstWaitAfter(ms)} ms`);
  });

  it('Should wait for a typing pause where analyses are costly, so that steady typing is analysed once it stops', () => {
    for (const ms of [30, 45, 60, 100]) assert.ok(burstWaitAfter(ms) >= 150, `an analysis of ${ms} ms waits ${burstWaitAfter(ms)} ms`);
  });

  it('Should wait longer than an analysis takes, never longer than the longest debounce', () => {
    for (const ms of [10, 40, 150, 199]) assert.ok(burstWaitAfter(ms) > ms, `${ms} ms`);
    for (const ms of [200, 400, 5000]) assert.equal(burstWaitAfter(ms), MAX_DEBOUNCE_MS);
  });
});
