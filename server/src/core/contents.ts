/** Innehåll, the table of contents: its entries as written, without dot leaders and page numbers. */
import type { List } from 'mdast';
import { sectionBlocksDeep, type TocEntry } from './model';
import { plainText, rangeOf, type SectionNode } from './parse';
import { isDigitCode, isSpaceCode } from './text';

const TOC_NUMBER = /^(?:([\p{L}]+)\s+)?(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$/u;

/** Dot leaders of an Innehåll entry pasted from Word: `.`, `…`, `·`, `_`. */
const isLeader = (c: number) => c === 46 || c === 0x2026 || c === 0xb7 || c === 95;

/** The offset before the run of characters ending at `end` that `accept` accepts. */
function runStart(s: string, end: number, accept: (c: number) => boolean): number {
  let i = end;
  while (i > 0 && accept(s.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * Text of an Innehåll entry without dot leaders and page numbers. The same as the patterns
 * `/\s*[.…·_]{2,}\s*\d*\s*$/`, `/\t+\s*\d{1,3}\s*$/` and `/\s{2,}\d{1,3}\s*$/` removed in turn,
 * written as loops from the end: the patterns take quadratic (and the second cubic) time on a
 * long run of leaders, tabs or spaces that does not end the entry.
 */
export function cleanTocText(s: string): string {
  // Leaders, then perhaps a page number: "Bakgrund ........ 4".
  let end = runStart(s, s.length, isSpaceCode);
  end = runStart(s, end, isDigitCode);
  end = runStart(s, end, isSpaceCode);
  const leaders = runStart(s, end, isLeader);
  if (end - leaders >= 2) s = s.slice(0, runStart(s, leaders, isSpaceCode));
  // A tab, then a page number: "Bakgrund\t4".
  s = withoutPageNumber(s, (ws) => {
    const tab = ws.indexOf('\t');
    return tab >= 0 ? tab : undefined;
  });
  // Two spaces or more, then a page number: "Bakgrund   4".
  s = withoutPageNumber(s, (ws) => (ws.length >= 2 ? 0 : undefined));
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * `s` without a page number of one to three digits at its end, after white space and before
 * optional white space. `cut` gets the white space before the number and says where in it the
 * removed part starts, or undefined to keep `s`.
 */
function withoutPageNumber(s: string, cut: (ws: string) => number | undefined): string {
  const digitsEnd = runStart(s, s.length, isSpaceCode);
  const digitsStart = runStart(s, digitsEnd, isDigitCode);
  const n = digitsEnd - digitsStart;
  if (n < 1 || n > 3) return s;
  const wsStart = runStart(s, digitsStart, isSpaceCode);
  const at = cut(s.slice(wsStart, digitsStart));
  return at === undefined ? s : s.slice(0, wsStart + at);
}

function tocEntry(text: string, start: number, end: number, link?: string): TocEntry {
  const cleaned = cleanTocText(text);
  const m = TOC_NUMBER.exec(cleaned);
  const entry: TocEntry = { text: cleaned, range: { start, end }, title: cleaned, link };
  if (m && (!m[1] || !/^\d/.test(m[2]) === false)) {
    entry.label = m[1];
    entry.number = m[2];
    entry.title = m[3].trim();
  }
  return entry;
}

export function readToc(section: SectionNode, text: string): TocEntry[] {
  const entries: TocEntry[] = [];
  const walkList = (list: List) => {
    for (const li of list.children) {
      const para = li.children.find((c) => c.type === 'paragraph');
      if (para) {
        const r = rangeOf(para);
        const link = para.children.length === 1 && para.children[0].type === 'link' ? para.children[0].url : undefined;
        const e = tocEntry(plainText(para), r.start, r.end, link);
        entries.push(e);
      }
      for (const c of li.children) if (c.type === 'list') walkList(c);
    }
  };
  for (const b of sectionBlocksDeep(section)) {
    if (b.type === 'list') walkList(b);
    else if (b.type === 'paragraph') {
      // Pasted from Word: one entry a line.
      const r = rangeOf(b);
      const raw = text.slice(r.start, r.end);
      // Lines end in \n, \r\n or \r (old Mac files) alike.
      const re = /\r\n|\r|\n|$/g;
      let from = 0;
      for (let m = re.exec(raw); m; m = re.exec(raw)) {
        const line = raw.slice(from, m.index);
        const at = r.start + from;
        const plain = withoutAnchorLinks(line.replace(/[*_`[\]]/g, ''));
        if (plain.trim()) entries.push(tocEntry(plain, at + (line.length - line.trimStart().length), at + line.trimEnd().length));
        if (m.index >= raw.length) break;
        from = re.lastIndex;
      }
    }
  }
  return entries;
}

/**
 * `s` without the link targets `(#…)` of pasted Markdown links, as `s.replace(/\(#[^)]*\)/g, '')`
 * but in one pass: the pattern scans to the end of the text from every `(#` that has no `)` after it.
 */
function withoutAnchorLinks(s: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = s.indexOf('(#', from);
    if (open < 0) break;
    const close = s.indexOf(')', open + 2);
    // No `)` after this `(#`: none after any later one either.
    if (close < 0) break;
    out += s.slice(from, open);
    from = close + 1;
  }
  return out + s.slice(from);
}
