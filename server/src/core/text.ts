/** Offsets and positions. Offsets are UTF-16 code unit indices into the document text (as LSP counts). */

export interface Position {
  /** Zero-based line. */
  line: number;
  /** Zero-based UTF-16 column. */
  character: number;
}

export interface OffsetRange {
  start: number;
  end: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Maps offsets to line/character positions and back, for one text. Built once per document version. */
export class LineIndex {
  readonly #lineStarts: number[];
  readonly #length: number;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
    const starts = [0];
    if (!text.includes('\r')) {
      // The usual case, searched in native code.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */) starts.push(i + 1);
        else if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.#lineStarts = starts;
    this.#length = text.length;
  }

  get lineCount(): number {
    return this.#lineStarts.length;
  }

  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.#lineStarts.length) return this.#length;
    return this.#lineStarts[line];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.#length));
    let lo = 0;
    let hi = this.#lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.#lineStarts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.#lineStarts.length) return this.#length;
    const start = this.#lineStarts[position.line];
    // A character past the end of the line means the end of the line (before its line break).
    const end = position.line + 1 < this.#lineStarts.length ? this.#lineEnd(position.line) : this.#length;
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  #lineEnd(line: number): number {
    let end = this.#lineStarts[line + 1];
    if (end > 0 && this.#text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.#text.charCodeAt(end - 1) === 13) end--;
    return Math.max(this.#lineStarts[line], end);
  }

  range(r: OffsetRange): Range {
    return { start: this.positionAt(r.start), end: this.positionAt(r.end) };
  }
}

/**
 * Lower-cases, composes (Unicode NFC: a decomposed ”ä” is ”ä”) and folds whitespace; keeps Swedish
 * letters as they are. Lower-casing for Swedish is the language-neutral mapping (only Turkish,
 * Azeri and Lithuanian differ; a test compares every code point), and `toLowerCase()` is several
 * times faster than `toLocaleLowerCase('sv')`, which resolves the locale on every call.
 */
export function fold(s: string): string {
  // Most names are in Latin script below U+0300, where every text is already composed (a test goes
  // through every pair): those skip normalize().
  let composed = true;
  for (let i = 0; i < s.length; i++)
    if (s.charCodeAt(i) >= 0x300) {
      composed = false;
      break;
    }
  return singleSpaced((composed ? s : s.normalize('NFC')).toLowerCase());
}

/**
 * `s` with each run of white space made one space and none at the ends, as
 * `s.replace(/\s+/g, ' ').trim()`; `s` itself, without a copy, when it has nothing to change (as
 * most headings and names).
 */
export function singleSpaced(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 ? i === 0 || i === s.length - 1 || s.charCodeAt(i - 1) === 32 : isSpaceCode(c)) return s.replace(/\s+/g, ' ').trim();
  }
  return s;
}

/** Whether the UTF-16 code unit is one of the characters JavaScript's `\s` matches. */
export function isSpaceCode(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Whether the UTF-16 code unit is an ASCII digit (what `\d` matches). */
export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Names longer than this are not compared character by character for "did you mean": an edit
 * distance costs the product of the two lengths, and both may be long hostile text (an Innehåll
 * entry and a heading). Such names are still matched exactly, by prefix and by suffix.
 */
export const MAX_EDIT_LENGTH = 200;

/** Damerau–Levenshtein (optimal string alignment) distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  return editDistanceWithin(a, b, Infinity);
}

/** The rows of editDistanceWithin, kept between calls (the library is single-threaded); grown as needed. */
let shared = new Int32Array(0);

/**
 * The edit distance of `a` and `b` (as editDistance) when it is at most `limit`; otherwise some
 * number above `limit`, found without filling the whole table: the distance is at least the
 * difference in length, and no row's smallest cell is below the smaller of the row before's and
 * one more than the one before that (a transposition reaches back two rows).
 */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  if (Math.abs(n - m) > limit) return limit + 1;
  const w = m + 1;
  // Kept for short texts only: a long one's table is not held after its call.
  if (shared.length < 3 * w) {
    if (w > 1024) return fill(a, b, limit, new Int32Array(3 * w));
    shared = new Int32Array(3 * w);
  }
  return fill(a, b, limit, shared);
}

function fill(a: string, b: string, limit: number, rows: Int32Array): number {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  // Three rows in one array, taken in turn: two rows back, the row before, this row.
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= m; j++) rows[prev + j] = j;
  let min1 = 0;
  for (let i = 1; i <= n; i++) {
    const ai = a.charCodeAt(i - 1);
    const ai1 = i > 1 ? a.charCodeAt(i - 2) : -1;
    rows[cur] = i;
    let min = i;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && ai1 === bj) v = Math.min(v, rows[prev2 + j - 2] + 1);
      rows[cur + j] = v;
      if (v < min) min = v;
    }
    if (min > limit && min1 > limit) return limit + 1;
    min1 = min;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return rows[prev + m];
}

/** The candidates closest to `word` (case-insensitive), best first, within a distance that grows with length. */
export function nearest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const w = fold(word);
  const limit = Math.max(2, Math.floor(w.length / 4));
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const fc = fold(c);
    // Past the limit, a distance's value does not matter: only whether a prefix or suffix brings it back.
    let d = w.length > MAX_EDIT_LENGTH || fc.length > MAX_EDIT_LENGTH ? (w === fc ? 0 : Infinity) : editDistanceWithin(w, fc, limit);
    if (d > limit && (fc.startsWith(w) || w.startsWith(fc) || fc.endsWith(w) || w.endsWith(fc)) && Math.min(w.length, fc.length) >= 4) d = limit;
    if (d <= limit) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0], 'sv'));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const [c] of scored) {
    if (seen.has(fold(c))) continue;
    seen.add(fold(c));
    out.push(c);
    if (out.length >= max) break;
  }
  return out;
}

/** GitHub-style heading slug, as Markdown viewers make anchors (lower case as fold() makes it). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Escapes text for use inside a regular expression. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Escapes text for Markdown shown by an editor (hover, completion documentation, the template as
 * Markdown): no links, images, HTML or emphasis. A scheme's colon and the dot of `www.` are escaped
 * too, so a bare address (`https://…`, `command:…`, `www.…`) is not made into a link by the
 * renderer's autolinking; the text reads the same.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => '\\' + c).replace(/(?<=[a-z0-9])[:]|(?<=\bwww)\./gi, (c) => '\\' + c);
}

/**
 * `s` without the trailing characters that `drop` accepts. A loop from the end: the pattern
 * `/[…]+$/` would try every position of a long run that does not reach the end, in quadratic time.
 */
export function trimEndWhere(s: string, drop: (code: number) => boolean): string {
  let end = s.length;
  while (end > 0 && drop(s.charCodeAt(end - 1))) end--;
  return s.slice(0, end);
}

/** White space and the punctuation that may end a heading or an Innehåll entry (`[\s:?!.]`). */
export function isTrailingPunctuation(c: number): boolean {
  return isSpaceCode(c) || c === 58 /* : */ || c === 63 /* ? */ || c === 33 /* ! */ || c === 46; /* . */
}

/** The line ending a text uses: that of its first line break (`\n` in a text without one). */
export function lineEnding(text: string): '\n' | '\r\n' | '\r' {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? (m[0] as '\n' | '\r\n' | '\r') : '\n';
}
