/**
 * Markdown → document structure: mdast (unified + remark-parse, GFM, front matter), the YAML front
 * matter with the range of every key and value, and the heading tree. Never throws.
 */
import type { Heading, Root, RootContent, Yaml } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { isSpaceCode, LineIndex, singleSpaced, type OffsetRange } from './text';

export interface FrontMatterEntry {
  key: string;
  keyRange: OffsetRange;
  /** The value as YAML read it (a Date stays a string: dates are read as text). */
  value: unknown;
  /** The value's source text, trimmed; '' when empty. */
  valueText: string;
  /** The value's range; an empty range right after the colon when there is no value. */
  valueRange: OffsetRange;
}

export interface FrontMatter {
  /** The whole block, from the opening `---` to the closing one. */
  range: OffsetRange;
  /** The YAML text inside. */
  contentRange: OffsetRange;
  entries: FrontMatterEntry[];
  errors: Array<{ message: string; range: OffsetRange }>;
  /** The top-level value is not a mapping (a list, a scalar). */
  notAMapping: boolean;
}

export interface HeadingInfo {
  depth: number;
  /** Plain text of the heading (inline markup removed). */
  text: string;
  /** The heading's whole line(s). */
  range: OffsetRange;
  /** Where the heading's text begins and ends. */
  textRange: OffsetRange;
}

export interface SectionNode {
  heading: HeadingInfo;
  /** Block nodes directly under the heading, before the first subheading. */
  blocks: RootContent[];
  children: SectionNode[];
  parent?: SectionNode;
  /** From the heading's start to the section's end (before the next heading of the same or lower depth). */
  range: OffsetRange;
}

export interface ParsedMarkdown {
  text: string;
  lines: LineIndex;
  root: Root;
  frontMatter?: FrontMatter;
  /** Top-level heading tree. */
  sections: SectionNode[];
  /** Blocks before the first heading (after front matter). */
  preamble: RootContent[];
  /** Every heading section in document order. */
  allSections: SectionNode[];
}

/**
 * Of GFM, the one part that changes what a plan's checks see: task list items
 * (`- [x] Nämnden ska …`, where the actor follows the box). The rest of remark-gfm does not
 * change the structure the checks read (a table stays content of its section either way; bare-URL
 * autolinks, strikethrough and footnote calls are inline) and would cost 40–90 % more parse time:
 * autolink literals double it, tables add 40 % (measured with scripts/bench.ts).
 */
function gfmTaskLists(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmTaskLists);

/** The mdast tree of a Markdown text; never throws. */
export function parseTree(text: string): Root {
  try {
    return processor.parse(text);
  } catch {
    // micromark does not throw on any input we know of; an empty tree keeps the promise "never throws".
    return { type: 'root', children: [] };
  }
}

export function parseMarkdown(text: string): ParsedMarkdown {
  return assemble(text, parseTree(text));
}

/**
 * The document structure of a text from its tree: front matter and the heading tree. The front
 * matter of an earlier version is taken as it is when the caller knows it is unchanged.
 */
export function assemble(text: string, root: Root, lines = new LineIndex(text), unchangedFrontMatter?: FrontMatter): ParsedMarkdown {
  let frontMatter: FrontMatter | undefined;
  const first = root.children[0];
  if (first && first.type === 'yaml') frontMatter = unchangedFrontMatter ?? readFrontMatter(text, first);

  const preamble: RootContent[] = [];
  const sections: SectionNode[] = [];
  const allSections: SectionNode[] = [];
  const stack: SectionNode[] = [];
  for (const node of root.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading') {
      const section: SectionNode = { heading: headingInfo(node, text), blocks: [], children: [], range: { start: offsetOf(node, 'start'), end: text.length } };
      while (stack.length && stack[stack.length - 1].heading.depth >= node.depth) {
        const done = stack.pop()!;
        done.range.end = Math.max(done.heading.range.end, trimEnd(text, offsetOf(node, 'start')));
      }
      const parent = stack[stack.length - 1];
      if (parent) {
        section.parent = parent;
        parent.children.push(section);
      } else sections.push(section);
      stack.push(section);
      allSections.push(section);
    } else if (stack.length) stack[stack.length - 1].blocks.push(node);
    else preamble.push(node);
  }
  for (const s of stack) s.range.end = Math.max(s.heading.range.end, trimEnd(text, text.length));
  return { text, lines, root, frontMatter, sections, preamble, allSections };
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && isSpaceCode(text.charCodeAt(e - 1))) e--;
  return e;
}

export function offsetOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, which: 'start' | 'end'): number {
  const p = node.position;
  // Two named reads rather than `p[which]`: called for most nodes of every analysis, a keyed read was its slowest part.
  return (p ? (which === 'start' ? p.start.offset : p.end.offset) : undefined) ?? 0;
}

