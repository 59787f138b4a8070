/** Applying a template to parsed Markdown: sections, parts, ambitions, actions, Innehåll, quotes. */
import type { Blockquote, List, ListItem, RootContent } from 'mdast';
import {
  allUnits,
  isComment,
  isUnder,
  sectionBlocksDeep,
  type Action,
  type AnsvarLine,
  type PlanModel,
  type Quote,
  type SubsectionModel,
  type Unit,
} from './model';
import { offsetOf, plainText, rangeOf, type ParsedMarkdown, type SectionNode } from './parse';
import type { Registry } from './registry';
import { levelMatch, levels, type LevelSpec, type SectionSpec, type Template, type TemplateSet } from './template';
import { readToc } from './contents';
import { BlockMemo, idOf } from './memo';
import { escapeRe, fold, isTrailingPunctuation, trimEndWhere, type OffsetRange } from './text';

/** Heading text without a numbering prefix and trailing punctuation, folded: the key sections are recognised by. */
export function sectionKey(text: string): string {
  return fold(trimEndWhere(text.replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+/, ''), isTrailingPunctuation));
}

export function matchesSectionSpec(spec: SectionSpec, headingText: string): boolean {
  const key = sectionKey(headingText);
  for (const name of [spec.title, ...(spec.aliases ?? [])]) {
    const n = sectionKey(name);
    if (key === n) return true;
    // "Inledning: Vi spelar roll!" — a title followed by a subtitle.
    if (key.startsWith(n) && /^\s*[:–—-]\s/.test(key.slice(n.length) + ' ')) return true;
  }
  return false;
}

export interface LevelPatterns {
  /** "Del 1. Namn", "Strategi: Namn": the label, an optional number, a separator and the title. */
  labelled?: RegExp;
  /** "1.2. Namn" under a unit of the level above. */
  bare?: RegExp;
  /** Folded section keys of the named headings, in order. */
  names?: string[];
  sub: Array<{ re: RegExp; index: number }>;
}

export interface Patterns {
  levels: LevelPatterns[];
  ansvar: RegExp;
}

const patternCache = new WeakMap<Template, Patterns>();

/** The `Ansvar:` line's pattern for a label: optional bold around the label, then a colon. */
export function ansvarPattern(label: string | undefined): RegExp {
  return new RegExp(`^\\s*(?:\\*\\*|__)?${escapeRe(label ?? 'Ansvar')}(?:\\*\\*|__)?\\s*:\\s*(?:\\*\\*|__)?`, 'iu');
}

export function patternsFor(template: Template): Patterns {
  let p = patternCache.get(template);
  if (p) return p;
  p = {
    ansvar: ansvarPattern(template.ansvarLabel),
    levels: levels(template).map((level, depth) => {
      const match = levelMatch(level);
      const lp: LevelPatterns = {
        sub: (level.subsections ?? []).map((s, index) => ({ re: new RegExp(`^${escapeRe(s.label.normalize('NFC'))}(?![\\p{L}\\p{N}])`, 'iu'), index })),
      };
      if (match === 'label' && level.label)
        lp.labelled = new RegExp(`^${escapeRe(level.label.normalize('NFC'))}(?![\\p{L}\\p{N}])(?:\\s*(\\d+(?:\\.\\d+)*))?\\s*[.:–—-]?\\s*(.*)$`, 'iu');
      if (match === 'label' && depth > 0) lp.bare = /^(\d+\.\d+(?:\.\d+)*)\.?\s+(.*)$/u;
      if (match === 'headings') lp.names = (level.headings ?? []).map(sectionKey);
      return lp;
    }),
  };
  patternCache.set(template, p);
  return p;
}

/**
 * Decides whether the text is a governing document, and of which type: its front matter's
 * document type, else a template's file-name ending (`.plan.md`), else `planType` when the caller
 * has matched the file against the user's plan-file patterns.
 */
export function classify(
  md: ParsedMarkdown,
  fileName: string,
  templates: TemplateSet,
  planType?: string,
): Pick<PlanModel, 'planBy' | 'documentType' | 'template'> {
  const typeKeys = templates.documentTypeKeys();
  const typeEntry = md.frontMatter?.entries.find((e) => typeKeys.has(e.key));
  if (typeEntry) {
    const type = typeEntry.valueText || undefined;
    const byName = templates.forFileName(fileName);
    return { planBy: 'frontmatter', documentType: type, template: type ? templates.get(type) : byName };
  }
  const byName = templates.forFileName(fileName);
  if (byName) return { planBy: 'filename', documentType: byName.id, template: byName };
  if (planType) return { planBy: 'filename', documentType: planType, template: templates.get(planType) };
  return {};
}

