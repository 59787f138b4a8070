/**
 * The messages between the extension and the Planöversikt webview, and their validation. Shared by
 * the extension (client/src/overview/panel.ts) and the webview script (client/src/webview/).
 * No `vscode` import: the webview bundle and the unit tests use it too.
 */

/** Extension → webview. */
export type ToWebview =
  /** New content: the server's HTML body (document text escaped by the server). */
  | { type: 'update'; uri: string; version: number; html: string; cursor?: number }
  /** A short text from the extension instead of content (shown with textContent). */
  | { type: 'notice'; text: string }
  /** The editor's cursor moved to this zero-based line. */
  | { type: 'cursor'; line: number };

/** Webview → extension. */
export type FromWebview = { type: 'ready' } | { type: 'reveal'; line: number; character: number };

/** What the webview keeps across reloads (vscode.setState) and what the serializer gets back. */
export interface WebviewState {
  uri?: string;
  sort?: SortState;
  filter?: string;
  cursor?: number;
  /** Keys of the ambitions whose findings are unfolded. */
  open?: string[];
}

export interface SortState {
  body: string;
  descending: boolean;
}

const isLine = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 10_000_000;

function record(m: unknown): Record<string, unknown> | undefined {
  return typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Record<string, unknown>) : undefined;
}

/** A message from the webview, or undefined when it is not one we understand. */
export function parseFromWebview(m: unknown): FromWebview | undefined {
  const r = record(m);
  if (r?.type === 'ready') return { type: 'ready' };
  if (r?.type === 'reveal' && isLine(r.line) && isLine(r.character)) return { type: 'reveal', line: r.line, character: r.character };
  return undefined;
}

/** A message to the webview, or undefined when it is not one we understand. */
export function parseToWebview(m: unknown): ToWebview | undefined {
  const r = record(m);
  if (r?.type === 'update' && typeof r.uri === 'string' && typeof r.version === 'number' && typeof r.html === 'string')
    return { type: 'update', uri: r.uri, version: r.version, html: r.html, cursor: isLine(r.cursor) ? r.cursor : undefined };
  if (r?.type === 'notice' && typeof r.text === 'string') return { type: 'notice', text: r.text };
  if (r?.type === 'cursor' && isLine(r.line)) return { type: 'cursor', line: r.line };
  return undefined;
}

/** The webview's saved state, keeping only well-formed fields. */
export function parseState(s: unknown): WebviewState {
  const r = record(s);
  if (!r) return {};
  const out: WebviewState = {};
  if (typeof r.uri === 'string') out.uri = r.uri;
  const sort = record(r.sort);
  if (sort && typeof sort.body === 'string' && typeof sort.descending === 'boolean') out.sort = { body: sort.body, descending: sort.descending };
  if (typeof r.filter === 'string' && r.filter) out.filter = r.filter;
  if (isLine(r.cursor)) out.cursor = r.cursor;
  if (Array.isArray(r.open)) out.open = r.open.filter((k): k is string => typeof k === 'string').slice(0, 500);
  return out;
}
