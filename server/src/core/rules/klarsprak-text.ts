/**
 * The running text of a plan as klarspråk reads it (rules/klarsprak.ts): every paragraph and
 * heading's inline text, with the way back from its characters to the document's offsets, and the
 * paragraphs and sections that are not running text (tables, Innehåll, sources).
 */
import type { PhrasingContent, RootContent } from 'mdast';
import { runsOf } from '../memo';
import type { PlanModel } from '../model';
import { offsetOf } from '../parse';
import type { OffsetRange } from '../text';

/**
 * The text of a block's inline content, and where its characters are in the document: pieces of
 * the text (from `at` in the text, `length` characters) that start at `start` in the document;
 * `exact` when the piece is the source itself, else (escapes, entities) every character maps into
 * the node, clamped to its last character. Offsets are looked up only for the few characters a
 * finding needs (`offsetIn`), not made for every character of every paragraph.
 */
export interface MappedText {
  text: string;
  pieces: Array<{ at: number; length: number; start: number; end: number; exact: boolean }>;
}

function mapInline(nodes: PhrasingContent[], doc: string): MappedText {
  let text = '';
  const pieces: MappedText['pieces'] = [];
  const one = (n: PhrasingContent, ch: string) => {
    const start = offsetOf(n, 'start');
    pieces.push({ at: text.length, length: 1, start, end: start + 1, exact: true });
    text += ch;
  };
  const walk = (list: PhrasingContent[]) => {
    for (const n of list) {
      if (n.type === 'text') {
        const start = offsetOf(n, 'start');
        const end = offsetOf(n, 'end');
        // Escapes and entities make the source longer than the value: clamp to the node.
        const exact = end - start === n.value.length && doc.startsWith(n.value, start);
        if (n.value.length) pieces.push({ at: text.length, length: n.value.length, start, end, exact });
        text += n.value;
      } else if (n.type === 'inlineCode') {
        // Code is not prose to check, but it stands for a word: "besöksort. `Namn …` är" has two sentences.
        one(n, 'X');
      } else if (n.type === 'break' || n.type === 'html' || n.type === 'image') {
        one(n, ' ');
      } else if ('children' in n) walk(n.children as PhrasingContent[]);
    }
  };
  walk(nodes);
  return { text, pieces };
}

/** The document offset of the character at `i` in a mapped text. */
function offsetIn(m: MappedText, i: number): number {
  let lo = 0;
  let hi = m.pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (m.pieces[mid].at <= i) lo = mid;
    else hi = mid - 1;
  }
  const p = m.pieces[lo];
  const k = i - p.at;
  return p.exact ? p.start + k : Math.min(p.start + k, Math.max(p.start, p.end - 1));
}

export const rangeIn = (m: MappedText, from: number, to: number): OffsetRange => ({ start: offsetIn(m, from), end: offsetIn(m, to - 1) + 1 });

/** A paragraph that is a GFM table (this parser leaves tables as paragraphs). */
function isTable(doc: string, start: number, end: number): boolean {
  if (!doc.slice(start, end).includes('|')) return false;
  const lines = doc.slice(start, end).split(/\r?\n/u);
  return lines.length >= 2 && (lines.every((l) => l.trim().startsWith('|')) || lines.some(isDelimiterRow));
}

/**
 * A table's delimiter row, `| --- | :-: |`: cells of two dashes or more with optional colons,
 * separated by pipes. Cell by cell rather than one pattern, whose white space on both sides of
 * the pipes backtracks over a long run of spaces.
 */
function isDelimiterRow(line: string): boolean {
  let cells = line.trim();
  if (cells.startsWith('|')) cells = cells.slice(1);
  if (cells.endsWith('|')) cells = cells.slice(0, -1);
  const parts = cells.split('|');
  return parts.length >= 2 && parts.every((c) => /^:?-{2,}:?$/u.test(c.trim()));
}

/** Sections whose text is not the writer's running text: Innehåll and the list of sources. */
function skippedRanges(plan: PlanModel): OffsetRange[] {
  const out = plan.recognized.filter((r) => r.spec.kind === 'toc' || r.spec.kind === 'sources').map((r) => r.section.range);
  if (plan.toc) out.push(plan.toc.section.range);
  return out;
}

/**
 * Calls `prose` with the mapped text of every paragraph of running text (lists included; quotes,
 * code, tables, HTML and the skipped sections not) and `heading` with every heading's. `around`
 * is called with each run of top-level blocks outside the skipped sections (memo.ts `runsOf`), its
 * first and last block, and reads the run by calling `read` (or does not: memo.ts).
 */
export function walkProse(
  plan: PlanModel,
  prose: (m: MappedText) => void,
  heading: (m: MappedText) => void,
  around: (first: RootContent, last: RootContent, read: () => void) => void = (_f, _l, read) => read(),
): void {
  const doc = plan.md.text;
  const skipped = skippedRanges(plan);
  const inSkipped = (at: number) => skipped.some((r) => at >= r.start && at <= r.end);
  const visit = (node: RootContent) => {
    const start = offsetOf(node, 'start');
    if (node.type === 'heading') {
      if (!inSkipped(start)) heading(mapInline(node.children, doc));
    } else if (node.type === 'paragraph') {
      if (!inSkipped(start) && !isTable(doc, start, offsetOf(node, 'end'))) prose(mapInline(node.children, doc));
    } else if (node.type === 'list' || node.type === 'listItem') {
      for (const ch of node.children) visit(ch);
    }
  };
  const nodes = plan.md.root.children;
  let next = 0;
  for (const [from, to] of runsOf(nodes, (node) => inSkipped(offsetOf(node, 'start')))) {
    for (; next < from; next++) visit(nodes[next]); // in a skipped section
    around(nodes[from], nodes[to - 1], () => {
      for (let i = from; i < to; i++) visit(nodes[i]);
    });
    next = to;
  }
  for (; next < nodes.length; next++) visit(nodes[next]);
}
