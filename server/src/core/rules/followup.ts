/**
 * Follow-up: indicators (Kolada ids, target years inside the period, baselines before targets, units
 * without indicators where the template asks for them), action statuses (the template's values,
 * ISO dates, task boxes that agree) and what the follow-up section says (the template's checks, as hints).
 */
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import {
  followUpSpecOf,
  resolveIndicators,
  unitFollowUp,
  type Indicator,
  type ResolvedFollowUp,
  type ResolvedIndicators,
  type UnitFollowUp,
} from '../followup/index';
import { local, q, t } from '../l10n';
import { idOf } from '../memo';
import { allUnits, isUnder, isValidIsoDate, sectionBlocksDeep, validity, type PlanModel } from '../model';
import type { Registry } from '../registry';
import { fold, nearest } from '../text';
import { walkText } from './common';
import type { RuleContext, TemplateRuleContext, RuleFamily } from './family';

const KOLADA = defineCode<ReplaceData>({
  code: 'plan.indicator.kolada-id',
  severity: 'warning',
  description: {
    sv: 'Ett Kolada-id som inte är N eller U och fem siffror (N17461).',
    en: 'A Kolada id that is not N or U and five digits (N17461).',
  },
});
const TARGET_YEAR = defineCode<{ year: number; from: number; to: number }>({
  code: 'plan.indicator.target-year',
  severity: 'warning',
  description: { sv: 'Ett målår utanför planens giltighetstid.', en: 'A target year outside the plan’s period.' },
});
const BASELINE_AFTER = defineCode<{ baseline: number; target: number }>({
  code: 'plan.indicator.baseline-after-target',
  severity: 'warning',
  description: { sv: 'Ett utgångsläge som ligger efter målåret.', en: 'A baseline year after the target year.' },
});
const INCOMPLETE = defineCode({
  code: 'plan.indicator.incomplete',
  severity: 'warning',
  description: {
    sv: 'En indikator utan namn, ett utgångsläge eller mål utan år eller värde, eller en del som inte går att tolka.',
    en: 'An indicator without a name, a baseline or target without a year or value, or a part that cannot be read.',
  },
});
const MISSING = defineCode({
  code: 'plan.indicator.missing',
  severity: 'warning',
  description: {
    sv: 'En enhet utan indikator där mallen kräver minst en.',
    en: 'A unit without an indicator where the template requires one.',
  },
});
const STATUS_UNKNOWN = defineCode<ReplaceData>({
  code: 'plan.status.unknown',
  severity: 'warning',
  description: { sv: 'En status som inte är en av mallens.', en: 'A status that is not one of the template’s.' },
  fixes: ['replace'],
});
const STATUS_DATE = defineCode<{ found: string }>({
  code: 'plan.status.date',
  severity: 'warning',
  description: { sv: 'Ett statusdatum som inte är ett giltigt datum ÅÅÅÅ-MM-DD.', en: 'A status date that is not a valid YYYY-MM-DD date.' },
});
const TASK_BOX = defineCode({
  code: 'plan.status.task-box',
  severity: 'hint',
  description: {
    sv: 'En åtgärds bock i rutan säger något annat än dess status.',
    en: 'An action’s task box says something else than its status.',
  },
});
const SECTION = defineCode<InsertData & { check: string }>({
  code: 'plan.followup.missing-detail',
  severity: 'hint',
  description: {
    sv: 'Uppföljningsavsnittet säger inte det mallen ber om: vem som följer upp, hur ofta eller var det redovisas.',
    en: 'The follow-up section does not say what the template asks: who follows up, how often or where it is reported.',
  },
  fixes: ['insert'],
  insertTitle: (d) => t('Add the sentence {0}', q((d.insertText ?? '').trim())),
});

/** Whether a sentence names a body of the registry. */
function namesBody(sentence: string, registry: Registry): boolean {
  for (const m of sentence.matchAll(/(?<![\p{L}\p{N}])[\p{L}]/gu)) if (registry.matchAt(sentence, m.index)) return true;
  return false;
}

const year = (iso: string | undefined) => (iso ? Number(iso.slice(0, 4)) : undefined);

function checkIndicator(ctx: TemplateRuleContext, ind: Indicator, period: { from?: number; to?: number }, spec: ResolvedIndicators): void {
  if (ind.kolada && !ind.kolada.valid)
    ctx.report(KOLADA, t('The Kolada id {0} is not N or U followed by five digits, e.g. N17461.', q(ind.kolada.id)), ind.kolada.range, {
      found: ind.kolada.id,
    });
  if (!ind.name && !ind.kolada) ctx.report(INCOMPLETE, t('The indicator has no name.'), ind.range);
  for (const p of ind.problems) {
    const example = q(p.which === 'target' ? `${spec.targetLabel} ${period.to ?? 2028}: …` : `${spec.baselineLabel} ${period.from ?? 2024}: …`);
    const message =
      p.kind === 'year'
        ? p.which === 'target'
          ? t('The target {0} has no year; write it as {1}.', q(p.text), example)
          : t('The baseline {0} has no year; write it as {1}.', q(p.text), example)
        : p.kind === 'value'
          ? p.which === 'target'
            ? t('The target {0} has no value.', q(p.text))
            : t('The baseline {0} has no value.', q(p.text))
          : t('The part {0} of the indicator is not understood; the parts are the baseline, the target and the source, separated by semicolons.', q(p.text));
    ctx.report(INCOMPLETE, message, p.range);
  }
  const target = ind.target?.year;
  const baseline = ind.baseline?.year;
  if (target !== undefined && ((period.from !== undefined && target < period.from) || (period.to !== undefined && target > period.to))) {
    const span = period.from !== undefined && period.to !== undefined ? `${period.from}–${period.to}` : String(period.from ?? period.to);
    ctx.report(TARGET_YEAR, t('The target year {0} is outside the plan’s period {1}.', target, span), ind.target!.yearRange ?? ind.target!.range, {
      year: target,
      from: period.from ?? target,
      to: period.to ?? target,
    });
  }
  if (target !== undefined && baseline !== undefined && baseline > target)
    ctx.report(BASELINE_AFTER, t('The baseline year {0} is after the target year {1}.', baseline, target), ind.baseline!.yearRange ?? ind.baseline!.range, {
      baseline,
      target,
    });
}

