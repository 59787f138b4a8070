import * as assert from 'node:assert/strict';
import { relative } from 'node:path';
import { actualFindings, expectedFindings, expectedPath, FIXTURES, fixtureFiles } from '../helpers/golden';

describe('Golden fixtures: every rule family reports exactly its expected findings', () => {
  for (const file of fixtureFiles()) {
    const name = relative(FIXTURES, file);
    it(`${name} gives the findings in ${relative(FIXTURES, expectedPath(file))}`, () => {
      const actual = actualFindings(file);
      const expected = expectedFindings(file, actual);
      assert.ok(expected, `missing ${expectedPath(file)}: write it by hand or with UPDATE_GOLDEN=1, then review it`);
      assert.deepEqual(actual, expected);
    });
  }
});
