/**
 * The plan as a Word document, made with the `docx` package: the title and the body's headings in
 * Word's own heading styles (Heading 1 … 6, so the navigation pane and a PDF's bookmarks work), the
 * header block as a table, a generated Innehåll of links to the headings, lists, tables, footnotes,
 * images with alt text, links; document properties, Swedish as the language, page numbers and the
 * diarienummer in the footer. Pure apart from the library: no Node API (the bytes come back as a
 * Uint8Array).
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { BlockContent, Definition, DefinitionContent, FootnoteDefinition, ListItem, PhrasingContent, RootContent, Table as MdTable } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isExternalUrl, type DocumentProperties, type Publication } from '../core/publication';
import { fitted, imageSize, type ImageData, type ImageLoader } from './image';
import { lookOf, type Look } from './look';

export interface DocxOptions {
  /** Reads an image the plan refers to (a path beside the plan); undefined when it cannot. */
  image?: ImageLoader;
  /** The template's logo, read by the caller (PNG or JPEG). */
  logo?: ImageData;
}

interface Marks {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
}

export type Block = Paragraph | Table;

/**
 * Text as XML 1.0 allows it: without control characters (tab and line ends aside), U+FFFE, U+FFFF
 * and unpaired surrogates, which Word refuses to open. Pairs (emoji) stay.
 */
export function xmlSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const ok = c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
    if (ok) out += ch;
  }
  return out;
}

/** Word's heading styles, Heading 1 … 6. */
export const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];
const MONO = 'Consolas';
const INDENT = 360;

class Writer {
  readonly footnotes: Record<number, { children: Paragraph[] }> = {};
  readonly #noteIds = new Map<string, number>();
  readonly #definitions = new Map<string, Definition>();
  readonly #noteDefinitions = new Map<string, FootnoteDefinition>();
  #lists = 0;
  /** The first numbers of the ordered lists: each number has its numbering definition (`plan-ordered-3`). */
  readonly starts = new Set<number>([1]);
  #images = 0;

  constructor(
    readonly pub: Publication,
    readonly o: DocxOptions,
  ) {
    for (const n of pub.body.children) {
      if (n.type === 'definition') this.#definitions.set(n.identifier, n);
      if (n.type === 'footnoteDefinition') this.#noteDefinitions.set(n.identifier, n);
    }
  }

  inlines(nodes: PhrasingContent[], marks: Marks = {}): ParagraphChild[] {
    return nodes.flatMap((n) => this.inline(n, marks));
  }

  run(text: string, marks: Marks): TextRun {
    return new TextRun({
      text: xmlSafe(text).replace(/[\r\n]+/g, ' '),
      bold: marks.bold || undefined,
      italics: marks.italics || undefined,
      strike: marks.strike || undefined,
      font: marks.code ? MONO : undefined,
      style: marks.link ? 'Hyperlink' : undefined,
    });
  }

  inline(n: PhrasingContent, marks: Marks): ParagraphChild[] {
    switch (n.type) {
      case 'text':
        return [this.run(n.value, marks)];
      case 'inlineCode':
        return [this.run(n.value, { ...marks, code: true })];
      case 'html':
        return /^<!--[\s\S]*-->$/.test(n.value.trim()) ? [] : [this.run(n.value, marks)];
      case 'break':
        return [new TextRun({ break: 1 })];
      case 'strong':
        return this.inlines(n.children, { ...marks, bold: true });
      case 'emphasis':
        return this.inlines(n.children, { ...marks, italics: true });
      case 'delete':
        return this.inlines(n.children, { ...marks, strike: true });
      case 'link':
        return this.link(n.url, n.children, marks);
      case 'linkReference': {
        const def = this.#definitions.get(n.identifier);
        return def ? this.link(def.url, n.children, marks) : this.inlines(n.children, marks);
      }
      case 'image':
        return [this.image(n.url, n.alt ?? '', n.title ?? undefined, marks)];
      case 'imageReference': {
        const def = this.#definitions.get(n.identifier);
        return [def ? this.image(def.url, n.alt ?? '', def.title ?? undefined, marks) : this.run(n.alt ?? '', marks)];
      }
      case 'footnoteReference':
        return [this.noteReference(n.identifier, n.label ?? n.identifier, marks)];
      default:
        return [this.run(toString(n), marks)];
    }
  }

  link(url: string, children: PhrasingContent[], marks: Marks): ParagraphChild[] {
    if (!isExternalUrl(url)) return this.inlines(children, marks);
    return [new ExternalHyperlink({ link: xmlSafe(url.trim()), children: this.inlines(children, { ...marks, link: true }) })];
  }

