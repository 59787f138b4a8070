/**
 * Images and their text alternative (WCAG 2.1 AA, 1.1.1): every image in a plan needs an alt text
 * that says what it shows, for screen readers and for the published web page and Word file.
 * Markdown images (`![…](…)`), reference images (`![…][ref]`) and HTML `<img>` in the body.
 */
import type { Root, RootContent } from 'mdast';
import { defineCode, type ReplaceData } from '../findings';
import { q, t } from '../l10n';
import { rangeOf } from '../parse';
import type { OffsetRange } from '../text';
import type { RuleContext, RuleFamily } from './family';

const MISSING_ALT = defineCode<ReplaceData & { src: string; title?: string }>({
  code: 'plan.image.missing-alt',
  severity: 'warning',
  description: {
    sv: 'En bild utan alternativtext: en skärmläsare kan inte säga vad den visar, varken i planen, på den publicerade webbsidan eller i Word-filen.',
    en: 'An image without alt text: a screen reader cannot tell what it shows, in the plan, the published web page or the Word file.',
  },
  fixes: ['replace'],
  replaceTitle: (d) => t('Use the title {0} as alt text', q(d.title ?? '')),
});
const UNINFORMATIVE_ALT = defineCode<{ src: string; found: string }>({
  code: 'plan.image.uninformative-alt',
  severity: 'information',
  description: {
    sv: 'En bild vars alternativtext inte säger vad den visar: bara filnamnet, ett allmänt ord (”bild”, ”figur”) eller Words automatiska beskrivning.',
    en: 'An image whose alt text does not say what it shows: only the file name, a generic word (“image”, “figure”) or Word’s automatic description.',
  },
});

/** A generic word, perhaps with a number: "Bild", "bild 1", "Figur 2.3", "image1". */
const GENERIC =
  /^(?:bild(?:en)?|figur(?:en)?|foto(?:t|grafi)?|illustration(?:en)?|grafik(?:en)?|diagram(?:met)?|image|img|picture|photo(?:graph)?|figure|graphic|illustration|chart)\s*[\d.:–-]*$/iu;
