/**
 * The plan as the formal document, as data for the Word and web renderers (server/src/publish/):
 * the title, the header block (the template's labels with the front matter's values), an Innehåll
 * made from the real headings, and the body as mdast with tables and footnotes (GFM). The
 * hand-made Innehåll is left out: the generated one takes its place. Pure: no Node, no I/O.
 */
import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { allUnits, isComment, valueForRole, type PlanModel } from './model';
import { rangeOf } from './parse';
import type { LocalText } from './l10n';
import type { FrontMatterKeySpec, PublishLook, Template } from './template';

/** The language the published document's own words are in (Innehåll, Sida 1 av 3). */
export type DocumentLanguage = 'sv' | 'en';

export interface DocumentWords {
  /** BCP 47 tag: sv-SE. */
  tag: string;
  contents: string;
  header: string;
  page: string;
  of: string;
  footnotes: string;
  backToText: string;
  image: string;
  yes: string;
  no: string;
}

const WORDS: Record<DocumentLanguage, DocumentWords> = {
  sv: {
    tag: 'sv-SE',
    contents: 'Innehåll',
    header: 'Dokumentuppgifter',
    page: 'Sida',
    of: 'av',
    footnotes: 'Fotnoter',
    backToText: 'Tillbaka till texten',
    image: 'Bild',
    yes: 'Ja',
    no: 'Nej',
  },
  en: {
    tag: 'en-GB',
    contents: 'Contents',
    header: 'Document details',
    page: 'Page',
    of: 'of',
    footnotes: 'Footnotes',
    backToText: 'Back to the text',
    image: 'Image',
    yes: 'Yes',
    no: 'No',
  },
};

export interface HeaderField {
  key: string;
  label: string;
  /** The value as it is shown: '' when the field is empty. */
  value: string;
}

export interface PublishedHeading {
  /** The published level: 1 is the title, the body's headings 2 and deeper, never skipping a level. */
  level: number;
  text: string;
  /** An id for links and bookmarks: letters, digits and `-`, unique in the document. */
  id: string;
}

export interface DocumentProperties {
  title: string;
  subject?: string;
  creator?: string;
  keywords?: string;
  description?: string;
}

export interface Publication {
  language: DocumentLanguage;
  words: DocumentWords;
  title: string;
  titleId: string;
  /** The template's name for the document type ("Plan"), when there is one. */
  documentType?: string;
  header: HeaderField[];
  diarienummer?: string;
  contents: { title: string; id: string; entries: PublishedHeading[] };
  /**
   * The body: every block after the title, front matter, title and hand-made Innehåll left out.
   * Headings carry their published level as `depth` and their id in `data.hProperties.id`.
   */
  body: Root;
  /** Where in `body.children` the generated Innehåll goes; it lists the headings after it. */
  contentsAt: number;
  /** Every heading of the body, in order. */
  headings: PublishedHeading[];
  properties: DocumentProperties;
  /** The template's look (fonts, colour, margin, logo); empty for the built-in look. */
  look: PublishLook;
  /** The template file the look's logo is relative to; undefined for a built-in template. */
  templateFile?: string;
}

export interface PublishOptions {
  language?: DocumentLanguage;
  /** How deep the Innehåll goes, in published levels (2: the sections only). Default 3. */
  contentsDepth?: number;
}

const gfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** The text of a template's LocalText in the document's language. */
function inLanguage(text: LocalText | undefined, language: DocumentLanguage): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  return language === 'en' && text.en ? text.en : text.sv;
}

/** The default label of a front-matter key: `gäller-från` → `Gäller från`. */
export function labelOfKey(key: string): string {
  const words = key.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toLocaleUpperCase('sv') + words.slice(1);
}

function fieldValue(
  value: unknown,
  valueText: string,
  spec: FrontMatterKeySpec | undefined,
  template: Template | undefined,
  words: DocumentWords,
  language: DocumentLanguage,
): string {
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (Array.isArray(v)) return v.map(text).filter(Boolean).join(', ');
    if (typeof v === 'object') return valueText;
    return String(v).trim();
  };
  const shown = text(value);
  if (spec?.type === 'boolean') {
    if (/^(?:ja|yes|true)$/i.test(shown)) return words.yes;
    if (/^(?:nej|no|false)$/i.test(shown)) return words.no;
  }
  if (spec?.type === 'documenttype' && template && shown.toLocaleLowerCase('sv') === template.id) return inLanguage(template.name, language) ?? shown;
  return shown;
}

