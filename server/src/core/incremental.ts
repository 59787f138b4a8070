/**
 * Incremental parsing: after an edit, only the top-level section the edit touches is parsed again,
 * and its tree is spliced into the previous one; the rest of the tree is reused (before the edit)
 * or copied with its positions moved (after it). The result is the tree a full parse of the new
 * text gives, node for node and position for position (a property test compares them on thousands
 * of random edits); where that cannot be guaranteed cheaply, the text is parsed in full.
 *
 * The earlier parse is taken over, not copied: the nodes after the edit are the same objects, their
 * positions moved in place (a 1 MB plan would otherwise copy half its tree at every keystroke). So
 * an earlier parse is stale once a later version was made from it or from one after it (`isStale`);
 * a stale parse given to `reparse` is parsed in full, and the analysis worker answers no questions
 * about a stale parse's model.
 *
 * A section here runs from a top-level ATX heading (`## Del 1. …`) to the next one. Such a heading
 * starts a new block whatever comes before it, so a section parses alone as it does in the document,
 * with these exceptions that fall back to a full parse:
 * - the edit is in the front matter or before the first such heading, or reaches the next heading;
 * - the edited section no longer begins with an ATX heading, or no longer ends with a line break;
 * - the edited section ends in a fenced code block or an HTML block, which could run on over the
 *   next heading;
 * - the document has link reference definitions (`[x]: url`), which apply across sections;
 * - the document opens a front matter that it never closes (micromark then reads later list items
 *   as paragraphs; see docs/upstream/micromark.md).
 */
import type { Root, RootContent } from 'mdast';
import { assemble, parseMarkdown, parseTree, type ParsedMarkdown } from './parse';
import { changedRange } from './pending';
import { LineIndex } from './text';

type Point = { line: number; column: number; offset?: number };
type Positioned = { position?: { start: Point; end: Point }; children?: unknown[] };

/** An ATX heading's opening: up to three spaces, one to six `#`, then a space, a tab or the line's end. */
const ATX = /^ {0,3}#{1,6}(?:[ \t\r\n]|$)/;

/** The newest parse of a chain of versions made from one another: all parses of the chain share one. */
interface Chain {
  newest: ParsedMarkdown;
}
const chains = new WeakMap<ParsedMarkdown, Chain>();

/**
 * Whether a parse's text holds `]:` anywhere (it may define link references, which change how the
 * whole text is read): known without a scan for a parse made incrementally, which never has one.
 */
const definesLinks = new WeakMap<ParsedMarkdown, boolean>();

function mayDefineLinks(md: ParsedMarkdown): boolean {
  let found = definesLinks.get(md);
  if (found === undefined) definesLinks.set(md, (found = md.text.includes(']:')));
  return found;
}

/**
 * Whether a later version was parsed from `md` or from a version after it: then positions in its
 * tree after that edit belong to the later text, and the parse must no longer be read.
 */
export function isStale(md: ParsedMarkdown): boolean {
  const chain = chains.get(md);
  return !!chain && chain.newest !== md;
}

/** How the last reparse went, for benchmarks and tests. */
export interface ReparseInfo {
  incremental: boolean;
  /** Why the text was parsed in full, when it was. */
  reason?: string;
  /** Characters parsed. */
  parsed: number;
}

/**
 * The parse of `text`, made from the parse of an earlier version of the same document. Finds the
 * changed range by comparing the two texts, so it serves clients that send whole texts as well as
 * those that send changes.
 */
