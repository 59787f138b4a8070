/** Small helpers on hast trees (the HTML that mammoth writes). */
import type { Element, ElementContent, Nodes, Root, RootContent } from 'hast';

export function isElement(n: Nodes | RootContent | ElementContent | undefined, tag?: string | string[]): n is Element {
  return !!n && n.type === 'element' && (tag === undefined || (Array.isArray(tag) ? tag.includes(n.tagName) : n.tagName === tag));
}

/** The text of a node, as the reader sees it (a `<br>` is a space). */
export function textOf(n: Nodes | RootContent | ElementContent): string {
  if (n.type === 'text') return n.value;
  if (n.type === 'element' && n.tagName === 'br') return ' ';
  if (n.type === 'element' || n.type === 'root') return (n.children as Array<RootContent | ElementContent>).map(textOf).join('');
  return '';
}

/** Text with white space folded: what a label or a value reads as. */
export function cleanText(n: Nodes | RootContent | ElementContent): string {
  return textOf(n).replace(/\s+/g, ' ').trim();
}

export function childElements(n: Element | Root, tag?: string | string[]): Element[] {
  return (n.children as Array<RootContent | ElementContent>).filter((c): c is Element => isElement(c, tag));
}

/** The rows of a table, inside `thead`/`tbody` or directly under it. */
export function tableRows(table: Element): Element[] {
  return childElements(table).flatMap((c) => (c.tagName === 'tr' ? [c] : childElements(c, 'tr')));
}

/** The paragraphs of a table cell as text; a cell without paragraphs is one. Empty ones are left out. */
export function cellParagraphs(cell: Element): string[] {
  const ps = childElements(cell, ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
  const texts = ps.length ? ps.map(cleanText) : [cleanText(cell)];
  return texts.filter(Boolean);
}
