/**
 * Answers from the newest finished analysis, mapped through the edits made since
 * (server/src/core/pending.ts): the mapping itself, what counts as a structural edit, and, as a
 * property over every fixture and example, that symbols, folding, completion and hover mapped from
 * the analysis before a non-structural edit equal those of a fresh analysis after it.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative, join } from 'node:path';
import {
  analyze,
  completions,
  DEFAULT_REGISTRY,
  documentSymbols,
  foldingRanges,
  hover,
  LineIndex,
  PendingEdit,
  setLocale,
  TemplateSet,
  type Completion,
  type PlanSymbol,
} from '../../server/src/core/index';
import { exampleFiles, fixtureFiles } from '../helpers/golden';
import { seeded as generator } from '../helpers/random';

const ROOT = join(__dirname, '../..');

function edited(text: string, at: number, remove: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at + remove);
}

describe('Pending edits: positions mapped between the analysed text and the text as it is now', () => {
  it('Should map offsets before, after and inside a replacement', () => {
    const e = new PendingEdit('abc def ghi', 'abc XYZW ghi'); // "def" → "XYZW"
    assert.deepEqual(e.change, { start: 4, oldEnd: 7, newEnd: 8 });
    assert.deepEqual(e.toOld(2), { offset: 2, exact: true });
    assert.deepEqual(e.toOld(4), { offset: 4, exact: true });
    assert.deepEqual(e.toOld(6), { offset: 4, exact: false }, 'inside the new text: where the old one began');
    assert.deepEqual(e.toOld(8), { offset: 7, exact: true });
    assert.deepEqual(e.toOld(12), { offset: 11, exact: true });
    assert.equal(e.toNew(10), 11);
    assert.deepEqual(e.rangeToNew({ start: 0, end: 11 }), { start: 0, end: 12 }, 'a range around the edit grows with it');
    assert.deepEqual(e.rangeToNew({ start: 5, end: 6 }), { start: 4, end: 8 }, 'a range inside the replaced text becomes the replacement');
  });

  it('Should see no edit between equal texts, and map every offset to itself', () => {
    const e = new PendingEdit('same', 'same');
    assert.ok(e.none);
    assert.ok(!e.structural);
    assert.deepEqual(e.toOld(3), { offset: 3, exact: true });
  });

  const text = '---\ndokumenttyp: plan\n---\n\n# Titel\n\nEtt stycke.\n\n## Del 1. Första\n\nText här\n\n- Kommunstyrelsen ska\n';
  const cases: Array<[string, number, number, string, boolean]> = [
    ['a word typed in a paragraph', text.indexOf('stycke'), 0, 'långt ', false],
    ['a word typed in an action', text.indexOf('Kommunstyrelsen'), 0, 'Kultur och ', false],
    ['a line break typed in a paragraph (the count of lines changes)', text.indexOf('stycke'), 0, '\n', true],
    ['an action added to a list', text.length, 0, '- Kultur ska\n', true],
    ['a list marker typed before text', text.indexOf('Text här'), 0, '- ', true],
    ['the first character on a blank line', text.indexOf('\n\n## Del') + 1, 0, 'x', true],
    ['a heading typed', text.indexOf('Text här'), 0, '## ', true],
    ['a heading’s text changed', text.indexOf('Första'), 6, 'Andra', true],
    ['a “#” deleted from a heading', text.indexOf('## Del'), 1, '', true],
    ['the front matter changed', text.indexOf('plan'), 4, 'program', true],
    ['a setext underline under a paragraph', text.indexOf('Text här') + 9, 0, '---\n', true],
    ['text typed above a setext underline', text.indexOf('Ett'), 0, 'x', false],
    ['a fence opened', text.indexOf('Text här'), 0, '```\n', true],
    ['an HTML comment opened', text.indexOf('Text här'), 0, '<!-- ', true],
    ['a link reference definition', text.length, 0, '[a]: https://example.org\n', true],
  ];
  for (const [name, at, remove, insert, structural] of cases) {
    it(`Should ${structural ? '' : 'not '}call ${name} structural`, () => {
      assert.equal(new PendingEdit(text, edited(text, at, remove, insert)).structural, structural);
    });
  }

  it('Should find the changed range of long texts, at chunk borders and in repeated text, as a character-by-character comparison does', () => {
    const naive = (a: string, b: string) => {
      const max = Math.min(a.length, b.length);
      let start = 0;
      while (start < max && a[start] === b[start]) start++;
      let tail = 0;
      while (tail < max - start && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
      return { start, oldEnd: a.length - tail, newEnd: b.length - tail };
    };
    const rnd = generator(9);
    for (let n = 0; n < 300; n++) {
      // Repeated text, so that the common end may reach into the common beginning; one case in ten
      // longer than the largest chunk compared at a time (pending.ts CHUNKS).
      const unit = 'ab\ncd '.slice(0, 1 + Math.floor(rnd() * 6));
      const base = unit.repeat(Math.floor(rnd() * (n % 10 ? 700 : 60_000)));
      const at = Math.floor(rnd() * (base.length + 1));
      const remove = Math.floor(rnd() * Math.min(5, base.length - at + 1));
      const insert = ['', 'x', unit, unit.repeat(3), 'a\r\n'][Math.floor(rnd() * 5)];
      const next = edited(base, at, remove, insert);
      assert.deepEqual(new PendingEdit(base, next).change, naive(base, next), `seed 9, case ${n}`);
    }
  });

  it('Should index lines after \\n, \\r\\n and a lone \\r alike', () => {
    const rnd = generator(10);
    for (let n = 0; n < 200; n++) {
      const text = Array.from({ length: Math.floor(rnd() * 40) }, () => ['x', 'yz', '\n', '\r\n', '\r', ''][Math.floor(rnd() * 6)]).join('');
      const lines = new LineIndex(text);
      const starts = [0];
      for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index + m[0].length);
      assert.equal(lines.lineCount, starts.length, JSON.stringify(text));
      starts.forEach((s, i) => assert.equal(lines.lineStart(i), s, JSON.stringify(text)));
    }
  });

  it('Should call text typed on the line above an existing setext underline structural', () => {
    const setext = 'Rubrik\n======\n\nText\n';
    assert.ok(new PendingEdit(setext, edited(setext, 3, 0, 'x')).structural);
  });
});

/** Edits that leave structure alone, as a writer types them inside the body. */
const INSERTS = ['x', 'ö', ' ', 'ska ', 'Ansvar: ', 'Ansvar: Kommunstyrelsen', ', ', ' och ', 'Kultur', '\n', '- '];

