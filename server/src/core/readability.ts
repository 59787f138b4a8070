/**
 * Readability of Swedish text with LIX (läsbarhetsindex, Björnsson 1968): the average sentence
 * length in words plus the share of long words (more than six letters) in per cent.
 */
import type { RootContent } from 'mdast';
import { t } from './l10n';
import { sectionBlocksDeep } from './model';
import { plainText, type SectionNode } from './parse';
import { isSpaceCode } from './text';

export interface Lix {
  value: number;
  words: number;
  sentences: number;
  longWords: number;
}

/** Too little text gives a meaningless index: fewer words than this give none. */
export const LIX_MIN_WORDS = 30;

/**
 * Results by text: an edit changes one section, and the others' LIX need not be counted again
 * (the incremental analysis re-runs every rule). Emptied when it grows past a bound.
 */
const lixCache = new Map<string, Lix | null>();
const LIX_CACHE_SIZE = 20_000;

/** LIX of a text; undefined when it has fewer than `minWords` words. */
export function lix(text: string, minWords = LIX_MIN_WORDS): Lix | undefined {
  if (minWords !== LIX_MIN_WORDS) return countLix(text, minWords);
  let result = lixCache.get(text);
  if (result === undefined) {
    if (lixCache.size >= LIX_CACHE_SIZE) lixCache.clear();
    lixCache.set(text, (result = countLix(text, minWords) ?? null));
  }
  return result ?? undefined;
}

function countLix(text: string, minWords: number): Lix | undefined {
  // The words of /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu, found by a loop over the code points:
  // matchAll made a match object for every word, and a long word's letters were counted again.
  let words = 0;
  let longWords = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    const kind = classOf(cp);
    if (kind === OTHER) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let letters = kind === LETTER_CLASS ? 1 : 0;
    i += cp > 0xffff ? 2 : 1;
    while (i < n) {
      const c = text.codePointAt(i)!;
      const k = classOf(c);
      if (k === OTHER && c !== 0x27 && c !== 0x2019 && c !== 0x2d) break;
      if (k === LETTER_CLASS) letters++;
      i += c > 0xffff ? 2 : 1;
    }
    words++;
    if (i - start > 6 && letters > 6) longWords++;
  }
  if (words < minWords || words === 0) return undefined;
  // A sentence ends at . ! ? : or a line break between list items; at least one per text.
  const sentences = Math.max(1, sentenceEnds(text));
  return { value: Math.round(words / sentences + (longWords * 100) / words), words, sentences, longWords };
}

const OTHER = 0;
const NUMBER_CLASS = 1;
const LETTER_CLASS = 2;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;

/** \p{L} (LETTER_CLASS), \p{N} (NUMBER_CLASS) or neither, for a code point: ASCII and Latin-1 without a pattern. */
export function classOf(cp: number): number {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) ? LETTER_CLASS : cp >= 0x30 && cp <= 0x39 ? NUMBER_CLASS : OTHER;
  if (cp < 0x100) {
    if (cp >= 0xc0) return cp === 0xd7 || cp === 0xf7 ? OTHER : LETTER_CLASS;
    if (cp === 0xaa || cp === 0xb5 || cp === 0xba) return LETTER_CLASS;
    return cp === 0xb2 || cp === 0xb3 || cp === 0xb9 || (cp >= 0xbc && cp <= 0xbe) ? NUMBER_CLASS : OTHER;
  }
  const ch = String.fromCodePoint(cp);
  return IS_LETTER.test(ch) ? LETTER_CLASS : IS_NUMBER.test(ch) ? NUMBER_CLASS : OTHER;
}

/**
 * How many times `/[.!?:]+(?=\s|$)|\n+/g` matches: runs of sentence punctuation followed by
 * white space or the end, and runs of line breaks. A loop, since the pattern tries every position
 * of a long run of punctuation followed by a letter, in quadratic time.
 */