interface Head {
  number?: string;
  title: string;
}

/** The plan model of a parse; `memo` carries actions and `Ansvar:` lines read in the version before (memo.ts). */
export function buildPlan(md: ParsedMarkdown, fileName: string, templates: TemplateSet, registry: Registry, planType?: string, memo?: BlockMemo): PlanModel {
  const base = classify(md, fileName, templates, planType);
  const plan: PlanModel = {
    md,
    ...base,
    frontMatter: md.frontMatter,
    bodySections: [],
    recognized: [],
    unknown: [],
    parts: [],
    looseAmbitions: [],
    misnested: [],
    quotes: [],
    sources: [],
  };
  if (!plan.planBy) return plan;

  const titleSection = md.sections.find((s) => s.heading.depth === 1) ?? (md.sections[0]?.children.length ? md.sections[0] : undefined);
  plan.title = titleSection?.heading;
  plan.bodySections = md.sections.flatMap((s) => (s === titleSection ? s.children : [s]));
  const blocks = memo ?? new BlockMemo(md);
  plan.quotes = collectQuotes(md.root.children, blocks);

  const template = plan.template;
  if (!template) return plan;
  new StructureReader(plan, template, registry, titleSection, blocks).read();

  const tocRec = plan.recognized.find((r) => r.spec.kind === 'toc');
  if (tocRec) plan.toc = { section: tocRec.section, entries: readToc(tocRec.section, md.text) };
  const sourcesRec = plan.recognized.find((r) => r.spec.kind === 'sources');
  if (sourcesRec) plan.sources = readSources(sectionBlocksDeep(sourcesRec.section));
  return plan;
}

/** Reads the template's sections and its levels of units out of the heading tree. */
class StructureReader {
  readonly #pat: Patterns;
  readonly #levels: LevelSpec[];
  readonly #partsSpec: SectionSpec | undefined;
  readonly #captured = new Set<SectionNode>();

  constructor(
    private readonly plan: PlanModel,
    private readonly template: Template,
    private readonly registry: Registry,
    private readonly titleSection: SectionNode | undefined,
    private readonly memo: BlockMemo,
  ) {
    this.#pat = patternsFor(template);
    this.#levels = levels(template);
    this.#partsSpec = template.sections.find((s) => s.kind === 'parts');
  }

  read(): void {
    this.#visit(this.plan.bodySections, false);
    this.#hidden();
    this.plan.parts.sort((a, b) => a.section.range.start - b.section.range.start);
    for (const u of allUnits(this.plan)) u.ansvar = this.#ansvarLines(u);
  }

