/**
 * A governing document as the register knows it: its header (type, title, diarienummer, decision,
 * validity, owner, revision) and its ties to other documents, read through the template's roles.
 * Plain data (it crosses from the analysis worker to the server, and is cached by plan-check).
 */
import type { Root, RootContent } from 'mdast';
import DEFAULTS from '../data/defaults.json';
import { BlockMemo, runsOf } from '../memo';
import { entryForRole, isValidIsoDate, type PlanModel } from '../model';
import { offsetOf, type FrontMatterEntry } from '../parse';
import { walkText } from '../rules/common';
import type { KeyRole } from '../template';
import type { OffsetRange } from '../text';

/** A tie from one document to others: the ones it implements, replaces, relates to. */
export type LinkRole = 'parent' | 'supersedes' | 'related';

export const LINK_ROLES: readonly LinkRole[] = ['parent', 'supersedes', 'related'];

/** One reference to another document: in a front-matter key (with its role) or in the body. */
export interface LinkRef {
  /** `body`: a title in the text, or a Markdown link to a Markdown file. */
  role: LinkRole | 'body';
  /** The front-matter key it stands in ("överordnat"); undefined in the body. */
  key?: string;
  /** The reference as written: a diarienummer, a title or a relative path. */
  text: string;
  range: OffsetRange;
  /** A Markdown link's target in the body (a relative path). */
  url?: string;
}

export interface RegisterEntry {
  type?: string;
  title?: string;
  diarienummer?: string;
  decidedBy?: string;
  /** ISO dates, where they are valid dates. */
  decisionDate?: string;
  validFrom?: string;
  validTo?: string;
  owner?: string;
  /** The written revision date (`revideras-senast`), when valid. */
  revisionDue?: string;
  /** The template's order of document types, most general first. */
  order: string[];
  /** The template's revision interval in years; undefined: once per term of office. */
  revisionYears?: number;
  /** The template's decision-date key, whether it is required, and whether the document has it. */
  decisionKey?: { key: string; required: boolean; present: boolean };
  /** The front-matter ties. */
  links: LinkRef[];
  /** Markdown links in the body to Markdown files. */
  bodyLinks: LinkRef[];
  /**
   * The body's text, run by run (text nodes outside code and HTML), for titles named in it:
   * packed, so that an entry passes between threads as one string and two lists of numbers
   * (`textRunsOf` unpacks them).
   */
  textRuns: TextRuns;
  /** Where findings about the whole document go: the document type's value, or the start. */
  headerRange: OffsetRange;
  /** The ranges of the keys findings point at. */
  ranges: { validTo?: OffsetRange; decisionDate?: OffsetRange; revisionDue?: OffsetRange; title?: OffsetRange };
}

/** Text runs: run `i` is `text.slice(ends[i - 1] ?? 0, ends[i])` and starts at `starts[i]` in the document. */
export interface TextRuns {
  text: string;
  starts: number[];
  ends: number[];
}

/** No text runs: an entry read from disk keeps none (register.ts), nor one of a document without body text. */
export const NO_RUNS: TextRuns = Object.freeze({ text: '', starts: [], ends: [] }) as TextRuns;

/** The runs of `runs`, one by one. */
export function* textRunsOf(runs: TextRuns): Generator<{ start: number; text: string }> {
  for (let i = 0; i < runs.starts.length; i++) yield { start: runs.starts[i], text: runs.text.slice(i ? runs.ends[i - 1] : 0, runs.ends[i]) };
}

/** How much body text an entry keeps (characters): titles further down are not looked for. */
const MAX_RUN_TEXT = 400_000;

