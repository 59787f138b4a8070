/**
 * Completion and hover on follow-up lines: an indicator line in a unit whose level takes indicators,
 * the values of a `Status:` line, and what an indicator or a status line says.
 */
import type { Completion } from '../features/completion';
import type { Hover } from '../features/hover';
import { local, t } from '../l10n';
import { allUnits, validity, type PlanModel } from '../model';
import { escapeMarkdown } from '../text';
import { collectFollowUp, followUpSpecOf } from './index';
import { KOLADA_ID } from './indicators';
import { resolveIndicators } from './spec';
import { labelPattern } from './status';

const within = (r: { start: number; end: number }, offset: number) => offset >= r.start && offset <= r.end;

/** Completions on a follow-up line, or undefined when the line is not one. */
/** `offset` in the analysed text; `line` and `cursor` in the text as it is now (completion.ts). */
export function followUpCompletions(plan: PlanModel, offset: number, line: { start: number; before: string }, cursor = offset): Completion[] | undefined {
  const fu = followUpSpecOf(plan.template);
  // A nested point or a line of the action's paragraph: "  - Status: " or "  Status: ".
  const prefix = /^[ \t>]*(?:[-*+][ \t]+)?/.exec(line.before)![0];
  const status = labelPattern(fu.statusLabel).exec(line.before.slice(prefix.length));
  if (status) {
    const typedStart = prefix.length + status[0].length;
    const range = { start: line.start + typedStart, end: cursor };
    return fu.statuses.map((s, i) => ({
      label: s.label,
      kind: 'value' as const,
      detail: s.done ? t('done') : s.cancelled ? t('cancelled') : undefined,
      documentation: s.description ? local(s.description) : undefined,
      insertText: s.label,
      range,
      sortText: String(i).padStart(3, '0'),
    }));
  }
  // The start of a line in a unit whose level takes indicators: a whole indicator line.
  const typed = /^\s*([\p{L}]*)$/u.exec(line.before);
  if (!typed) return undefined;
  const unit = allUnits(plan)
    .filter((u) => u.spec.indicators && within(u.section.range, offset))
    .sort((a, b) => b.level - a.level)[0];
  if (!unit?.spec.indicators) return undefined;
  const spec = resolveIndicators(unit.spec.indicators);
  if (typed[1] && !spec.label.toLocaleLowerCase('sv').startsWith(typed[1].toLocaleLowerCase('sv'))) return undefined;
  const to = validity(plan).to?.slice(0, 4) ?? 'ÅÅÅÅ';
  const from = validity(plan).from;
  const base = from ? String(Number(from.slice(0, 4)) - 1) : 'ÅÅÅÅ';
  return [
    {
      label: `${spec.label}: …`,
      kind: 'snippet',
      detail: t('An indicator with baseline and target'),
      documentation: unit.spec.indicators.guidance ? local(unit.spec.indicators.guidance) : undefined,
      insertText: `${spec.label}: \${1:${t('name')}} (Kolada \${2:N00000}); ${spec.baselineLabel} \${3:${base}}: \${4:${t('value')}}; ${spec.targetLabel} \${5:${to}}: \${6:${t('value')}}; ${spec.sourceLabel}: \${7:Kolada}`,
      snippet: true,
      range: { start: line.start + line.before.length - typed[1].length, end: cursor },
      filterText: spec.label,
      sortText: '0',
    },
  ];
}

/** Hover on an indicator or a status line. */
export function followUpHover(plan: PlanModel, offset: number): Hover | undefined {
  if (!plan.template) return undefined;
  const model = collectFollowUp(plan);
  for (const u of model.units) {
    for (const ind of u.indicators) {
      if (!within(ind.range, offset)) continue;
      const rows: string[] = [`**${escapeMarkdown(t('Indicator'))}: ${escapeMarkdown(ind.name || '–')}**`];
      if (ind.kolada)
        rows.push(
          KOLADA_ID.test(ind.kolada.id)
            ? t('Kolada key figure {0}.', ind.kolada.id)
            : t('{0} is not a Kolada id: N or U and five digits, e.g. N17461.', escapeMarkdown(ind.kolada.id)),
        );
      const yv = (v?: { year?: number; value: string }) => (v ? `${v.year ?? '?'}: ${escapeMarkdown(v.value)}` : '–');
      rows.push(`${t('Baseline')} ${yv(ind.baseline)} → ${t('Target')} ${yv(ind.target)}`);
      if (ind.source) rows.push(`${t('Source')}: ${escapeMarkdown(ind.source)}`);
      return { contents: rows.join('\n\n'), range: ind.range };
    }
    for (const a of u.actions) {
      const st = a.status;
      if (!st || !within(st.lineRange, offset)) continue;
      const values = model.spec.statuses.map((s) => s.label).join(', ');
      const head = st.spec ? t('Status: {0}', escapeMarkdown(st.spec.label)) : t('Status not recognised: {0}', escapeMarkdown(st.text));
      const desc = st.spec?.description ? escapeMarkdown(local(st.spec.description)) : undefined;
      return {
        contents: [`**${head}**`, desc, st.date ? t('As of {0}.', st.date) : undefined, t('The template’s statuses: {0}.', escapeMarkdown(values))]
          .filter(Boolean)
          .join('\n\n'),
        range: st.lineRange,
      };
    }
  }
  return undefined;
}
