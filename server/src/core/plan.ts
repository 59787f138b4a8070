/** Applying a template to parsed Markdown: sections, parts, ambitions, actions, Innehåll, quotes. */
import type { Blockquote, List, ListItem, RootContent } from 'mdast';
import type { Action, Ambition, AnsvarLine, Part, PlanModel, Quote, SubsectionModel, TocEntry } from './model';
import { offsetOf, plainText, rangeOf, type ParsedMarkdown, type SectionNode } from './parse';
import type { Registry } from './registry';
import type { SectionSpec, Template, TemplateSet } from './template';
import { fold } from './text';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Heading text without a numbering prefix and trailing punctuation, folded: the key sections are recognised by. */
export function sectionKey(text: string): string {
  return fold(
    text
      .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+/, '')
      .replace(/[\s:?!.]+$/, ''),
  );
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

export interface Patterns {
  part?: RegExp;
  item?: RegExp;
  itemBare?: RegExp;
  sub?: Array<{ re: RegExp; index: number }>;
  ansvar: RegExp;
}

const patternCache = new WeakMap<Template, Patterns>();

export function patternsFor(template: Template): Patterns {
  let p = patternCache.get(template);
  if (p) return p;
  const ansvarLabel = escapeRe(template.ansvarLabel ?? 'Ansvar');
  p = { ansvar: new RegExp(`^\\s*(?:\\*\\*|__)?${ansvarLabel}(?:\\*\\*|__)?\\s*:\\s*(?:\\*\\*|__)?`, 'iu') };
  if (template.parts) {
    p.part = new RegExp(`^${escapeRe(template.parts.label)}\\s+(\\d+)?\\s*[.:–—-]?\\s*(.*)$`, 'iu');
    p.item = new RegExp(`^${escapeRe(template.parts.items.label)}\\s+(\\d+(?:\\.\\d+)*)?\\s*[.:–—-]?\\s*(.*)$`, 'iu');
    p.itemBare = /^(\d+\.\d+(?:\.\d+)*)\.?\s+(.*)$/u;
    p.sub = template.parts.items.subsections.map((s, index) => ({ re: new RegExp(`^${escapeRe(s.label)}(?![\\p{L}\\p{N}])`, 'iu'), index }));
  }
  patternCache.set(template, p);
  return p;
}

/**
 * Decides whether the text is a governing document, and of which type: its front matter's
 * `dokumenttyp`, else a template's file-name ending (`.plan.md`), else `planType` when the caller
 * has matched the file against the user's plan-file patterns.
 */
