import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, completions, DEFAULT_REGISTRY, documentSymbols, foldingRanges, hover, setLocale, TemplateSet } from '../../server/src/core/index';
import { fixtureFiles } from '../helpers/golden';
import { seeded as prng } from '../helpers/random';

const PIECES = [
  '#',
  '## ',
  '### Ambition 1.',
  '- ',
  '\n',
  '\n\n',
  ':',
  '---\n',
  '---',
  'Del ',
  'Hur?',
  'Ansvar: ',
  ',',
  ' och ',
  '\uD800',
  '\uDC00',
  'å',
  '–',
  '`',
  '>',
  '*',
  '[x](#y)',
  '<!--',
  '-->',
  '\t',
  '\r',
  '|a|b|\n|-|-|\n',
  '"',
  "'",
  '{',
  '[',
  '&',
  '\u0000',
  '1.2.',
  'dokumenttyp: plan\n',
];

describe('Random mutation: parsing and every feature survive arbitrary input', () => {
  const files = fixtureFiles().slice(0, 12);
  const ctx = { registry: DEFAULT_REGISTRY, templates: new TemplateSet(), today: '2026-11-23' };
  before(() => setLocale('sv'));

  for (const [i, file] of files.entries()) {
    it(`Should analyse 60 mutations of fixture ${i + 1} without throwing`, () => {
      const rand = prng(1000 + i);
      let text = readFileSync(file, 'utf8');
      for (let n = 0; n < 60; n++) {
        const at = Math.floor(rand() * (text.length + 1));
        const op = rand();
        if (op < 0.45) text = text.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)] + text.slice(at);
        else if (op < 0.8) text = text.slice(0, at) + text.slice(at + Math.floor(rand() * 40));
        else {
          const from = Math.floor(rand() * text.length);
          text = text.slice(0, at) + text.slice(from, from + Math.floor(rand() * 80)) + text.slice(at);
        }
        const a = analyze(text, { fileName: 'x.plan.md' });
        assert.ok(Array.isArray(a.findings));
        assert.ok(
          !a.findings.some((f) => f.code === 'plan.internal'),
          `internal error after mutation ${n}: ${a.findings.find((f) => f.code === 'plan.internal')?.message}`,
        );
        for (const f of a.findings)
          assert.ok(f.range.start >= 0 && f.range.end <= text.length && f.range.start <= f.range.end, `range of ${f.code} within the text`);
        documentSymbols(a.plan);
        foldingRanges(a.plan);
        const pos = Math.floor(rand() * (text.length + 1));
        hover(a.plan, pos, DEFAULT_REGISTRY, a.findings);
        for (const c of completions(a.plan, pos, ctx)) assert.ok(c.range.start <= c.range.end && c.range.end <= text.length);
      }
    });
  }
});