  image(url: string, alt: string, title: string | undefined, marks: Marks): ParagraphChild {
    const img = this.o.image?.(url);
    const type = img?.type.toLowerCase();
    if (img && (type === 'png' || type === 'jpg' || type === 'gif' || type === 'bmp')) {
      this.#images++;
      return new ImageRun({
        type,
        data: img.data,
        transformation: fitted(imageSize(img.data)),
        altText: { name: `${this.pub.words.image} ${this.#images}`, description: xmlSafe(alt), title: xmlSafe(title ?? alt) },
      });
    }
    return this.run(alt.trim() ? `[${this.pub.words.image}: ${alt}]` : `[${this.pub.words.image}]`, { ...marks, italics: true });
  }

  noteReference(identifier: string, label: string, marks: Marks): ParagraphChild {
    const def = this.#noteDefinitions.get(identifier);
    if (!def) return this.run(`[^${label}]`, marks);
    let id = this.#noteIds.get(identifier);
    if (id === undefined) {
      id = this.#noteIds.size + 1;
      this.#noteIds.set(identifier, id);
      // Set before its paragraphs are made: a note that refers to itself ends here.
      this.footnotes[id] = { children: [] };
      this.footnotes[id].children.push(...this.blocks(def.children, 0).filter((b): b is Paragraph => b instanceof Paragraph));
    }
    return new FootnoteReferenceRun(id);
  }

  /** Blocks at an indentation (in list levels). */
  blocks(nodes: Array<RootContent | BlockContent | DefinitionContent>, indent: number): Block[] {
    return nodes.flatMap((n) => this.block(n, indent));
  }

  paragraph(children: ParagraphChild[], indent: number, extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}): Paragraph {
    return new Paragraph({ children, ...(indent ? { indent: { left: indent * INDENT } } : {}), ...extra });
  }

  block(n: RootContent | BlockContent | DefinitionContent, indent: number): Block[] {
    switch (n.type) {
      case 'paragraph':
        return [this.paragraph(this.inlines(n.children), indent)];
      case 'heading': {
        const id = (n.data?.hProperties?.id as string | undefined) ?? '';
        const children = this.inlines(n.children);
        return [new Paragraph({ heading: HEADINGS[Math.min(n.depth, 6) - 1], children: id ? [new Bookmark({ id, children })] : children })];
      }
      case 'thematicBreak':
        return [new Paragraph({ thematicBreak: true })];
      case 'blockquote':
        return this.blocks(n.children, indent + 1);
      case 'list':
        return this.list(n.ordered ?? false, n.children, indent, n.start ?? 1);
      case 'code':
        return n.value.split(/\r\n|\r|\n/).map((line) => this.paragraph([this.run(line, { code: true })], indent));
      case 'html':
        return /^<!--[\s\S]*-->$/.test(n.value.trim()) ? [] : [this.paragraph([this.run(n.value, {})], indent)];
      case 'table':
        return [this.table(n)];
      case 'definition':
      case 'footnoteDefinition':
      case 'yaml':
        return [];
      default:
        return [this.paragraph([this.run(toString(n), {})], indent)];
    }
  }

  /** A list: each ordered list is its own numbering instance, so it starts at its own first number (`3.` stays 3). */
  list(ordered: boolean, items: ListItem[], indent: number, start: number): Block[] {
    const instance = ordered ? ++this.#lists : 0;
    const startAt = Number.isSafeInteger(start) && start >= 0 && start < 100000 ? start : 1;
    if (ordered) this.starts.add(startAt);
    const level = Math.min(indent, 8);
    return items.flatMap((item) => {
      const [first, ...rest] = item.children;
      const box = item.checked === true ? '☒ ' : item.checked === false ? '☐ ' : '';
      const lead = first?.type === 'paragraph' ? this.inlines(first.children) : [];
      const numbering = ordered ? { reference: `plan-ordered-${startAt}`, level, instance } : { reference: 'plan-bullet', level };
      const out: Block[] = [new Paragraph({ numbering, children: box ? [this.run(box, {}), ...lead] : lead })];
      out.push(...this.blocks(first?.type === 'paragraph' ? rest : item.children, indent + 1));
      return out;
    });
  }

  table(n: MdTable): Table {
    return gridTable(n.children.map((row, i) => row.children.map((cell) => this.inlines(cell.children, i === 0 ? { bold: true } : {}))));
  }
}

/**
 * A table the width of the page whose first row is its header (repeated on every page): each cell
 * one paragraph of the runs given; short rows are filled with empty cells.
 */
export function gridTable(rows: ParagraphChild[][][]): Table {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row, i) =>
        new TableRow({
          // Only the first row repeats as a header (a row marked "off" is read as a header by some readers).
          ...(i === 0 ? { tableHeader: true } : {}),
          children: Array.from({ length: columns }, (_, c) => new TableCell({ children: [new Paragraph({ children: row[c] ?? [] })] })),
        }),
    ),
  });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' };

