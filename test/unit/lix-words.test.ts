/**
 * LIX counts its words with a loop over code points (core/readability.ts) instead of
 * /[\p{L}\p{N}][\p{L}\p{N}'’-]*\/gu and a second pattern for a long word's letters: the same
 * counts, compared with the patterns on every code point and on random texts.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classOf, lix } from '../../server/src/core/readability';
import { seeded } from '../helpers/random';

/** LIX as it was counted with the patterns. */
function lixByPatterns(text: string, minWords: number) {
  let words = 0;
  let longWords = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
    words++;
    if (m[0].length > 6 && [...m[0].replace(/[^\p{L}]/gu, '')].length > 6) longWords++;
  }
  if (words < minWords || words === 0) return undefined;
  return { words, longWords };
}

describe('LIX word counts without patterns', () => {
  it('Should class every code point as \\p{L}, \\p{N} or neither as the patterns do', () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      const expected = /^\p{L}$/u.test(ch) ? 2 : /^\p{N}$/u.test(ch) ? 1 : 0;
      if (classOf(cp) !== expected) assert.fail(`U+${cp.toString(16)}: ${classOf(cp)}, expected ${expected}`);
    }
  });

  it('Should count the same words and long words as the patterns on random texts', () => {
    const pieces = [
      'a',
      'Å',
      'ö',
      'é',
      'ß',
      '7',
      '²',
      '½',
      'ª',
      'µ',
      '×',
      '÷',
      ' ',
      '\n',
      '.',
      '-',
      "'",
      '’',
      '–',
      'ﬁ',
      'Ω',
      '٣',
      '𝐀',
      '😀',
      '\uD800',
      '\uDC00',
      'kommunen',
      'verksamhetsplanering',
      'e-tjänst',
      '2020-2024',
      ':',
      '?',
    ];
    for (let seed = 1; seed <= 300; seed++) {
      const rnd = seeded(seed);
      let text = '';
      const length = Math.floor(rnd() * 80);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(rnd() * pieces.length)];
      const got = lix(text, 1);
      const expected = lixByPatterns(text, 1);
      assert.deepEqual(got && { words: got.words, longWords: got.longWords }, expected, `seed ${seed}: ${JSON.stringify(text)}`);
    }
  });

  it('Should count the same words and long words as the patterns in every example document', () => {
    const dir = join(__dirname, '..', '..', 'examples');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    assert.ok(files.length > 5);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const got = lix(text, 1);
      assert.deepEqual(got && { words: got.words, longWords: got.longWords }, lixByPatterns(text, 1), f);
    }
  });
});
