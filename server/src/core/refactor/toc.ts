/**
 * Innehåll regenerated from the real headings, in the style it is written in: its list markers
 * (bullets or numbers), whether ambitions are nested under their part and how far they are
 * indented, whether entries are links, and how part and ambition entries are written ("Del 1.
 * Namn" or "1. Namn"). Only the list is replaced; text around it in Innehåll stays.
 */
import type { List, ListItem, RootContent } from 'mdast';
import type { TextEdit } from '../fixes';
import { t } from '../l10n';
import { allUnits, type PlanModel, type TocEntry, type Unit } from '../model';
import type { SectionNode } from '../parse';
import { levelNumbering } from '../template';
import { slug, type OffsetRange } from '../text';

/** A heading that Innehåll lists, as the Innehåll check sees it. */
interface Target {
  section: SectionNode;
  unit?: Unit;
  kind: 'section' | 'part' | 'item';
}

export interface TocResult {
  edits: TextEdit[];
  /** Why Innehåll cannot be regenerated (nothing is changed). */
  error?: string;
}

/** The headings after Innehåll that it should list, in order: the same the Innehåll check asks for. */
function targets(plan: PlanModel, tocStart: number): Target[] {
  const out: Target[] = [];
  for (const r of plan.recognized)
    if (r.section.range.start > tocStart && r.spec.kind !== 'toc' && r.spec.kind !== 'parts') out.push({ section: r.section, kind: 'section' });
  for (const s of plan.unknown) if (s.range.start > tocStart) out.push({ section: s, kind: 'section' });
  for (const u of allUnits(plan)) {
    if (u.section.range.start <= tocStart || u.level > 1 || (u.level > 0 && !u.parent)) continue;
    if (levelNumbering(u.spec) === 'none' || !u.number) out.push({ section: u.section, kind: 'section' });
    else out.push({ section: u.section, unit: u, kind: u.level === 0 ? 'part' : 'item' });
  }
  return out.sort((a, b) => a.section.range.start - b.section.range.start);
}

interface Marker {
  ordered: boolean;
  /** `-`, `*`, `+` for bullets; `.` or `)` after the number for ordered lists. */
  char: string;
  start: number;
}

interface Style {
  top: Marker;
  nested?: Marker;
  /** Columns a nested entry is indented by; undefined: ambitions stand in the same list as parts. */
  indent?: number;
  links: boolean;
  /** How an entry of a part or an ambition is written: with the level's label or not, and what stands between number and title. */
  entry: Record<'part' | 'item', { label: boolean; separator: string }>;
  eol: string;
}

const TOC_NUMBER = /^(?:([\p{L}]+)\s+)?(\d+(?:\.\d+)*)(\.?(?:\s+|$))(.*)$/u;

function markerOf(list: List, text: string): Marker {
  const li = list.children[0];
  const at = li?.position?.start.offset ?? 0;
  if (list.ordered) {
    const m = /^\d+([.)])/.exec(text.slice(at, at + 12));
    return { ordered: true, char: m?.[1] ?? '.', start: list.start ?? 1 };
  }
  const c = text[at];
  return { ordered: false, char: c === '*' || c === '+' ? c : '-', start: 1 };
}