/** The header block: the template's labels with the front matter's values, as a two-column table. */
export function headerBlock(pub: Publication): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: pub.header.map(
      (f) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: 35, type: WidthType.PERCENTAGE },
              children: [new Paragraph({ children: [new TextRun({ text: xmlSafe(f.label), bold: true })] })],
            }),
            new TableCell({ width: { size: 65, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun(xmlSafe(f.value))] })] }),
          ],
        }),
    ),
  });
}

function contents(pub: Publication): Paragraph[] {
  const top = pub.contents.entries[0]?.level ?? 2;
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new Bookmark({ id: pub.contents.id, children: [new TextRun(xmlSafe(pub.contents.title))] })] }),
    ...pub.contents.entries.map(
      (e) =>
        new Paragraph({
          indent: { left: (e.level - top) * INDENT },
          spacing: { after: 60 },
          children: [new InternalHyperlink({ anchor: e.id, children: [new TextRun({ text: xmlSafe(e.text), style: 'Hyperlink' })] })],
        }),
    ),
  ];
}

function numberingLevels(ordered: boolean, start = 1) {
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    start,
    format: ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : ['•', '◦', '▪'][level % 3],
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * (level + 1) + 360, hanging: 360 } } },
  }));
}

/** The heading styles in the look: Word's own styles (Heading 1 … 6), in its fonts and colour, sizes from the text size. */
function headingStyles(look: Look) {
  const sizes = [look.fontSize + 11, look.fontSize + 5, look.fontSize + 2, look.fontSize + 1, look.fontSize, look.fontSize];
  const style = (pt: number) => ({
    run: { font: look.headingFont, size: pt * 2, bold: true, ...(look.headingColor ? { color: look.headingColor } : {}) },
    paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
  });
  const [heading1, heading2, heading3, heading4, heading5, heading6] = sizes.map(style);
  return { heading1, heading2, heading3, heading4, heading5, heading6 };
}

export function logoParagraph(logo: ImageData | undefined, look: Look): Paragraph[] {
  const type = logo?.type.toLowerCase();
  if (!logo || (type !== 'png' && type !== 'jpg')) return [];
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type,
          data: logo.data,
          transformation: fitted(imageSize(logo.data), 200),
          altText: { name: 'Logo', description: xmlSafe(look.logoAlt), title: xmlSafe(look.logoAlt) },
        }),
      ],
    }),
  ];
}

/** The footer: the diarienummer and the document type, then "Sida 1 av 3". */
export function pageFooter(pub: Publication): Footer {
  const footerText = [pub.diarienummer, pub.documentType].filter(Boolean).join(' · ');
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: [
              ...(footerText ? [`${xmlSafe(footerText)}    `] : []),
              `${pub.words.page} `,
              PageNumber.CURRENT,
              ` ${pub.words.of} `,
              PageNumber.TOTAL_PAGES,
            ],
          }),
        ],
      }),
    ],
  });
}

/**
 * What every document made from a plan shares: the document properties, the look's fonts, sizes
 * and heading styles, the language, and one section with the look's margins and the footer.
 */
export function documentFrame(pub: Publication, properties: DocumentProperties, children: Block[]) {
  const look = lookOf(pub.look);
  const margin = Math.round(look.margin * 567);
  return {
    title: xmlSafe(properties.title),
    subject: properties.subject && xmlSafe(properties.subject),
    creator: properties.creator && xmlSafe(properties.creator),
    lastModifiedBy: properties.creator && xmlSafe(properties.creator),
    keywords: properties.keywords && xmlSafe(properties.keywords),
    description: properties.description && xmlSafe(properties.description),
    styles: { default: { document: { run: { font: look.font, size: look.fontSize * 2, language: { value: pub.words.tag } } }, ...headingStyles(look) } },
    sections: [
      {
        properties: { page: { margin: { top: margin, bottom: margin, left: margin, right: margin } } },
        footers: { default: pageFooter(pub) },
        children,
      },
    ],
  };
}

/** The Word document as bytes (.docx). */
export async function publicationDocx(pub: Publication, o: DocxOptions = {}): Promise<Uint8Array> {
  const look = lookOf(pub.look);
  const w = new Writer(pub, o);
  const before = w.blocks(pub.body.children.slice(0, pub.contentsAt), 0);
  const after = w.blocks(pub.body.children.slice(pub.contentsAt), 0);
  const title = new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new Bookmark({ id: pub.titleId, children: [new TextRun(xmlSafe(pub.title))] })] });
  const doc = new Document({
    ...documentFrame(pub, pub.properties, [...logoParagraph(o.logo, look), title, headerBlock(pub), new Paragraph({}), ...before, ...contents(pub), ...after]),
    numbering: {
      config: [
        { reference: 'plan-bullet', levels: numberingLevels(false) },
        ...[...w.starts].map((start) => ({ reference: `plan-ordered-${start}`, levels: numberingLevels(true, start) })),
      ],
    },
    footnotes: w.footnotes,
  });
  return Packer.pack(doc, 'uint8array');
}
