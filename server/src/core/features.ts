/** Editor features on the plan model: symbols, folding, hover and completion, in library terms. */
import type { Finding } from './findings';
import { joinNames, local, t } from './l10n';
import { allAmbitions, type Ambition, type Part, type PlanModel, type SubsectionModel } from './model';
import type { SectionNode } from './parse';
import { isEmptySection, sectionDepth } from './rules';
import type { Body, Registry } from './registry';
import type { FrontMatterKeySpec, TemplateSet } from './template';
import type { OffsetRange } from './text';

// ---------------------------------------------------------------- symbols

export type PlanSymbolKind = 'document' | 'frontmatter' | 'key' | 'section' | 'part' | 'ambition' | 'subsection';

export interface PlanSymbol {
  name: string;
  detail?: string;
  kind: PlanSymbolKind;
  range: OffsetRange;
  selectionRange: OffsetRange;
  children: PlanSymbol[];
}

export function ambitionStatus(a: Ambition, itemsSubsections: Array<{ id: string; label: string; required?: boolean }>): { missing: string[]; empty: string[]; actions: number } {
  const present = new Set(a.subsections.map((s) => s.spec.id));
  return {
    missing: itemsSubsections.filter((s) => (s.required ?? true) && !present.has(s.id)).map((s) => s.label),
    empty: a.subsections.filter((s) => s.empty).map((s) => s.spec.label),
    actions: a.subsections.reduce((n, s) => n + s.actions.length, 0),
  };
}

export function documentSymbols(plan: PlanModel): PlanSymbol[] {
  if (!plan.planBy) return [];
  const out: PlanSymbol[] = [];
  const fm = plan.frontMatter;
  if (fm) {
    out.push({
      name: t('Front matter'),
      detail: plan.documentType,
      kind: 'frontmatter',
      range: fm.range,
      selectionRange: { start: fm.range.start, end: fm.range.start + 3 },
      children: fm.entries.map((e) => ({
        name: e.key || '…',
        detail: e.valueText,
        kind: 'key' as const,
        range: { start: e.keyRange.start, end: Math.max(e.valueRange.end, e.keyRange.end) },
        selectionRange: e.keyRange,
        children: [],
      })),
    });
  }
  const subs = plan.template?.parts?.items.subsections ?? [];
  const partOf = new Map<SectionNode, Part>(plan.parts.map((p) => [p.section, p]));
  const ambOf = new Map<SectionNode, Ambition>(allAmbitions(plan).map((a) => [a.section, a]));
  const subOf = new Map<SectionNode, SubsectionModel>(allAmbitions(plan).flatMap((a) => a.subsections.map((s) => [s.section, s] as const)));
  const adopted = new Set(plan.misnested);
  const recognized = new Map(plan.recognized.map((r) => [r.section, r]));

  const sym = (s: SectionNode, kind: PlanSymbolKind, detail: string | undefined, children: PlanSymbol[]): PlanSymbol => ({
    name: s.heading.text || '…',
    detail,
    kind,
    range: rangeWithAdopted(s),
    selectionRange: s.heading.textRange,
    children,
  });
  // A section's range grows over the siblings adopted into it.
  const extent = new Map<SectionNode, number>();
  const rangeWithAdopted = (s: SectionNode): OffsetRange => ({ start: s.range.start, end: Math.max(s.range.end, extent.get(s) ?? 0) });
  for (const a of allAmbitions(plan)) for (const sub of a.subsections) if (adopted.has(sub.section)) extent.set(a.section, Math.max(extent.get(a.section) ?? 0, sub.section.range.end));
  for (const p of plan.parts) for (const a of p.ambitions) if (adopted.has(a.section)) extent.set(p.section, Math.max(extent.get(p.section) ?? 0, extent.get(a.section) ?? a.section.range.end));

  const convert = (s: SectionNode): PlanSymbol => {
    const part = partOf.get(s);
    if (part) {
      const children = [...part.ambitions.map((a) => convert(a.section)), ...s.children.filter((c) => !ambOf.has(c) && !adopted.has(c)).map(convert)];
      children.sort((a, b) => a.range.start - b.range.start);
      return sym(s, 'part', part.ambitions.length === 1 ? t('{0} ambition', 1) : t('{0} ambitions', part.ambitions.length), children);
    }
    const amb = ambOf.get(s);
    if (amb) {
      const st = ambitionStatus(amb, subs);
      const details: string[] = [];
      if (st.missing.length) details.push(t('lacks {0}', joinNames(st.missing)));
      if (st.empty.length) details.push(t('empty {0}', joinNames(st.empty)));
      if (!details.length) details.push(actionCount(st.actions));
      const children = [...amb.subsections.map((x) => convert(x.section)), ...s.children.filter((c) => !subOf.has(c)).map(convert)];
      children.sort((a, b) => a.range.start - b.range.start);
      return sym(s, 'ambition', details.join(', '), children);
    }
    const sub = subOf.get(s);
    if (sub) {
      const detail = sub.empty ? t('empty') : sub.spec.actions ? actionCount(sub.actions.length) : sub.spec.label;
      return sym(s, 'subsection', detail, s.children.map(convert));
    }
    const rec = recognized.get(s);
    return sym(s, 'section', rec ? (isEmptySection(s) ? t('empty') : undefined) : undefined, s.children.filter((c) => !adopted.has(c) && !partOf.has(c)).map(convert).concat(s.children.filter((c) => partOf.has(c)).map(convert)).sort((a, b) => a.range.start - b.range.start));
  };

  const top = plan.bodySections.filter((s) => !adopted.has(s)).map(convert);
  if (plan.title) {
    const titleSection = plan.md.allSections.find((s) => s.heading === plan.title)!;
    // Sections written before the title stand beside it, not under it.
    const before = top.filter((x) => x.range.start < titleSection.range.start);
    const under = top.filter((x) => x.range.start >= titleSection.range.start);
    out.push(...before);
    out.push({ name: plan.title.text || '…', detail: plan.template ? local(plan.template.name) : plan.documentType, kind: 'document', range: { start: titleSection.range.start, end: plan.md.text.length }, selectionRange: plan.title.textRange, children: under });
  } else out.push(...top);
  return out;
}

