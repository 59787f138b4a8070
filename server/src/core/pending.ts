/**
 * The edits a document has had since its last finished analysis, as one changed range, so that a
 * request (completion, hover, symbols) can be answered from that analysis at once instead of
 * waiting for the next one: positions in the text as it is now map to the analysed text and back.
 *
 * The answer is as good as a fresh one when the edits leave the plan's structure alone, which
 * `structural` tells: no heading, front matter, fence, HTML block or thematic break is touched.
 * Callers wait for a fresh analysis otherwise.
 */

import type { OffsetRange } from './text';

/** `[start, oldEnd)` of the old text became `[start, newEnd)` of the new one. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * Characters compared at a time while the texts agree, largest first: a slice comparison runs in
 * native code, and every slice is an object made. A 1 MB text agrees over a few dozen slices, not
 * two thousand: 1.1 → 0.5 ms per comparison, made in both threads at every keystroke.
 */
const CHUNKS = [65_536, 4_096, 256, 16];

/** The last texts compared: an incremental parse and the memo of the same analysis compare the same two. */
let last: { old: string; text: string; change: TextChange } | undefined;

/** The one range in which two texts differ: their common beginning and end taken away. */
export function changedRange(old: string, text: string): TextChange {
  if (last && last.old === old && last.text === text) return last.change;
  const change = compare(old, text);
  last = { old, text, change };
  return change;
}

function compare(old: string, text: string): TextChange {
  const max = Math.min(old.length, text.length);
  let start = 0;
  for (const chunk of CHUNKS) while (start + chunk <= max && old.slice(start, start + chunk) === text.slice(start, start + chunk)) start += chunk;
  while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let tail = 0;
  const room = max - start;
  for (const chunk of CHUNKS)
    while (tail + chunk <= room && old.slice(old.length - tail - chunk, old.length - tail) === text.slice(text.length - tail - chunk, text.length - tail))
      tail += chunk;
  while (tail < room && old.charCodeAt(old.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  return { start, oldEnd: old.length - tail, newEnd: text.length - tail };
}

/**
 * A line that shapes the plan's structure, or may change how the lines after it are read: an ATX
 * heading, a setext underline or thematic break, a fence, an HTML block or comment, a front-matter
 * delimiter, a link reference definition.
 */
const STRUCTURAL_LINE =
  /^ {0,3}(?:#{1,6}(?:[ \t]|$)|={1,}[ \t]*$|-{2,}[ \t]*$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|`{3,}|~{3,}|<|\.\.\.[ \t]*$|\[[^\]]*\]:)|<!--|-->/;

/** A line's kind for `structural`: blank or text, after its quote and list-item markers (numbers as `n`). */
function lineKind(line: string): string {
  const prefix = /^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))*(?:\[[ xX]\](?:[ \t]|$))?/.exec(line)![0];
  return (line.length === prefix.length || !line.slice(prefix.length).trim() ? 'blank:' : 'text:') + prefix.replace(/\d+/g, 'n');
}

/** The whole lines of `text` that `[from, to)` touches. */
function linesAround(text: string, from: number, to: number): string {
  let start = from;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = to;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(start, end);
}

/** Where the front matter ends (the offset after its closing line), 0 without one, the text's length when it is never closed. */
function frontMatterEnd(text: string): number {
  if (!/^\uFEFF?---[ \t]*(?:\r\n?|\n)/.test(text)) return 0;
  const close = /(?:\r\n?|\n)(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|$)/g;
  close.lastIndex = text.indexOf('-') + 3;
  const m = close.exec(text);
  return m ? m.index + m[0].length : text.length;
}

export class PendingEdit {
  readonly change: TextChange;
  readonly delta: number;
  /** Whether the edits may have changed the plan's structure (see `STRUCTURAL_LINE`). */
  readonly structural: boolean;

  constructor(
    readonly old: string,
    readonly text: string,
  ) {
    this.change = changedRange(old, text);
    this.delta = text.length - old.length;
    this.structural = this.#isStructural();
  }

  /** No edits: the texts are the same. */
  get none(): boolean {
    return this.old === this.text;
  }

  /**
   * An offset in the new text as an offset in the old one; inside the inserted text, the start of
   * what it replaced (`exact` false).
   */
  toOld(offset: number): { offset: number; exact: boolean } {
    const { start, newEnd } = this.change;
    if (offset <= start) return { offset, exact: true };
    if (offset >= newEnd) return { offset: offset - this.delta, exact: true };
    return { offset: start, exact: false };
  }

  /** An offset in the old text as one in the new text; inside the replaced text, the nearer end of what replaced it (`end` for a range's end). */
  toNew(offset: number, end = false): number {
    const { start, oldEnd, newEnd } = this.change;
    if (offset < start || (offset === start && !end)) return offset;
    if (offset > oldEnd || (offset === oldEnd && end)) return offset + this.delta;
    return end ? newEnd : start;
  }

  /**
   * A range of the old text in the new text. A range that ends where text was inserted takes the
   * inserted text in, but not its trailing white space (a range ends at its last character).
   */
  rangeToNew(r: { start: number; end: number }): { start: number; end: number } {
    const start = this.toNew(r.start);
    let end = this.toNew(r.end, true);
    if (r.end === this.change.oldEnd && end === this.change.newEnd) while (end > this.change.start && /\s/.test(this.text[end - 1])) end--;
    return { start, end: Math.max(start, end) };
  }

  #isStructural(): boolean {
    if (this.none) return false;
    const { start, oldEnd, newEnd } = this.change;
    // The front matter holds the document's type and template: anything there may change everything.
    if (start < Math.max(frontMatterEnd(this.old), frontMatterEnd(this.text))) return true;
    const touched = [linesAround(this.old, start, oldEnd), linesAround(this.text, start, newEnd)];
    // The line after the changed lines too: text typed above `---` or `===` makes a setext heading.
    for (const [text, end] of [
      [this.old, oldEnd],
      [this.text, newEnd],
    ] as const) {
      const eol = /\r\n?|\n/g;
      eol.lastIndex = end;
      const m = eol.exec(text);
      if (m) touched.push(linesAround(text, m.index + m[0].length, m.index + m[0].length));
    }
    if (touched.some((block) => block.split(/\r\n?|\n/).some((line) => STRUCTURAL_LINE.test(line)))) return true;
    // Lines that change their kind (blank, text, a list item, a quote) or their number change blocks:
    // a section's emptiness, its count of actions, its folding.
    const kinds = (block: string) =>
      block
        .split(/\r\n?|\n/)
        .map(lineKind)
        .join('\n');
    return kinds(touched[0]) !== kinds(touched[1]);
  }

  /**
   * Whether an answer about the place `offset` (in the old text) may have changed with the edits
   * although the structure has not: the innermost symbol that holds the place (the section a hover
   * there describes, with its readability and its findings) contains the changed text.
   */
  touches(symbols: ReadonlyArray<{ range: OffsetRange; children: ReadonlyArray<unknown> }>, offset: number): boolean {
    if (this.none) return false;
    const { start, oldEnd } = this.change;
    let found: { range: OffsetRange } | undefined;
    const visit = (list: typeof symbols) => {
      for (const s of list) {
        if (s.range.start > offset || s.range.end < offset) continue;
        found = s;
        visit(s.children as typeof symbols);
      }
    };
    visit(symbols);
    return !!found && found.range.start <= oldEnd && start <= found.range.end;
  }
}
