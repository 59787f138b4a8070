/**
 * Cross-references to the units of a plan (parts, ambitions, or the template's own levels):
 * "ambition 1.3", "Del 2", "mål 2.1" in the body and in headings, the numbered entries of Innehåll,
 * and links to a unit's heading (`#del-1-namn`). The words come from the template's levels (their
 * `label` and their `name`), never from a fixed list. Pure: no Node, no LSP.
 */
import type { Link, Root, RootContent } from 'mdast';
import { allUnits, type PlanModel, type Unit } from './model';
import { rangeOf } from './parse';
import { levelNumbering, levels, type LevelSpec, type Template } from './template';
import { escapeRe, fold, slug, type OffsetRange } from './text';

/** Where a unit is defined: its heading, with the ranges of its number and its title where they can be told apart. */
export interface UnitSite {
  unit: Unit;
  /** The number as written in the heading ("1.3"). */
  numberRange?: OffsetRange;
  /** The title as written in the heading, when it is plain text there. */
  titleRange?: OffsetRange;
}

export type ReferenceKind = 'text' | 'toc' | 'anchor';

/** One place that refers to a unit. */
export interface Reference {
  unit: Unit;
  kind: ReferenceKind;
  /** The whole reference: "ambition 1.3", an Innehåll entry, a link target. */
  range: OffsetRange;
  /** The number in it ("1.3"); absent for a link target. */
  numberRange?: OffsetRange;
  /** The unit's title written right after the number ("Del 1. Namn"), when it is there word for word. */
  titleRange?: OffsetRange;
  /** For a link target: the target without `#`. */
  anchor?: string;
}

/** The words that name a level in references, by level: its label and its noun, as the template gives them. */
export interface LevelWords {
  level: number;
  words: string[];
}

/** The words of the template's numbered levels. */
export function levelWords(template: Pick<Template, 'parts'> | undefined): LevelWords[] {
  if (!template) return [];
  return levels(template)
    .map((spec, level) => ({ level, spec }))
    .filter(({ spec }) => levelNumbering(spec) !== 'none')
    .map(({ spec, level }) => ({ level, words: wordsOf(spec) }));
}