function actionCount(n: number): string {
  return n === 1 ? t('{0} action', 1) : t('{0} actions', n);
}

/** One entry per ambition, for workspace-wide symbol search. */
export function ambitionSymbols(plan: PlanModel): Array<{ name: string; container: string; range: OffsetRange }> {
  const container = plan.title?.text ?? '';
  return allAmbitions(plan).map((a) => ({ name: a.section.heading.text, container, range: a.section.heading.textRange }));
}

// ---------------------------------------------------------------- folding

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment';
}

export function foldingRanges(plan: PlanModel): FoldingRange[] {
  if (!plan.planBy) return [];
  const lines = plan.md.lines;
  const out: FoldingRange[] = [];
  const add = (r: OffsetRange, kind?: FoldingRange['kind']) => {
    const startLine = lines.positionAt(r.start).line;
    const endLine = lines.positionAt(r.end).line;
    if (endLine > startLine) out.push({ startLine, endLine, kind });
  };
  if (plan.frontMatter) add(plan.frontMatter.range, 'region');
  for (const s of plan.md.allSections) add(s.range);
  for (const q of plan.quotes) add(q.range);
  return out;
}

// ---------------------------------------------------------------- hover

export interface Hover {
  /** Markdown. */
  contents: string;
  range: OffsetRange;
}

