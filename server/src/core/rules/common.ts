/** Helpers shared by several rule families: registry messages, text walking, ordering. */
import type { Root, RootContent } from 'mdast';
import { joinNames, local, q, t, type LocalText } from '../l10n';
import { offsetOf, plainText, rangeOf } from '../parse';
import type { Registry } from '../registry';
import type { OffsetRange } from '../text';

/**
 * "”X” is not in the organisation registry of <the registry’s organisations>. Did you mean …?"
 * A character in the name that cannot be seen or looks like another is shown by its code point.
 */
export function unknownBodyMessage(name: string, registry: Registry): { message: string; suggestions: string[] } {
  const near = registry.nearestNames(name);
  const scope = registry.displayName();
  const shown = revealHidden(name);
  return {
    message: near.length
      ? t('{0} is not in the organisation registry of {1}. Did you mean {2}?', q(shown), scope, joinNames(near.map(q), 'disjunction'))
      : t('{0} is not in the organisation registry of {1}.', q(shown), scope),
    suggestions: near,
  };
}

/** Characters that cannot be seen, or not told from a space: zero-width, joiners, direction marks, non-breaking spaces, soft hyphen, BOM. */
const HIDDEN = /[\u00A0\u00AD\u061C\u115F\u1160\u180E\u2007\u200B-\u200F\u202A-\u202F\u2060-\u2064\u2066-\u2069\u3164\uFEFF]/u;
/** Letters of other scripts that look like Latin ones, in a word that has Latin letters: Cyrillic ”е” in ”Kommunstyrеlsen”. */
const LOOK_ALIKE = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
const LATIN = /\p{Script=Latin}/u;
const WORD_PART = /^[\p{L}\p{M}\p{N}]$/u;

/** `s` with every hidden or look-alike character written as ⟨U+200B⟩, so that a message shows why a name is not found. */
export function revealHidden(s: string): string {
  const chars = Array.from(s);
  // The words (runs of letters, marks, digits and hidden characters) that have a Latin letter.
  const latinWord = new Array<boolean>(chars.length).fill(false);
  for (let i = 0; i < chars.length;) {
    let j = i;
    let latin = false;
    for (; j < chars.length && (WORD_PART.test(chars[j]) || HIDDEN.test(chars[j])); j++) if (LATIN.test(chars[j])) latin = true;
    for (let k = i; k < j; k++) latinWord[k] = latin;
    i = j > i ? j : i + 1;
  }
  return chars
    .map((ch, i) => (HIDDEN.test(ch) || (latinWord[i] && LOOK_ALIKE.test(ch)) ? `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩` : ch))
    .join('');
}

/** Calls `fn` with every text node's value and offset under `node`, skipping code and HTML. */
export function walkText(node: RootContent | Root, fn: (value: string, start: number) => void): void {
  if (node.type === 'text') {
    fn(node.value, offsetOf(node, 'start'));
    return;
  }
  if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') return;
  if ('children' in node) for (const ch of node.children as RootContent[]) walkText(ch, fn);
}

/** Longest non-decreasing subsequence of values; returns the positions kept. */
export function lisKeep(values: number[]): Set<number> {
  const n = values.length;
  const tails: number[] = [];
  const prev: number[] = new Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] <= values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  let k = tails.length ? tails[tails.length - 1] : -1;
  while (k >= 0) {
    keep.add(k);
    k = prev[k];
  }
  return keep;
}

/**
 * Paragraphs that are bold or italic text alone ("**Hur?**"): what documents pasted from Word have
 * where a heading belongs.
 */
export function pseudoHeadings(blocks: RootContent[]): Array<{ text: string; range: OffsetRange }> {
  const out: Array<{ text: string; range: OffsetRange }> = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph' || b.children.length !== 1) continue;
    const only = b.children[0];
    if (only.type !== 'strong' && only.type !== 'emphasis') continue;
    const text = plainText(only).replace(/\s+/g, ' ').trim();
    if (text && text.length <= 120) out.push({ text, range: rangeOf(b) });
  }
  return out;
}

/** A placeholder paragraph for inserted sections: the template's guidance, in italics, for the writer to replace. */
export function placeholder(guidance: LocalText | undefined): string {
  const text = local(guidance).replace(/[*_]/g, '').trim();
  return text ? `*${text}*` : '…';
}

export function headingPrefix(depth: number): string {
  return '#'.repeat(Math.max(1, Math.min(6, depth))) + ' ';
}

/** The first line of a range. */
export function firstLineRange(text: string, r: OffsetRange): OffsetRange {
  const nl = text.indexOf('\n', r.start);
  return { start: r.start, end: nl >= 0 && nl < r.end ? nl : r.end };
}

/** Integers a..b (at most 20), for "2, 3 och 4 saknas". */
export function span(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b && out.length < 20; i++) out.push(i);
  return out;
}
