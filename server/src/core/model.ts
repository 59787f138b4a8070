/** The plan model: what the structure of a governing document is, once the template has been applied. */
import type { ListItem, RootContent } from 'mdast';
import type { FrontMatter, FrontMatterEntry, HeadingInfo, ParsedMarkdown, SectionNode } from './parse';
import type { Body, BodyMention } from './registry';
import { keyForRole, type KeyRole, type LevelSpec, type SectionSpec, type SubsectionSpec, type Template } from './template';
import type { OffsetRange } from './text';

export interface Action {
  /** Plain text of the action's first paragraph. */
  text: string;
  range: OffsetRange;
  /** The actor the action begins with, if it names one from the registry. */
  actor?: { body: Body; range: OffsetRange };
  /** Words at the start that look like a body but are not in the registry ("Kulturnämden ska …"). */
  unknownActor?: BodyMention;
  /** Nested points under the action. */
  subItems: string[];
  /** The list item, for the follow-up (task box, `Status:` and comment lines). */
  item?: ListItem;
}

export interface AnsvarLine {
  range: OffsetRange;
  mentions: BodyMention[];
}

export interface SubsectionModel {
  spec: SubsectionSpec;
  section: SectionNode;
  empty: boolean;
  /** For an actions subsection (Hur): the list items, and whether there was any list. */
  actions: Action[];
  hasList: boolean;
}

/**
 * One unit of the document's repeated structure at any level: a part (Del), an item under it
 * (Ambition), or a deeper level. `spec` is the template's level it belongs to.
 */
export interface Unit {
  /** 0 for the first level (parts), 1 for items, … */
  level: number;
  spec: LevelSpec;
  /** "1.2" as written, or undefined when the heading has no number. */
  number?: string;
  /** The numbers as integers: [1, 2]. */
  numbers: number[];
  title: string;
  section: SectionNode;
  parent?: Unit;
  /** The units of the next level under it. */
  children: Unit[];
  subsections: SubsectionModel[];
  /** Actions in lists directly under the heading, when the level takes actions. */
  actions: Action[];
  ansvar: AnsvarLine[];
  /** The heading is not deeper than its parent's heading (adopted by position). */
  misnested: boolean;
}

/** A unit of the first level. */
export type Part = Unit;
/** A unit of the second level. */
export type Ambition = Unit;

export interface RecognizedSection {
  spec: SectionSpec;
  section: SectionNode;
}

export interface TocEntry {
  text: string;
  range: OffsetRange;
  /** Numbering prefix: "1", "1.2". */
  number?: string;
  /** The keyword before the number (Del, Ambition), if any. */
  label?: string;
  /** Text after the numbering prefix. */
  title: string;
  link?: string;
}

export interface Quote {
  text: string;
  source?: string;
  range: OffsetRange;
}

export interface PlanModel {
  md: ParsedMarkdown;
  /** Why this file is a plan: its front matter or its file name. Undefined: not a plan. */
  planBy?: 'frontmatter' | 'filename';
  /** The document type as written (front matter) or implied by the file name. */
  documentType?: string;
  template?: Template;
  frontMatter?: FrontMatter;
  title?: HeadingInfo;
  /** The sections under the title, in order. */
  bodySections: SectionNode[];
  recognized: RecognizedSection[];
  /** Body-level sections that match no template section, part or ambition. */
  unknown: SectionNode[];
  /** The units of the first level (parts), each with its children. */
  parts: Part[];
  /** Units of a deeper level that stand outside any unit of the level above. */
  looseAmbitions: Ambition[];
  /** Subsections adopted by position although their heading is not deeper than their parent's. */
  misnested: SectionNode[];
  toc?: { section: SectionNode; entries: TocEntry[] };
  quotes: Quote[];
  sources: string[];
}

/** The units of the second level (ambitions), in parts and loose. */
export function allAmbitions(plan: PlanModel): Ambition[] {
  return [...plan.parts.flatMap((p) => p.children), ...plan.looseAmbitions.filter((a) => a.level === 1)];
}