/** A file name: "bild1.png", "IMG_0042.JPG". */
const FILE_NAME = /^[^\s/\\]+\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|emf|wmf|heic|avif)$/i;
/** The note Word adds to the descriptions it writes itself. */
const WORD_AUTOMATIC = /automatiskt genererad beskrivning|description automatically generated/i;
/** An `<img>` tag: its attributes up to the closing `>` (never across another tag, so linear). */
const IMG_TAG = /<img\b([^<>]*)>/gi;
/** The `alt` attribute among a tag's attributes: quoted, unquoted or bare (an empty value). */
const ALT_ATTRIBUTE = /(?:^|[\s/])alt(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?(?=[\s/>]|$)/i;
const SRC_ATTRIBUTE = /(?:^|[\s/])src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

/** The file name of an image's address, for messages: "bilder/karta.png?x" → "karta.png". */
function fileOf(url: string): string {
  let name =
    url
      .split(/[?#]/)[0]
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Keep it as written.
  }
  return (name || url).slice(0, 80);
}

/** Why an alt text says nothing, or undefined when it says something. */
function uninformative(alt: string, url: string): 'file' | 'generic' | 'automatic' | undefined {
  const text = alt.replace(/\s+/g, ' ').trim();
  if (WORD_AUTOMATIC.test(text)) return 'automatic';
  const file = fileOf(url);
  // The file name, or its stem when that looks like a file's name and not words ("bild-1", "IMG_0042").
  const stem = file.replace(/\.[^.]+$/, '');
  if (FILE_NAME.test(text) || text === file || (text === stem && !/\s/.test(stem) && /[\d_-]/.test(stem))) return 'file';
  if (GENERIC.test(text)) return 'generic';
  return undefined;
}

function reportMissing(ctx: RuleContext, range: OffsetRange, url: string, html: boolean, fix?: { replacement: string; title: string }): void {
  const file = fileOf(url);
  const message = html
    ? t(
        'The image {0} has no alt text, so a screen reader cannot say what it shows. Write a short description of what the image shows in alt="…", or better, write the image in Markdown, ![Description](…), which the published web page and Word file show too.',
        q(file),
      )
    : t(
        'The image {0} has no alt text, so a screen reader cannot say what it shows – neither here, on the published web page nor in the Word file. Write a short description of what the image shows between the brackets: ![Description](…).',
        q(file),
      );
  ctx.report(MISSING_ALT, message, range, { src: url, ...fix });
}

function reportUninformative(ctx: RuleContext, range: OffsetRange, url: string, alt: string): void {
  const why = uninformative(alt, url);
  if (!why) return;
  const found = alt.replace(/\s+/g, ' ').trim();
  const message =
    why === 'automatic'
      ? t(
          'The alt text of the image {0} was written automatically by Word: check that it says what the image shows, and remove the note {1}.',
          q(fileOf(url)),
          q(found.match(WORD_AUTOMATIC)![0]),
        )
      : t(
          'The alt text {0} of the image {1} does not say what it shows: a screen reader reads only these words. Write a short description of what the image shows.',
          q(found),
          q(fileOf(url)),
        );
  ctx.report(UNINFORMATIVE_ALT, message, range, { src: url, found });
}

/**
 * A Markdown image `![](x.png "Title")` with a title: the image with the title as its alt text
 * (the source as written, with the title put between the brackets), for the quick fix.
 */
function withTitleAsAlt(source: string, title: string | null | undefined): { replacement: string; title: string } | undefined {
  const text = title?.replace(/\s+/g, ' ').trim();
  if (!text || /[[\]\\]/.test(text) || !source.startsWith('![')) return undefined;
  const close = source.indexOf(']', 2);
  if (close < 0 || source.slice(2, close).trim()) return undefined;
  return { replacement: `![${text}${source.slice(close)}`, title: text };
}

/** `<img>` tags in raw HTML (a block or inline), found in the source text so that ranges are exact. */
function checkHtml(ctx: RuleContext, range: OffsetRange): void {
  const source = ctx.plan.md.text.slice(range.start, range.end);
  if (!/<img\b/i.test(source)) return;
  for (const m of source.matchAll(IMG_TAG)) {
    const attributes = m[1];
    const srcMatch = SRC_ATTRIBUTE.exec(attributes);
    const url = srcMatch ? (srcMatch[1] ?? srcMatch[2] ?? srcMatch[3] ?? '') : '';
    const tagRange = { start: range.start + m.index!, end: range.start + m.index! + m[0].length };
    const alt = ALT_ATTRIBUTE.exec(attributes);
    const value = alt ? (alt[1] ?? alt[2] ?? alt[3] ?? '') : '';
    if (!value.trim()) reportMissing(ctx, tagRange, url, true);
    else reportUninformative(ctx, tagRange, url, value);
  }
}

function walk(ctx: RuleContext, node: Root | RootContent, definitions: Map<string, { url: string; title?: string | null }>): void {
  switch (node.type) {
    case 'image': {
      const range = rangeOf(node);
      if (!node.alt?.trim()) reportMissing(ctx, range, node.url, false, withTitleAsAlt(ctx.plan.md.text.slice(range.start, range.end), node.title));
      else reportUninformative(ctx, range, node.url, node.alt);
      return;
    }
    case 'imageReference': {
      const url = definitions.get(node.identifier)?.url ?? node.label ?? node.identifier;
      if (!node.alt?.trim()) reportMissing(ctx, rangeOf(node), url, false);
      else reportUninformative(ctx, rangeOf(node), url, node.alt);
      return;
    }
    case 'html':
      checkHtml(ctx, rangeOf(node));
      return;
    case 'code':
    case 'inlineCode':
    case 'yaml':
      return;
  }
  if ('children' in node) for (const child of node.children as RootContent[]) walk(ctx, child, definitions);
}

export const imagesFamily: RuleFamily = {
  id: 'images',
  name: { sv: 'Bilder', en: 'Images' },
  codes: [MISSING_ALT, UNINFORMATIVE_ALT],
  check(ctx) {
    const root = ctx.plan.md.root;
    if (!ctx.plan.md.text.includes(']:')) {
      // No link reference definitions (each has "]:"): a block's images follow from its own text,
      // and a run of blocks is read again only when its text changed (memo.ts).
      const none = new Map<string, { url: string; title?: string | null }>();
      ctx.memo.blocks('images', root.children, ctx.report, (node, report) => walk({ ...ctx, report }, node, none));
      return;
    }
    const definitions = new Map<string, { url: string; title?: string | null }>();
    const collect = (n: Root | RootContent) => {
      if (n.type === 'definition') definitions.set(n.identifier, n);
      else if ('children' in n) for (const c of n.children as RootContent[]) collect(c);
    };
    collect(root);
    walk(ctx, root, definitions);
  },
};