function sentenceEnds(text: string): number {
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      while (i < text.length && text.charCodeAt(i) === 10) i++;
      n++;
    } else if (c === 46 || c === 33 || c === 63 || c === 58) {
      while (i < text.length && isPunctuation(text.charCodeAt(i))) i++;
      if (i === text.length || isSpaceCode(text.charCodeAt(i))) n++;
    } else i++;
  }
  return n;
}

const isPunctuation = (c: number) => c === 46 || c === 33 || c === 63 || c === 58;

/** The readability band of a LIX value, in the current language. */
export function lixLabel(value: number): string {
  if (value < 25) return t('very easy');
  if (value < 35) return t('easy');
  if (value < 45) return t('medium');
  if (value < 55) return t('hard');
  return t('very hard');
}

/**
 * Text of blocks for readability: paragraphs, lists and quotes, one paragraph or list item a line;
 * no code. A list's items are lines of their own: run together ("… ett konto.Varje konto …") they
 * would hide where each item's sentence ends and count the whole list as one sentence.
 */
export function proseOf(blocks: RootContent[]): string {
  return blocks
    .flatMap(proseLines)
    .filter((line) => line.length > 0)
    .join('\n');
}

function proseLines(b: RootContent): string[] {
  if (b.type === 'paragraph') return [plainText(b).trim()];
  if (b.type === 'list') return b.children.flatMap((item) => item.children.flatMap(proseLines));
  if (b.type === 'blockquote') return b.children.flatMap(proseLines);
  return [];
}

/** LIX of a section's text, its subsections' included. */
export function sectionLix(s: SectionNode): Lix | undefined {
  return lix(proseOf(sectionBlocksDeep(s)));
}

// ---------------------------------------------------------------------------------------------
// Sentences

/** Abbreviations whose full stop does not end a sentence ("t.ex.", "bl.a.", "ca."). */
const ABBREVIATIONS = new Set(
  't.ex tex ex bl.a m.m m.fl s.k d.v.s dvs o.s.v osv t.o.m fr.o.m p.g.a inkl exkl ca jfr resp kap nr st tel f.d e.d kl enl ang obs'.split(' '),
);

/** The longest abbreviation's length: a longer word before a full stop is not one. */
const MAX_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));
const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;

/**
 * The word of letters and full stops that ends at `end` (as `/[\p{L}.]+$/` finds it), when it is
 * at most `max` characters long; '' for a longer one. Looks back at most `max` + 2 characters.
 */
function shortWordBefore(text: string, end: number, max: number): string {
  let i = end;
  while (i > 0 && end - i <= max) {
    const unit = text.charCodeAt(i - 1);
    // The low half of a surrogate pair: the character is the pair.
    const pair = unit >= 0xdc00 && unit <= 0xdfff && i >= 2 ? text.codePointAt(i - 2)! : 0;
    const ch = pair > 0xffff ? String.fromCodePoint(pair) : text[i - 1];
    if (ch !== '.' && !LETTER.test(ch)) break;
    i -= ch.length;
  }
  return end - i > max ? '' : text.slice(i, end);
}

/**
 * The sentences of a text as [start, end) offsets into it, trimmed. Linear in the text: each
 * sentence end looks at the characters right after it and at most a few before it.
 */
export function sentences(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  const push = (a: number, b: number) => {
    while (a < b && isSpaceCode(text.charCodeAt(a))) a++;
    while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--;
    if (b > a) out.push([a, b]);
  };
  for (const m of text.matchAll(/[.!?]+[”"’)]*/gu)) {
    const end = m.index! + m[0].length;
    if (end < text.length && !isSpaceCode(text.charCodeAt(end))) continue;
    let next = end;
    while (next < text.length && isSpaceCode(text.charCodeAt(next))) next++;
    if (next < text.length && LOWER.test(String.fromCodePoint(text.codePointAt(next)!))) continue;
    if (m[0][0] === '.') {
      const word = shortWordBefore(text, m.index!, MAX_ABBREVIATION);
      if (ABBREVIATIONS.has(word.toLowerCase()) || UPPER.test(word)) continue;
    }
    push(from, end);
    from = end;
  }
  push(from, text.length);
  return out;
}
