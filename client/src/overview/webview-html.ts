/**
 * The webview's page: a shell with a strict Content-Security-Policy, the server's overview styles,
 * the theme tweaks and the script, all under one nonce. The content arrives later by message.
 * No `vscode` import, so the unit tests can check the policy.
 */
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../../server/src/core/overview-html';

export interface ShellOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  /** webview.asWebviewUri(…) of dist/media/overview.js and overview.css, as strings. */
  scriptUri: string;
  styleUri: string;
  /** The server's OVERVIEW_CSS. */
  baseCss: string;
  lang: string;
  title: string;
  /** Shown until the first content arrives. */
  loading: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:; form-action 'none'; base-uri 'none'`;
}

export function webviewShell(o: ShellOptions): string {
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(o.lang) ? o.lang : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${escapeHtml(o.nonce)}">${o.baseCss.replace(/<\//g, '<\\/')}</style>
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}" nonce="${escapeHtml(o.nonce)}">
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<main id="content"><p class="notice">${escapeHtml(o.loading)}</p></main>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
