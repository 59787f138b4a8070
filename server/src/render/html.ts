/**
 * hast trees to HTML: the one place where text becomes markup.
 *
 * The renderers build trees with hastscript's `h()` and never write markup or escape anything
 * themselves. Here every text node is escaped — all of & < > " ' ` as character references, the
 * form the webview, the export and their tests rely on — and hast-util-to-html writes the elements
 * and escapes every attribute value (always double-quoted; `"` and `&` escaped, so quotes such as
 * the Content-Security-Policy's 'none' stay readable). The text of a <style> element is ours and
 * is written as it is. A tree that already holds raw HTML is refused.
 */
import type { Nodes, Root, RootContent, Text } from 'hast';
import { toHtml } from 'hast-util-to-html';

const REFERENCES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for HTML content or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => REFERENCES[c]);
}

/** A node hast-util-to-html writes as it is (with allowDangerousHtml): made here only, from escaped text. */
const escaped = (text: string): Text => ({ type: 'raw', value: escapeHtml(text) }) as unknown as Text;

/** A copy of the tree whose text nodes (outside <style>) are written escaped. */
function escapeText<N extends Nodes>(node: N, inStyle = false): N {
  if ((node as { type: string }).type === 'raw') throw new Error('render: raw HTML in a tree');
  switch (node.type) {
    case 'text':
      return (inStyle ? node : escaped(node.value)) as N;
    case 'root':
      return { ...node, children: node.children.map((c: RootContent) => escapeText(c)) };
    case 'element': {
      const style = node.tagName === 'style';
      return { ...node, children: node.children.map((c) => escapeText(c, style)) };
    }
    default:
      return node;
  }
}

/** A language tag for `<html lang>`: the given one when well-formed, else `en`. */
export function langTag(locale: string | undefined): string {
  return locale && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(locale) ? locale : 'en';
}

/** The tree as HTML. */
export function toHtmlString(tree: Root | RootContent): string {
  return toHtml(escapeText(tree), { allowDangerousHtml: true, allowDangerousCharacters: true, upperDoctype: true });
}
