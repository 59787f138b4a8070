/**
 * The register as a table and a tree: one row per document (type, title, diarienummer, decided by
 * and when, validity with its status, owner, revision due, ties), the hierarchy of `överordnat`
 * ties, and the exports as CSV and JSON. The view (client) and `plan-check --register` use these.
 */
import { t } from '../l10n';
import { documentStatus, revisionDue, type DocumentStatus } from './dates';
import type { RegisterEntry } from './entry';
import type { DocumentRegister, RegisterDocument } from './index';

/** A document's row: its entry's header values, and `revisionDue` as computed (written, or by the template's interval). */
export interface RegisterRow extends Pick<
  RegisterEntry,
  'type' | 'title' | 'diarienummer' | 'decidedBy' | 'decisionDate' | 'validFrom' | 'validTo' | 'owner' | 'revisionDue'
> {
  uri: string;
  status: DocumentStatus;
  /** The status in the current language: ”gäller”, ”upphör snart” … */
  statusText: string;
  /** URIs of the documents this one implements (its resolved `överordnat`), replaces, and that replace it. */
  parents: string[];
  replaces: string[];
  replacedBy: string[];
}

export interface RegisterTable {
  /** The day the statuses are for. */
  today: string;
  rows: RegisterRow[];
}

export function statusText(status: DocumentStatus): string {
  const texts: Record<DocumentStatus, string> = {
    'in-force': t('in force'),
    expiring: t('expires soon'),
    expired: t('has expired'),
    'not-decided': t('not decided'),
    'not-yet': t('not yet in force'),
    replaced: t('replaced'),
  };
  return texts[status];
}

/** One row per document, ordered by the template's order of types, then by title. */
export function registerTable(register: DocumentRegister, today: string, warnDays: number): RegisterTable {
  const rows = register.all().map((d) => rowOf(register, d, today, warnDays));
  const rank = (r: RegisterRow) => {
    const order = register.get(r.uri)?.entry.order ?? [];
    const i = r.type ? order.indexOf(r.type) : -1;
    return i < 0 ? order.length : i;
  };
  rows.sort((a, b) => rank(a) - rank(b) || (a.title ?? '').localeCompare(b.title ?? '', 'sv') || a.uri.localeCompare(b.uri));
  return { today, rows };
}

function rowOf(register: DocumentRegister, d: RegisterDocument, today: string, warnDays: number): RegisterRow {
  const e = d.entry;
  const replacedBy = register.replacedBy(d.uri).map((x) => x.uri);
  const status = documentStatus(e, today, warnDays, replacedBy.length > 0);
  const replaces = e.links.filter((l) => l.role === 'supersedes').flatMap((l) => register.resolve(l.text, d.uri).map((x) => x.uri));
  return {
    uri: d.uri,
    type: e.type,
    title: e.title,
    diarienummer: e.diarienummer,
    decidedBy: e.decidedBy,
    decisionDate: e.decisionDate,
    validFrom: e.validFrom,
    validTo: e.validTo,
    status,
    statusText: statusText(status),
    owner: e.owner,
    revisionDue: revisionDue(e),
    parents: register.parentsOf(d).map((x) => x.uri),
    replaces: [...new Set(replaces.filter((u) => u !== d.uri))],
    replacedBy,
  };
}

/** A node of the hierarchy: a document and the documents that name it as their parent. */
export interface RegisterTreeNode {
  uri: string;
  children: RegisterTreeNode[];
}

/**
 * The hierarchy of `överordnat` ties: documents without a parent in the register at the top, each
 * with the documents that implement it. A document with several parents stands under each; a
 * circle of ties is cut where it closes.
 */
export function registerTree(table: RegisterTable): RegisterTreeNode[] {
  const children = new Map<string, string[]>();
  const known = new Set(table.rows.map((r) => r.uri));
  for (const r of table.rows)
    for (const p of r.parents) {
      if (!known.has(p)) continue;
      const list = children.get(p) ?? [];
      list.push(r.uri);
      children.set(p, list);
    }
  const build = (uri: string, path: Set<string>): RegisterTreeNode => {
    const next = new Set(path).add(uri);
    return { uri, children: (children.get(uri) ?? []).filter((c) => !next.has(c)).map((c) => build(c, next)) };
  };
  const roots = table.rows.filter((r) => !r.parents.some((p) => known.has(p)));
  // Documents only in a circle have no root: they stand at the top too.
  const reached = new Set<string>();
  const mark = (n: RegisterTreeNode) => {
    reached.add(n.uri);
    n.children.forEach(mark);
  };
  const out = roots.map((r) => build(r.uri, new Set()));
  out.forEach(mark);
  for (const r of table.rows) if (!reached.has(r.uri)) out.push(build(r.uri, new Set()));
  return out;
}

/** The columns of the exports, in order, with their headings in the current language. */
function columns(): Array<[keyof RegisterRow | 'path', string]> {
  return [
    ['type', t('Type')],
    ['title', t('Title')],
    ['diarienummer', t('Diarienummer')],
    ['decidedBy', t('Decided by')],
    ['decisionDate', t('Decision date')],
    ['validFrom', t('Valid from')],
    ['validTo', t('Valid to')],
    ['statusText', t('Status')],
    ['owner', t('Owner')],
    ['revisionDue', t('Revision due')],
    ['path', t('File')],
  ];
}

/**
 * The register as CSV (RFC 4180: comma-separated, fields with commas, quotes or line breaks in
 * quotes, CRLF line ends). `pathOf` gives the file column from a URI (relative to the workspace).
 * A field that begins with = + - @ is prefixed with ' so that a spreadsheet does not run it.
 */
export function registerCsv(table: RegisterTable, pathOf: (uri: string) => string): string {
  const cols = columns();
  const field = (v: string | undefined) => {
    let s = v ?? '';
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cols.map(([, h]) => field(h)).join(',')];
  for (const r of table.rows) lines.push(cols.map(([k]) => field(k === 'path' ? pathOf(r.uri) : (r[k] as string | undefined))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** The register as JSON: the day, and one object per document with its file and ties as paths. */
export function registerJson(table: RegisterTable, pathOf: (uri: string) => string): string {
  const documents = table.rows.map((r) => ({
    file: pathOf(r.uri),
    type: r.type ?? null,
    title: r.title ?? null,
    diarienummer: r.diarienummer ?? null,
    decidedBy: r.decidedBy ?? null,
    decisionDate: r.decisionDate ?? null,
    validFrom: r.validFrom ?? null,
    validTo: r.validTo ?? null,
    status: r.status,
    owner: r.owner ?? null,
    revisionDue: r.revisionDue ?? null,
    parents: r.parents.map(pathOf),
    replaces: r.replaces.map(pathOf),
    replacedBy: r.replacedBy.map(pathOf),
  }));
  return JSON.stringify({ today: table.today, documents }, null, 2) + '\n';
}
