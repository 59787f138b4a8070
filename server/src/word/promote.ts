/**
 * Headings in a Word document that has no heading styles. Works on mammoth's document model
 * (`transformDocument`), before the style map applies, where runs still say whether they are bold
 * and how large. A pure function of the tree.
 *
 * A paragraph is *marked* when all its text is bold or larger than the body text. Promoted are:
 * - marked paragraphs the templates recognise (a section, the parts' section, a labelled or named
 *   unit, a subsection: cues.ts) and marked numbered headings ("1.2 Utbildning", "Del 2 – Växa");
 * - marked paragraphs larger than the body text;
 * - bold paragraphs the size of the body text only where the template expects headings without a
 *   label (the parts of a `match: any` level, under "Strategier"), when they are short, do not end
 *   like a sentence and ordinary text follows them;
 * - numbered paragraphs that are not marked, but only in a document that marks no heading at all.
 * Everything else stays text, bold as it was: a bold sentence for emphasis ("Observera att …"), a
 * bold lead-in in a Vad text. The bold paragraphs kept as text are returned, for the notes.
 */

import type { HeadingCue } from './cues';

/** The parts of mammoth's document model this module reads (see mammoth/lib/documents.js). */
export interface WordNode {
  type: string;
  children?: WordNode[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: unknown;
  isBold?: boolean;
  fontSize?: number | null;
}

/** Style names and ids of Word's headings, in English and Swedish Word ("Heading 1", "Rubrik 1"). */
export const HEADING_STYLE = /^(?:heading|rubrik)\s*([1-9])$/i;
const TITLE_STYLE = /^(?:title|rubrik)$/i;

/** A heading written with a number: "1. Trygghet", "1.2 Utbildning", "Del 2. Växa", "Del 2 – Växa". */
const NUMBERED = /^(?:(\p{L}+)\s+(\d+(?:\.\d+)*)\s*[.:–—-]\s*|(\d+)\.\s+|(\d+(?:\.\d+)+)\.?\s+)(?=\p{L})/u;
/** Innehåll entries: a page number after a tab or dot leaders. */
const TOC_LINE = /(?:\t|\.{3,}|…|\s{2,})\s*\d{1,3}\s*$/;
const MAX_HEADING = 150;
const MAX_WORDS = 16;
/** A bold paragraph the size of the body text is a heading only if it is this short. */
const MAX_PLAIN_WORDS = 10;

export interface PromoteOptions {
  /** Folded titles of the templates' Innehåll sections ("innehåll", "innehållsförteckning"). */
  tocTitles: ReadonlySet<string>;
  /** What the templates make of a paragraph's text (cues.ts); without it, only numbers and size count. */
  cue?: (text: string) => HeadingCue | undefined;
}

export interface PromoteResult {
  /** Whether the document had heading styles (then nothing was promoted). */
  styled: boolean;
  /** The texts promoted to headings, in order. */
  promoted: string[];
  /** Short bold paragraphs that stayed text (emphasis, a lead-in), in order. */
  kept: string[];
}

/** The text of a paragraph or run, with tabs. */
export function wordText(n: WordNode): string {
  if (n.type === 'text') return n.value ?? '';
  if (n.type === 'tab') return '\t';
  if (n.type === 'break') return ' ';
  return (n.children ?? []).map(wordText).join('');
}

function isHeadingStyle(p: WordNode): boolean {
  return HEADING_STYLE.test(p.styleName ?? '') || HEADING_STYLE.test(p.styleId ?? '');
}

function isTitleStyle(p: WordNode): boolean {
  return TITLE_STYLE.test(p.styleName ?? '') || TITLE_STYLE.test(p.styleId ?? '');
}

/** The runs with text in a paragraph, inside hyperlinks too. */
function textRuns(n: WordNode): WordNode[] {
  if (n.type === 'run') return wordText(n).trim() ? [n] : [];
  return (n.children ?? []).flatMap(textRuns);
}

function hasImage(n: WordNode): boolean {
  return n.type === 'image' || (n.children ?? []).some(hasImage);
}

function fold(s: string): string {
  return s.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
}

/** The heading depth of a numbered heading: "1." → 2, "1.2" → 3, "Del 2." → 2, "Ambition 1.2." → 3. */
function numberedDepth(m: RegExpExecArray): number {
  const n = m[2] ?? m[3] ?? m[4];
  return Math.min(6, n.split('.').length + 1);
}

interface Para {
  p: WordNode;
  text: string;
  raw: string;
  words: number;
  /** The smallest size of its runs (0: the style's). */
  size: number;
  bold: boolean;
  /** Short enough, not a list item, no image. */
  short: boolean;
}

function describe(p: WordNode): Para {
  const raw = wordText(p);
  const text = raw.replace(/\s+/g, ' ').trim();
  const runs = textRuns(p);
  const words = text ? text.split(' ').length : 0;
  return {
    p,
    text,
    raw,
    words,
    size: runs.length ? Math.min(...runs.map((r) => r.fontSize ?? 0)) : 0,
    bold: runs.length > 0 && runs.every((r) => r.isBold),
    short: text.length <= MAX_HEADING && words <= MAX_WORDS && !p.numbering && !hasImage(p),
  };
}

/** The size of the body text: the most common size of the paragraphs that are neither bold nor short. */
function bodySize(paras: Para[]): number {
  const count = new Map<number, number>();
  for (const x of paras) if (!x.bold && x.words > 3) count.set(x.size, (count.get(x.size) ?? 0) + x.text.length);
  let best = 0;
  let most = -1;
  for (const [size, n] of count) if (n > most) [best, most] = [size, n];
  return best;
}

/** Promotes the paragraphs of `doc` that look like headings, when it has no heading styles. Changes `doc` in place. */
export function promoteHeadings(doc: WordNode, options: PromoteOptions): PromoteResult {
  const paragraphs = (doc.children ?? []).filter((c) => c.type === 'paragraph');
  if (paragraphs.some(isHeadingStyle)) return { styled: true, promoted: [], kept: [] };
  const paras = paragraphs.map(describe).filter((x) => x.text);
  const body = bodySize(paras);
  const larger = (x: Para) => x.size > body;
  const marked = (x: Para) => x.bold || larger(x);
  const cueOf = (x: Para) => (x.short ? options.cue?.(x.text) : undefined);
  const numberedOf = (x: Para) => (x.short && !/[.,;:]$/.test(x.text) && x.words <= 12 ? (NUMBERED.exec(x.text) ?? undefined) : undefined);
  // Whether the document marks its headings at all: then a paragraph that is not marked is text.
  const marks = paras.some((x) => marked(x) && x.short && (cueOf(x) || numberedOf(x)));

  interface Candidate {
    x: Para;
    numbered?: RegExpExecArray;
    /** A part without a label: one level below the heading of the parts' section. */
    under?: Candidate;
  }
  const candidates: Candidate[] = [];
  const kept: string[] = [];
  let inToc: string[] | undefined;
  let tocPages = 0;
  let bodySeen = false;
  let title: Candidate | undefined;
  /** Inside the section of parts without labels ("Strategier"): bold headings of body size are its parts. */
  let bareParts: Candidate | undefined;
  paras.forEach((x, i) => {
    if (isTitleStyle(x.p)) {
      bodySeen = true;
      return;
    }
    const key = fold(x.text.replace(/[:.]$/, ''));
    if (options.tocTitles.has(key) && x.short) {
      candidates.push({ x });
      inToc = [];
      tocPages = 0;
      bareParts = undefined;
      return;
    }
    if (inToc) {
      // Innehåll: its entries stay text until an entry repeats (the first real heading), a line
      // without a page number follows lines that all had one, or body text begins.
      const entry = fold(x.raw.replace(TOC_LINE, '').replace(/[.…\s!?:]+$/, ''));
      const paged = TOC_LINE.test(x.raw);
      if (paged || (x.short && !inToc.includes(entry) && !(tocPages > 0 && tocPages === inToc.length))) {
        inToc.push(entry);
        if (paged) tocPages++;
        return;
      }
      inToc = undefined;
    }
    const cue = cueOf(x);
    const numbered = numberedOf(x);
    // The first marked paragraph before any text is the title.
    const first = !bodySeen && candidates.length === 0;
    const bare = !cue && !numbered && !larger(x) && bareParts && plainHeading(x, paras[i + 1]) ? bareParts : undefined;
    const heading = x.short && marked(x) && !/[.,;]$/.test(x.text) && (first || !!cue || !!numbered || larger(x) || !!bare);
    if (heading || (numbered && !marks)) {
      const c: Candidate = { x, numbered, under: first ? undefined : bare };
      if (!bodySeen && !title && !numbered && !cue && candidates.length === 0) title = c;
      candidates.push(c);
      if (cue?.kind === 'parts') bareParts = cue.bare ? c : undefined;
      else if (cue?.kind === 'section') bareParts = undefined;
      return;
    }
    if (x.bold && x.short) kept.push(x.text);
    bodySeen = true;
  });
  // Bold headings take their depth from their size: the largest are the highest.
  const sizes = [...new Set(candidates.filter((c) => !c.numbered && !c.under && c !== title).map((c) => c.x.size))].sort((a, b) => b - a);
  const depths = new Map<Candidate, number>();
  for (const c of candidates) {
    const depth =
      c === title
        ? 1
        : c.under
          ? Math.min(6, (depths.get(c.under) ?? 2) + 1)
          : c.numbered
            ? numberedDepth(c.numbered)
            : Math.min(4, 2 + sizes.indexOf(c.x.size));
    depths.set(c, depth);
    c.x.p.styleName = `Heading ${depth}`;
    c.x.p.styleId = `Heading${depth}`;
    for (const r of textRuns(c.x.p)) r.isBold = false;
  }
  return { styled: false, promoted: candidates.map((c) => c.x.text), kept };
}

/** A bold line of body size that reads as a heading: short, not ending like a sentence, with ordinary text after it. */
function plainHeading(x: Para, next: Para | undefined): boolean {
  return x.words <= MAX_PLAIN_WORDS && !/[.!:;,]$/.test(x.text) && !!next && !next.bold;
}
