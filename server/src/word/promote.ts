/**
 * Headings in a Word document that has no heading styles: bold-only paragraphs and numbered
 * headings ("1. Trygghet", "1.2 Utbildning", "Del 2. Växa") become headings. Works on mammoth's
 * document model (`transformDocument`), before the style map applies, where runs still say
 * whether they are bold and how large. A pure function of the tree.
 */

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

export interface PromoteOptions {
  /** Folded titles of the templates' Innehåll sections ("innehåll", "innehållsförteckning"). */
  tocTitles: ReadonlySet<string>;
}

export interface PromoteResult {
  /** Whether the document had heading styles (then nothing was promoted). */
  styled: boolean;
  /** The texts promoted to headings, in order. */
  promoted: string[];
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

/** Promotes the paragraphs of `doc` that look like headings, when it has no heading styles. Changes `doc` in place. */
export function promoteHeadings(doc: WordNode, options: PromoteOptions): PromoteResult {
  const paragraphs = (doc.children ?? []).filter((c) => c.type === 'paragraph');
  if (paragraphs.some(isHeadingStyle)) return { styled: true, promoted: [] };
  interface Candidate {
    p: WordNode;
    text: string;
    numbered?: RegExpExecArray;
    size: number;
  }
  const candidates: Candidate[] = [];
  let inToc: string[] | undefined;
  let bodySeen = false;
  let title: Candidate | undefined;
  for (const p of paragraphs) {
    const text = wordText(p).replace(/\s+/g, ' ').trim();
    const raw = wordText(p);
    if (!text) continue;
    if (isTitleStyle(p)) {
      bodySeen = true;
      continue;
    }
    const runs = textRuns(p);
    const words = text.split(' ').length;
    const short = text.length <= MAX_HEADING && words <= MAX_WORDS && !p.numbering && !hasImage(p);
    const bold = short && runs.length > 0 && runs.every((r) => r.isBold) && !/[.,;]$/.test(text);
    const numbered = short && !/[.,;:]$/.test(text) && words <= 12 ? (NUMBERED.exec(text) ?? undefined) : undefined;
    const key = fold(text.replace(/[:.]$/, ''));
    if (options.tocTitles.has(key) && (bold || short)) {
      candidates.push({ p, text, size: runs[0]?.fontSize ?? 0 });
      inToc = [];
      continue;
    }
    if (inToc) {
      // Innehåll: its entries stay text until an entry repeats (the first real heading) or body text begins.
      const entry = fold(text.replace(TOC_LINE, '').replace(/[.…\s]+$/, ''));
      if (TOC_LINE.test(raw) || (short && !inToc.includes(entry))) {
        inToc.push(entry);
        continue;
      }
      inToc = undefined;
    }
    if (bold || numbered) {
      const c: Candidate = { p, text, numbered, size: runs[0]?.fontSize ?? 0 };
      if (!bodySeen && !title && !numbered && candidates.length === 0) title = c;
      candidates.push(c);
    } else bodySeen = true;
  }
  // Bold headings take their depth from their size: the largest are the highest.
  const sizes = [...new Set(candidates.filter((c) => !c.numbered && c !== title).map((c) => c.size))].sort((a, b) => b - a);
  for (const c of candidates) {
    const depth = c === title ? 1 : c.numbered ? numberedDepth(c.numbered) : Math.min(4, 2 + sizes.indexOf(c.size));
    c.p.styleName = `Heading ${depth}`;
    c.p.styleId = `Heading${depth}`;
    for (const r of textRuns(c.p)) r.isBold = false;
  }
  return { styled: false, promoted: candidates.map((c) => c.text) };
}
