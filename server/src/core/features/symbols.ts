/** Editor features on the plan model: document symbols (the outline), workspace symbols and folding. */
import { count, joinNames, local, t } from '../l10n';
import { allAmbitions, allUnits, isEmptySection, unitActions, type PlanModel, type SubsectionModel, type Unit } from '../model';
import type { SectionNode } from '../parse';
import type { LevelSpec } from '../template';
import type { OffsetRange } from '../text';

export type PlanSymbolKind = 'document' | 'frontmatter' | 'key' | 'section' | 'part' | 'ambition' | 'subsection';

export interface PlanSymbol {
  name: string;
  detail?: string;
  kind: PlanSymbolKind;
  range: OffsetRange;
  selectionRange: OffsetRange;
  children: PlanSymbol[];
}

/** What a unit lacks of its subsections, which are empty, and how many actions it has. */
export function unitStatus(a: Unit): { missing: string[]; empty: string[]; actions: number } {
  const present = new Set(a.subsections.map((s) => s.spec.id));
  return {
    missing: (a.spec.subsections ?? []).filter((s) => (s.required ?? true) && !present.has(s.id)).map((s) => s.label),
    empty: a.subsections.filter((s) => s.empty).map((s) => s.spec.label),
    actions: unitActions(a).length,
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
  const units = allUnits(plan);
  const ctx: Outline = {
    unitOf: new Map(units.map((u) => [u.section, u])),
    subOf: new Map(),
    adopted: new Set(plan.misnested),
    recognized: new Set(plan.recognized.map((r) => r.section)),
    extent: new Map(),
  };
  for (const u of units) for (const s of u.subsections) ctx.subOf.set(s.section, s);
  // A section's range grows over the siblings adopted into it.
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i];
    for (const sub of u.subsections)
      if (ctx.adopted.has(sub.section)) ctx.extent.set(u.section, Math.max(ctx.extent.get(u.section) ?? 0, sub.section.range.end));
    for (const c of u.children)
      if (ctx.adopted.has(c.section) || ctx.extent.has(c.section))
        ctx.extent.set(u.section, Math.max(ctx.extent.get(u.section) ?? 0, ctx.extent.get(c.section) ?? c.section.range.end));
  }

  const top: PlanSymbol[] = [];
  for (const s of plan.bodySections) if (!ctx.adopted.has(s)) top.push(convertSection(ctx, s));
  if (plan.title) {
    const titleSection = plan.md.allSections.find((s) => s.heading === plan.title)!;
    // Sections written before the title stand beside it, not under it.
    const before = top.filter((x) => x.range.start < titleSection.range.start);
    const under = top.filter((x) => x.range.start >= titleSection.range.start);
    out.push(...before);
    out.push({
      name: plan.title.text || '…',
      detail: plan.template ? local(plan.template.name) : plan.documentType,
      kind: 'document',
      range: { start: titleSection.range.start, end: plan.md.text.length },
      selectionRange: plan.title.textRange,
      children: under,
    });
  } else out.push(...top);
  return out;
}

/** What the outline's converter needs to know of the plan (module functions with plain loops: see `convertSection`). */
interface Outline {
  unitOf: Map<SectionNode, Unit>;
  subOf: Map<SectionNode, SubsectionModel>;
  adopted: Set<SectionNode>;
  recognized: Set<SectionNode>;
  /** A section's end, grown over the siblings adopted into it. */
  extent: Map<SectionNode, number>;
}

/**
 * A section and what lies under it as outline symbols. Written as module functions with plain loops
 * rather than one closure with spreads and callbacks: on a large plan, V8 compiled that closure
 * again every few keystrokes (about 90 ms of a background core each time, for an inlined whole).
 */
function convertSection(ctx: Outline, s: SectionNode): PlanSymbol {
  const unit = ctx.unitOf.get(s);
  if (unit) return convertUnit(ctx, s, unit);
  const sub = ctx.subOf.get(s);
  if (sub) {
    const detail = sub.empty ? t('empty') : sub.spec.actions ? actionCount(sub.actions.length) : sub.spec.label;
    const children: PlanSymbol[] = [];
    for (const c of s.children) children.push(convertSection(ctx, c));
    return sectionSymbol(ctx, s, 'subsection', detail, children);
  }
  const children: PlanSymbol[] = [];
  for (const c of s.children) if (!ctx.adopted.has(c)) children.push(convertSection(ctx, c));
  children.sort(byStart);
  return sectionSymbol(ctx, s, 'section', ctx.recognized.has(s) && isEmptySection(s) ? t('empty') : undefined, children);
}

function convertUnit(ctx: Outline, s: SectionNode, unit: Unit): PlanSymbol {
  const own = new Set<SectionNode>();
  const children: PlanSymbol[] = [];
  for (const c of unit.children) {
    own.add(c.section);
    children.push(convertSection(ctx, c.section));
  }
  for (const x of unit.subsections) {
    own.add(x.section);
    children.push(convertSection(ctx, x.section));
  }
  for (const c of s.children) if (!own.has(c) && !ctx.adopted.has(c) && !ctx.unitOf.has(c)) children.push(convertSection(ctx, c));
  children.sort(byStart);
  const next = unit.children[0]?.spec ?? unit.spec.items;
  const details: string[] = [];
  if (next) details.push(levelCount(next, unit.children.length));
  const st = unitStatus(unit);
  if (st.missing.length) details.push(t('lacks {0}', joinNames(st.missing)));
  if (st.empty.length) details.push(t('empty {0}', joinNames(st.empty)));
  if (!next && !st.missing.length && !st.empty.length && (unit.spec.subsections?.some((x) => x.actions) || unit.spec.actions))
    details.push(actionCount(st.actions));
  return sectionSymbol(ctx, s, unit.level === 0 ? 'part' : 'ambition', details.join(', ') || undefined, children);
}

function sectionSymbol(ctx: Outline, s: SectionNode, kind: PlanSymbolKind, detail: string | undefined, children: PlanSymbol[]): PlanSymbol {
  return {
    name: s.heading.text || '…',
    detail,
    kind,
    range: { start: s.range.start, end: Math.max(s.range.end, ctx.extent.get(s) ?? 0) },
    selectionRange: s.heading.textRange,
    children,
  };
}

function byStart(a: PlanSymbol, b: PlanSymbol): number {
  return a.range.start - b.range.start;
}

function actionCount(n: number): string {
  return count(n, t('action'), t('actions'));
}

/** "3 ambitioner", "1 insats": a count with the level's noun. */
export function levelCount(level: LevelSpec, n: number): string {
  return count(n, local(level.name), local(level.plural ?? level.name));
}

/** One entry per unit of the template's levels (parts, ambitions …), for workspace-wide symbol search. */
export function ambitionSymbols(plan: PlanModel): Array<{ name: string; container: string; range: OffsetRange }> {
  const container = plan.title?.text ?? '';
  const units = allAmbitions(plan).length ? allAmbitions(plan) : allUnits(plan);
  return units.map((a) => ({ name: a.section.heading.text, container, range: a.section.heading.textRange }));
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