function styleOf(plan: PlanModel, lists: List[], entries: TocEntry[]): Style {
  const text = plan.md.text;
  const style: Style = {
    top: lists[0] ? markerOf(lists[0], text) : { ordered: false, char: '-', start: 1 },
    links: entries.some((e) => e.link?.startsWith('#')),
    entry: { part: { label: true, separator: '. ' }, item: { label: false, separator: '. ' } },
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
  for (const list of lists)
    for (const li of list.children) {
      const sub = li.children.find((c): c is List => c.type === 'list');
      if (sub && style.indent === undefined) {
        style.nested = markerOf(sub, text);
        style.indent = Math.max(1, (sub.children[0]?.position?.start.column ?? 3) - (li.position?.start.column ?? 1));
      }
    }
  const levelLabels = [plan.template?.parts?.label, plan.template?.parts?.items?.label];
  for (const kind of ['part', 'item'] as const) {
    const e = entries.find((x) => x.number && x.title && (kind === 'part') === !x.number.includes('.'));
    const m = e && TOC_NUMBER.exec(e.text);
    if (!e || !m || !m[4]) continue;
    style.entry[kind] = { label: !!m[1] && !!levelLabels[kind === 'part' ? 0 : 1], separator: m[3] || ' ' };
  }
  // An ambition's entry in a list item of the outer list: ambitions stand beside the parts.
  const flat = entries.some((e) => e.number?.includes('.') && lists.some((l) => l.children.some((li) => ownParagraphHolds(li, e.range.start))));
  if (style.indent === undefined && !flat) {
    // No nesting written yet: ambitions go under their part, as a new entry would.
    style.indent = style.top.ordered ? 3 : 2;
    style.nested = { ordered: false, char: style.top.ordered ? '-' : style.top.char, start: 1 };
  }
  return style;
}

/** Text that reads as itself in a list item: markup characters and a leading list or heading marker escaped. */
function escapeEntry(s: string): string {
  return s
    .replace(/[\\`*_[\]<>]/g, (c) => '\\' + c)
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([#>+=-])/, '\\$1');
}

function ownParagraphHolds(li: ListItem, offset: number): boolean {
  const p = li.children.find((c) => c.type === 'paragraph');
  return !!p?.position && offset >= (p.position.start.offset ?? 0) && offset <= (p.position.end.offset ?? 0);
}

function entryText(target: Target, style: Style): string {
  const u = target.unit;
  if (!u || target.kind === 'section') return target.section.heading.text;
  const f = style.entry[target.kind];
  const label = f.label && u.spec.label ? `${u.spec.label} ` : '';
  return `${label}${u.number}${f.separator}${u.title}`.trim();
}

function line(target: Target, style: Style, marker: string): string {
  const text = entryText(target, style);
  const body = style.links ? `[${escapeEntry(text)}](#${slug(target.section.heading.text)})` : escapeEntry(text);
  return marker + body;
}

function markerText(m: Marker, i: number): string {
  return m.ordered ? `${m.start + i}${m.char} ` : `${m.char} `;
}

/** The Innehåll list for the plan's headings, in the style given. */
function render(all: Target[], style: Style): string {
  const lines: string[] = [];
  let top = 0;
  let nested = 0;
  let lastPart: Unit | undefined;
  for (const x of all) {
    if (x.kind === 'item' && style.indent !== undefined && lastPart && x.unit?.parent === lastPart) {
      lines.push(' '.repeat(style.indent) + line(x, style, markerText(style.nested ?? style.top, nested++)));
      continue;
    }
    lines.push(line(x, style, markerText(style.top, top++)));
    lastPart = x.kind === 'part' ? x.unit : undefined;
    nested = 0;
  }
  return lines.join(style.eol);
}

/** The edits that make Innehåll list the real headings, in its style; none when it already does. */
export function regenerateToc(plan: PlanModel): TocResult {
  const toc = plan.toc;
  if (!toc) return { edits: [], error: t('The document has no Innehåll section.') };
  const all = targets(plan, toc.section.range.start);
  const blocks = toc.section.blocks;
  const lists = blocks.filter((b): b is List => b.type === 'list');
  const inLists = (e: TocEntry) => lists.some((l) => e.range.start >= (l.position?.start.offset ?? 0) && e.range.end <= (l.position?.end.offset ?? 0));
  if (toc.entries.some((e) => !inLists(e)) || toc.section.children.length)
    return { edits: [], error: t('Innehåll is not written as a list; make it a list to regenerate it.') };
  if (!all.length) return { edits: [] };
  const style = styleOf(plan, lists, toc.entries);
  const list = render(all, style);
  const text = plan.md.text;
  if (!lists.length) {
    const at = toc.section.heading.range.end;
    return { edits: [{ range: { start: at, end: at }, newText: style.eol + style.eol + list }] };
  }
  const first = blocks.indexOf(lists[0]);
  const last = blocks.indexOf(lists[lists.length - 1]);
  if (blocks.slice(first, last + 1).some((b: RootContent) => b.type !== 'list'))
    return { edits: [], error: t('Innehåll has text between its lists; regenerate it by hand.') };
  const range: OffsetRange = { start: lists[0].position?.start.offset ?? 0, end: lists[lists.length - 1].position?.end.offset ?? 0 };
  if (text.slice(range.start, range.end) === list) return { edits: [] };
  return { edits: [{ range, newText: list }] };
}