function wordsOf(spec: LevelSpec): string[] {
  const names = [spec.label, typeof spec.name === 'string' ? spec.name : spec.name.sv].filter((w): w is string => !!w && !!w.trim());
  const seen = new Set<string>();
  return names.filter((w) => {
    const k = fold(w);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The pattern of a reference: a level's word, white space and a number ("ambition 1.3"). */
export function referencePattern(words: LevelWords[]): RegExp | undefined {
  const all = words.flatMap((w) => w.words).sort((a, b) => b.length - a.length);
  if (!all.length) return undefined;
  const alternatives = all.map((w) => escapeRe(w.normalize('NFC')).replace(/\s+/g, '\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives})[ \\t\\u00a0]+(\\d+(?:\\.\\d+)*)(?![\\p{N}]|\\.\\p{N})`, 'giu');
}

/** A raw match of the reference pattern in some text. */
export interface RawReference {
  level: number;
  number: string;
  range: OffsetRange;
  numberRange: OffsetRange;
}

/** Every reference pattern match in `text` between `from` and `to`, with its level. */
export function scanReferences(text: string, from: number, to: number, words: LevelWords[], re = referencePattern(words)): RawReference[] {
  if (!re) return [];
  const byWord = new Map<string, number[]>();
  for (const w of words) for (const word of w.words) byWord.set(fold(word), [...(byWord.get(fold(word)) ?? []), w.level]);
  const out: RawReference[] = [];
  const slice = text.slice(from, to);
  re.lastIndex = 0;
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const number = m[2];
    const depth = number.split('.').length;
    const candidates = byWord.get(fold(m[1])) ?? [];
    // A word used by two levels: the number's depth decides.
    const level = candidates.find((l) => l + 1 === depth) ?? candidates[0];
    if (level === undefined) continue;
    const start = from + m.index;
    const numberStart = start + m[0].length - number.length;
    out.push({ level, number, range: { start, end: start + m[0].length }, numberRange: { start: numberStart, end: numberStart + number.length } });
  }
  return out;
}

/** The units by level and number. A number used twice is ambiguous: references to it resolve to nothing. */
export class UnitIndex {
  readonly #byKey = new Map<string, Unit[]>();
  readonly #byNumber = new Map<string, Unit[]>();

  constructor(units: Unit[]) {
    for (const u of units) {
      if (!u.number || levelNumbering(u.spec) === 'none') continue;
      push(this.#byKey, `${u.level}:${u.number}`, u);
      push(this.#byNumber, u.number, u);
    }
  }

  get(level: number, number: string): Unit | undefined {
    const list = this.#byKey.get(`${level}:${number}`);
    return list?.length === 1 ? list[0] : undefined;
  }

  byNumber(number: string): Unit | undefined {
    const list = this.#byNumber.get(number);
    return list?.length === 1 ? list[0] : undefined;
  }

  /** Whether another unit than `u` has this number. */
  taken(number: string, except?: Unit): boolean {
    return (this.#byNumber.get(number) ?? []).some((x) => x !== except);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Where each unit's heading writes its number and its title. */
export function unitSite(plan: PlanModel, u: Unit): UnitSite {
  const text = plan.md.text;
  const { start, end } = u.section.heading.textRange;
  const raw = text.slice(start, end);
  const site: UnitSite = { unit: u };
  let after = 0;
  if (u.number) {
    const label = u.spec.label ? new RegExp(`^${escapeRe(u.spec.label.normalize('NFC'))}`, 'iu').exec(raw.normalize('NFC')) : null;
    const at = raw.indexOf(u.number, label ? label[0].length : 0);
    if (at >= 0) {
      site.numberRange = { start: start + at, end: start + at + u.number.length };
      after = at + u.number.length;
    }
  }
  if (u.title) {
    const at = raw.lastIndexOf(u.title);
    if (at >= after && at + u.title.length <= raw.length) site.titleRange = { start: start + at, end: start + at + u.title.length };
  }
  return site;
}

/** A unit's title written right after `at` ("1.3. Namn", "1.3 – Namn", "1.3 ”Namn”"), word for word. */
function titleAfter(text: string, at: number, title: string): OffsetRange | undefined {
  if (title.trim().length < 3) return undefined;
  const sep = /\.?[ \t]*(?:[:–—-][ \t]*)?["”'’]?/y;
  sep.lastIndex = at;
  const m = sep.exec(text);
  if (!m || m[0].length === 0) return undefined;
  const start = at + m[0].length;
  if (!text.startsWith(title, start)) return undefined;
  const next = text.charCodeAt(start + title.length);
  if (!Number.isNaN(next) && /[\p{L}\p{N}]/u.test(String.fromCharCode(next))) return undefined;
  return { start, end: start + title.length };
}

/** Nodes whose text is not prose: no references are looked for in them. */
const OPAQUE = new Set(['code', 'inlineCode', 'html', 'yaml', 'definition', 'image', 'imageReference']);

/** Every reference to a unit in a plan: in the text and headings, in Innehåll, and links to a unit's heading. */
export function findReferences(plan: PlanModel): Reference[] {
  const text = plan.md.text;
  const units = allUnits(plan);
  const index = new UnitIndex(units);
  const words = levelWords(plan.template);
  const re = referencePattern(words);
  const out: Reference[] = [];
  const toc = plan.toc?.section.range;
  const inToc = (o: number) => !!toc && o >= toc.start && o < toc.end;
  const definitions = new Set(units.map((u) => unitSite(plan, u).numberRange?.start).filter((x): x is number => x !== undefined));
  const bySlug = new Map<string, Unit>();
  for (const u of units) if (!bySlug.has(slug(u.section.heading.text))) bySlug.set(slug(u.section.heading.text), u);

  const visit = (node: Root | RootContent) => {
    if (OPAQUE.has(node.type)) return;
    if (node.type === 'link') anchorReference(node, text, bySlug, out);
    if (node.type === 'text') {
      const r = rangeOf(node);
      if (inToc(r.start) || r.end <= r.start) return;
      for (const raw of scanReferences(text, r.start, r.end, words, re)) {
        if (definitions.has(raw.numberRange.start)) continue;
        const unit = index.get(raw.level, raw.number);
        if (!unit) continue;
        out.push({ unit, kind: 'text', range: raw.range, numberRange: raw.numberRange, titleRange: titleAfter(text, raw.numberRange.end, unit.title) });
      }
      return;
    }
    if ('children' in node) for (const c of node.children as RootContent[]) visit(c);
  };
  visit(plan.md.root);

  for (const e of plan.toc?.entries ?? []) {
    if (!e.number) continue;
    const unit = index.byNumber(e.number);
    if (!unit) continue;
    const raw = text.slice(e.range.start, e.range.end);
    const at = raw.indexOf(e.number);
    if (at < 0) continue;
    const numberRange = { start: e.range.start + at, end: e.range.start + at + e.number.length };
    const t = e.title ? raw.indexOf(e.title, at + e.number.length) : -1;
    const titleRange = t >= 0 && e.title === unit.title ? { start: e.range.start + t, end: e.range.start + t + e.title.length } : undefined;
    out.push({ unit, kind: 'toc', range: e.range, numberRange, titleRange });
  }
  out.sort((a, b) => a.range.start - b.range.start);
  return out;
}

function anchorReference(link: Link, text: string, bySlug: Map<string, Unit>, out: Reference[]): void {
  if (!link.url.startsWith('#')) return;
  const anchor = decode(link.url.slice(1));
  const unit = bySlug.get(anchor);
  if (!unit) return;
  const r = rangeOf(link);
  const raw = text.slice(r.start, r.end);
  const at = raw.lastIndexOf('](' + link.url);
  if (at < 0) return;
  const start = r.start + at + 3;
  out.push({ unit, kind: 'anchor', range: { start, end: start + link.url.length - 1 }, anchor });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The reference or the unit heading at an offset: what navigation and rename act on. */
export interface SiteAt {
  unit: Unit;
  /** `number` or `title`: the part of the unit the cursor is on. */
  part: 'number' | 'title';
  /** The range a rename replaces (the number or the title as written there). */
  range?: OffsetRange;
  reference?: Reference;
}

export function siteAt(plan: PlanModel, offset: number, refs = findReferences(plan)): SiteAt | undefined {
  const within = (r: OffsetRange | undefined) => !!r && offset >= r.start && offset <= r.end;
  for (const u of allUnits(plan)) {
    if (!within(u.section.heading.range)) continue;
    const site = unitSite(plan, u);
    // On the title, or elsewhere in a heading without a number (the `#` marks, the label): the title.
    if (within(site.titleRange) || (!site.numberRange && site.titleRange)) return { unit: u, part: 'title', range: site.titleRange };
    return { unit: u, part: 'number', range: site.numberRange };
  }
  const ref = refs.find((r) => within(r.range) || within(r.titleRange));
  if (!ref) return undefined;
  if (within(ref.titleRange) && !within(ref.numberRange)) return { unit: ref.unit, part: 'title', range: ref.titleRange, reference: ref };
  return { unit: ref.unit, part: 'number', range: ref.numberRange, reference: ref };
}

// ------------------------------------------------------------------ other documents

/** What another document needs to know of a plan to find references to it: how it is named, its words and its units. */
export interface PlanTargets {
  /** Names that tell that a passage speaks of this plan: its title, diarienummer and file name. */
  names: string[];
  words: LevelWords[];
  /** Each unit with its heading, and where the heading's number and title begin (for a rename from another document). */
  units: Array<{ level: number; number: string; title: string; heading: OffsetRange; numberAt?: number; titleAt?: number }>;
}

export function planTargets(plan: PlanModel, fileName: string, diarienummer?: string, title?: string): PlanTargets {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const names = [title, plan.title?.text, diarienummer, base && /\.md$/i.test(base) ? base : undefined].filter((n): n is string => !!n && n.trim().length >= 4);
  const counts = new Map<string, number>();
  for (const u of allUnits(plan)) if (u.number) counts.set(`${u.level}:${u.number}`, (counts.get(`${u.level}:${u.number}`) ?? 0) + 1);
  const units = allUnits(plan)
    .filter((u) => u.number && levelNumbering(u.spec) !== 'none' && counts.get(`${u.level}:${u.number}`) === 1)
    .map((u) => {
      const site = unitSite(plan, u);
      return {
        level: u.level,
        number: u.number!,
        title: u.title,
        heading: u.section.heading.range,
        numberAt: site.numberRange?.start,
        titleAt: site.titleRange?.start,
      };
    });
  return { names: [...new Set(names)], words: levelWords(plan.template), units };
}

/** A reference in another document: the unit by level and number. */
export interface ForeignReference {
  level: number;
  number: string;
  range: OffsetRange;
  numberRange: OffsetRange;
  titleRange?: OffsetRange;
}

/**
 * References to `targets`' units in another document's text: in each passage (text between blank
 * lines, the front matter aside) that names the plan by title, diarienummer or file name. Reads
 * the text line by line, without parsing it: linear in its length.
 */
export function foreignReferences(text: string, targets: PlanTargets): ForeignReference[] {
  const re = referencePattern(targets.words);
  if (!re || !targets.names.length) return [];
  const names = targets.names.map(fold);
  const units = new Map(targets.units.map((u) => [`${u.level}:${u.number}`, u]));
  const out: ForeignReference[] = [];
  let start = frontMatterEnd(text);
  while (start < text.length) {
    const gap = /\r?\n[ \t]*\r?\n|\r[ \t]*\r/g;
    gap.lastIndex = start;
    const m = gap.exec(text);
    const end = m ? m.index : text.length;
    const block = fold(text.slice(start, end));
    if (names.some((n) => block.includes(n)))
      for (const raw of scanReferences(text, start, end, targets.words, re)) {
        const unit = units.get(`${raw.level}:${raw.number}`);
        if (unit) out.push({ ...raw, titleRange: titleAfter(text, raw.numberRange.end, unit.title) });
      }
    start = m ? m.index + m[0].length : text.length;
  }
  return out;
}

function frontMatterEnd(text: string): number {
  if (!/^---[ \t]*\r?\n/.test(text)) return 0;
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
  close.lastIndex = 3;
  const m = close.exec(text);
  return m ? m.index + m[0].length : 0;
}