  /** The unit heading of `level` that `s` is, by label or name (not by position). */
  #matchHead(level: number, s: SectionNode, underParent: boolean): Head | undefined {
    const lp = this.#pat.levels[level];
    if (!lp) return undefined;
    // Compared composed (NFC): a heading typed with a decomposed ”ö” is the template's heading.
    const text = s.heading.text.normalize('NFC');
    const m = lp.labelled?.exec(text) ?? (underParent ? lp.bare?.exec(text) : null);
    if (m) return { number: m[1], title: m[2].trim() };
    if (lp.names?.includes(sectionKey(text))) {
      const n = /^\s*(\d+(?:\.\d+)*)\.?\s/.exec(text);
      return { number: n?.[1], title: text.replace(/^\s*\d+(?:\.\d+)*\.?\s+/, '').trim() };
    }
    return undefined;
  }

  #matchSub(u: Unit | undefined, text: string): number | undefined {
    const composed = text.normalize('NFC');
    return u ? this.#pat.levels[u.level]?.sub.find((x) => x.re.test(composed))?.index : undefined;
  }

  #unit(level: number, s: SectionNode, head: Head, parent: Unit | undefined): Unit {
    const num = head.number;
    const u: Unit = {
      level,
      spec: this.#levels[level],
      number: num,
      numbers: num ? num.split('.').map(Number) : [],
      title: head.title,
      section: s,
      parent,
      children: [],
      subsections: [],
      actions: [],
      ansvar: [],
      misnested: false,
    };
    if (parent) parent.children.push(u);
    this.#captured.add(s);
    if (u.spec.actions) u.actions = this.#actions(s.blocks);
    return u;
  }

  #visit(list: SectionNode[], container: boolean): void {
    const plan = this.plan;
    let currentPart: Unit | undefined;
    let current: Unit | undefined;
    const anyParts = this.#levels[0] !== undefined && levelMatch(this.#levels[0]) === 'any';
    const labelledItems = this.#levels[1] !== undefined && levelMatch(this.#levels[1]) === 'label';
    for (const s of list) {
      const text = s.heading.text;
      const ph = container && anyParts ? { title: text } : this.#matchHead(0, s, false);
      if (ph) {
        currentPart = this.#unit(0, s, ph, undefined);
        plan.parts.push(currentPart);
        current = currentPart;
        this.#readUnit(currentPart);
        continue;
      }
      const ih = labelledItems ? this.#matchHead(1, s, false) : undefined;
      if (ih) {
        const u = this.#unit(1, s, ih, currentPart);
        if (currentPart) {
          u.misnested = s.heading.depth <= currentPart.section.heading.depth;
          if (u.misnested) plan.misnested.push(s);
        } else plan.looseAmbitions.push(u);
        current = u;
        this.#readUnit(u);
        continue;
      }
      const sub = this.#matchSub(current, text);
      if (sub !== undefined && current) {
        plan.misnested.push(s);
        this.#addSubsection(current, sub, s);
        continue;
      }
      const spec = this.template.sections.find((sp) => sp.kind !== 'parts' && matchesSectionSpec(sp, text));
      if (spec) {
        plan.recognized.push({ spec, section: s });
        currentPart = undefined;
        current = undefined;
        continue;
      }
      if (this.#partsSpec && matchesSectionSpec(this.#partsSpec, text) && !container) {
        // A heading that gathers the parts ("Delar", "Strategier"): look inside it.
        plan.recognized.push({ spec: this.#partsSpec, section: s });
        this.#visit(s.children, true);
        currentPart = undefined;
        current = undefined;
        continue;
      }
      if (!currentPart) plan.unknown.push(s);
    }
  }

  /** A unit's children: units of the next level, its subsections, and subsections of the last child written beside it. */
  #readUnit(u: Unit): void {
    const next = u.level + 1 < this.#levels.length ? u.level + 1 : undefined;
    const anyNext = next !== undefined && levelMatch(this.#levels[next]) === 'any';
    let last: Unit | undefined;
    for (const c of u.section.children) {
      const sub = this.#matchSub(u, c.heading.text);
      if (sub !== undefined) {
        this.#addSubsection(u, sub, c);
        continue;
      }
      const head = next !== undefined ? (this.#matchHead(next, c, true) ?? (anyNext ? { title: c.heading.text } : undefined)) : undefined;
      if (head && next !== undefined) {
        last = this.#unit(next, c, head, u);
        this.#readUnit(last);
        continue;
      }
      const lastSub = this.#matchSub(last, c.heading.text);
      if (lastSub !== undefined && last) {
        this.plan.misnested.push(c);
        this.#addSubsection(last, lastSub, c);
      }
    }
  }

  /** A subsection; other subsections nested under it (after a misnested heading) are pulled up beside it. */
  #addSubsection(u: Unit, index: number, s: SectionNode): void {
    const spec = u.spec.subsections![index];
    const content = s.blocks.filter((b) => !isComment(b));
    const lists = content.filter((b): b is List => b.type === 'list');
    const actions = spec.actions ? this.#actions(lists) : [];
    const model: SubsectionModel = { spec, section: s, empty: false, actions, hasList: lists.length > 0 };
    u.subsections.push(model);
    this.#captured.add(s);
    let ownChildren = 0;
    for (const c of s.children) {
      const other = this.#matchSub(u, c.heading.text);
      if (other !== undefined && other !== index) this.#addSubsection(u, other, c);
      else ownChildren++;
    }
    model.empty = content.length === 0 && ownChildren === 0;
  }

  #actions(blocks: RootContent[]): Action[] {
    const name = `action\u0000${idOf(this.registry)}`;
    const text = this.plan.md.text;
    // An action follows from its list item's text and the registry: read again only when that changed.
    return blocks
      .filter((b): b is List => b.type === 'list')
      .flatMap((l) =>
        l.children.map((li) =>
          this.memo.value(
            name,
            offsetOf(li, 'start'),
            offsetOf(li, 'end'),
            () => readAction(li, text, this.registry),
            (a, by) => movedAction(a, by, li),
          ),
        ),
      );
  }

  /** Parts and items hidden under another section ("### Del 3" under "## Bakgrund"). */
  #hidden(): void {
    const plan = this.plan;
    const inside = (x: SectionNode | undefined): boolean => !!x && (this.#captured.has(x) || inside(x.parent));
    for (const s of plan.md.allSections) {
      if (this.#captured.has(s) || s === this.titleSection || inside(s.parent)) continue;
      const ph = this.#pat.levels[0]?.labelled?.exec(s.heading.text.normalize('NFC'));
      if (ph) {
        const part = this.#unit(0, s, { number: ph[1], title: ph[2].trim() }, undefined);
        part.misnested = true;
        plan.parts.push(part);
        plan.misnested.push(s);
        this.#readUnit(part);
        continue;
      }
      const ih = this.#pat.levels[1]?.labelled?.exec(s.heading.text.normalize('NFC'));
      if (ih) {
        const u = this.#unit(1, s, { number: ih[1], title: ih[2].trim() }, undefined);
        plan.looseAmbitions.push(u);
        this.#readUnit(u);
      }
    }
  }

  /** `Ansvar:` lines in a unit's own text and its subsections, not in its child units. */
  #ansvarLines(u: Unit): AnsvarLine[] {
    const childSections = new Set(u.children.map((c) => c.section));
    const blocks: RootContent[] = [];
    const collect = (s: SectionNode) => {
      blocks.push(...s.blocks);
      for (const c of s.children) if (!childSections.has(c)) collect(c);
    };
    collect(u.section);
    for (const sub of u.subsections) if (!isUnder(sub.section, u.section)) collect(sub.section);
    return findAnsvarLines(
      blocks,
      this.plan.md.text,
      this.#pat.ansvar,
      this.registry,
      this.memo,
      `ansvar\u0000${idOf(this.registry)}\u0000${idOf(this.template)}`,
    );
  }
}