export function bodyAt(text: string, offset: number, registry: Registry): { body: Body; range: OffsetRange } | undefined {
  let best: { body: Body; range: OffsetRange } | undefined;
  const from = Math.max(0, offset - 80);
  const re = /(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu;
  re.lastIndex = from;
  const window = text.slice(0, Math.min(text.length, offset + 120));
  for (let m = re.exec(window); m && m.index <= offset; m = re.exec(window)) {
    const hit = registry.matchAt(window, m.index);
    if (hit && m.index + hit.length >= offset && (!best || hit.length > best.range.end - best.range.start)) best = { body: hit.body, range: { start: m.index, end: m.index + hit.length } };
  }
  return best;
}

export function hover(plan: PlanModel, offset: number, registry: Registry, findings: Finding[] = []): Hover | undefined {
  if (!plan.planBy) return undefined;
  const fm = plan.frontMatter;
  const tpl = plan.template;
  if (fm && offset >= fm.range.start && offset <= fm.range.end) {
    const e = fm.entries.find((x) => offset >= x.keyRange.start && offset <= Math.max(x.keyRange.end, x.valueRange.end));
    if (e && offset <= e.keyRange.end && tpl) {
      const spec = tpl.frontMatter.find((s) => s.key === e.key);
      if (spec) return { contents: describeKey(spec), range: e.keyRange };
    }
    if (e) {
      const b = bodyAt(plan.md.text, offset, registry);
      if (b) return { contents: registry.describe(b.body), range: b.range };
    }
    return undefined;
  }
  const b = bodyAt(plan.md.text, offset, registry);
  if (b) return { contents: registry.describe(b.body), range: b.range };
  if (!tpl) return undefined;
  // The innermost structural element around the offset.
  for (const a of allAmbitions(plan)) {
    for (const s of a.subsections) {
      if (within(s.section.range, offset)) return { contents: guidance(s.spec.title, local(s.spec.guidance)), range: s.section.heading.range };
    }
  }
  for (const a of allAmbitions(plan)) {
    if (within(a.section.range, offset) && tpl.parts) {
      const st = ambitionStatus(a, tpl.parts.items.subsections);
      const status = st.missing.length ? t('Lacks: {0}.', joinNames(st.missing)) : t('Varför, Vad and Hur present; {0} actions.', st.actions);
      const count = findings.filter((f) => within(a.section.range, f.range.start)).length;
      return { contents: guidance(a.section.heading.text, `${local(tpl.parts.items.guidance)}\n\n${status}${count ? ' ' + t('{0} findings.', count) : ''}`), range: a.section.heading.range };
    }
  }
  for (const p of plan.parts) if (within(p.section.range, offset) && tpl.parts) return { contents: guidance(p.section.heading.text, local(tpl.parts.guidance)), range: p.section.heading.range };
  for (const r of plan.recognized) if (within(r.section.range, offset) && r.spec.guidance) return { contents: guidance(r.spec.title, local(r.spec.guidance)), range: r.section.heading.range };
  return undefined;
}

function within(r: OffsetRange, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}

function guidance(title: string, text: string): string {
  return `**${title}**\n\n${text}`;
}

function describeKey(spec: FrontMatterKeySpec): string {
  const type = ({ string: t('text'), date: t('date, YYYY-MM-DD'), boolean: t('ja or nej'), body: t('a body in the registry'), bodies: t('bodies in the registry'), diarienummer: t('diarienummer'), documenttype: t('document type') } as const)[spec.type];
  return `**${spec.key}** (${type}${spec.required ? ', ' + t('required') : ''})\n\n${local(spec.description)}`;
}

// ---------------------------------------------------------------- completion

export type CompletionKind = 'body' | 'ambition' | 'part' | 'section' | 'key' | 'value' | 'snippet';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text that replaces `range`; a snippet with $1 stops when `snippet` is set. */
  insertText: string;
  snippet?: boolean;
  range: OffsetRange;
  filterText?: string;
  sortText?: string;
}

export interface CompletionContext {
  registry: Registry;
  templates: TemplateSet;
  /** Today as YYYY-MM-DD (for date values). */
  today?: string;
}

const LOWER_MID_SENTENCE = new Set(['nämnd', 'styrelse', 'förvaltning', 'fullmäktige', 'revision', 'utskott', 'enhet', 'gemensam nämnd', 'kollektiv']);

function nameInText(body: Body, sentenceStart: boolean): string {
  if (sentenceStart || !LOWER_MID_SENTENCE.has(body.kind)) return body.name;
  return body.name[0].toLocaleLowerCase('sv') + body.name.slice(1);
}

function bodyItems(registry: Registry, range: OffsetRange, sentenceStart: boolean, suffix = ''): Completion[] {
  const items: Completion[] = [];
  registry.bodies.forEach((b, i) => {
    const name = nameInText(b, sentenceStart);
    const detail = [b.kind, b.förvaltning].filter(Boolean).join(' · ');
    items.push({ label: name, kind: 'body', detail, documentation: registry.describe(b), insertText: name + suffix, range, filterText: name, sortText: String(i).padStart(4, '0') });
    for (const alias of b.aliases ?? []) {
      items.push({ label: alias, kind: 'body', detail: `→ ${b.name}`, documentation: registry.describe(b), insertText: name + suffix, range, filterText: alias, sortText: '1' + String(i).padStart(4, '0') });
    }
  });
  return items;
}

function lineAt(text: string, offset: number): { start: number; before: string; after: string } {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, before: text.slice(start, offset), after: text.slice(offset, end) };
}