/** The register entry of a governing document; undefined for a text that is not one. */
export function registerEntry(plan: PlanModel): RegisterEntry | undefined {
  if (!plan.planBy) return undefined;
  const template = plan.template;
  // A template that names no key for a role (version 1) is read with the built-in templates' keys.
  const fallback = DEFAULTS.registerKeys as Partial<Record<KeyRole, string>>;
  const entryFor = (role: KeyRole): FrontMatterEntry | undefined => {
    const e = entryForRole(plan, role);
    if (e || template?.frontMatter.some((k) => k.role === role)) return e;
    return fallback[role] ? plan.frontMatter?.entries.find((x) => x.key === fallback[role]) : undefined;
  };
  const value = (role: KeyRole) => entryFor(role)?.valueText || undefined;
  const date = (role: KeyRole) => {
    const v = value(role);
    return v && isValidIsoDate(v) ? v : undefined;
  };
  const typeEntry = entryForRole(plan, 'documentType');
  const decisionSpec = template?.frontMatter.find((k) => k.role === 'decisionDate');
  const entry: RegisterEntry = {
    type: (value('documentType') ?? plan.documentType ?? template?.id)?.trim().toLocaleLowerCase('sv'),
    title: value('title') ?? plan.title?.text,
    diarienummer: value('diarienummer'),
    decidedBy: value('decidedBy'),
    decisionDate: date('decisionDate'),
    validFrom: date('validFrom'),
    validTo: date('validTo'),
    owner: value('owner'),
    revisionDue: date('revisionDue'),
    order: template?.documentOrder ?? DEFAULTS.documentOrder,
    revisionYears: template?.revisionYears,
    decisionKey: decisionSpec && {
      key: decisionSpec.key,
      required: !!decisionSpec.required,
      present: !!plan.frontMatter?.entries.some((e) => e.key === decisionSpec.key),
    },
    links: [],
    bodyLinks: [],
    textRuns: NO_RUNS,
    headerRange: typeEntry?.valueRange ?? plan.title?.range ?? { start: 0, end: 0 },
    ranges: {
      validTo: entryFor('validTo')?.valueRange,
      decisionDate: entryFor('decisionDate')?.valueRange,
      revisionDue: entryFor('revisionDue')?.valueRange,
      title: entryFor('title')?.valueRange,
    },
  };
  for (const spec of template?.frontMatter ?? []) {
    const role = spec.role;
    if (role !== 'parent' && role !== 'supersedes' && role !== 'related') continue;
    const e = plan.frontMatter?.entries.find((x) => x.key === spec.key);
    if (e) for (const ref of splitReferences(plan.md.text, e)) entry.links.push({ role, key: e.key, ...ref });
  }
  let kept = 0;
  const body = plan.md.root.children.filter((n) => n.type !== 'yaml');
  // The links and text runs of a run of blocks follow from its text: read again only when it changed (memo.ts).
  const memo = BlockMemo.of(plan.md);
  const runs: TextRuns = { text: '', starts: [], ends: [] };
  for (const [from, to] of runsOf(body)) {
    const start = offsetOf(body[from], 'start');
    const read = memo.value(
      'register.block',
      start,
      offsetOf(body[to - 1], 'end'),
      () => readBlocks(body.slice(from, to), start),
      (same) => same,
    );
    for (const l of read.links) entry.bodyLinks.push({ ...l, range: { start: start + l.range.start, end: start + l.range.end } });
    for (const run of read.runs) {
      if (kept > MAX_RUN_TEXT) break;
      kept += run.text.length;
      runs.text += run.text;
      runs.starts.push(start + run.start);
      runs.ends.push(runs.text.length);
    }
  }
  if (runs.starts.length) entry.textRuns = runs;
  return entry;
}

/** Blocks' links to Markdown files and their text runs, with offsets from `start` (the first block's). */
function readBlocks(blocks: RootContent[], start: number): { links: LinkRef[]; runs: Array<{ start: number; text: string }> } {
  const links: LinkRef[] = [];
  const runs: Array<{ start: number; text: string }> = [];
  const visit = (node: RootContent | Root) => {
    if (node.type === 'link' && /\.(?:md|markdown)(?:#.*)?$/i.test(node.url) && !/^[a-z][a-z0-9+.-]*:/i.test(node.url)) {
      links.push({ role: 'body', text: node.url, url: node.url, range: { start: offsetOf(node, 'start') - start, end: offsetOf(node, 'end') - start } });
    }
    if ('children' in node && node.type !== 'link') for (const child of node.children as RootContent[]) visit(child);
  };
  for (const block of blocks) {
    visit(block);
    walkText(block, (text, at) => runs.push({ start: at - start, text }));
  }
  return { links, runs };
}

/**
 * The references in a tie's value: the items of a YAML list, or a text split at semicolons, each
 * with its range in the document (quotes around an item left out).
 */
export function splitReferences(text: string, e: FrontMatterEntry): Array<{ text: string; range: OffsetRange }> {
  const source = text.slice(e.valueRange.start, e.valueRange.end);
  const items = Array.isArray(e.value)
    ? e.value.filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => String(v))
    : typeof e.value === 'string' || typeof e.value === 'number'
      ? String(e.value).split(';')
      : [];
  const out: Array<{ text: string; range: OffsetRange }> = [];
  let from = 0;
  for (const raw of items) {
    const item = raw.trim();
    if (!item) continue;
    const at = source.indexOf(item, from);
    // An item YAML unescaped differs from its source: point at the whole value.
    const range = at >= 0 ? { start: e.valueRange.start + at, end: e.valueRange.start + at + item.length } : e.valueRange;
    if (at >= 0) from = at + item.length;
    out.push({ text: item, range });
  }
  return out;
}
