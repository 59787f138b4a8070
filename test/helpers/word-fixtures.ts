/**
 * Word renditions of Markdown plans, made with the `docx` package as a writer would have made them
 * by hand in a municipality's Word template (issue 11): a header table on the first page with the
 * front matter's labels and values (dates in Swedish long form, "Ja"), the title in the Title
 * style, headings in Word's heading styles (English "Heading 1–4" or Swedish "Rubrik 1–4") or,
 * without styles, as bold paragraphs in larger sizes, a hand-made Innehåll (one paragraph per
 * line, the page number after a tab), bulleted and numbered lists, tables, quotations in a quote
 * style, footnotes, images with their alt text, links.
 *
 * Deliberately independent of the project's publishing code (server/src/publish): the round trip
 * test checks that one; these files are meant to look like someone else's.
 */
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { List, PhrasingContent, Root, RootContent, TableCell as MdCell } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import type { Template } from '../../server/src/core/index';

export interface Rendition {
  /** Word's heading styles in English Word, in Swedish Word ("Rubrik 1"), or none: bold paragraphs, larger for higher levels. */
  headings: 'english' | 'swedish' | 'bold';
  /** Without styles: bold headings larger than the text, the higher the larger (default), or bold in the text's own size. */
  boldSizes?: boolean;
  /** The header table: a label and its value on each row, or labels over values, three to a row. Default `rows`. */
  header?: 'rows' | 'grid';
  /**
   * Unit headings numbered the way Word files often have them: without the template's label below
   * the top level ("1.1 Namn" for "Ambition 1.1. Namn") and "Del 2 – Namn" for "Del 2. Namn".
   */
  looseNumbers?: boolean;
  /**
   * The Innehåll: `manual` (default) as the Markdown's list has it, typed by hand with page numbers,
   * or `generated` as Word generates it from the headings that follow (levels 1–2, in the styles
   * "toc 1–2" or "Innehåll 1–2"), whatever the Markdown's list says. Only with heading styles.
   */
  toc?: 'manual' | 'generated';
  /** The data of the images by the Markdown's URL; an image not here is a one-pixel PNG. */
  images?: Record<string, Uint8Array>;
}

/** A one-pixel PNG. */
export const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** "2024-11-26" → "26 november 2024", as a Word document writes it. */
export function longDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** The label a header table gives a key: the template's label, else the key in words ("beslutad-av" → "Beslutad av"). */
function labelFor(template: Template, key: string): string {
  const spec = template.frontMatter.find((k) => k.key === key);
  const label = spec?.label === undefined ? undefined : typeof spec.label === 'string' ? spec.label : spec.label.sv;
  const words = label ?? key.replace(/-/g, ' ');
  return words.charAt(0).toLocaleUpperCase('sv') + words.slice(1);
}

/** A value as the header table writes it: dates in long form, ja/nej as "Ja"/"Nej", the document type by the template's name. */
function valueFor(template: Template, key: string, value: unknown): string {
  const spec = template.frontMatter.find((k) => k.key === key);
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('; ');
  const s = String(value);
  switch (spec?.type) {
    case 'date':
      return longDate(s);
    case 'boolean':
      return s.charAt(0).toLocaleUpperCase('sv') + s.slice(1);
    case 'documenttype':
      return typeof template.name === 'string' ? template.name : template.name.sv;
    default:
      return s;
  }
}

/** The header's rows: label | value, or a row of up to three labels over a row of their values. */
function headerRows(pairs: Array<[string, string]>, layout: 'rows' | 'grid'): string[][] {
  if (layout === 'rows') return pairs.map(([l, v]) => [l, v]);
  const rows: string[][] = [];
  for (let i = 0; i < pairs.length; i += 3) {
    const chunk = pairs.slice(i, i + 3);
    while (chunk.length < 3) chunk.push(['', '']);
    rows.push(
      chunk.map((p) => p[0]),
      chunk.map((p) => p[1]),
    );
  }
  return rows;
}

