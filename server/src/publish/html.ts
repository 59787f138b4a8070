/**
 * The plan as a web page: one self-contained, accessible HTML file (lang, landmarks, one h1,
 * headings in order, the header block as a table with row headers, a generated Innehåll as nav,
 * print styles, no script). The body goes from mdast to hast with mdast-util-to-hast (the unified
 * family's converter); no raw HTML from the plan is passed through — it is shown as text — and
 * links and images keep only safe addresses. Written by render/html.ts, where all text is escaped.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Image, Link, ListItem, Paragraph, Parents as MdastParents } from 'mdast';
import { defaultHandlers, toHast, type Handlers, type State } from 'mdast-util-to-hast';
import { t } from '../core/l10n';
import { isSafeUrl, type Publication, type PublishedHeading } from '../core/publication';
import { toHtmlString } from '../render/html';
import type { ImageData, ImageLoader } from './image';
import { lookOf } from './look';
import { lookCss, PUBLISH_CSS } from './styles';

export interface PublishRenderOptions {
  /** Reads an image the plan refers to (a path beside the plan); undefined when it cannot. */
  image?: ImageLoader;
  /** The template's logo, read by the caller (PNG or JPEG). */
  logo?: ImageData;
}

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp', svg: 'image/svg+xml' };

function base64(bytes: Uint8Array): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : ALPHABET[c & 63];
  }
  return out;
}

/** The page's address for an image: its bytes as a data: address, else the address as written when it is safe. SVG is never inlined (it can hold script). */
function imageSource(url: string, o: PublishRenderOptions): string | undefined {
  const img = o.image?.(url);
  const mime = img && MIME[img.type.toLowerCase()];
  if (img && mime && mime !== 'image/svg+xml') return `data:${mime};base64,${base64(img.data)}`;
  return isSafeUrl(url) && !/^\s*data:/i.test(url) ? url : undefined;
}

function handlers(o: PublishRenderOptions): Handlers {
  return {
    // Raw HTML in the plan is shown as the text it is, never as markup.
    html: (_state, node: { value: string }) => ({ type: 'text', value: node.value }),
    link(state: State, node: Link) {
      if (isSafeUrl(node.url)) return defaultHandlers.link(state, node);
      return h('span', state.all(node as MdastParents) as ElementContent[]);
    },
    // A task box is a form element: it needs a name for screen readers (WCAG 4.1.2), the action's status.
    listItem(state: State, node: ListItem, parent: MdastParents | undefined) {
      const el = defaultHandlers.listItem(state, node, parent);
      const box = findCheckbox(el);
      if (box) box.properties = { ...box.properties, ariaLabel: node.checked ? t('done') : t('not done') };
      return el;
    },
    image(state: State, node: Image) {
      const src = imageSource(node.url, o);
      if (!src) return h('span', { className: ['image-missing'] }, node.alt ?? '');
      const props: Record<string, string> = { src, alt: node.alt ?? '' };
      if (node.title) props.title = node.title;
      const el = h('img', props);
      state.patch(node, el);
      return el;
    },
  };
}

/** The first checkbox in an element (a task list item's box, in its first paragraph or directly in it). */
function findCheckbox(el: Element): Element | undefined {
  for (const c of el.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'input' && c.properties?.type === 'checkbox') return c;
    if (c.tagName === 'p') return findCheckbox(c);
  }
  return undefined;
}

/** The Innehåll as nested ordered lists of links to the headings (whose levels never skip one). */
function contentsList(entries: PublishedHeading[]): Element {
  const root = h('ol');
  const stack: Array<{ level: number; list: Element; last?: Element }> = [{ level: entries[0]?.level ?? 2, list: root }];
  for (const e of entries) {
    let top = stack[stack.length - 1];
    while (e.level < top.level && stack.length > 1) {
      stack.pop();
      top = stack[stack.length - 1];
    }
    if (e.level > top.level && top.last) {
      const sub = h('ol');
      top.last.children.push(sub);
      top = { level: e.level, list: sub };
      stack.push(top);
    }
    const item = h('li', h('a', { href: `#${e.id}` }, e.text));
    top.list.children.push(item);
    top.last = item;
  }
  return root;
}

/** The element that stands where the Innehåll goes until the body's hast is made. */
const MARKER = 'plan-contents';

/** The body's hast (footnotes last), with the generated Innehåll at its place. */
function bodyTree(pub: Publication, o: PublishRenderOptions): ElementContent[] {
  const marker = { type: 'paragraph', children: [], data: { hName: MARKER } } as Paragraph;
  const children = [...pub.body.children];
  children.splice(pub.contentsAt, 0, marker);
  const result = toHast(
    { ...pub.body, children },
    {
      handlers: handlers(o),
      clobberPrefix: 'note-',
      footnoteLabel: pub.words.footnotes,
      footnoteLabelTagName: 'h2',
      footnoteLabelProperties: {},
      footnoteBackLabel: pub.words.backToText,
    },
  );
  const nav = h(
    'nav',
    { ariaLabelledby: pub.contents.id, className: ['contents'] },
    h('h2', { id: pub.contents.id }, pub.contents.title),
    contentsList(pub.contents.entries),
  );
  const out = (result.type === 'root' ? result.children : [result]) as ElementContent[];
  return out.map((c) => (c.type === 'element' && c.tagName === MARKER ? nav : c));
}

/** The header block: the template's labels and the document's values, as a table with row headers. */
function headerTable(pub: Publication): Element {
  return h(
    'table',
    { className: ['header-block'] },
    h('caption', pub.words.header),
    h(
      'tbody',
      pub.header.map((f) => h('tr', h('th', { scope: 'row' }, f.label), h('td', f.value))),
    ),
  );
}

/** The whole page. */
export function publicationHtml(pub: Publication, o: PublishRenderOptions = {}): string {
  const look = lookOf(pub.look);
  const logoType = o.logo && MIME[o.logo.type.toLowerCase()];
  const logo =
    o.logo && logoType && logoType !== 'image/svg+xml'
      ? [h('img', { className: ['logo'], src: `data:${logoType};base64,${base64(o.logo.data)}`, alt: look.logoAlt }), '\n']
      : [];
  const head = h(
    'head',
    '\n',
    h('meta', { charSet: 'utf-8' }),
    '\n',
    h('meta', { httpEquiv: 'Content-Security-Policy', content: "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self' https:" }),
    '\n',
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    '\n',
    h('title', pub.title),
    '\n',
    ...[
      pub.properties.description && h('meta', { name: 'description', content: pub.properties.description }),
      pub.properties.creator && h('meta', { name: 'author', content: pub.properties.creator }),
      pub.properties.keywords && h('meta', { name: 'keywords', content: pub.properties.keywords }),
    ].flatMap((m) => (m ? [m, '\n'] : [])),
    h('style', PUBLISH_CSS + lookCss(look)),
    '\n',
  );
  const footer = [pub.diarienummer, pub.documentType].filter(Boolean).join(' · ');
  const body = h(
    'body',
    '\n',
    h('header', '\n', ...logo, h('h1', { id: pub.titleId }, pub.title), '\n', headerTable(pub), '\n'),
    '\n',
    h('main', '\n', bodyTree(pub, o), '\n'),
    '\n',
    ...(footer ? [h('footer', h('p', footer)), '\n'] : []),
  );
  return toHtmlString(h(null, { type: 'doctype' }, '\n', h('html', { lang: pub.words.tag.slice(0, 2) }, '\n', head, '\n', body, '\n'), '\n'));
}
