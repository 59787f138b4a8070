/**
 * Incremental parsing (server/src/core/incremental.ts), property-tested: thousands of random edits
 * on every fixture and example, each parsed incrementally from the previous version and in full;
 * the trees must be equal node for node and position for position, and the analyses finding for
 * finding. A seeded generator keeps every run the same; a failure names the seed and the edit.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, isStale, parseMarkdown, reparse, setLocale, type ParsedMarkdown, type ReparseInfo } from '../../server/src/core/index';
import { exampleFiles, fixtureFiles } from '../helpers/golden';
import { seeded as generator } from '../helpers/random';

const ROOT = join(__dirname, '../..');
const EXAMPLES = join(ROOT, 'examples');

/** What a writer types, and what breaks structure: headings, list markers, fences, HTML, line breaks. */
const INSERTS = [
  'x',
  'ö',
  ' ',
  '\n',
  '\n\n',
  '## ',
  '### Ambition 9.9. Ny\n',
  '#',
  '- ',
  '1. ',
  '> ',
  '```',
  '```\n',
  '~~~\n',
  '<!--',
  '-->',
  '<div>\n',
  '***',
  '_',
  '[',
  '](x)',
  '    ',
  '\t',
  '\r\n',
  '---\n',
  '===\n',
  '| a | b |\n|---|---|\n',
  'Ansvar: Kommunstyrelsen\n',
  '- [x] Kommunstyrelsen ska ',
];

function randomEdit(text: string, rnd: () => number): { at: number; remove: number; insert: string } {
  // Most edits where a writer works (inside the body); some at section boundaries and line starts.
  let at = Math.floor(rnd() * (text.length + 1));
  if (rnd() < 0.2) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    at = lineStart;
  }
  const remove = rnd() < 0.4 ? Math.floor(rnd() * (rnd() < 0.9 ? 4 : 200)) : 0;
  const insert = rnd() < 0.15 ? '' : INSERTS[Math.floor(rnd() * INSERTS.length)];
  return { at, remove: Math.min(remove, text.length - at), insert };
}

const shape = (f: { code: string; message: string; range: { start: number; end: number }; severity: string }) =>
  `${f.code} ${f.severity} ${f.range.start}-${f.range.end} ${f.message}`;

