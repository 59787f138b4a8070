/**
 * The Styrdokument table's page: every governing document in a table that sorts (click a column's
 * heading) and filters (text and status), with a strict Content-Security-Policy like the overview's:
 * no external resources, one nonce for the inline style and script. The document text is written
 * through the render module's serialiser (hast), so it is never markup; the script is a constant. No `vscode` import, so the
 * unit tests can check the page.
 */
import { h } from 'hastscript';
import { langTag, toHtmlString } from '../../server/src/render/html';
import type { RegisterResult } from '../../server/src/protocol';
import { contentSecurityPolicy } from './overview/webview-html';

export interface RegisterPageOptions {
  cspSource: string;
  nonce: string;
  lang: string;
  /** Translates a source string (vscode.l10n.t). */
  t: (message: string, ...args: Array<string | number>) => string;
}

const CSS = `
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2px 8px; border-bottom: 1px solid var(--vscode-panel-border, #8884); vertical-align: top; }
th { cursor: pointer; user-select: none; position: sticky; top: 0; background: var(--vscode-editor-background); }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
tbody tr { cursor: pointer; }
tbody tr:hover { background: var(--vscode-list-hoverBackground); }
.status-expired, .status-not-decided { color: var(--vscode-problemsErrorIcon-foreground, #c33); }
.status-expiring { color: var(--vscode-problemsWarningIcon-foreground, #b80); }
.status-replaced, .status-not-yet { opacity: 0.7; }
.filters { display: flex; gap: 8px; margin: 8px 0; }
input, select { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, #8884); }
`;

/** Sorting, filtering and clicks; every value is read from the table's cells (text), never parsed as markup. */
const SCRIPT = `(() => {
  const vscode = acquireVsCodeApi();
  const table = document.getElementById('register');
  const body = table.tBodies[0];
  const filter = document.getElementById('filter');
  const status = document.getElementById('status');
  let sorted = -1, dir = 1;
  const apply = () => {
    const q = filter.value.trim().toLocaleLowerCase('sv');
    for (const row of body.rows) {
      const text = row.textContent.toLocaleLowerCase('sv');
      row.hidden = (q && !text.includes(q)) || (status.value && row.dataset.status !== status.value);
    }
  };
  filter.addEventListener('input', apply);
  status.addEventListener('change', apply);
  table.tHead.addEventListener('click', (e) => {
    const th = e.target.closest('th');
    if (!th) return;
    const i = th.cellIndex;
    dir = sorted === i ? -dir : 1;
    sorted = i;
    for (const x of table.tHead.rows[0].cells) x.removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    const rows = [...body.rows].sort((a, b) => dir * a.cells[i].textContent.localeCompare(b.cells[i].textContent, 'sv', { numeric: true }));
    for (const r of rows) body.appendChild(r);
  });
  body.addEventListener('click', (e) => {
    const row = e.target.closest('tr');
    if (row) vscode.postMessage({ open: row.dataset.uri });
  });
  body.addEventListener('keydown', (e) => {
    const row = e.target.closest('tr');
    if (row && (e.key === 'Enter' || e.key === ' ')) vscode.postMessage({ open: row.dataset.uri });
  });
})();`;

export function registerPage(r: RegisterResult, o: RegisterPageOptions): string {
  const { t } = o;
  const headings = [t('Type'), t('Title'), t('Diarienummer'), t('Decided by'), t('Valid'), t('Status'), t('Owner'), t('Revision due')];
  const statuses = [...new Map(r.rows.map((x) => [x.status, x.statusText])).entries()];
  const rows = r.rows.map((x) =>
    h(
      'tr',
      { dataUri: x.uri, dataStatus: x.status, tabIndex: 0, title: r.paths[x.uri] ?? x.uri },
      h('td', x.type ?? ''),
      h('td', x.title ?? ''),
      h('td', x.diarienummer ?? ''),
      h('td', [x.decidedBy, x.decisionDate].filter(Boolean).join(', ')),
      h('td', x.validFrom || x.validTo ? `${x.validFrom ?? ''}–${x.validTo ?? ''}` : ''),
      h('td', { className: [`status-${x.status}`] }, x.statusText),
      h('td', x.owner ?? ''),
      h('td', x.revisionDue ?? ''),
    ),
  );
  const head = h(
    'head',
    h('meta', { charSet: 'utf-8' }),
    h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy(o.cspSource, o.nonce) }),
    h('style', { nonce: o.nonce }, CSS),
    h('title', t('Governing documents')),
  );
  const body = h(
    'body',
    h('h1', t('Governing documents')),
    h('p', t('{0} documents; statuses on {1}.', r.rows.length, r.today)),
    h(
      'div',
      { className: ['filters'] },
      h('input', { id: 'filter', type: 'search', placeholder: t('Filter'), ariaLabel: t('Filter') }),
      h(
        'select',
        { id: 'status', ariaLabel: t('Status') },
        h('option', { value: '' }, t('All statuses')),
        ...statuses.map(([v, text]) => h('option', { value: v }, text)),
      ),
    ),
    h('table', { id: 'register' }, h('thead', h('tr', ...headings.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', ...rows)),
  );
  const html = toHtmlString(h(null, { type: 'doctype' }, h('html', { lang: langTag(o.lang) }, head, body)));
  // The serialiser escapes every text, which a script's text cannot be: ours (no `</` in it) goes in as it is.
  const at = html.lastIndexOf('</body>');
  return `${html.slice(0, at)}<script nonce="${o.nonce.replace(/[^A-Za-z0-9]/g, '')}">${SCRIPT}</script>${html.slice(at)}`;
}