export function rangeOf(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): OffsetRange {
  return { start: offsetOf(node, 'start'), end: offsetOf(node, 'end') };
}

function headingInfo(node: Heading, text: string): HeadingInfo {
  const range = rangeOf(node);
  let start: number;
  let end: number;
  if (node.children.length) {
    start = offsetOf(node.children[0], 'start');
    end = offsetOf(node.children[node.children.length - 1], 'end');
  } else {
    const raw = text.slice(range.start, range.end);
    const m = /^\s*#*\s*/.exec(raw)!;
    start = range.start + m[0].length;
    end = range.end;
  }
  // The text range lies within the heading's range, even for an empty heading ("## ").
  start = Math.min(Math.max(start, range.start), range.end);
  end = Math.min(Math.max(end, range.start), range.end);
  if (end < start) end = start;
  // A heading of plain text (most are) is its text node's value, as toString gives it.
  const only = node.children.length === 1 ? node.children[0] : undefined;
  const plain = only?.type === 'text' ? only.value : toString(node);
  return { depth: node.depth, text: singleSpaced(plain), range, textRange: { start, end } };
}

function readFrontMatter(text: string, node: Yaml): FrontMatter {
  const range = rangeOf(node);
  const raw = text.slice(range.start, range.end);
  // The opening `---` line ends in \n, \r\n or \r (old Mac files).
  const firstBreak = raw.search(/\r\n?|\n/);
  const breakLength = firstBreak >= 0 && raw.startsWith('\r\n', firstBreak) ? 2 : 1;
  const contentStart = range.start + (firstBreak >= 0 ? firstBreak + breakLength : raw.length);
  const contentEnd = contentStart + node.value.length;
  const contentRange = { start: contentStart, end: Math.max(contentStart, Math.min(contentEnd, range.end)) };
  const fm: FrontMatter = { range, contentRange, entries: [], errors: [], notAMapping: false };
  if (!node.value.trim()) return fm;
  let doc: Document.Parsed;
  try {
    // Dates stay strings (core schema): the checks read them as ISO text.
    // YAML reads \r\n and \n as line ends; a lone \r becomes \n, of the same length, so offsets stay.
    doc = parseDocument(node.value.replace(/\r(?!\n)/g, '\n'), { schema: 'core', uniqueKeys: false, prettyErrors: false, lineCounter: new LineCounter() });
  } catch (e) {
    fm.errors.push({ message: String(e), range: contentRange });
    return fm;
  }
  for (const err of doc.errors) {
    fm.errors.push({
      message: err.message.split('\n')[0],
      range: { start: contentStart + err.pos[0], end: contentStart + Math.max(err.pos[1], err.pos[0] + 1) },
    });
  }
  const contents = doc.contents;
  if (contents && !isMap(contents)) {
    fm.notAMapping = true;
    return fm;
  }
  if (!contents) return fm;
  for (const pair of contents.items) {
    const keyNode = pair.key;
    if (!isScalar(keyNode) || !keyNode.range || keyNode.value === null || keyNode.value === undefined || String(keyNode.value) === '') continue;
    // Keys are compared composed (NFC): a key typed with a decomposed ”ä” is the template's key.
    const key = String(keyNode.value).normalize('NFC');
    const keyRange = { start: contentStart + keyNode.range[0], end: contentStart + keyNode.range[1] };
    const v = pair.value as { range?: [number, number, number]; toJSON?: () => unknown } | null;
    let valueRange: OffsetRange;
    let value: unknown = null;
    if (v && v.range && v.range[1] > v.range[0]) {
      valueRange = { start: contentStart + v.range[0], end: contentStart + v.range[1] };
      try {
        value = isScalar(v) ? v.value : (v as { toJSON(): unknown }).toJSON();
      } catch {
        value = text.slice(valueRange.start, valueRange.end);
      }
    } else {
      // `key:` with nothing after: the empty range just after the colon.
      const colon = text.indexOf(':', keyRange.end);
      const at = colon >= 0 && colon < contentRange.end ? colon + 1 : keyRange.end;
      valueRange = { start: at, end: at };
    }
    const valueText = text.slice(valueRange.start, valueRange.end).trim();
    fm.entries.push({ key, keyRange, value, valueText: stripQuotes(valueText), valueRange });
  }
  return fm;
}

function stripQuotes(s: string): string {
  if (s.length >= 2 && ((s[0] === '"' && s.endsWith('"')) || (s[0] === "'" && s.endsWith("'")))) return s.slice(1, -1);
  return s;
}

/** Plain text of any mdast node. */
export function plainText(node: RootContent | Root): string {
  return toString(node);
}
