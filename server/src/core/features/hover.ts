/** Hover: the template's guidance for the element under the cursor, a key's meaning, a body's entry in the registry. */
import type { Finding } from '../findings';
import { count, joinNames, local, t } from '../l10n';
import { allUnits, periodYears, type PlanModel } from '../model';
import type { SectionNode } from '../parse';
import type { Body, Registry } from '../registry';
import { expandTitle, valueTypeName, type FrontMatterKeySpec } from '../template';
import { escapeMarkdown, type OffsetRange } from '../text';
import { lixLabel, sectionLix } from '../readability';
import { followUpHover } from '../followup/features';
import { unitStatus } from './symbols';

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
    if (hit && m.index + hit.length >= offset && (!best || hit.length > best.range.end - best.range.start))
      best = { body: hit.body, range: { start: m.index, end: m.index + hit.length } };
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
  const followUp = followUpHover(plan, offset);
  if (followUp) return followUp;
  const b = bodyAt(plan.md.text, offset, registry);
  if (b) return { contents: registry.describe(b.body), range: b.range };
  if (!tpl) return undefined;
  // The innermost structural element around the offset.
  // The innermost structural element around the offset: a subsection, then the deepest unit.
  const units = allUnits(plan);
  const years = periodYears(plan);
  for (const a of units) {
    for (const s of a.subsections) {
      if (within(s.section.range, offset))
        return { contents: guidance(expandTitle(s.spec.title, years), local(s.spec.guidance), readability(s.section)), range: s.section.heading.range };
    }
  }
  const unit = units.filter((u) => within(u.section.range, offset)).sort((a, b) => b.level - a.level)[0];
  if (unit) {
    const st = unitStatus(unit);
    const subs = unit.spec.subsections ?? [];
    const status = st.missing.length
      ? t('Lacks: {0}.', joinNames(st.missing))
      : subs.length
        ? t('{0} present; {1}.', joinNames(subs.map((s) => s.label)), count(st.actions, t('action'), t('actions')))
        : '';
    const n = findings.filter((f) => within(unit.section.range, f.range.start)).length;
    const found = n ? ' ' + count(n, t('finding'), t('findings')) + '.' : '';
    return {
      contents: guidance(unit.section.heading.text, `${local(unit.spec.guidance)}\n\n${status}${found}`.trim(), readability(unit.section)),
      range: unit.section.heading.range,
    };
  }
  for (const r of plan.recognized)
    if (within(r.section.range, offset) && r.spec.guidance)
      return { contents: guidance(r.spec.title, local(r.spec.guidance), readability(r.section)), range: r.section.heading.range };
  return undefined;
}

function within(r: OffsetRange, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}

/** Hover Markdown: the title in bold, the text, and a readability line; template and document text escaped. */
function guidance(title: string, text: string, extra?: string): string {
  return [`**${escapeMarkdown(title)}**`, escapeMarkdown(text), extra].filter(Boolean).join('\n\n');
}

/** The readability of a section's own text, for the hover: "LIX 42 (medelsvår)". */
function readability(s: SectionNode): string | undefined {
  const lix = sectionLix(s);
  return lix ? t('Readability: LIX {0} ({1}).', lix.value, lixLabel(lix.value)) : undefined;
}

export function describeKey(spec: FrontMatterKeySpec): string {
  const type = valueTypeName(spec.type);
  return `**${escapeMarkdown(spec.key)}** (${type}${spec.required ? ', ' + t('required') : ''})\n\n${escapeMarkdown(local(spec.description))}`;
}