export function reparse(previous: ParsedMarkdown | undefined, text: string, info?: (i: ReparseInfo) => void): ParsedMarkdown {
  const full = (reason: string): ParsedMarkdown => {
    info?.({ incremental: false, reason, parsed: text.length });
    return parseMarkdown(text);
  };
  if (!previous) return full('no earlier version');
  const old = previous.text;
  if (isStale(previous)) return full('a later version was made from the earlier parse');
  if (old === text) {
    info?.({ incremental: true, parsed: 0 });
    return previous;
  }
  // The changed range: [start, oldEnd) of the old text became [start, newEnd) of the new one.
  const { start, oldEnd, newEnd } = changedRange(old, text);
  // The new text holds `]:` only where the old one did or around the change: the whole text is
  // searched only when the old one held it (on a 1 MB plan the search took 2 ms of each keystroke).
  if ((mayDefineLinks(previous) && text.includes(']:')) || text.slice(Math.max(0, start - 1), newEnd + 1).includes(']:'))
    return full('link reference definitions');
  // micromark reads the rest of a document differently after an opening `---` that is never closed
  // (list items become paragraphs): docs/upstream/micromark.md.
  if (/^---[ \t]*(?:\r\n?|\n)/.test(old) && previous.root.children[0]?.type !== 'yaml') return full('an unclosed front matter');

  const delta = text.length - old.length;

  // The top-level ATX headings of the old tree bound the sections, each from its line's start
  // (a heading may be indented by up to three spaces).
  const children = previous.root.children;
  const lineStartOf = (node: RootContent) => previous.lines.lineStart(previous.lines.positionAt(node.position?.start.offset ?? 0).line);
  const atx = (i: number) => children[i].type === 'heading' && ATX.test(old.slice(lineStartOf(children[i]), lineStartOf(children[i]) + 12));
  // The last child that starts at or before the edit, by binary search (children are in order).
  let lo = 0;
  let hi = children.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((children[mid].position?.start.offset ?? 0) <= start) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // The section's heading: the last ATX heading whose line starts at or before the edit (the child
  // after `at` too, when the edit is in the indentation before its `#`); the next one after it.
  let first = -1;
  for (let i = at; i >= 0 && first < 0; i--) if (atx(i)) first = i;
  for (let i = at + 1; i < children.length && lineStartOf(children[i]) <= start; i++) if (atx(i)) first = i;
  let next = -1;
  for (let i = Math.max(first, at) + 1; i < children.length && next < 0; i++) if (atx(i) && lineStartOf(children[i]) > start) next = i;
  const sectionStart = first >= 0 ? lineStartOf(children[first]) : 0;
  const oldSectionEnd = next >= 0 ? lineStartOf(children[next]) : old.length;
  if (first < 0) return full('the edit is before the first heading');
  if (oldEnd >= oldSectionEnd && next >= 0) return full('the edit reaches the next section');
  const newSectionEnd = next >= 0 ? oldSectionEnd + delta : text.length;
  const section = text.slice(sectionStart, newSectionEnd);
  if (!ATX.test(section.slice(0, 12))) return full('the section no longer begins with a heading');
  if (next >= 0 && !/[\r\n]$/.test(section)) return full('the section no longer ends with a line break');

  const part = parseTree(section);
  const last = part.children[part.children.length - 1];
  if (last && (last.type === 'code' || last.type === 'html')) return full('the section ends in a code or HTML block');

  const lines = new LineIndex(text);
  const startLine = lines.positionAt(sectionStart).line; // 0-based: the section's line 1 is this line + 1
  const lineDelta = next >= 0 ? lines.positionAt(newSectionEnd).line - previous.lines.positionAt(oldSectionEnd).line : 0;
  const spliced: RootContent[] = children.slice(0, first);
  for (const node of part.children) spliced.push(move(node, sectionStart, startLine));
  // From here on `previous` (and any earlier version it shares nodes with) is stale.
  const chain = chains.get(previous) ?? { newest: previous };
  if (next >= 0) for (let i = next; i < children.length; i++) spliced.push(move(children[i], delta, lineDelta));
  const end = lines.positionAt(text.length);
  const root: Root = {
    type: 'root',
    children: spliced,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: end.line + 1, column: end.character + 1, offset: text.length } },
  };
  info?.({ incremental: true, parsed: section.length });
  // The front matter lies before the first heading, so it is unchanged.
  const result = assemble(text, root, lines, previous.frontMatter);
  chain.newest = result;
  chains.set(previous, chain);
  chains.set(result, chain);
  definesLinks.set(result, false);
  return result;
}

/** A node and its descendants with every position moved by `offset` characters and `lines` lines, in place. */
function move<T extends Positioned>(node: T, offset: number, lines: number): T {
  if (offset !== 0 || lines !== 0) shift(node, offset, lines);
  return node;
}

function shift(node: Positioned, offset: number, lines: number): void {
  const p = node.position;
  if (p) {
    movePoint(p.start, offset, lines);
    movePoint(p.end, offset, lines);
  }
  const children = node.children as Positioned[] | undefined;
  if (children) for (let i = 0; i < children.length; i++) shift(children[i], offset, lines);
}

function movePoint(p: Point, offset: number, lines: number): void {
  p.line += lines;
  if (p.offset !== undefined) p.offset += offset;
}