const SIZES = [32, 28, 24, 22, 20, 20];

function parse(markdown: string): { front: Record<string, unknown>; root: Root } {
  const root = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter).parse(markdown) as Root;
  const first = root.children[0];
  let front: Record<string, unknown> = {};
  if (first?.type === 'yaml') {
    front = (parseYaml(first.value, { schema: 'core' }) as Record<string, unknown>) ?? {};
    root.children.shift();
  }
  return { front, root };
}

type Block = Paragraph | Table;

interface Inline {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
}

class Writer {
  private readonly footnotes = new Map<string, number>();
  private readonly footnoteBodies: Record<number, { children: Paragraph[] }> = {};
  private readonly definitions = new Map<string, RootContent[]>();
  private lists = 0;
  private page = 3;

  constructor(
    private readonly rendition: Rendition,
    private readonly template: Template,
  ) {}

  document(markdown: string): Document {
    const { front, root } = parse(markdown);
    for (const c of root.children) if (c.type === 'footnoteDefinition') this.definitions.set(c.identifier, c.children);
    const titleKey = this.template.frontMatter.find((k) => k.role === 'title')?.key ?? 'titel';
    const pairs = Object.entries(front)
      .filter(([k]) => k !== titleKey)
      .map(([k, v]): [string, string] => [labelFor(this.template, k), valueFor(this.template, k, v)]);
    const children: Block[] = [];
    if (pairs.length) children.push(table(headerRows(pairs, this.rendition.header ?? 'rows'), false), new Paragraph(''));
    const tocTitles = this.template.sections.filter((s) => s.kind === 'toc').flatMap((s) => [s.title, ...(s.aliases ?? [])]);
    let inToc = false;
    root.children.forEach((c, i) => {
      if (c.type === 'heading') inToc = tocTitles.includes(toString(c).trim());
      if (inToc && c.type === 'list')
        children.push(
          ...(this.rendition.toc === 'generated' && this.rendition.headings !== 'bold' ? this.generatedToc(root.children.slice(i)) : this.tocLines(c, 0)),
        );
      else children.push(...this.block(c, 0));
    });
    const styles = [
      ...(this.rendition.headings === 'swedish'
        ? [1, 2, 3, 4, 5].map((n) => ({
            id: `Rubrik${n}`,
            name: `Rubrik ${n}`,
            basedOn: 'Normal',
            next: 'Normal',
            quickFormat: true,
            run: { bold: true, size: SIZES[n - 1] },
          }))
        : []),
      { id: 'Rubrik', name: this.rendition.headings === 'swedish' ? 'Rubrik' : 'Title', basedOn: 'Normal', next: 'Normal', run: { bold: true, size: 40 } },
      ...[1, 2].map((n) => ({
        id: `TOC${n}`,
        name: this.rendition.headings === 'swedish' ? `Innehåll ${n}` : `toc ${n}`,
        basedOn: 'Normal',
        paragraph: { indent: { left: 440 * (n - 1) }, tabStops: [{ type: TabStopType.RIGHT, position: 9000, leader: 'dot' as const }] },
      })),
      {
        id: 'Citat',
        name: this.rendition.headings === 'swedish' ? 'Citat' : 'Quote',
        basedOn: 'Normal',
        run: { italics: true },
        paragraph: { indent: { left: 720 } },
      },
    ];
    return new Document({
      creator: 'Kommunledningsförvaltningen',
      styles: { paragraphStyles: styles },
      numbering: {
        config: [
          {
            reference: 'punkter',
            levels: [0, 1, 2].map((level) => ({
              level,
              format: LevelFormat.BULLET,
              text: ['•', '–', '▪'][level],
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
            })),
          },
          {
            reference: 'nummer',
            levels: [0, 1, 2].map((level) => ({
              level,
              format: LevelFormat.DECIMAL,
              text: `%${level + 1}.`,
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
            })),
          },
        ],
      },
      footnotes: this.footnoteBodies,
      sections: [{ children }],
    });
  }

