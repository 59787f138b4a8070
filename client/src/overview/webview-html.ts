/**
 * The webview's page: a shell with a strict Content-Security-Policy, the overview styles, the
 * theme tweaks and the script, all under one nonce. The content arrives later by message.
 * Built as a hast tree and written by the render module's serialiser, like the overview itself.
 * No `vscode` import, so the unit tests can check the policy.
 */
import { h } from 'hastscript';
import { langTag, toHtmlString } from '../../../server/src/render/html';

export interface ShellOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** webview.asWebviewUri(…) of dist/media/overview.js and overview.css, as strings. */
  scriptUri: string;
  styleUri: string;
  /** The render module's OVERVIEW_CSS. */
  baseCss: string;
  lang: string;
  title: string;
  /** Shown until the first content arrives. */
  loading: string;
}

export function makeNonce(): string {
  // Web Crypto: the same in Node (20+) and in the browser's extension host.
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:; form-action 'none'; base-uri 'none'`;
}

export function webviewShell(o: ShellOptions): string {
  const head = h(
    'head',
    '\n',
    h('meta', { charSet: 'utf-8' }),
    '\n',
    h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy(o.cspSource, o.nonce) }),
    '\n',
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    '\n',
    // Style text is written as it is: no `</` may end the element early.
    h('style', { nonce: o.nonce }, o.baseCss.replace(/<\//g, '<\\/')),
    '\n',
    h('link', { rel: 'stylesheet', href: o.styleUri, nonce: o.nonce }),
    '\n',
    h('title', o.title),
    '\n',
  );
  const body = h(
    'body',
    '\n',
    h('main', { id: 'content' }, h('p', { className: ['notice'] }, o.loading)),
    '\n',
    h('script', { nonce: o.nonce, src: o.scriptUri }),
    '\n',
  );
  return toHtmlString(h(null, { type: 'doctype' }, '\n', h('html', { lang: langTag(o.lang) }, '\n', head, '\n', body, '\n'), '\n'));
}