function checkSection(ctx: TemplateRuleContext, plan: PlanModel): void {
  for (const r of plan.recognized) {
    const checks = r.spec.followUp;
    if (!checks?.length) continue;
    const sentences: string[] = [];
    for (const b of sectionBlocksDeep(r.section)) walkText(b, (v) => sentences.push(...v.split(/(?<=[.!?])\s+/)));
    if (!sentences.join('').trim()) continue; // an empty section is the sections family's finding
    for (const c of checks) {
      const ok = sentences.some((s) => c.keywords.some((k) => fold(s).includes(fold(k))) && (!c.requireBody || namesBody(s, ctx.registry)));
      if (!ok)
        ctx.report(
          SECTION,
          c.example
            ? t('{0} should say {1}, e.g. {2}', q(r.spec.title), local(c.description), q(c.example))
            : t('{0} should say {1}.', q(r.spec.title), local(c.description)),
          r.section.heading.range,
          { check: c.id, insertText: c.example ? `\n\n${c.example}` : undefined, insertAt: c.example ? r.section.range.end : undefined },
        );
    }
  }
}

/** The findings of one unit's indicators and actions. */
function checkUnit(ctx: TemplateRuleContext, u: UnitFollowUp, period: { from?: number; to?: number }, fu: ResolvedFollowUp): void {
  const labels = fu.statuses.map((s) => s.label);
  const spec = u.unit.spec.indicators && resolveIndicators(u.unit.spec.indicators);
  if (spec) for (const ind of u.indicators) checkIndicator(ctx, ind, period, spec);
  if (spec?.required && u.indicators.length === 0) {
    ctx.report(
      MISSING,
      t(
        '{0} has no indicator; the template asks for at least one, written {1}.',
        q(u.unit.section.heading.text),
        q(`${spec.label}: … ; ${spec.baselineLabel} ${period.from ?? 'ÅÅÅÅ'}: … ; ${spec.targetLabel} ${period.to ?? 'ÅÅÅÅ'}: …`),
      ),
      u.unit.section.heading.range,
    );
  }
  for (const a of u.actions) {
    const st = a.status;
    if (st && !st.spec) {
      // Near a label or an alias ("påbörjat" → "påbörjad", an alias of "pågår"): the label.
      const byWord = new Map(fu.statuses.flatMap((x) => [x.label, ...(x.aliases ?? [])].map((w) => [w, x.label] as const)));
      const near = st.text ? [...new Set(nearest(st.text, byWord.keys(), 4).map((w) => byWord.get(w)!))] : [];
      ctx.report(
        STATUS_UNKNOWN,
        st.text
          ? t('The status {0} is not one of the template’s: {1}.', q(st.text), labels.map(q).join(', '))
          : t('The status line gives no status; the template’s are {0}.', labels.map(q).join(', ')),
        st.text ? st.textRange : st.lineRange,
        { found: st.text, suggestions: near.length ? near : labels, replacement: st.text ? (near[0] ?? undefined) : undefined },
      );
    }
    if (st?.date && st.dateRange && !isValidIsoDate(st.date))
      ctx.report(STATUS_DATE, t('The status date {0} is not a valid date YYYY-MM-DD.', q(st.date)), st.dateRange, { found: st.date });
    if (st?.spec && a.checked !== undefined && a.boxAt !== undefined && !!st.spec.done !== a.checked)
      ctx.report(
        TASK_BOX,
        a.checked
          ? t('The action is ticked but its status is {0}.', q(st.spec.label))
          : t('The action’s status is {0} but its box is not ticked.', q(st.spec.label)),
        { start: a.boxAt - 1, end: a.boxAt + 2 },
      );
  }
}

export const followUpFamily: RuleFamily = {
  id: 'followup',
  name: { sv: 'Uppföljning', en: 'Follow-up' },
  codes: [KOLADA, TARGET_YEAR, BASELINE_AFTER, INCOMPLETE, MISSING, STATUS_UNKNOWN, STATUS_DATE, TASK_BOX, SECTION],
  checkWithTemplate(ctx) {
    const { plan } = ctx;
    const { from, to } = validity(plan);
    const period = { from: year(from), to: year(to) };
    const spec = followUpSpecOf(plan.template);
    const text = plan.md.text;
    for (const unit of allUnits(plan)) {
      const check = (report: RuleContext['report']) => checkUnit({ ...ctx, report }, unitFollowUp(unit, text, spec), period, spec);
      // A unit whose subsections all stand under its heading follows from its own text, the plan's
      // period and the template: checked again only when one of them changed (memo.ts).
      if (unit.subsections.every((sub) => isUnder(sub.section, unit.section)))
        ctx.memo.block(
          `followup\u0000${period.from}\u0000${period.to}\u0000${idOf(ctx.template)}\u0000${idOf(unit.spec)}`,
          unit.section.range.start,
          unit.section.range.end,
          ctx.report,
          check,
        );
      else check(ctx.report);
    }
    checkSection(ctx, plan);
  },
};
