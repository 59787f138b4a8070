/**
 * The Planöversikt webview's script (bundled to dist/media/overview.js, loaded with the page's
 * nonce). It puts the server's escaped HTML into #content — the only innerHTML it ever sets —
 * and adds behaviour: reveal buttons post {type:'reveal'}, the matrix sorts and filters, the
 * editor's cursor is marked. Everything else it writes goes through textContent, classList and
 * dataset. It opens no resource and follows no link.
 */
import { parseState, parseToWebview, type FromWebview, type WebviewState } from '../overview/messages';
import { nextSort, pickCurrent, sortedOrder } from './logic';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function main(): void {
  const api = acquireVsCodeApi();
  const content = document.getElementById('content');
  if (!content) return;
  const state: WebviewState = parseState(api.getState());
  let lastHtml: string | undefined;

  const save = () => api.setState(state);
  const all = <E extends Element = HTMLElement>(selector: string) => Array.from(content.querySelectorAll<E & Element>(selector));
  const lineOf = (el: HTMLElement) => Number(el.dataset.line);
  const matrix = () => content.querySelector<HTMLTableElement>('table#matrix');
  const focusables = () => all('button, select, summary');

  // ------------------------------------------------------------ content

  const ambitionKey = (li: Element) => li.querySelector('.ambition-head button, .ambition-head .title')?.textContent?.trim() ?? '';

  function replace(html: string): void {
    if (html === lastHtml) return;
    const active = document.activeElement;
    const focusIndex = active && content!.contains(active) ? focusables().indexOf(active as HTMLElement) : -1;
    content!.innerHTML = html; // the server's HTML: every piece of document text escaped there
    lastHtml = html;
    const rows = matrix()?.tBodies[0]?.rows;
    if (rows) Array.from(rows).forEach((r, i) => (r.dataset.order = String(i)));
    const open = new Set(state.open ?? []);
    for (const li of all('.ambition')) {
      const details = li.querySelector('details');
      if (details && open.has(ambitionKey(li))) details.open = true;
    }
    if (focusIndex >= 0) focusables()[Math.min(focusIndex, focusables().length - 1)]?.focus({ preventScroll: true });
  }

  function notice(text: string): void {
    const p = document.createElement('p');
    p.className = 'notice';
    p.textContent = text;
    content!.replaceChildren(p);
    lastHtml = undefined;
  }

  // ------------------------------------------------------------ matrix: sort and filter

  function applySort(): void {
    const table = matrix();
    const tbody = table?.tBodies[0];
    if (!table || !tbody) return;
    const bodies = new Set(all<HTMLButtonElement>('button.sort').map((b) => b.dataset.body));
    if (state.sort && !bodies.has(state.sort.body)) state.sort = undefined;
    const sort = state.sort;
    const rows = Array.from(tbody.rows);
    const counts = rows.map((r) => {
      const cell = sort ? Array.from(r.cells).find((c) => c.dataset.body === sort.body) : undefined;
      return { order: Number(r.dataset.order), count: Number(cell?.dataset.count ?? 0) || 0 };
    });
    tbody.append(...sortedOrder(counts, sort).map((i) => rows[i]));
    for (const th of Array.from(table.tHead?.rows[0]?.cells ?? [])) {
      const on = !!sort && th.dataset.body === sort.body;
      if (on) th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
      th.querySelector('button.sort')?.setAttribute('aria-pressed', String(on));
    }
  }

  function applyFilter(): void {
    const table = matrix();
    const select = content!.querySelector<HTMLSelectElement>('select#body-filter');
    if (!table || !select) return;
    if (state.filter && !Array.from(select.options).some((o) => o.value === state.filter)) state.filter = undefined;
    const body = state.filter;
    select.value = body ?? '';
    for (const cell of Array.from(table.querySelectorAll<HTMLElement>('th[data-body], td[data-body]')))
      cell.classList.toggle('hidden', !!body && cell.dataset.body !== body);
    for (const gap of Array.from(table.querySelectorAll('.gap'))) gap.classList.toggle('hidden', !!body);
    for (const row of Array.from(table.tBodies[0]?.rows ?? [])) {
      const cell = body ? Array.from(row.cells).find((c) => c.dataset.body === body) : undefined;
      row.classList.toggle('hidden', !!body && (!cell || cell.classList.contains('empty')));
    }
  }

  // ------------------------------------------------------------ where the cursor is

  function highlight(scroll: boolean): void {
    for (const el of all('.current')) el.classList.remove('current');
    const line = state.cursor;
    if (line === undefined) return;
    const sectionLines = all('.sections button.reveal[data-line]').map(lineOf);
    const parts = all('.part[data-line]');
    const partLines = parts.map(lineOf);
    const stops = [...sectionLines, ...partLines];
    const part = parts[pickCurrent(partLines, line, sectionLines)];
    const ambitions = all('.ambition[data-line]');
    const ambition = ambitions[pickCurrent(ambitions.map(lineOf), line, stops)];
    const rows = all('table#matrix tbody tr[data-line]');
    const row = rows[pickCurrent(rows.map(lineOf), line, stops)];
    for (const el of [part, ambition, row]) el?.classList.add('current');
    const target = ambition ?? part?.querySelector('h3') ?? undefined;
    if (scroll && target) {
      const r = target.getBoundingClientRect();
      const h = window.innerHeight || document.documentElement.clientHeight;
      if (r.bottom <= 0 || r.top >= h) target.scrollIntoView({ block: 'center' });
      else if (r.top < 0 || r.bottom > h) target.scrollIntoView({ block: 'nearest' });
    }
  }

  // ------------------------------------------------------------ events

  window.addEventListener('message', (e: MessageEvent) => {
    const m = parseToWebview(e.data);
    if (!m) return;
    if (m.type === 'update') {
      if (state.uri !== m.uri) {
        state.cursor = undefined;
        state.open = [];
      }
      state.uri = m.uri;
      if (m.cursor !== undefined) state.cursor = m.cursor;
      replace(m.html);
      applyFilter();
      applySort();
      highlight(false);
    } else if (m.type === 'notice') notice(m.text);
    else {
      state.cursor = m.line;
      highlight(true);
    }
    save();
  });

  // Links in the content are never followed (the server makes none; this is the second lock).
  document.addEventListener(
    'click',
    (e) => {
      if (e.target instanceof Element && e.target.closest('a')) e.preventDefault();
    },
    true,
  );

  content.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button') : null;
    if (!button || !content.contains(button)) return;
    if (button.classList.contains('reveal')) {
      const line = Number(button.dataset.line);
      const character = Number(button.dataset.character ?? 0);
      if (Number.isInteger(line) && line >= 0 && Number.isInteger(character) && character >= 0) api.postMessage({ type: 'reveal', line, character });
    } else if (button.classList.contains('sort') && button.dataset.body !== undefined) {
      state.sort = nextSort(state.sort, button.dataset.body);
      applySort();
      save();
    }
  });

  content.addEventListener('change', (e) => {
    if (!(e.target instanceof HTMLSelectElement) || e.target.id !== 'body-filter') return;
    state.filter = e.target.value || undefined;
    applyFilter();
    save();
  });

  // Which ambitions have their findings unfolded, so an update keeps them open ('toggle' does not bubble).
  content.addEventListener(
    'toggle',
    (e) => {
      const li = e.target instanceof HTMLDetailsElement ? e.target.closest('.ambition') : null;
      if (!li) return;
      const key = ambitionKey(li);
      const open = new Set(state.open ?? []);
      if ((e.target as HTMLDetailsElement).open) open.add(key);
      else open.delete(key);
      state.open = [...open];
      save();
    },
    true,
  );

  api.postMessage({ type: 'ready' });
}

main();
