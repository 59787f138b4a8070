/**
 * HTML → mdast → Markdown with the unified family: rehype-parse reads mammoth's HTML, rehype-remark
 * turns it into mdast (with handlers for Word's footnotes and internal links), remark-stringify with
 * remark-gfm (tables, footnotes) and remark-frontmatter writes it.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { FootnoteDefinition, Root as MdastRoot, RootContent } from 'mdast';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { childElements, isElement, tableRows } from './hast';

/** Reads mammoth's HTML as a hast tree. */
export function parseHtml(html: string): HastRoot {
  return unified().use(rehypeParse, { fragment: true }).parse(html);
}

const NOTE_ID = /^#?(footnote|endnote)-(\d+)$/;
const NOTE_BACK = /^#(?:footnote|endnote)-ref-\d+$/;

function noteLabel(kind: string, n: string): string {
  return kind === 'endnote' ? `slut${n}` : n;
}

/** Word's footnotes as mammoth writes them: `<sup><a href="#footnote-1">[1]</a></sup>` and a last `<ol>` of `<li id="footnote-1">`. */
function markNotes(tree: HastRoot): void {
  const visit = (parent: HastRoot | Element) => {
    parent.children = (parent.children as ElementContent[]).flatMap((c): ElementContent[] => {
      if (!isElement(c)) return [c];
      const links = childElements(c, 'a');
      const ref = c.tagName === 'sup' && c.children.length === 1 && links.length === 1 ? NOTE_ID.exec(String(links[0].properties.href ?? '')) : null;
      if (ref) return [{ type: 'element', tagName: 'plan-note-ref', properties: { label: noteLabel(ref[1], ref[2]) }, children: [] }];
      const items = c.tagName === 'ol' ? childElements(c, 'li') : [];
      const ids = items.map((li) => NOTE_ID.exec(String(li.properties.id ?? '')));
      if (items.length && ids.every(Boolean)) {
        return items.map((li, i) => {
          removeBackLinks(li);
          return { type: 'element', tagName: 'plan-note', properties: { label: noteLabel(ids[i]![1], ids[i]![2]) }, children: li.children };
        });
      }
      visit(c);
      return [c];
    });
  };
  visit(tree);
}

function removeBackLinks(n: Element): void {
  n.children = n.children.filter((c) => !(isElement(c, 'a') && NOTE_BACK.test(String(c.properties.href ?? ''))));
  for (const c of n.children) if (isElement(c)) removeBackLinks(c);
}

/** A Word table's first row is its header (Markdown tables have one), unless it already has one. */
function headerRows(n: HastRoot | Element): void {
  for (const c of n.children) {
    if (!isElement(c)) continue;
    if (c.tagName === 'table') {
      const rows = tableRows(c);
      if (rows[0] && !rows.some((r) => childElements(r, 'th').length)) for (const cell of childElements(rows[0], 'td')) cell.tagName = 'th';
    }
    headerRows(c);
  }
}

/** Stands for a tab before a page number while rehype-remark folds white space. */
const KEPT_TAB = '\uE000';
const PAGE_TAB = /\t(?=[ \t]*\d{1,3}[ \t]*$)/;

/** A tab before a page number ("Inledning<tab>3" in Innehåll) stays a tab, as Word wrote it: the checker reads it so. */
function keepPageTabs(n: HastRoot | Element): void {
  for (const c of n.children) {
    if (c.type === 'text' && PAGE_TAB.test(c.value)) c.value = c.value.replace(PAGE_TAB, KEPT_TAB);
    else if (isElement(c)) keepPageTabs(c);
  }
}

function restoreTabs(n: MdastRoot | RootContent): void {
  if (n.type === 'text' && n.value.includes(KEPT_TAB)) n.value = n.value.split(KEPT_TAB).join('\t');
  if ('children' in n) for (const c of n.children) restoreTabs(c);
}

/** hast → mdast: footnotes as GFM footnotes, links to places inside the Word file as their text. */
export function toMdast(tree: HastRoot): MdastRoot {
  markNotes(tree);
  headerRows(tree);
  keepPageTabs(tree);
  const processor = unified().use(rehypeRemark, {
    handlers: {
      'plan-note-ref': (_state, node: Element) => ({
        type: 'footnoteReference',
        identifier: String(node.properties.label),
        label: String(node.properties.label),
      }),
      'plan-note': (state, node: Element): FootnoteDefinition => ({
        type: 'footnoteDefinition',
        identifier: String(node.properties.label),
        label: String(node.properties.label),
        children: state.toFlow(state.all(node)) as FootnoteDefinition['children'],
      }),
      a: (state, node: Element) => {
        const href = String(node.properties.href ?? '');
        const children = state.all(node);
        // Bookmarks (`<a id>`) and links to them (#_Toc…) are Word's own places: the text stays.
        if (!href || href.startsWith('#')) return children as never;
        return { type: 'link', url: href, title: node.properties.title ? String(node.properties.title) : null, children } as never;
      },
    },
  });
  const mdast = processor.runSync(tree) as MdastRoot;
  restoreTabs(mdast);
  return mdast;
}

/** mdast → Markdown in the house style: `-` bullets, `*` emphasis, GFM tables and footnotes, YAML front matter. */
export function toMarkdown(tree: MdastRoot): string {
  return unified()
    .use(remarkGfm)
    .use(remarkFrontmatter)
    .use(remarkStringify, { bullet: '-', emphasis: '*', strong: '*', listItemIndent: 'one', rule: '-', fences: true })
    .stringify(tree);
}

export type { RootContent };
