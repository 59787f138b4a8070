/**
 * Indicators written in a unit's text: `Indikator: Namn (Kolada N17461); utgångsläge 2019: 72 %;
 * mål 2024: 80 %; källa: Kolada`, or a table whose header names the same columns. Reading never
 * throws; what is not understood is kept as a problem for the rules to report.
 */
import type { RootContent } from 'mdast';
import type { Unit } from '../model';
import { rangeOf, type SectionNode } from '../parse';
import { escapeRe, type OffsetRange } from '../text';
import { resolveIndicators, type ResolvedIndicators } from './spec';

export interface YearValue {
  year?: number;
  value: string;
  range: OffsetRange;
  yearRange?: OffsetRange;
}

export interface IndicatorProblem {
  /** `segment`: a part not understood; `year`: a baseline or target without a year; `value`: without a value. */
  kind: 'segment' | 'year' | 'value';
  which?: 'baseline' | 'target';
  text: string;
  range: OffsetRange;
}

export interface Indicator {
  name: string;
  form: 'line' | 'table';
  /** The line, or the table row. */
  range: OffsetRange;
  kolada?: { id: string; range: OffsetRange; valid: boolean };
  baseline?: YearValue;
  target?: YearValue;
  source?: string;
  problems: IndicatorProblem[];
}

/** A Kolada key figure's id: N or U and five digits. */
export const KOLADA_ID = /^[NU]\d{5}$/;

const BOLD = '(?:\\*\\*|__)?';

/**
 * `s` without white space and a closing `**` or `__` at its end. By hand, not with a regular
 * expression ending in `\s*$`, which backtracks quadratically over a long run of spaces.
 */
export function trimTrailing(s: string): string {
  let out = s.trimEnd();
  if (out.endsWith('**') || out.endsWith('__')) out = out.slice(0, -2).trimEnd();
  return out;
}

/** Compiled once per label: the pattern is asked for on every line that may be an indicator. */
const linePatterns = new Map<string, RegExp>();

/** The pattern of an indicator line's beginning, for the template's label. */
export function indicatorLinePattern(label: string): RegExp {
  let re = linePatterns.get(label);
  if (!re) {
    re = new RegExp(`^\\s*${BOLD}${escapeRe(label)}${BOLD}\\s*:\\s*${BOLD}\\s*`, 'iu');
    if (linePatterns.size > 64) linePatterns.clear();
    linePatterns.set(label, re);
  }
  return re;
}

