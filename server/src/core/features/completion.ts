/** Completion: bodies where an action or an Ansvar line begins, the next ambition and part, missing sections, front-matter keys and values. */
import { joinNames, local, t } from '../l10n';
import { allAmbitions, allUnits, periodYears, sectionDepth, type Part, type PlanModel } from '../model';
import { ansvarPattern } from '../plan';
import type { Body, Registry } from '../registry';
import { expandTitle, keyForRole, levelNumbering, type TemplateSet } from '../template';
import { escapeMarkdown, escapeRe, fold, type OffsetRange } from '../text';
import { followUpCompletions } from '../followup/features';
import { describeKey } from './hover';

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
    items.push({
      label: name,
      kind: 'body',
      detail,
      documentation: registry.describe(b),
      insertText: name + suffix,
      range,
      filterText: name,
      sortText: String(i).padStart(4, '0'),
    });
    for (const alias of b.aliases ?? []) {
      items.push({
        label: alias,
        kind: 'body',
        detail: `→ ${b.name}`,
        documentation: registry.describe(b),
        insertText: name + suffix,
        range,
        filterText: alias,
        sortText: '1' + String(i).padStart(4, '0'),
      });
    }
  });
  return items;
}

interface Line {
  start: number;
  before: string;
  after: string;
}

function lineAt(text: string, offset: number): Line {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, before: text.slice(start, offset), after: text.slice(offset, end) };
}

/**
 * Where completion is asked: `at` in the analysed text (for the plan model), `cursor` in the text as
 * it is now and the cursor's line there (for what has been typed and the ranges to replace). The
 * two are the same unless the text has changed since its analysis (pending.ts).
 */
interface Place {
  at: number;
  cursor: number;
  line: Line;
}

/**
 * The completions at `offset` of the analysed text. `now`: the text as it is now and the cursor in
 * it, when the text has been edited since (without touching its structure); the items' ranges are
 * then in that text.
 */
export function completions(plan: PlanModel, offset: number, ctx: CompletionContext, now?: { text: string; offset: number }): Completion[] {
  const cursor = now?.offset ?? offset;
  const p: Place = { at: offset, cursor, line: lineAt(now?.text ?? plan.md.text, cursor) };
  const base = planCompletions(plan, p, ctx);
  // Follow-up lines: a status's values instead; an indicator line at the start of a line besides.
  const fm = plan.frontMatter;
  if (!plan.planBy || !plan.template || (fm && offset <= fm.range.end)) return base;
  const followUp = followUpCompletions(plan, offset, p.line, cursor);
  if (!followUp) return base;
  return followUp[0]?.kind === 'value' ? followUp : [...base, ...followUp];
}