/** Every unit at every level, depth first in document order. */
export function allUnits(plan: PlanModel): Unit[] {
  const out: Unit[] = [];
  const walk = (u: Unit) => {
    out.push(u);
    u.children.forEach(walk);
  };
  plan.parts.forEach(walk);
  plan.looseAmbitions.forEach(walk);
  return out;
}

/** Every action of a unit: its own and its subsections'. */
export function unitActions(u: Unit): Action[] {
  return [...u.actions, ...u.subsections.flatMap((s) => s.actions)];
}

/** The front-matter entry that plays a role in the document's template, if it has a value or not. */
export function entryForRole(plan: PlanModel, role: KeyRole): FrontMatterEntry | undefined {
  const key = keyForRole(plan.template, role);
  return key === undefined ? undefined : plan.frontMatter?.entries.find((e) => e.key === key);
}

/** The value of the entry for a role, or undefined when it is absent or empty. */
export function valueForRole(plan: PlanModel, role: KeyRole): string | undefined {
  return entryForRole(plan, role)?.valueText || undefined;
}

/** The document's validity as ISO dates, where they are valid dates. */
export function validity(plan: PlanModel): { from?: string; to?: string } {
  const iso = (s: string | undefined) => (s && isValidIsoDate(s) ? s : undefined);
  return { from: iso(valueForRole(plan, 'validFrom')), to: iso(valueForRole(plan, 'validTo')) };
}

/** The document's length in whole years (2020–2024: 4), when both dates are valid. */
export function periodYears(plan: PlanModel): number | undefined {
  const { from, to } = validity(plan);
  return from && to && to >= from ? Number(to.slice(0, 4)) - Number(from.slice(0, 4)) : undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/**
 * HTML that is comments only. The language of `/^\s*(<!--[\s\S]*?-->\s*)+$/`, which backtracks
 * exponentially over a line of many comments followed by text: since a comment's body may hold
 * `-->` and `<!--`, it is text that begins with `<!--` and ends with a later `-->`, white space aside.
 */
export function isComment(node: RootContent): boolean {
  if (node.type !== 'html') return false;
  const v = node.value.trim();
  return v.startsWith('<!--') && v.endsWith('-->') && v.length >= 7;
}

/** Whether `s` stands somewhere under `ancestor` in the heading tree. */
export function isUnder(s: SectionNode, ancestor: SectionNode): boolean {
  for (let p = s.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

/** Every block under a section, its subsections' included. */
export function sectionBlocksDeep(s: SectionNode): RootContent[] {
  const out: RootContent[] = [];
  collectBlocks(s, out);
  return out;
}

/** Into one list, in document order (no list per level: LIX asks this of every section). */
function collectBlocks(s: SectionNode, out: RootContent[]): void {
  for (const b of s.blocks) out.push(b);
  for (const c of s.children) collectBlocks(c, out);
}

/** A section with no content: no blocks but comments, and no subheadings. */
export function isEmptySection(s: SectionNode): boolean {
  return s.blocks.every(isComment) && s.children.length === 0;
}

/** Whether the section has text of its own before its first subheading. */
export function hasOwnText(s: SectionNode): boolean {
  return s.blocks.some((b) => !isComment(b));
}

/** The depth the template's top-level sections are written at in this document. */
export function sectionDepth(plan: PlanModel): number {
  const first = plan.recognized[0]?.section ?? plan.parts[0]?.section ?? plan.bodySections[0];
  return first ? first.heading.depth : (plan.title?.depth ?? 1) + 1;
}

/** Where a new front-matter key goes: the start of the closing `---` line. */
export function frontMatterInsertPoint(plan: PlanModel): number {
  const fm = plan.frontMatter;
  if (!fm) return 0;
  const text = plan.md.text;
  // The closing line follows \n, \r\n or a lone \r (old Mac files).
  return Math.max(text.lastIndexOf('\n', fm.range.end - 1), text.lastIndexOf('\r', fm.range.end - 1)) + 1;
}
