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
  const unitOf = new Map<SectionNode, Unit>(units.map((u) => [u.section, u]));
  const subOf = new Map<SectionNode, SubsectionModel>(units.flatMap((a) => a.subsections.map((s) => [s.section, s] as const)));
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
  for (const u of [...units].reverse()) {
    for (const sub of u.subsections) if (adopted.has(sub.section)) extent.set(u.section, Math.max(extent.get(u.section) ?? 0, sub.section.range.end));
    for (const c of u.children)
      if (adopted.has(c.section) || extent.has(c.section))
        extent.set(u.section, Math.max(extent.get(u.section) ?? 0, extent.get(c.section) ?? c.section.range.end));
  }

  const convert = (s: SectionNode): PlanSymbol => {
    const unit = unitOf.get(s);
    if (unit) {
      const own = new Set<SectionNode>([...unit.children.map((c) => c.section), ...unit.subsections.map((x) => x.section)]);
      const children = [
        ...unit.children.map((c) => convert(c.section)),
        ...unit.subsections.map((x) => convert(x.section)),
        ...s.children.filter((c) => !own.has(c) && !adopted.has(c) && !unitOf.has(c)).map(convert),
      ];
      children.sort((a, b) => a.range.start - b.range.start);
      const next = unit.children[0]?.spec ?? unit.spec.items;
      const details: string[] = [];
      if (next) details.push(levelCount(next, unit.children.length));
      const st = unitStatus(unit);
      if (st.missing.length) details.push(t('lacks {0}', joinNames(st.missing)));
      if (st.empty.length) details.push(t('empty {0}', joinNames(st.empty)));
      if (!next && !st.missing.length && !st.empty.length && (unit.spec.subsections?.some((x) => x.actions) || unit.spec.actions))
        details.push(actionCount(st.actions));
      return sym(s, unit.level === 0 ? 'part' : 'ambition', details.join(', ') || undefined, children);
    }
    const sub = subOf.get(s);
    if (sub) {
      const detail = sub.empty ? t('empty') : sub.spec.actions ? actionCount(sub.actions.length) : sub.spec.label;
      return sym(s, 'subsection', detail, s.children.map(convert));
    }
    const rec = recognized.get(s);
    const children = s.children.filter((c) => !adopted.has(c)).map(convert);
    children.sort((a, b) => a.range.start - b.range.start);
    return sym(s, 'section', rec && isEmptySection(s) ? t('empty') : undefined, children);
  };

  const top = plan.bodySections.filter((s) => !adopted.has(s)).map(convert);
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