const shapeSymbols = (symbols: PlanSymbol[]): unknown => symbols.map((s) => [s.name, s.kind, s.detail, s.range, s.selectionRange, shapeSymbols(s.children)]);
const shapeCompletions = (items: Completion[]): unknown => items.map((i) => [i.label, i.kind, i.insertText, i.range, i.detail, i.sortText]);

describe('Answers from the newest analysis equal those of a fresh one, after edits that leave structure alone', () => {
  before(() => setLocale('sv'));
  const context = { registry: DEFAULT_REGISTRY, templates: new TemplateSet(), today: '2026-11-26' };
  const files = [...fixtureFiles(), ...exampleFiles()];
  let mapped = 0;
  let hovers = 0;

  for (const [index, file] of files.entries()) {
    it(`Should answer on ${relative(ROOT, file)} after 12 random edits as a fresh analysis does`, () => {
      const base = readFileSync(file, 'utf8');
      const before = analyze(base, { fileName: file });
      const oldLines = new LineIndex(base);
      const rnd = generator(7000 + index);
      for (let step = 0; step < 12; step++) {
        const at = Math.floor(rnd() * (base.length + 1));
        const remove = rnd() < 0.3 ? Math.floor(rnd() * 4) : 0;
        const insert = INSERTS[Math.floor(rnd() * INSERTS.length)];
        const now = edited(base, at, Math.min(remove, base.length - at), insert);
        const edit = new PendingEdit(base, now);
        if (edit.structural) continue;
        mapped++;
        const after = analyze(now, { fileName: file });
        const where = `seed ${7000 + index}, edit ${step}: ${JSON.stringify({ at, remove, insert })}`;

        // Symbols: the old ones, their ranges mapped.
        const mapSymbols = (symbols: PlanSymbol[]): PlanSymbol[] =>
          symbols.map((s) => ({ ...s, range: edit.rangeToNew(s.range), selectionRange: edit.rangeToNew(s.selectionRange), children: mapSymbols(s.children) }));
        assert.deepEqual(shapeSymbols(mapSymbols(documentSymbols(before.plan))), shapeSymbols(documentSymbols(after.plan)), `symbols, ${where}`);

        // Folding: the old ranges' lines mapped.
        const newLines = new LineIndex(now);
        const lineNow = (line: number) => newLines.positionAt(edit.toNew(oldLines.lineStart(line))).line;
        assert.deepEqual(
          foldingRanges(before.plan)
            .map((f) => ({ ...f, startLine: lineNow(f.startLine), endLine: lineNow(f.endLine) }))
            .filter((f) => f.endLine > f.startLine),
          foldingRanges(after.plan),
          `folding, ${where}`,
        );

        // Completion at the end of what was typed, and at a random place: the old model, the line as it is now.
        const end = edit.change.newEnd;
        for (const cursor of [end, Math.floor(rnd() * (now.length + 1))]) {
          const lineStart = newLines.lineStart(newLines.positionAt(cursor).line);
          const lineEnd = newLines.lineStart(newLines.positionAt(cursor).line + 1);
          const line = { text: now.slice(lineStart, lineEnd), offset: cursor - lineStart };
          const items = completions(before.plan, edit.toOld(cursor).offset, context, line).map((i) => ({
            ...i,
            range: { start: i.range.start + lineStart, end: i.range.end + lineStart },
          }));
          assert.deepEqual(shapeCompletions(items), shapeCompletions(completions(after.plan, cursor, context)), `completion at ${cursor}, ${where}`);
        }

        // Hover at a random place outside what was typed, and not on the heading of a section that
        // holds the edit (its readability and findings may have changed): the old answer, its range mapped.
        const place = Math.floor(rnd() * (now.length + 1));
        const old = edit.toOld(place);
        if (old.exact && !edit.touches(documentSymbols(before.plan), old.offset)) {
          hovers++;
          const h = hover(before.plan, old.offset, DEFAULT_REGISTRY, before.findings);
          const fresh = hover(after.plan, place, DEFAULT_REGISTRY, after.findings);
          assert.deepEqual(h && { ...h, range: edit.rangeToNew(h.range) }, fresh, `hover at ${place}, ${where}`);
        }
      }
    });
  }

  it('Should have mapped most of the random edits (the property above is not tested by fallbacks alone)', () => {
    assert.ok(mapped > files.length * 4, `${mapped} edits mapped on ${files.length} files`);
    assert.ok(hovers > mapped / 2, `${hovers} hovers compared`);
  });
});