/** Lines of `raw` (starting at `offset`) with their offsets, line breaks excluded. */
export function splitLines(raw: string, offset: number): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (i === raw.length || c === 10 || c === 13) {
      out.push({ text: raw.slice(start, i), start: offset + start });
      if (c === 13 && raw.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return out;
}

const trimmed = (s: string, at: number): { text: string; start: number } => {
  const lead = s.length - s.trimStart().length;
  return { text: s.trim(), start: at + lead };
};

const startsWithWord = (s: string, word: string) => new RegExp(`^${escapeRe(word)}(?![\\p{L}])`, 'iu').exec(s);

/** `2019: 72 %` (or `2019 72 %`) at `start`: the year and the value. */
function yearValue(s: string, start: number): { yv: YearValue; problem?: 'year' | 'value' } {
  const t = trimmed(s, start);
  const m = /^(\d{4})(?![\d])\s*:?\s*(.*)$/u.exec(t.text);
  if (!m) {
    const value = t.text.replace(/^:\s*/, '');
    return { yv: { value, range: { start: t.start, end: t.start + t.text.length } }, problem: 'year' };
  }
  const value = m[2].trim();
  return {
    yv: { year: Number(m[1]), value, range: { start: t.start, end: t.start + t.text.length }, yearRange: { start: t.start, end: t.start + 4 } },
    problem: value ? undefined : 'value',
  };
}

/** The name segment: the name and a Kolada id in brackets at its end. */
function nameAndId(seg: string, at: number): Pick<Indicator, 'name' | 'kolada'> {
  // The last bracket at the segment's end, found by hand: "(Kolada N17461)" or "(N17461)".
  const end = seg.trimEnd();
  const open = end.endsWith(')') ? end.lastIndexOf('(') : -1;
  if (open >= 0 && !end.slice(open + 1, -1).includes(')')) {
    const inner = end.slice(open + 1, -1);
    const lead = /^\s*(?:kolada(?![\p{L}])\s*:?)?/iu.exec(inner)![0];
    const id = inner.slice(lead.length).trim();
    const labelled = /kolada/iu.test(lead);
    if (labelled || /^[A-Za-z]\d{3,7}$/.test(id)) {
      const idStart = at + open + 1 + lead.length + (inner.slice(lead.length).length - inner.slice(lead.length).trimStart().length);
      return { name: seg.slice(0, open).trim(), kolada: { id, range: { start: idStart, end: idStart + id.length }, valid: KOLADA_ID.test(id) } };
    }
  }
  return { name: seg.trim() };
}

/** Reads one indicator line; `text` starts at `offset` and begins with the label. */
export function parseIndicatorLine(text: string, offset: number, spec: ResolvedIndicators): Indicator | undefined {
  const head = indicatorLinePattern(spec.label).exec(text);
  if (!head) return undefined;
  const body = trimTrailing(text.slice(head[0].length));
  const ind: Indicator = {
    name: '',
    form: 'line',
    range: { start: offset + (text.length - text.trimStart().length), end: offset + text.trimEnd().length },
    problems: [],
  };
  let pos = offset + head[0].length;
  body.split(';').forEach((seg, i) => {
    const segStart = pos;
    pos += seg.length + 1;
    const t = trimmed(seg, segStart);
    if (i === 0) {
      Object.assign(ind, nameAndId(seg, segStart));
      return;
    }
    if (!t.text) return;
    for (const which of ['baseline', 'target'] as const) {
      const m = startsWithWord(t.text, which === 'baseline' ? spec.baselineLabel : spec.targetLabel);
      if (!m) continue;
      const r = yearValue(t.text.slice(m[0].length), t.start + m[0].length);
      ind[which] = r.yv;
      if (r.problem) ind.problems.push({ kind: r.problem, which, text: t.text, range: { start: t.start, end: t.start + t.text.length } });
      return;
    }
    const src = startsWithWord(t.text, spec.sourceLabel);
    if (src) {
      ind.source = t.text
        .slice(src[0].length)
        .replace(/^\s*:\s*/, '')
        .trim();
      return;
    }
    ind.problems.push({ kind: 'segment', text: t.text, range: { start: t.start, end: t.start + t.text.length } });
  });
  return ind;
}

type Column = 'name' | 'kolada' | 'baseline' | 'target' | 'source';

function cells(line: string, start: number): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let s = line;
  let at = start;
  const lead = s.length - s.trimStart().length;
  s = s.slice(lead);
  at += lead;
  if (s.startsWith('|')) {
    s = s.slice(1);
    at++;
  }
  let pos = 0;
  const row = s.trimEnd();
  for (const part of (row.endsWith('|') ? row.slice(0, -1) : row).split('|')) {
    out.push(trimmed(part, at + pos));
    pos += part.length + 1;
  }
  return out;
}