export function classify(md: ParsedMarkdown, fileName: string, templates: TemplateSet, planType?: string): Pick<PlanModel, 'planBy' | 'documentType' | 'template'> {
  const typeEntry = md.frontMatter?.entries.find((e) => e.key === 'dokumenttyp');
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

export function buildPlan(md: ParsedMarkdown, fileName: string, templates: TemplateSet, registry: Registry, planType?: string): PlanModel {
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
  plan.quotes = collectQuotes(md.root.children);

  const template = plan.template;
  if (!template) return plan;
  const pat = patternsFor(template);
  const partsSpec = template.sections.find((s) => s.kind === 'parts');

  let currentPart: Part | undefined;
  let currentAmbition: Ambition | undefined;
  const visit = (list: SectionNode[], container: boolean) => {
    for (const s of list) {
      const text = s.heading.text;
      const pm = pat.part?.exec(text);
      if (pm) {
        currentPart = { number: pm[1] ? Number(pm[1]) : undefined, title: pm[2].trim(), section: s, ambitions: [], misnested: false };
        plan.parts.push(currentPart);
        currentAmbition = undefined;
        readPart(currentPart);
        continue;
      }
      const am = pat.item?.exec(text);
      if (am) {
        const amb = makeAmbition(s, am[1], am[2]);
        if (currentPart) {
          amb.part = currentPart;
          amb.misnested = s.heading.depth <= currentPart.section.heading.depth;
          if (amb.misnested) plan.misnested.push(s);
          currentPart.ambitions.push(amb);
        } else plan.looseAmbitions.push(amb);
        currentAmbition = amb;
        readAmbition(amb);
        continue;
      }
      const sub = currentAmbition && matchSub(text);
      if (sub !== undefined && currentAmbition) {
        plan.misnested.push(s);
        addSubsection(currentAmbition, sub, s);
        continue;
      }
      const spec = template.sections.find((sp) => sp.kind !== 'parts' && matchesSectionSpec(sp, text));
      if (spec) {
        plan.recognized.push({ spec, section: s });
        currentPart = undefined;
        currentAmbition = undefined;
        continue;
      }
      if (partsSpec && matchesSectionSpec(partsSpec, text) && !container) {
        // A heading that gathers the parts ("Delar", "Ambitioner"): look inside it.
        plan.recognized.push({ spec: partsSpec, section: s });
        visit(s.children, true);
        continue;
      }
      if (!currentPart) plan.unknown.push(s);
    }
  };

  const matchSub = (text: string): number | undefined => pat.sub?.find((x) => x.re.test(text))?.index;

  const makeAmbition = (s: SectionNode, num: string | undefined, title: string): Ambition => ({
    number: num,
    numbers: num ? num.split('.').map(Number) : [],
    title: title.trim(),
    section: s,
    subsections: [],
    ansvar: [],
    misnested: false,
  });

  /** A subsection; other subsections nested under it (after a misnested heading) are pulled up beside it. */
  const addSubsection = (amb: Ambition, index: number, s: SectionNode) => {
    const spec = template.parts!.items.subsections[index];
    const content = s.blocks.filter((b) => !isComment(b));
    const lists = content.filter((b): b is List => b.type === 'list');
    const actions = spec.actions ? lists.flatMap((l) => l.children.map((li) => readAction(li, md.text, registry))) : [];
    const model: SubsectionModel = { spec, section: s, empty: false, actions, hasList: lists.length > 0 };
    amb.subsections.push(model);
    let ownChildren = 0;
    for (const c of s.children) {
      const other = matchSub(c.heading.text);
      if (other !== undefined && other !== index) addSubsection(amb, other, c);
      else ownChildren++;
    }
    model.empty = content.length === 0 && ownChildren === 0;
  };

  const readPart = (part: Part) => {
    let amb: Ambition | undefined;
    for (const c of part.section.children) {
      const m = pat.item!.exec(c.heading.text) ?? pat.itemBare!.exec(c.heading.text);
      if (m) {
        amb = makeAmbition(c, m[1], m[2]);
        amb.part = part;
        part.ambitions.push(amb);
        readAmbition(amb);
        continue;
      }
      const sub = amb && matchSub(c.heading.text);
      if (sub !== undefined && amb) {
        plan.misnested.push(c);
        addSubsection(amb, sub, c);
      }
    }
  };

  const readAmbition = (amb: Ambition) => {
    for (const c of amb.section.children) {
      const sub = matchSub(c.heading.text);
      if (sub !== undefined) addSubsection(amb, sub, c);
    }
  };

  visit(plan.bodySections, false);

  // Parts and ambitions hidden under another section ("### Del 3" under "## Bakgrund").
  const captured = new Set<SectionNode>([...plan.parts.map((p) => p.section), ...plan.parts.flatMap((p) => p.ambitions.map((a) => a.section)), ...plan.looseAmbitions.map((a) => a.section)]);
  for (const s of md.allSections) {
    if (captured.has(s) || s === titleSection) continue;
    const inside = (x: SectionNode | undefined): boolean => !!x && (captured.has(x) || inside(x.parent));
    if (inside(s.parent)) continue;
    const pm = pat.part?.exec(s.heading.text);
    if (pm) {
      const part: Part = { number: pm[1] ? Number(pm[1]) : undefined, title: pm[2].trim(), section: s, ambitions: [], misnested: true };
      plan.parts.push(part);
      plan.misnested.push(s);
      captured.add(s);
      readPart(part);
      for (const a of part.ambitions) captured.add(a.section);
      continue;
    }
    const am = pat.item?.exec(s.heading.text);
    if (am) {
      const amb = makeAmbition(s, am[1], am[2]);
      plan.looseAmbitions.push(amb);
      captured.add(s);
      readAmbition(amb);
    }
  }
  plan.parts.sort((a, b) => a.section.range.start - b.section.range.start);

  // Ansvar lines anywhere inside an ambition.
  for (const amb of [...plan.parts.flatMap((p) => p.ambitions), ...plan.looseAmbitions]) {
    const sections = [amb.section, ...amb.subsections.map((s) => s.section)];
    for (const sec of sections) amb.ansvar.push(...findAnsvarLines(sectionBlocksDeep(sec), md.text, pat.ansvar, registry));
  }

  const tocRec = plan.recognized.find((r) => r.spec.kind === 'toc');
  if (tocRec) plan.toc = { section: tocRec.section, entries: readToc(tocRec.section, md.text) };
  const sourcesRec = plan.recognized.find((r) => r.spec.kind === 'sources');
  if (sourcesRec) plan.sources = readSources(sectionBlocksDeep(sourcesRec.section));
  return plan;
}

export function isComment(node: RootContent): boolean {
  return node.type === 'html' && /^\s*(<!--[\s\S]*?-->\s*)+$/.test(node.value);
}

/** Every block under a section, its subsections' included. */
export function sectionBlocksDeep(s: SectionNode): RootContent[] {
  return [...s.blocks, ...s.children.flatMap(sectionBlocksDeep)];
}

function readAction(li: ListItem, text: string, registry: Registry): Action {
  const first = li.children.find((c) => c.type === 'paragraph') ?? li.children[0];
  const range = first ? rangeOf(first) : rangeOf(li);
  const raw = text.slice(range.start, range.end);
  const lead = /^(?:[\s*_>]|\[[ xX]\]\s)*/.exec(raw)![0].length;
  const action: Action = {
    text: first ? plainText(first).replace(/\s+/g, ' ').trim() : '',
    range,
    subItems: li.children.filter((c): c is List => c.type === 'list').flatMap((l) => l.children.map((i) => plainText(i).trim())),
  };
  const m = registry.matchAt(raw, lead);
  if (m) action.actor = { body: m.body, range: { start: range.start + lead, end: range.start + lead + m.length } };
  else {
    const guess = looksLikeBody(raw.slice(lead)) ?? misspeltActor(raw.slice(lead), registry);
    if (guess) action.unknownActor = { text: guess, range: { start: range.start + lead, end: range.start + lead + guess.length } };
  }
  return action;
}

/** Suffixes that make a word a body's name in Swedish. */
export const BODY_WORD = /^(?:[\p{L}]+-\s+(?:och|eller)\s+)?[\p{L}-]*(?:nämnden|nämnd|styrelsen|förvaltningen|kontoret|fullmäktige|revisionen|utskottet)s?(?![\p{L}])|^[\p{Lu}][\p{L}-]*(?:\s+[\p{L}-]+){0,4}\s+AB(?![\p{L}])/u;

/** The body-like name at the start of `s`, or undefined. */
export function looksLikeBody(s: string): string | undefined {
  const m = BODY_WORD.exec(s);
  if (!m) return undefined;
  return m[0].replace(/s$/, (x) => (/(nämnden|styrelsen|förvaltningen|kontoret|revisionen|utskottet)s$/u.test(m[0]) ? '' : x));
}

/** The words before the verb ("Kulturnämden ska …") when they are close to a registry name. */
function misspeltActor(s: string, registry: Registry): string | undefined {
  const m = /^((?:[\p{L}-]+\s+){0,5}?[\p{L}-]+)\s+(?:ska|skall|ansvarar|har|bör|kommer|leder|får)\b/u.exec(s);
  if (!m || m[1].length < 4) return undefined;
  return registry.nearestNames(m[1], 1).length ? m[1] : undefined;
}

function findAnsvarLines(blocks: RootContent[], text: string, label: RegExp, registry: Registry): AnsvarLine[] {
  const out: AnsvarLine[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    const range = rangeOf(b);
    const raw = text.slice(range.start, range.end);
    const firstLine = raw.split(/\r?\n/)[0];
    const m = label.exec(firstLine);
    if (!m) continue;
    const rest = firstLine.slice(m[0].length).replace(/(?:\*\*|__)\s*$/, '');
    out.push({ range: { start: range.start, end: range.start + firstLine.length }, mentions: registry.parseList(rest, range.start + m[0].length) });
  }
  return out;
}

const TOC_NUMBER = /^(?:([\p{L}]+)\s+)?(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$/u;

/** Text of an Innehåll entry without dot leaders and page numbers. */
export function cleanTocText(s: string): string {
  return s
    .replace(/\s*[.…·_]{2,}\s*\d*\s*$/u, '')
    .replace(/\t+\s*\d{1,3}\s*$/u, '')
    .replace(/\s{2,}\d{1,3}\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function tocEntry(text: string, start: number, end: number, link?: string): TocEntry {
  const cleaned = cleanTocText(text);
  const m = TOC_NUMBER.exec(cleaned);
  const entry: TocEntry = { text: cleaned, range: { start, end }, title: cleaned, link };
  if (m && (!m[1] || !/^\d/.test(m[2]) === false)) {
    entry.label = m[1];
    entry.number = m[2];
    entry.title = m[3].trim();
  }
  return entry;
}

function readToc(section: SectionNode, text: string): TocEntry[] {
  const entries: TocEntry[] = [];
  const walkList = (list: List) => {
    for (const li of list.children) {
      const para = li.children.find((c) => c.type === 'paragraph');
      if (para) {
        const r = rangeOf(para);
        const link = para.children.length === 1 && para.children[0].type === 'link' ? para.children[0].url : undefined;
        const e = tocEntry(plainText(para), r.start, r.end, link);
        entries.push(e);
      }
      for (const c of li.children) if (c.type === 'list') walkList(c);
    }
  };
  for (const b of sectionBlocksDeep(section)) {
    if (b.type === 'list') walkList(b);
    else if (b.type === 'paragraph') {
      // Pasted from Word: one entry a line.
      const r = rangeOf(b);
      const raw = text.slice(r.start, r.end);
      let at = r.start;
      for (const line of raw.split('\n')) {
        const plain = line.replace(/[*_`[\]]/g, '').replace(/\(#[^)]*\)/g, '');
        if (plain.trim()) entries.push(tocEntry(plain, at + (line.length - line.trimStart().length), at + line.trimEnd().length));
        at += line.length + 1;
      }
    }
  }
  return entries;
}

function readSources(blocks: RootContent[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === 'list') for (const li of b.children) out.push(...plainText(li).split('\n').map((s) => s.trim()).filter(Boolean));
    else if (b.type === 'paragraph') out.push(...plainText(b).split('\n').map((s) => s.trim()).filter(Boolean));
  }
  return out;
}

function collectQuotes(nodes: RootContent[]): Quote[] {
  const out: Quote[] = [];
  for (const n of nodes) {
    if (n.type === 'blockquote') out.push(readQuote(n));
  }
  return out;
}

function readQuote(q: Blockquote): Quote {
  const paras = q.children.filter((c) => c.type === 'paragraph');
  const last = paras[paras.length - 1];
  let source: string | undefined;
  let text = plainText(q).trim();
  if (last) {
    const lines = plainText(last).split('\n');
    const tail = lines[lines.length - 1].trim();
    const m = /^[—–-]\s*(.+)$/.exec(tail);
    if (m) source = m[1].trim();
    else if (last.children.length === 1 && last.children[0].type === 'emphasis' && paras.length > 1) source = tail;
    if (source) text = text.slice(0, text.lastIndexOf(tail)).trim();
  }
  return { text, source, range: { start: offsetOf(q, 'start'), end: offsetOf(q, 'end') } };
}