export function completions(plan: PlanModel, offset: number, ctx: CompletionContext): Completion[] {
  if (!plan.planBy) return [];
  const text = plan.md.text;
  const line = lineAt(text, offset);
  const fm = plan.frontMatter;
  // Inside the front matter: between the opening and the closing `---`.
  if (fm && offset > fm.range.start + 3 && offset < text.lastIndexOf('\n', fm.range.end - 1) + 1) return frontMatterCompletions(plan, offset, line, ctx);
  const tpl = plan.template;
  if (!tpl) return [];

  // `Ansvar:` lines.
  const ansvar = new RegExp(`^\\s*(?:\\*\\*|__)?${(tpl.ansvarLabel ?? 'Ansvar').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\*\\*|__)?\\s*:(?:\\*\\*|__)?\\s*`, 'iu').exec(line.before);
  if (ansvar) {
    const rest = line.before.slice(ansvar[0].length);
    const sep = Math.max(rest.lastIndexOf(','), rest.lastIndexOf(';'), lastConjunction(rest));
    const fragStart = sep >= 0 ? sep + 1 + (rest.slice(sep + 1).length - rest.slice(sep + 1).trimStart().length) : 0;
    const start = line.start + ansvar[0].length + fragStart;
    return bodyItems(ctx.registry, { start, end: offset }, start === line.start + ansvar[0].length);
  }

  // Headings being typed: parts, ambitions with the next number, missing sections.
  const heading = /^(#{1,6})(\s*)(.*)$/.exec(line.before);
  if (heading) return headingCompletions(plan, offset, line, heading[1].length, heading[3]);

  // Cross-references: "ambition 1." → 1.1, 1.2 …
  if (tpl.parts) {
    const label = tpl.parts.items.label;
    const ref = new RegExp(`(?<![\\p{L}])${label}\\s+(\\d+(?:\\.\\d*)?)?$`, 'iu').exec(line.before);
    if (ref) {
      const typed = ref[1] ?? '';
      const start = offset - typed.length;
      return allAmbitions(plan)
        .filter((a) => a.number?.startsWith(typed))
        .map((a, i) => ({ label: a.number!, kind: 'ambition' as const, detail: a.title, documentation: a.section.heading.text, insertText: a.number!, range: { start, end: offset }, filterText: a.number!, sortText: String(i).padStart(4, '0') }));
    }
    const partRef = new RegExp(`(?<![\\p{L}])${tpl.parts.label}\\s+(\\d*)$`, 'iu').exec(line.before);
    if (partRef && !/^\s*#/.test(line.before)) {
      const start = offset - partRef[1].length;
      return plan.parts.filter((p) => p.number !== undefined).map((p, i) => ({ label: String(p.number), kind: 'part' as const, detail: p.title, insertText: String(p.number), range: { start, end: offset }, sortText: String(i).padStart(4, '0') }));
    }
  }

  // The start of an action: a list item in an actions section (Hur), or any list item in an ambition.
  const item = /^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$/.exec(line.before);
  if (item && !/\s(?:ska|ansvarar|har|bör|kommer)\s/i.test(item[2]) && item[2].split(/\s+/).length <= 5) {
    const inAmbition = allAmbitions(plan).some((a) => offset >= a.section.range.start && offset <= a.section.range.end + 1) || isInActions(plan, offset);
    if (inAmbition) {
      const start = line.start + item[1].length;
      return bodyItems(ctx.registry, { start, end: offset }, true, ' ska ');
    }
  }

  // An empty line inside a part: a whole new ambition.
  if (/^\s*$/.test(line.before) && /^\s*$/.test(line.after)) {
    return [...ambitionSnippet(plan, offset), ...sectionCompletions(plan, { start: line.start, end: offset }, null)];
  }
  return [];
}

function lastConjunction(s: string): number {
  let at = -1;
  for (const m of s.matchAll(/\s(?:och|samt)\s/giu)) {
    if (/-$/.test(s.slice(0, m.index))) continue;
    at = m.index! + m[0].length - 2;
  }
  return at;
}

function isInActions(plan: PlanModel, offset: number): boolean {
  return allAmbitions(plan).some((a) => a.subsections.some((s) => s.spec.actions && offset >= s.section.range.start && offset <= s.section.range.end + 1));
}

function partAt(plan: PlanModel, offset: number): Part | undefined {
  let found: Part | undefined;
  for (const p of plan.parts) if (p.section.range.start <= offset) found = p;
  return found;
}

function nextAmbitionNumber(part: Part): string {
  const used = new Set(part.ambitions.map((a) => a.numbers[1]).filter((n) => n !== undefined));
  let k = 1;
  while (used.has(k)) k++;
  const max = Math.max(0, ...[...used].filter((n): n is number => n !== undefined));
  return `${part.number ?? 1}.${Math.max(k, max + 1)}`;
}

function nextPartNumber(plan: PlanModel): number {
  return Math.max(0, ...plan.parts.map((p) => p.number ?? 0)) + 1;
}

function ambitionDepth(plan: PlanModel, part: Part | undefined): number {
  const sibling = part?.ambitions.find((a) => !a.misnested) ?? allAmbitions(plan).find((a) => !a.misnested);
  if (sibling) return sibling.section.heading.depth;
  return (part?.section.heading.depth ?? sectionDepth(plan)) + 1;
}

function ambitionBody(plan: PlanModel, depth: number, stopBase: number): string {
  const subs = plan.template!.parts!.items.subsections;
  const h = '#'.repeat(Math.min(6, depth + 1));
  return subs.map((s, i) => `${h} ${s.title}\n\n${s.actions ? '- ' : ''}\${${stopBase + i}}`).join('\n\n');
}

function ambitionSnippet(plan: PlanModel, offset: number): Completion[] {
  const tpl = plan.template;
  if (!tpl?.parts) return [];
  const part = partAt(plan, offset);
  if (!part) return [];
  const depth = ambitionDepth(plan, part);
  const number = nextAmbitionNumber(part);
  const label = tpl.parts.items.label;
  const insertText = `${'#'.repeat(depth)} ${label} ${number}. \${1:${t('Title')}}\n\n${ambitionBody(plan, depth, 2)}\n`;
  return [
    {
      label: t('New {0} {1} with {2}', local(tpl.parts.items.name), number, joinNames(tpl.parts.items.subsections.map((s) => s.label))),
      kind: 'snippet',
      detail: `${label} ${number}`,
      documentation: local(tpl.parts.items.guidance),
      insertText,
      snippet: true,
      range: { start: offset, end: offset },
      sortText: '0000',
    },
  ];
}

function headingCompletions(plan: PlanModel, offset: number, line: { start: number; before: string }, depth: number, typed: string): Completion[] {
  const tpl = plan.template!;
  const out: Completion[] = [];
  const range = { start: line.start, end: offset };
  if (tpl.parts) {
    const part = partAt(plan, offset);
    const items = tpl.parts.items;
    const number = part ? nextAmbitionNumber(part) : undefined;
    if (number && new RegExp(`^(?:${items.label})?`, 'iu').test(typed)) {
      const aDepth = ambitionDepth(plan, part);
      out.push({
        label: `${items.label} ${number}.`,
        kind: 'ambition',
        detail: t('next free number in {0}', part!.section.heading.text),
        documentation: local(items.guidance),
        insertText: `${'#'.repeat(aDepth)} ${items.label} ${number}. \${1}`,
        snippet: true,
        range,
        filterText: `${'#'.repeat(depth)} ${items.label} ${number}`,
        sortText: '0001',
      });
      out.push({
        label: t('{0} {1} with {2}', items.label, number, joinNames(items.subsections.map((s) => s.label))),
        kind: 'snippet',
        detail: t('heading with {0}', joinNames(items.subsections.map((s) => s.label))),
        documentation: local(items.guidance),
        insertText: `${'#'.repeat(aDepth)} ${items.label} ${number}. \${1:${t('Title')}}\n\n${ambitionBody(plan, aDepth, 2)}\n`,
        snippet: true,
        range,
        filterText: `${'#'.repeat(depth)} ${items.label} ${number}`,
        sortText: '0002',
      });
    }
    // Varför/Vad/Hur missing in the ambition at the cursor.
    const amb = allAmbitions(plan).find((a) => offset >= a.section.range.start && offset <= a.section.range.end + 2);
    if (amb) {
      const present = new Set(amb.subsections.map((s) => s.spec.id));
      items.subsections.forEach((s, i) => {
        if (present.has(s.id)) return;
        out.push({
          label: s.title,
          kind: 'section',
          detail: t('missing in {0}', amb.section.heading.text),
          documentation: local(s.guidance),
          insertText: `${'#'.repeat(Math.min(6, amb.section.heading.depth + 1))} ${s.title}\n\n${s.actions ? '- ' : ''}`,
          range,
          filterText: `${'#'.repeat(depth)} ${s.title}`,
          sortText: '01' + i,
        });
      });
    }
    const pDepth = plan.parts[0]?.section.heading.depth ?? sectionDepth(plan);
    const pn = nextPartNumber(plan);
    out.push({
      label: `${tpl.parts.label} ${pn}.`,
      kind: 'part',
      detail: t('next {0}', local(tpl.parts.name)),
      documentation: local(tpl.parts.guidance),
      insertText: `${'#'.repeat(pDepth)} ${tpl.parts.label} ${pn}. \${1}`,
      snippet: true,
      range,
      filterText: `${'#'.repeat(depth)} ${tpl.parts.label} ${pn}`,
      sortText: '0003',
    });
  }
  out.push(...sectionCompletions(plan, range, depth));
  return out;
}

/** The template's sections the document lacks, written at the document's section depth. */
function sectionCompletions(plan: PlanModel, range: OffsetRange, typedDepth: number | null): Completion[] {
  const tpl = plan.template!;
  const present = new Set(plan.recognized.map((r) => r.spec.id));
  const depth = sectionDepth(plan);
  return tpl.sections
    .filter((s) => s.kind !== 'parts' && !present.has(s.id))
    .map((s, i) => ({
      label: s.title,
      kind: 'section' as const,
      detail: s.required ? t('required section, missing') : t('optional section'),
      documentation: local(s.guidance),
      insertText: `${'#'.repeat(depth)} ${s.title}\n\n`,
      range,
      filterText: typedDepth === null ? s.title : `${'#'.repeat(typedDepth)} ${s.title}`,
      sortText: (s.required ? '1' : '2') + String(i).padStart(3, '0'),
    }));
}

function frontMatterCompletions(plan: PlanModel, offset: number, line: { start: number; before: string }, ctx: CompletionContext): Completion[] {
  const tpl = plan.template;
  const keyMatch = /^([^\s:#][^:]*)?$/.exec(line.before);
  const valueMatch = /^([^\s:#][^:]*):\s*(.*)$/.exec(line.before);
  const present = new Set(plan.frontMatter?.entries.map((e) => e.key));
  if (keyMatch && tpl) {
    const range = { start: line.start, end: offset };
    return tpl.frontMatter
      .filter((s) => !present.has(s.key) || s.key === (keyMatch[1] ?? '').trim())
      .map((s, i) => ({
        label: s.key,
        kind: 'key' as const,
        detail: s.required ? t('required') : t('optional'),
        documentation: describeKey(s),
        insertText: `${s.key}: `,
        range,
        sortText: (s.required ? '0' : '1') + String(i).padStart(3, '0'),
      }));
  }
  if (!valueMatch) return [];
  const key = valueMatch[1].trim();
  const typed = valueMatch[2];
  if (key === 'dokumenttyp') {
    const range = { start: offset - typed.length, end: offset };
    return ctx.templates.all().map((x) => ({ label: x.id, kind: 'value' as const, detail: local(x.name), documentation: local(x.description), insertText: x.id, range }));
  }
  const spec = tpl?.frontMatter.find((s) => s.key === key);
  if (!spec) return [];
  const range = { start: offset - typed.length, end: offset };
  switch (spec.type) {
    case 'boolean':
      return ['ja', 'nej'].map((v) => ({ label: v, kind: 'value' as const, insertText: v, range }));
    case 'date': {
      const today = ctx.today ?? new Date().toISOString().slice(0, 10);
      return [{ label: today, kind: 'value', detail: t('today'), insertText: today, range }];
    }
    case 'body':
    case 'bodies': {
      const sep = Math.max(typed.lastIndexOf(','), lastConjunction(typed));
      const fragStart = sep >= 0 ? sep + 1 + (typed.slice(sep + 1).length - typed.slice(sep + 1).trimStart().length) : 0;
      return bodyItems(ctx.registry, { start: offset - typed.length + fragStart, end: offset }, fragStart === 0);
    }
    default:
      return (spec.values ?? []).map((v) => ({ label: v, kind: 'value' as const, insertText: v, range }));
  }
}
