/**
 * `plan.planFiles` globs (server/src/core/glob.ts): the usual glob meaning, checked against
 * picomatch (the reference implementation of that syntax) on ordinary patterns, and matching in
 * time linear in the path on patterns that make a backtracking engine take exponential time.
 */
import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { compileGlob, compileGlobs } from '../../server/src/core/glob';
import { setLocale } from '../../server/src/core/index';

const PATHS = [
  'plan.md',
  'Plan.MD',
  '.dolda/plan.md',
  'planer/a.md',
  'planer/2024/b.md',
  'planer/2024/arkiv/c.md',
  'andra/planer/d.md',
  'planer/a.txt',
  'planer/.e.md',
  'mall.planmall.json',
  'x/y/z/plan-2024.md',
  'plan-2024.md',
  'plan-abc.md',
  'a.md',
  'ab.md',
  'abc.md',
  'planer',
  'doc[1].md',
];

const PATTERNS = [
  '*.md',
  'planer/**/*.md',
  '**/*.md',
  'planer/*.md',
  '**/plan-*.md',
  'plan-[0-9]*.md',
  'plan-[^0-9]*.md',
  '?.md',
  '??.md',
  '{a,ab}.md',
  'planer/{2024,arkiv}/**',
  '**/planer/**',
  '**',
  'planer/**',
  'x/**/plan-????.md',
  '*.{md,txt}',
  'planer/*/*.md',
  '@(a|ab).md',
  '+(a|b).md',
  '*(a|b|c).md',
  '?(a)b.md',
  'doc\\[1\\].md',
];

describe('plan.planFiles globs', () => {
  before(() => setLocale('en'));

  for (const pattern of PATTERNS) {
    it(`Should match like picomatch (dot, nocase) on “${pattern}”`, () => {
      const reference = picomatch(pattern, { dot: true, nocase: true });
      const ours = compileGlob(pattern);
      assert.ok(ours.ok, `compiles: ${ours.ok ? '' : ours.reason}`);
      for (const p of PATHS) assert.equal(ours.test(p), reference(p), `${pattern} on ${p}`);
    });
  }

  it('Should read “[!…]” as a negated class, as the shell and VS Code do', () => {
    const ours = compileGlob('plan-[!0-9]*.md');
    assert.ok(ours.ok);
    assert.equal(ours.test('plan-abc.md'), true);
    assert.equal(ours.test('plan-2024.md'), false);
  });

  it('Should exclude with a leading “!” pattern in a set', () => {
    const set = compileGlobs(['planer/**/*.md', '!planer/**/arkiv/**']);
    assert.equal(set.test('planer/2024/b.md'), true);
    assert.equal(set.test('planer/2024/arkiv/c.md'), false);
    assert.equal(set.test('andra/d.md'), false);
    assert.deepEqual(set.rejected, []);
  });

  it('Should reject what it cannot match in linear time or cannot read, saying why, and keep the other patterns', () => {
    const set = compileGlobs(['!(a).md', 'planer/{a,b', '@(a|b', 'x\\', '', 'planer/*.md']);
    assert.deepEqual(
      set.rejected.map((r) => r.pattern),
      ['!(a).md', 'planer/{a,b', '@(a|b', 'x\\', ''],
    );
    assert.match(set.rejected[0].reason, /lookahead/);
    assert.match(set.rejected[1].reason, /brace is not closed/);
    assert.match(set.rejected[2].reason, /parenthesis is not closed/);
    assert.match(set.rejected[3].reason, /backslash/);
    assert.match(set.rejected[4].reason, /empty/);
    assert.equal(set.test('planer/a.md'), true, 'the usable pattern still applies');
    assert.match((compileGlob('a'.repeat(1001)) as { reason: string }).reason, /longer than 1000/);
  });

  it('Should treat an unclosed bracket as a literal “[”, as picomatch does', () => {
    const ours = compileGlob('doc[1.md');
    assert.ok(ours.ok);
    assert.equal(ours.test('doc[1.md'), true);
  });

  it('Should match a pattern that makes a backtracking engine take exponential time in time linear in the path', () => {
    // picomatch turns this into nested lazy stars: 5 s at 18 characters, doubling with each one.
    const hostile = '**/*(*a)*(*a)*(*a)*(*a)b.md';
    const ours = compileGlob(hostile);
    assert.ok(ours.ok);
    const cost = (n: number): number => {
      const name = `${'a'.repeat(n)}.md`;
      const start = process.cpuUsage();
      for (let i = 0; i < 5; i++) assert.equal(ours.test(name), false);
      const used = process.cpuUsage(start);
      return used.user + used.system;
    };
    cost(200); // warm up
    const small = cost(2000);
    const large = cost(8000);
    // Linear: 4× the characters cost about 4×; quadratic would be 16×. A generous bound, not a clock.
    assert.ok(large < small * 10 + 20_000, `4× the path cost ${(large / small).toFixed(1)}× (${small} µs → ${large} µs)`);
    assert.equal(ours.test('x/aab.md'), true, 'and it still matches what it should');
  });
});