export { isComment, sectionBlocksDeep };
export { cleanTocText } from './contents';

/** A list item as an action: its text, and the actor (known or not) it begins with. */
export function readAction(li: ListItem, text: string, registry: Registry): Action {
  const first = li.children.find((c) => c.type === 'paragraph') ?? li.children[0];
  const range = first ? rangeOf(first) : rangeOf(li);
  const raw = text.slice(range.start, range.end);
  const lead = /^(?:[\s*_>]|\[[ xX]\]\s)*/.exec(raw)![0].length;
  const action: Action = {
    text: first ? plainText(first).replace(/\s+/g, ' ').trim() : '',
    range,
    subItems: li.children.filter((c): c is List => c.type === 'list').flatMap((l) => l.children.map((i) => plainText(i).trim())),
    item: li,
  };
  const m = registry.matchAt(raw, lead);
  if (m) action.actor = { body: m.body, range: { start: range.start + lead, end: range.start + lead + m.length } };
  else {
    const guess = looksLikeBody(raw.slice(lead), true) ?? misspeltActor(raw.slice(lead), registry);
    if (guess) action.unknownActor = { text: guess, range: { start: range.start + lead, end: range.start + lead + guess.length } };
  }
  return action;
}

/** Words that make a name a body's in Swedish: "…nämnden", "…styrelsen", "… AB". */
export const BODY_WORD =
  /^(?:[\p{L}]+-\s+(?:och|eller)\s+)?[\p{L}-]*(?:nämnden|nämnd|styrelsen|förvaltningen|kontoret|fullmäktige|revisionen|utskottet)s?(?![\p{L}])|^[\p{Lu}][\p{L}-]*(?:\s+[\p{L}-]+){0,4}\s+AB(?![\p{L}])/u;

/** Another organisation's name leading an action: "X kommun ska …", "Region X ska …". */
const ORGANISATION_WORD = /^[\p{Lu}][\p{L}-]*\s+(?:kommun|kommunalförbund)s?(?![\p{L}])|^Region\s+[\p{Lu}][\p{L}-]*(?![\p{L}])/u;