function planCompletions(plan: PlanModel, p: Place, ctx: CompletionContext): Completion[] {
  if (!plan.planBy) return [];
  const text = plan.md.text;
  const { at, cursor, line } = p;
  const fm = plan.frontMatter;
  // Inside the front matter: between the opening and the closing `---`.
  if (fm && at > fm.range.start + 3 && at < text.lastIndexOf('\n', fm.range.end - 1) + 1) return frontMatterCompletions(plan, p, ctx);
  const tpl = plan.template;
  if (!tpl) return [];

  // `Ansvar:` lines.
  const ansvar = ansvarPattern(tpl.ansvarLabel).exec(line.before);
  if (ansvar) {
    const rest = line.before.slice(ansvar[0].length);
    const sep = Math.max(rest.lastIndexOf(','), rest.lastIndexOf(';'), lastConjunction(rest));
    const fragStart = sep >= 0 ? sep + 1 + (rest.slice(sep + 1).length - rest.slice(sep + 1).trimStart().length) : 0;
    const start = line.start + ansvar[0].length + fragStart;
    return bodyItems(ctx.registry, { start, end: cursor }, start === line.start + ansvar[0].length);
  }

  // Headings being typed: parts, ambitions with the next number, missing sections.
  const heading = /^(#{1,6})(\s*)(.*)$/.exec(line.before);
  if (heading) return headingCompletions(plan, p, heading[1].length, heading[3]);

  // Cross-references: "ambition 1." → 1.1, 1.2 …
  const itemLabel = tpl.parts?.items?.label;
  if (itemLabel) {
    const ref = new RegExp(`(?<![\\p{L}])${escapeRe(itemLabel)}\\s+(\\d+(?:\\.\\d*)?)?$`, 'iu').exec(line.before);
    if (ref) {
      const typed = ref[1] ?? '';
      const start = cursor - typed.length;
      return allAmbitions(plan)
        .filter((a) => a.number?.startsWith(typed))
        .map((a, i) => ({
          label: a.number!,
          kind: 'ambition' as const,
          detail: a.title,
          documentation: escapeMarkdown(a.section.heading.text),
          insertText: a.number!,
          range: { start, end: cursor },
          filterText: a.number!,
          sortText: String(i).padStart(4, '0'),
        }));
    }
  }
  const partLabel = tpl.parts?.label;
  if (partLabel) {
    const partRef = new RegExp(`(?<![\\p{L}])${escapeRe(partLabel)}\\s+(\\d*)$`, 'iu').exec(line.before);
    if (partRef && !/^\s*#/.test(line.before)) {
      const start = cursor - partRef[1].length;
      return plan.parts
        .filter((p) => p.number !== undefined)
        .map((p, i) => ({
          label: String(p.number),
          kind: 'part' as const,
          detail: p.title,
          insertText: String(p.number),
          range: { start, end: cursor },
          sortText: String(i).padStart(4, '0'),
        }));
    }
  }

  // The start of an action: a list item in an actions section (Hur), or any list item in an ambition.
  const item = /^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$/.exec(line.before);
  if (item && !/\s(?:ska|ansvarar|har|bör|kommer)\s/i.test(item[2]) && item[2].split(/\s+/).length <= 5) {
    const inAmbition =
      allUnits(plan).some((a) => (a.level > 0 || a.spec.actions) && at >= a.section.range.start && at <= a.section.range.end + 1) || isInActions(plan, at);
    if (inAmbition) {
      const start = line.start + item[1].length;
      return bodyItems(ctx.registry, { start, end: cursor }, true, ' ska ');
    }
  }

  // An empty line inside a part: a whole new ambition.
  if (/^\s*$/.test(line.before) && /^\s*$/.test(line.after)) {
    return [...ambitionSnippet(plan, p), ...sectionCompletions(plan, { start: line.start, end: cursor }, null)];
  }
  return [];
}

function lastConjunction(s: string): number {
  let at = -1;
  for (const m of s.matchAll(/\s(?:och|samt)\s/giu)) {
    // Not "barn- och ungdomsnämnden": one character looked at, not the whole line before each match.
    if (s[m.index! - 1] === '-') continue;
    at = m.index! + m[0].length - 2;
  }
  return at;
}

function isInActions(plan: PlanModel, offset: number): boolean {
  return allUnits(plan).some((a) => a.subsections.some((s) => s.spec.actions && offset >= s.section.range.start && offset <= s.section.range.end + 1));
}

function partAt(plan: PlanModel, offset: number): Part | undefined {
  let found: Part | undefined;
  for (const p of plan.parts) if (p.section.range.start <= offset) found = p;
  return found;
}

function nextAmbitionNumber(part: Part): string {
  const used = part.children.map((a) => a.numbers[1]).filter((n): n is number => n !== undefined);
  return `${part.number ?? 1}.${Math.max(0, ...used) + 1}`;
}

function nextPartNumber(plan: PlanModel): number {
  return Math.max(0, ...plan.parts.map((p) => p.numbers[0] ?? 0)) + 1;
}

function ambitionDepth(plan: PlanModel, part: Part | undefined): number {
  const sibling = part?.children.find((a) => !a.misnested) ?? allAmbitions(plan).find((a) => !a.misnested);
  if (sibling) return sibling.section.heading.depth;
  return (part?.section.heading.depth ?? sectionDepth(plan)) + 1;
}

function ambitionBody(plan: PlanModel, depth: number, stopBase: number): string {
  const subs = plan.template?.parts?.items?.subsections ?? [];
  const h = '#'.repeat(Math.min(6, depth + 1));
  const years = periodYears(plan);
  return subs.map((s, i) => `${h} ${expandTitle(s.title, years)}\n\n${s.actions ? '- ' : ''}\${${stopBase + i}}`).join('\n\n');
}

function ambitionSnippet(plan: PlanModel, p: Place): Completion[] {
  const items = plan.template?.parts?.items;
  if (!items?.label || levelNumbering(items) === 'none') return [];
  const part = partAt(plan, p.at);
  if (!part) return [];
  const depth = ambitionDepth(plan, part);
  const number = nextAmbitionNumber(part);
  const label = items.label;
  const subs = items.subsections ?? [];
  const insertText = `${'#'.repeat(depth)} ${label} ${number}. \${1:${t('Title')}}\n\n${ambitionBody(plan, depth, 2)}\n`;
  return [
    {
      label: t('New {0} {1} with {2}', local(items.name), number, joinNames(subs.map((s) => s.label))),
      kind: 'snippet',
      detail: `${label} ${number}`,
      documentation: escapeMarkdown(local(items.guidance)),
      insertText,
      snippet: true,
      range: { start: p.cursor, end: p.cursor },
      sortText: '0000',
    },
  ];
}

function headingCompletions(plan: PlanModel, p: Place, depth: number, typed: string): Completion[] {
  const tpl = plan.template!;
  const out: Completion[] = [];
  const { at } = p;
  const range = { start: p.line.start, end: p.cursor };
  const parts = tpl.parts;
  const items = parts?.items;
  const part = partAt(plan, at);
  if (items?.label && levelNumbering(items) !== 'none' && part) {
    const number = nextAmbitionNumber(part);
    const subs = items.subsections ?? [];
    if (typed === '' || fold(items.label).startsWith(fold(typed).slice(0, items.label.length))) {
      const aDepth = ambitionDepth(plan, part);
      out.push({
        label: `${items.label} ${number}.`,
        kind: 'ambition',
        detail: t('next free number in {0}', part.section.heading.text),
        documentation: escapeMarkdown(local(items.guidance)),
        insertText: `${'#'.repeat(aDepth)} ${items.label} ${number}. \${1}`,
        snippet: true,
        range,
        filterText: `${'#'.repeat(depth)} ${items.label} ${number}`,
        sortText: '0001',
      });
      if (subs.length)
        out.push({
          label: t('{0} {1} with {2}', items.label, number, joinNames(subs.map((s) => s.label))),
          kind: 'snippet',
          detail: t('heading with {0}', joinNames(subs.map((s) => s.label))),
          documentation: escapeMarkdown(local(items.guidance)),
          insertText: `${'#'.repeat(aDepth)} ${items.label} ${number}. \${1:${t('Title')}}\n\n${ambitionBody(plan, aDepth, 2)}\n`,
          snippet: true,
          range,
          filterText: `${'#'.repeat(depth)} ${items.label} ${number}`,
          sortText: '0002',
        });
    }
  }
  // Subsections (Varför/Vad/Hur) missing in the innermost unit at the cursor.
  const unit = allUnits(plan)
    .filter((a) => a.spec.subsections?.length && at >= a.section.range.start && at <= a.section.range.end + 2)
    .sort((a, b) => b.level - a.level)[0];
  if (unit) {
    const present = new Set(unit.subsections.map((s) => s.spec.id));
    const years = periodYears(plan);
    (unit.spec.subsections ?? []).forEach((s, i) => {
      if (present.has(s.id)) return;
      const title = expandTitle(s.title, years);
      out.push({
        label: title,
        kind: 'section',
        detail: t('missing in {0}', unit.section.heading.text),
        documentation: escapeMarkdown(local(s.guidance)),
        insertText: `${'#'.repeat(Math.min(6, unit.section.heading.depth + 1))} ${title}\n\n${s.actions ? '- ' : ''}`,
        range,
        filterText: `${'#'.repeat(depth)} ${title}`,
        sortText: '01' + i,
      });
    });
  }
  if (parts?.label && levelNumbering(parts) !== 'none') {
    const pDepth = plan.parts[0]?.section.heading.depth ?? sectionDepth(plan);
    const pn = nextPartNumber(plan);
    out.push({
      label: `${parts.label} ${pn}.`,
      kind: 'part',
      detail: t('next {0}', local(parts.name)),
      documentation: escapeMarkdown(local(parts.guidance)),
      insertText: `${'#'.repeat(pDepth)} ${parts.label} ${pn}. \${1}`,
      snippet: true,
      range,
      filterText: `${'#'.repeat(depth)} ${parts.label} ${pn}`,
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
      documentation: escapeMarkdown(local(s.guidance)),
      insertText: `${'#'.repeat(depth)} ${s.title}\n\n`,
      range,
      filterText: typedDepth === null ? s.title : `${'#'.repeat(typedDepth)} ${s.title}`,
      sortText: (s.required ? '1' : '2') + String(i).padStart(3, '0'),
    }));
}

function frontMatterCompletions(plan: PlanModel, p: Place, ctx: CompletionContext): Completion[] {
  const { cursor: offset, line } = p;
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
  if (ctx.templates.documentTypeKeys().has(key) || key === keyForRole(tpl, 'documentType')) {
    const range = { start: offset - typed.length, end: offset };
    return ctx.templates.all().map((x) => ({
      label: x.id,
      kind: 'value' as const,
      detail: local(x.name),
      documentation: escapeMarkdown(local(x.description)),
      insertText: x.id,
      range,
    }));
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