  private heading(depth: number, runs: ParagraphChild[], text: string): Paragraph {
    const { headings } = this.rendition;
    const sized = this.rendition.boldSizes !== false;
    if (depth === 1) {
      if (headings === 'bold') return new Paragraph({ children: [new TextRun({ text, bold: true, size: sized ? 40 : undefined })] });
      return headings === 'english' ? new Paragraph({ heading: HeadingLevel.TITLE, children: runs }) : new Paragraph({ style: 'Rubrik', children: runs });
    }
    const level = Math.min(6, depth - 1);
    if (headings === 'bold')
      return new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text, bold: true, size: sized ? SIZES[level - 1] : undefined })] });
    if (headings === 'swedish') return new Paragraph({ style: `Rubrik${Math.min(5, level)}`, children: runs });
    return new Paragraph({ heading: HeadingLevel[`HEADING_${level}` as keyof typeof HeadingLevel], children: runs });
  }

  /** A unit heading's number written loosely: "Ambition 1.1. Namn" → "1.1 Namn", "Del 2. Namn" → "Del 2 – Namn". */
  private loosen(text: string): string {
    if (!this.rendition.looseNumbers) return text;
    const sub = /^\p{L}+ (\d+\.\d+(?:\.\d+)*)\. (.*)$/u.exec(text);
    if (sub) return `${sub[1]} ${sub[2]}`;
    const top = /^(\p{L}+) (\d+)\. (.*)$/u.exec(text);
    return top ? `${top[1]} ${top[2]} – ${top[3]}` : text;
  }

  private block(n: RootContent, level: number): Block[] {
    switch (n.type) {
      case 'heading': {
        const text = this.loosen(toString(n).trim());
        const runs = text === toString(n).trim() ? this.inlines(n.children, {}) : [new TextRun(text)];
        return [this.heading(n.depth, runs, text)];
      }
      case 'paragraph':
        return [new Paragraph({ children: this.inlines(n.children, {}) })];
      case 'list':
        return this.list(n, level);
      case 'blockquote':
        return n.children.flatMap((c) =>
          c.type === 'paragraph'
            ? [
                this.rendition.headings === 'bold'
                  ? new Paragraph({ indent: { left: 720 }, children: this.inlines(c.children, { italics: true }) })
                  : new Paragraph({ style: 'Citat', children: this.inlines(c.children, {}) }),
              ]
            : this.block(c, level),
        );
      case 'table':
        return [this.table(n.children.map((r) => r.children))];
      case 'code':
        return n.value.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New' })] }));
      case 'thematicBreak':
        return [new Paragraph('')];
      case 'footnoteDefinition':
        return [];
      case 'html':
        return [new Paragraph(n.value)];
      default:
        return [];
    }
  }

  /** A list: bullets or numbers (each numbered list its own, starting at 1), nested lists one level in. */
  private list(list: List, level: number): Block[] {
    const instance = ++this.lists;
    const out: Block[] = [];
    for (const item of list.children) {
      item.children.forEach((c, i) => {
        if (c.type === 'paragraph' && i === 0) {
          const children = this.inlines(c.children, {});
          if (item.checked !== null && item.checked !== undefined) children.unshift(new TextRun(item.checked ? '☒ ' : '☐ '));
          out.push(
            new Paragraph({
              numbering: list.ordered ? { reference: 'nummer', level, instance } : { reference: 'punkter', level },
              children,
            }),
          );
        } else if (c.type === 'paragraph') out.push(new Paragraph({ indent: { left: 720 * (level + 1) }, children: this.inlines(c.children, {}) }));
        else out.push(...this.block(c, level + 1));
      });
    }
    return out;
  }

  /** The hand-made Innehåll: a paragraph per line, indented by level, the page number after a tab with dot leaders. */
  private tocLines(list: List, level: number): Paragraph[] {
    const out: Paragraph[] = [];
    for (const item of list.children) {
      for (const c of item.children) {
        if (c.type === 'list') out.push(...this.tocLines(c, level + 1));
        else if (c.type === 'paragraph') {
          out.push(
            new Paragraph({
              indent: { left: 440 * level },
              tabStops: [{ type: TabStopType.RIGHT, position: 9000, leader: 'dot' }],
              children: [new TextRun(this.loosen(toString(c))), new TextRun({ children: ['\t', String(this.page++)] })],
            }),
          );
        }
      }
    }
    return out;
  }

  /** Word's own Innehåll: a line for each heading of levels 1–2 after it, as the heading reads in the Word file. */
  private generatedToc(rest: RootContent[]): Paragraph[] {
    return rest
      .filter((c) => c.type === 'heading' && (c.depth === 2 || c.depth === 3))
      .map(
        (h) =>
          new Paragraph({
            style: `TOC${(h as { depth: number }).depth - 1}`,
            children: [new TextRun(this.loosen(toString(h).trim())), new TextRun({ children: ['\t', String(this.page++)] })],
          }),
      );
  }

  private table(rows: MdCell[][]): Table {
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: rows.map(
        (cells, r) =>
          new TableRow({
            tableHeader: r === 0,
            children: cells.map((cell) => new TableCell({ children: [new Paragraph({ children: this.inlines(cell.children, { bold: r === 0 }) })] })),
          }),
      ),
    });
  }

  private inlines(nodes: PhrasingContent[], style: Inline): ParagraphChild[] {
    return nodes.flatMap((n): ParagraphChild[] => {
      switch (n.type) {
        case 'text':
          return [new TextRun({ text: n.value.replace(/\n/g, ' '), bold: style.bold, italics: style.italics })];
        case 'strong':
          return this.inlines(n.children, { ...style, bold: true });
        case 'emphasis':
          return this.inlines(n.children, { ...style, italics: true });
        case 'delete':
          return this.inlines(n.children, style);
        case 'inlineCode':
          return [new TextRun({ text: n.value, font: 'Courier New', bold: style.bold, italics: style.italics })];
        case 'break':
          return [new TextRun({ break: 1 })];
        case 'link':
          return [new ExternalHyperlink({ link: n.url, children: this.inlines(n.children, style).filter((c): c is TextRun => c instanceof TextRun) })];
        case 'image':
          return [
            new ImageRun({
              type: 'png',
              data: this.rendition.images?.[n.url] ?? PNG_1PX,
              transformation: { width: 200, height: 120 },
              ...(n.alt ? { altText: { name: n.url, title: n.alt, description: n.alt } } : {}),
            }),
          ];
        case 'footnoteReference':
          return [new FootnoteReferenceRun(this.footnote(n.identifier))];
        default:
          return 'value' in n ? [new TextRun(String(n.value))] : [];
      }
    });
  }

  /** The footnote for a Markdown footnote, numbered in order of reference. */
  private footnote(id: string): number {
    let n = this.footnotes.get(id);
    if (n === undefined) {
      n = this.footnotes.size + 1;
      this.footnotes.set(id, n);
      const body = this.definitions.get(id) ?? [];
      this.footnoteBodies[n] = {
        children: body.flatMap((c) => (c.type === 'paragraph' ? [new Paragraph({ children: this.inlines(c.children, {}) })] : [])),
      };
    }
    return n;
  }
}

function table(rows: string[][], header: boolean): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold: header && r === 0 })] })] })),
        }),
    ),
  });
}

/** The Word rendition of a Markdown plan written for `template`, as .docx bytes. */
export async function wordFromMarkdown(markdown: string, template: Template, rendition: Rendition): Promise<Buffer> {
  return Packer.toBuffer(new Writer(rendition, template).document(markdown));
}
