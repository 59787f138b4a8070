/**
 * Word → plan: reads a .docx (docx.ts, mammoth), takes its header (header.ts) and turns the rest
 * into Markdown (markdown.ts, unified), in the template's structure (structure.ts) with the
 * header as front matter (frontmatter.ts). Returns the Markdown, the images to save beside it and
 * the notes: everything that could not be mapped. Node only through mammoth's Buffer input.
 */
import type { Image, List, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { local, plural, q, t } from '../core/l10n';
import type { Template, TemplateSet } from '../core/template';
import { headingCues } from './cues';
import { readDocx } from './docx';
import { buildFrontMatter, knownLabels, labelKey, templateFromHeader } from './frontmatter';
import { takeHeader, type HeaderPair } from './header';
import { parseHtml, toMarkdown, toMdast } from './markdown';
import { applyStructure, templateScore } from './structure';

export { DocxError } from './docx';

export interface ImportOptions {
  templates: TemplateSet;
  /** The template to use; otherwise the header's document type, or the template that fits best. */
  templateId?: string;
  /** The plan's file name ("plan.plan.md"): the images go in a folder named after it ("plan-bilder"). */
  planName: string;
}

export interface ImportedImage {
  /** Relative to the plan, with `/`: "plan-bilder/bild-1.png". */
  path: string;
  data: Uint8Array;
  alt?: string;
}

export interface ImportResult {
  markdown: string;
  template: Template;
  images: ImportedImage[];
  /** What could not be mapped, in the current language. */
  notes: string[];
  /** The front matter's values by key. */
  frontMatter: Record<string, string>;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'image/svg+xml': 'svg',
  'image/webp': 'webp',
  'image/x-emf': 'emf',
  'image/x-wmf': 'wmf',
};

/** The folder for a plan's images: "plan.plan.md" → "plan-bilder". */
export function imageFolder(planName: string): string {
  const base = planName.replace(/\.(?:md|markdown)$/i, '').replace(/\.[^.]+$/, '');
  return `${base || 'plan'}-bilder`;
}

/** The file name for the plan of a .docx: "Plan för X.docx" with the template `plan` → "Plan för X.plan.md". */
export function planFileName(docxName: string, template: Template): string {
  const base = docxName.replace(/\.docx$/i, '');
  return base + (template.filePattern ?? `.${template.id}.md`);
}

/** Imports a .docx. Throws `DocxError` (with a message for the user) when the file cannot be read. */
export async function importDocx(data: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const { templates } = options;
  const tocTitles = new Set(
    templates.all().flatMap((tpl) => tpl.sections.filter((s) => s.kind === 'toc').flatMap((s) => [s.title, ...(s.aliases ?? [])].map(labelKey))),
  );
  const forced = options.templateId ? templates.get(options.templateId) : undefined;
  const content = await readDocx(data, { tocTitles, cue: headingCues(forced ? [forced] : templates.all()) });
  const notes: string[] = [];
  const hast = parseHtml(content.html);
  const labels = knownLabels(templates);
  const header = takeHeader(hast, (text) => labels.has(labelKey(text)));
  const tree = toMdast(hast);
  manualBullets(tree);
  checkBoxes(tree);

  const template = chooseTemplate(tree, header.pairs, options, notes);
  const structure = applyStructure(tree, template, { nestUnknown: !content.headings.styled });
  const fm = buildFrontMatter(template, header.pairs, structure.title);
  const titleKey = template.frontMatter.find((k) => k.role === 'title')?.key ?? 'titel';
  if (!structure.title && fm.values[titleKey]) {
    tree.children.unshift({ type: 'heading', depth: 1, children: [{ type: 'text', value: fm.values[titleKey] }] });
    notes.push(t('The document has no title heading; the title {0} from its header is written as one.', q(fm.values[titleKey])));
  }
  tree.children.unshift({ type: 'yaml', value: fm.yaml });
  const images = saveImages(tree, content.images, imageFolder(options.planName), notes);

  if (!content.headings.styled && content.headings.promoted.length)
    notes.push(
      t(
        'The document has no heading styles; {0} bold or numbered paragraphs became headings: {1}.',
        content.headings.promoted.length,
        content.headings.promoted.map((p) => q(p)).join(', '),
      ),
    );
  if (!content.headings.styled && content.headings.kept.length)
    notes.push(
      t(
        'These short bold paragraphs stayed text (emphasis, not headings); make one a heading in the plan if it is one: {0}.',
        content.headings.kept.map((p) => q(p)).join(', '),
      ),
    );
  if (header.leftovers.length)
    notes.push(t('Text in the header table that is not a field is kept as paragraphs: {0}.', header.leftovers.map((l) => q(l)).join(', ')));
  notes.push(...fm.notes, ...structure.notes);
  if (content.unknownStyles.length)
    notes.push(t('These paragraph styles have no counterpart and became ordinary text: {0}.', content.unknownStyles.map((s) => q(s)).join(', ')));
  if (content.comments)
    notes.push(
      plural(
        content.comments,
        t('The document has {0} comment; comments are not imported.', content.comments),
        t('The document has {0} comments; comments are not imported.', content.comments),
      ),
    );
  for (const m of content.messages) notes.push(t('Word converter: {0}', m));
  return { markdown: toMarkdown(tree), template, images, notes, frontMatter: fm.values };
}

function chooseTemplate(tree: Root, pairs: HeaderPair[], options: ImportOptions, notes: string[]): Template {
  const { templates } = options;
  if (options.templateId) {
    const tpl = templates.get(options.templateId);
    if (!tpl) throw new Error(`unknown template ${options.templateId}`);
    return tpl;
  }
  const named = templateFromHeader(pairs, templates);
  if (named) return named;
  const all = templates.all();
  const scored = all.map((tpl) => {
    const keys = new Set(tpl.frontMatter.map((k) => labelKey(k.key)));
    return { tpl, score: templateScore(tree, tpl) + pairs.filter((p) => keys.has(labelKey(p.label))).length };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored[0];
  notes.push(t('The document does not say its document type; the template {0} ({1}) fits it best.', q(best.tpl.id), local(best.tpl.name)));
  return best.tpl;
}

/**
 * Images get files in the plan's image folder; one without alt text is listed here, and the
 * check's `plan.image.missing-alt` points at it in the plan.
 */
function saveImages(
  tree: Root,
  images: Array<{ index: number; contentType: string; data: Uint8Array; altText?: string; src: string }>,
  folder: string,
  notes: string[],
) {
  const bySrc = new Map(images.map((i) => [i.src, i]));
  const out: ImportedImage[] = [];
  const missingAlt: string[] = [];
  const visit = (n: Root | RootContent) => {
    if (n.type === 'image') {
      const img = bySrc.get(n.url);
      if (img) {
        const path = `${folder}/bild-${img.index}.${EXTENSIONS[img.contentType] ?? 'bin'}`;
        (n as Image).url = path;
        // On one line: Word's descriptions have line breaks ("…\n\nAutomatiskt genererad beskrivning").
        const alt = img.altText?.replace(/\s+/g, ' ').trim();
        n.alt = alt || '';
        if (!alt) missingAlt.push(path);
        out.push({ path, data: img.data, alt });
      }
    }
    if ('children' in n) for (const c of n.children) visit(c as RootContent);
  };
  visit(tree);
  if (missingAlt.length)
    notes.push(
      t(
        'Images without alt text (a description for those who cannot see them): {0}. The check points them out too; write a short description between the brackets: ![Description](…).',
        missingAlt.map((p) => q(p)).join(', '),
      ),
    );
  return out;
}

/** Bullets typed by hand ("• Nämnden ska …", "– …") become a list. */
const MANUAL_BULLET = /^\s*[•·▪◦‣∙●○■–-]\s+/;

function manualBullets(tree: Root): void {
  const out: RootContent[] = [];
  let list: List | undefined;
  for (const c of tree.children) {
    const first = c.type === 'paragraph' ? c.children[0] : undefined;
    if (c.type === 'paragraph' && first?.type === 'text' && MANUAL_BULLET.test(first.value) && toString(c).trim().length > 2) {
      first.value = first.value.replace(MANUAL_BULLET, '');
      const item: ListItem = { type: 'listItem', spread: false, children: [c as Paragraph] };
      if (!list) out.push((list = { type: 'list', ordered: false, spread: false, children: [] }));
      list.children.push(item);
      continue;
    }
    list = undefined;
    out.push(c);
  }
  tree.children = out;
}

/** A box at the start of a list item (☐, ☒ or ☑, as Word's check box symbols are) becomes the item's GFM check box. */
const BOX = /^\s*([☐☒☑])\s*/;

function checkBoxes(n: Root | RootContent): void {
  if (n.type === 'listItem') {
    const p = n.children[0];
    const first = p?.type === 'paragraph' ? p.children[0] : undefined;
    const m = first?.type === 'text' ? BOX.exec(first.value) : null;
    if (first?.type === 'text' && m && first.value.length > m[0].length) {
      first.value = first.value.slice(m[0].length);
      n.checked = m[1] !== '☐';
    }
  }
  if ('children' in n) for (const c of n.children) checkBoxes(c as RootContent);
}