/** The header block: the template's fields in its order (the title aside), then other non-empty keys of the front matter. */
function headerFields(plan: PlanModel, words: DocumentWords, language: DocumentLanguage): HeaderField[] {
  const template = plan.template;
  const entries = plan.frontMatter?.entries ?? [];
  const specs = template?.frontMatter ?? [];
  const out: HeaderField[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    seen.add(spec.key);
    if (spec.role === 'title' || (!template && spec.key === 'titel')) continue;
    const entry = entries.find((e) => e.key === spec.key);
    // An optional field the document does not name is left out; a named one shows, empty or not.
    if (!entry && !spec.required) continue;
    out.push({
      key: spec.key,
      label: inLanguage(spec.label, language) ?? labelOfKey(spec.key),
      value: entry ? fieldValue(entry.value, entry.valueText, spec, template, words, language) : '',
    });
  }
  for (const entry of entries) {
    if (seen.has(entry.key) || (!template && entry.key === 'titel')) continue;
    seen.add(entry.key);
    const value = fieldValue(entry.value, entry.valueText, undefined, template, words, language);
    if (value) out.push({ key: entry.key, label: labelOfKey(entry.key), value });
  }
  return out;
}

/** The plan as the formal document. Never throws on any text the parser accepts. */
export function publication(plan: PlanModel, options: PublishOptions = {}): Publication {
  const language = options.language ?? 'sv';
  const words = WORDS[language];
  const contentsDepth = options.contentsDepth ?? 3;
  const text = plan.md.text;
  let tree: Root;
  try {
    tree = gfm.parse(text);
  } catch {
    tree = { type: 'root', children: [] };
  }
  const template = plan.template;
  const titleRange = plan.title?.range;
  const tocRange = plan.toc?.section.range;
  const tocSpec = template?.sections.find((s) => s.kind === 'toc');
  const documentType = template ? inLanguage(template.name, language) : undefined;
  const title = plan.title?.text.trim() || valueForRole(plan, 'title') || documentType || '';

  const body: RootContent[] = [];
  let contentsAt = -1;
  for (const node of tree.children) {
    if (node.type === 'yaml') continue;
    const start = rangeOf(node).start;
    if (titleRange && node.type === 'heading' && start === titleRange.start) continue;
    if (tocRange && start >= tocRange.start && start < Math.max(tocRange.end, tocRange.start + 1)) {
      if (contentsAt < 0) contentsAt = body.length;
      continue;
    }
    // Comments are notes to the writer (the template's guidance), not part of the document.
    if (isComment(node)) continue;
    body.push(node);
  }
  if (contentsAt < 0) contentsAt = firstSectionIndex(body);

  // Headings: levels in order under the title (1), never skipping one; an id each.
  const headings: PublishedHeading[] = [];
  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };
  const titleId = uniqueId('title');
  const contentsId = uniqueId('contents');
  let previous = 1;
  let afterContents = 0;
  for (const [i, node] of body.entries()) {
    if (i === contentsAt) afterContents = headings.length;
    if (node.type !== 'heading') continue;
    const level = Math.min(Math.max(node.depth, 2), previous + 1, 6) as Heading['depth'];
    previous = level;
    node.depth = level;
    const id = uniqueId(`section-${headings.length + 1}`);
    // `hProperties` is the unified family's way to give a node's HTML element attributes (mdast-util-to-hast).
    const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
    data.hProperties = { ...data.hProperties, id };
    headings.push({ level, text: toString(node).replace(/\s+/g, ' ').trim(), id });
  }

  const header = headerFields(plan, words, language);
  const diarienummer = valueForRole(plan, 'diarienummer');
  const firstParagraph = body.find((n) => n.type === 'paragraph');
  const description = firstParagraph ? shorten(toString(firstParagraph).replace(/\s+/g, ' ').trim(), 300) : undefined;
  const creator = valueForRole(plan, 'owner') ?? valueForRole(plan, 'preparedBy') ?? valueForRole(plan, 'decidedBy');
  const keywords = [
    documentType,
    ...allUnits(plan)
      .filter((u) => u.level === 0)
      .map((u) => u.title),
  ]
    .filter((k): k is string => !!k)
    .join(', ');
  return {
    language,
    words,
    title,
    titleId,
    documentType,
    header,
    diarienummer,
    contents: {
      title: tocSpec?.title ?? plan.toc?.section.heading.text ?? words.contents,
      id: contentsId,
      entries: headings.slice(afterContents).filter((h) => h.level <= contentsDepth),
    },
    body: { type: 'root', children: body },
    contentsAt,
    headings,
    properties: { title, subject: documentType, creator, keywords: keywords || undefined, description: description || undefined },
    look: template?.publish ?? {},
    templateFile: template?.origin && template.origin !== 'builtin' ? template.origin : undefined,
  };
}

/** Without a hand-made Innehåll, the generated one comes before the first heading (after any opening text). */
function firstSectionIndex(body: RootContent[]): number {
  const i = body.findIndex((n) => n.type === 'heading');
  return i < 0 ? body.length : i;
}

function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** Link targets the published document may keep: the web, mail, telephone, anchors and relative paths; never `javascript:` or `data:`. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore tabs and newlines in a scheme and leading control characters and spaces.
  let compact = '';
  for (const c of url) if (c > ' ' && c !== '\u007f') compact += c;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return true;
  return /^(?:https?|mailto|tel)$/i.test(scheme[1]);
}

/** A link a Word document can hold as an external hyperlink. */
export function isExternalUrl(url: string): boolean {
  return /^(?:https?|mailto|tel):/i.test(url.trim()) && isSafeUrl(url);
}