describe('Incremental parsing', () => {
  before(() => setLocale('sv'));

  const files = [...fixtureFiles(), ...exampleFiles()];
  for (const [index, file] of files.entries()) {
    it(`Should parse ${relative(ROOT, file)} after 40 random edits as a full parse does, tree and findings`, () => {
      const base = readFileSync(file, 'utf8');
      const seed = 1000 + index;
      const rnd = generator(seed);
      let text = base;
      let previous: ParsedMarkdown = parseMarkdown(text);
      let incrementalSteps = 0;
      for (let step = 0; step < 40; step++) {
        // Every 10 edits start again from the file, so that edits do not drift into noise.
        if (step % 10 === 0) {
          text = base;
          previous = parseMarkdown(text);
        }
        const e = randomEdit(text, rnd);
        const before = text;
        text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
        let info: ReparseInfo | undefined;
        const incremental = reparse(previous, text, (i) => (info = i));
        const full = parseMarkdown(text);
        const where = `seed ${seed}, edit ${step}: ${JSON.stringify(e)} (${info?.incremental ? 'incremental' : info?.reason})`;
        assert.deepEqual(incremental.root, full.root, `tree, ${where}`);
        assert.deepEqual(
          incremental.allSections.map((s) => [s.heading.text, s.range]),
          full.allSections.map((s) => [s.heading.text, s.range]),
          `sections, ${where}`,
        );
        // The analysis made from a parse of the version before equals the one from the text alone
        // (every third time: it costs two analyses; `previous` itself is stale now, taken over by `reparse`).
        if (info?.incremental && ++incrementalSteps % 3 === 0) {
          const options = { fileName: file };
          const made = analyze(text, options, parseMarkdown(before)).findings.map(shape);
          assert.deepEqual(made, analyze(text, options).findings.map(shape), `findings, ${where}`);
        }
        previous = incremental;
      }
    });
  }

  it('Should parse most random edits incrementally (the property above is not tested by fallbacks alone)', () => {
    // Its own sample, so that the figure does not depend on which of the tests above ran.
    const counts = { incremental: 0, full: 0 };
    for (const [index, file] of files.entries()) {
      const base = readFileSync(file, 'utf8');
      const rnd = generator(5000 + index);
      for (let step = 0; step < 5; step++) {
        const e = randomEdit(base, rnd);
        // A parse of its own each time: `reparse` takes over the parse it is given.
        reparse(parseMarkdown(base), base.slice(0, e.at) + e.insert + base.slice(e.at + e.remove), (i) => counts[i.incremental ? 'incremental' : 'full']++);
      }
    }
    assert.ok(counts.incremental > counts.full, `${counts.incremental} incremental, ${counts.full} full`);
  });

  it('Should parse only the edited section of a large plan', () => {
    const one = readFileSync(join(EXAMPLES, 'halmstad', 'ren-plan.plan.md'), 'utf8');
    const body = one.slice(one.indexOf('\n## ') + 1);
    const big = one + `\n${body}`.repeat(20);
    const previous = parseMarkdown(big);
    const at = big.lastIndexOf('ska ') + 4;
    const edited = big.slice(0, at) + 'gärna ' + big.slice(at);
    let info: ReparseInfo | undefined;
    const result = reparse(previous, edited, (i) => (info = i));
    assert.ok(info?.incremental, info?.reason);
    assert.ok(info!.parsed < big.length / 20, `${info!.parsed} of ${big.length} characters parsed`);
    assert.deepEqual(result.root, parseMarkdown(edited).root);
  });

  it('Should take over the earlier parse: it is stale afterwards, and a version made from it again is parsed in full, correctly', () => {
    const one = readFileSync(join(EXAMPLES, 'halmstad', 'ren-plan.plan.md'), 'utf8');
    const at = one.indexOf('ska ') + 4;
    const first = parseMarkdown(one);
    const second = reparse(first, one.slice(0, at) + 'gärna ' + one.slice(at));
    assert.equal(isStale(first), true);
    assert.equal(isStale(second), false);
    // The nodes after the edit are the earlier parse's own, moved: not copies.
    assert.equal(second.root.children[second.root.children.length - 1], first.root.children[first.root.children.length - 1]);
    const thirdText = one.slice(0, at) + 'inte ' + one.slice(at);
    const third = reparse(second, thirdText);
    assert.equal(isStale(second), true);
    // Made from a stale parse (the first), another version is parsed in full and equals a fresh parse.
    const other = one.slice(0, at) + 'alltid ' + one.slice(at);
    let info: ReparseInfo | undefined;
    const again = reparse(first, other, (i) => (info = i));
    assert.equal(info?.incremental, false);
    assert.match(info!.reason!, /later version/);
    assert.deepEqual(again.root, parseMarkdown(other).root);
    assert.deepEqual(third.root, parseMarkdown(thirdText).root);
  });

  for (const [name, text, reason] of [
    ['an edit in the front matter', (t: string) => t.replace('dokumenttyp: plan', 'dokumenttyp: planx'), /before the first heading/],
    ['a heading made into text', (t: string) => t.replace(/\n## (?!.*\n[^]*\n## )/, '\nx## '), /no longer begins with a heading|reaches the next/],
    ['a code fence left open', (t: string) => t.replace(/(\n## [^\n]*\n)/, '$1\n```\n'), /code or HTML block/],
    ['a link reference definition', (t: string) => t.replace(/(\n## [^\n]*\n)/, '$1\n[x]: https://example.org\n'), /link reference/],
  ] as const) {
    it(`Should parse in full after ${name}, and give the full parse's tree`, () => {
      const base = readFileSync(join(EXAMPLES, 'halmstad', 'ren-plan.plan.md'), 'utf8');
      const edited = text(base);
      assert.notEqual(edited, base);
      let info: ReparseInfo | undefined;
      const result = reparse(parseMarkdown(base), edited, (i) => (info = i));
      assert.equal(info?.incremental, false);
      assert.match(info!.reason!, reason);
      assert.deepEqual(result.root, parseMarkdown(edited).root);
    });
  }

  it('Should parse in full when a colon typed after a bracket makes a link reference definition, also after incremental parses', () => {
    const base = readFileSync(join(EXAMPLES, 'halmstad', 'ren-plan.plan.md'), 'utf8').replace(/(\n## [^\n]*\n)/, '$1\n[x] https://example.org\n');
    let info: ReparseInfo | undefined;
    // An incremental parse first: its text holds no `]:`, which the next reparse takes as known.
    const typed = base.replace(/(\n## [^\n]*\n)([^]*?)(\n## )/, '$1$2 Ett ord till.$3');
    assert.notEqual(typed, base);
    const first = reparse(parseMarkdown(base), typed, (i) => (info = i));
    assert.equal(info?.incremental, true, info?.reason);
    // The colon right after the bracket: the two characters straddle the edit's start.
    const colon = typed.replace('[x] https', '[x]: https');
    const second = reparse(first, colon, (i) => (info = i));
    assert.equal(info?.incremental, false);
    assert.match(info!.reason!, /link reference/);
    assert.deepEqual(second.root, parseMarkdown(colon).root);
  });
});