/** Reads a table of indicators: a header with the label's column, then a row per indicator. */
export function parseIndicatorTable(raw: string, offset: number, spec: ResolvedIndicators): Indicator[] {
  const rows = splitLines(raw, offset).filter((l) => l.text.trim());
  if (rows.length < 2 || !rows[0].text.trim().startsWith('|')) return [];
  const header = cells(rows[0].text, rows[0].start);
  const kinds: Array<Column | undefined> = header.map((h) => {
    if (startsWithWord(h.text, spec.label)) return 'name';
    if (/kolada/iu.test(h.text)) return 'kolada';
    if (startsWithWord(h.text, spec.baselineLabel)) return 'baseline';
    if (startsWithWord(h.text, spec.targetLabel)) return 'target';
    if (startsWithWord(h.text, spec.sourceLabel)) return 'source';
    return undefined;
  });
  if (!kinds.includes('name')) return [];
  // "Utgångsläge 2019" in the header gives the year of every row's value.
  const headerYear = header.map((h) => /(?<!\d)(\d{4})(?!\d)/.exec(h.text)?.[1]);
  const out: Indicator[] = [];
  for (const row of rows.slice(1)) {
    if (/^\|?\s*:?-{2,}/.test(row.text.trimStart())) continue;
    const cs = cells(row.text, row.start);
    const ind: Indicator = { name: '', form: 'table', range: { start: row.start, end: row.start + row.text.trimEnd().length }, problems: [] };
    cs.forEach((c, i) => {
      const kind = kinds[i];
      if (!kind || !c.text) return;
      const range = { start: c.start, end: c.start + c.text.length };
      if (kind === 'name') ind.name = c.text;
      else if (kind === 'kolada') ind.kolada = { id: c.text, range, valid: KOLADA_ID.test(c.text) };
      else if (kind === 'source') ind.source = c.text;
      else {
        const y = headerYear[i];
        const r =
          y && !/^\d{4}(?!\d)/.test(c.text) ? { yv: { year: Number(y), value: c.text, range } as YearValue, problem: undefined } : yearValue(c.text, c.start);
        ind[kind] = r.yv;
        if (r.problem) ind.problems.push({ kind: r.problem, which: kind, text: c.text, range });
      }
    });
    if (ind.name || ind.kolada) out.push(ind);
  }
  return out;
}

/** The blocks of a unit's own text and its subsections, not of its child units. */
function unitBlocks(u: Unit): RootContent[] {
  // A unit without subheadings (a plan of many short units) has only its own blocks.
  if (!u.section.children.length && !u.subsections.length) return u.section.blocks.slice();
  const childSections = new Set(u.children.map((c) => c.section));
  const out: RootContent[] = [];
  const seen = new Set<SectionNode>();
  const collect = (s: SectionNode) => {
    if (seen.has(s)) return;
    seen.add(s);
    out.push(...s.blocks);
    for (const c of s.children) if (!childSections.has(c)) collect(c);
  };
  collect(u.section);
  for (const sub of u.subsections) collect(sub.section);
  return out;
}

function paragraphs(nodes: RootContent[], out: RootContent[] = []): RootContent[] {
  for (const n of nodes) {
    if (n.type === 'paragraph') out.push(n);
    else if (n.type === 'list' || n.type === 'listItem' || n.type === 'blockquote') paragraphs(n.children as RootContent[], out);
  }
  return out;
}

/** The indicators written in a unit, in document order; none when its level takes none. */
const labelSearches = new Map<string, RegExp>();

/** Whether `raw` names `label` anywhere, in any case, without a lower-case copy of every paragraph. */
function mentions(raw: string, label: string): boolean {
  let re = labelSearches.get(label);
  if (!re) labelSearches.set(label, (re = new RegExp(escapeRe(label.toLowerCase()), 'iu')));
  return re.test(raw);
}

export function unitIndicators(u: Unit, text: string): Indicator[] {
  if (!u.spec.indicators) return [];
  const spec = resolveIndicators(u.spec.indicators);
  const out: Indicator[] = [];
  for (const p of paragraphs(unitBlocks(u))) {
    const r = rangeOf(p);
    const raw = text.slice(r.start, r.end);
    if (spec.forms.has('table') && raw.trimStart().startsWith('|')) {
      out.push(...parseIndicatorTable(raw, r.start, spec));
      continue;
    }
    if (!spec.forms.has('line')) continue;
    // Most paragraphs are not indicators: only one that names the label anywhere has a line to read.
    if (!mentions(raw, spec.label)) continue;
    for (const line of splitLines(raw, r.start)) {
      const ind = parseIndicatorLine(line.text, line.start, spec);
      if (ind) out.push(ind);
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}
