/**
 * Readability of Swedish text with LIX (läsbarhetsindex, Björnsson 1968): the average sentence
 * length in words plus the share of long words (more than six letters) in per cent.
 */
import type { RootContent } from 'mdast';
import { t } from './l10n';
import { sectionBlocksDeep } from './model';
import { plainText, type SectionNode } from './parse';

export interface Lix {
  value: number;
  words: number;
  sentences: number;
  longWords: number;
}

/** Too little text gives a meaningless index: fewer words than this give none. */
export const LIX_MIN_WORDS = 30;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** LIX of a text; undefined when it has fewer than `minWords` words. */
export function lix(text: string, minWords = LIX_MIN_WORDS): Lix | undefined {
  let words = 0;
  let longWords = 0;
  for (const m of text.matchAll(WORD)) {
    words++;
    if (countLetters(m[0]) > 6) longWords++;
  }
  if (words < minWords || words === 0) return undefined;
  // A sentence ends at . ! ? : or a line break between list items; at least one per text.
  const sentences = Math.max(1, (text.match(/[.!?:]+(?=\s|$)|\n+/g) ?? []).length);
  return { value: Math.round(words / sentences + (longWords * 100) / words), words, sentences, longWords };
}

function countLetters(w: string): number {
  let n = 0;
  for (const ch of w) if (/\p{L}/u.test(ch)) n++;
  return n;
}

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