/** The body-like name at the start of `s` (with `organisations`, also another kommun or region), or undefined; a genitive -s is dropped. */
export function looksLikeBody(s: string, organisations = false): string | undefined {
  const m = BODY_WORD.exec(s) ?? (organisations ? ORGANISATION_WORD.exec(s) : null);
  if (!m) return undefined;
  return /(?:nämnden|styrelsen|förvaltningen|kontoret|revisionen|utskottet|kommun|kommunalförbund)s$/u.test(m[0]) ? m[0].slice(0, -1) : m[0];
}

/** The words before the verb ("Kulturnämden ska …") when they are close to a registry name. */
function misspeltActor(s: string, registry: Registry): string | undefined {
  const m = /^((?:[\p{L}-]+\s+){0,5}?[\p{L}-]+)\s+(?:ska|skall|ansvarar|har|bör|kommer|leder|får)\b/u.exec(s);
  if (!m || m[1].length < 4) return undefined;
  return registry.nearestNames(m[1], 1).length ? m[1] : undefined;
}

/**
 * An action read in an earlier version, `by` characters further on, with the list item it is now:
 * the same action when neither changed (a parse taken over keeps the nodes before an edit, incremental.ts).
 */
function movedAction(a: Action, by: number, item: ListItem): Action {
  if (!by && a.item === item) return a;
  const moved: Action = { ...a, range: shifted(a.range, by), item };
  if (a.actor) moved.actor = { ...a.actor, range: shifted(a.actor.range, by) };
  if (a.unknownActor) moved.unknownActor = { ...a.unknownActor, range: shifted(a.unknownActor.range, by) };
  return moved;
}

const shifted = (r: OffsetRange, by: number): OffsetRange => (by ? { start: r.start + by, end: r.end + by } : r);

function findAnsvarLines(blocks: RootContent[], text: string, label: RegExp, registry: Registry, memo: BlockMemo, name: string): AnsvarLine[] {
  const out: AnsvarLine[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    const range = rangeOf(b);
    const line = memo.value<AnsvarLine | null>(
      name,
      range.start,
      range.end,
      () => {
        const raw = text.slice(range.start, range.end);
        const firstLine = raw.slice(0, lineEnd(raw, 0));
        const m = label.exec(firstLine);
        if (!m) return null;
        const rest = firstLine.slice(m[0].length).replace(/(?:\*\*|__)\s*$/, '');
        return { range: { start: range.start, end: range.start + firstLine.length }, mentions: registry.parseList(rest, range.start + m[0].length) };
      },
      (l, by) => l && { range: shifted(l.range, by), mentions: l.mentions.map((m) => ({ ...m, range: shifted(m.range, by) })) },
    );
    if (line) out.push(line);
  }
  return out;
}

/** The offset of the end of the line that `from` is on: before its \n, \r\n or \r, or the end of the text. */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function readSources(blocks: RootContent[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'list')
      for (const li of b.children)
        out.push(
          ...plainText(li)
            .split(/\r\n?|\n/)
            .map((s) => s.trim())
            .filter(Boolean),
        );
    else if (b.type === 'paragraph')
      out.push(
        ...plainText(b)
          .split(/\r\n?|\n/)
          .map((s) => s.trim())
          .filter(Boolean),
      );
  }
  return out;
}

/** The top-level quotes; each follows from its text, read again only when that changed (memo.ts). */
function collectQuotes(nodes: RootContent[], memo: BlockMemo): Quote[] {
  const out: Quote[] = [];
  for (const n of nodes) {
    if (n.type === 'blockquote')
      out.push(
        memo.value(
          'quote',
          offsetOf(n, 'start'),
          offsetOf(n, 'end'),
          () => readQuote(n),
          (q, by) => (by ? { ...q, range: shifted(q.range, by) } : q),
        ),
      );
  }
  return out;
}

function readQuote(q: Blockquote): Quote {
  const paras = q.children.filter((c) => c.type === 'paragraph');
  const last = paras[paras.length - 1];
  let source: string | undefined;
  let text = plainText(q).trim();
  if (last) {
    const lines = plainText(last).split(/\r\n?|\n/);
    const tail = lines[lines.length - 1].trim();
    const m = /^[—–-]\s*(.+)$/.exec(tail);
    if (m) source = m[1].trim();
    else if (last.children.length === 1 && last.children[0].type === 'emphasis' && paras.length > 1) source = tail;
    if (source) text = text.slice(0, text.lastIndexOf(tail)).trim();
  }
  return { text, source, range: { start: offsetOf(q, 'start'), end: offsetOf(q, 'end') } };
}
