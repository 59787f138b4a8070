/** The subsections every unit answers (Varför, Vad, Hur): missing, twice, out of order, empty, without actions. */
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import { joinNames, q, t } from '../l10n';
import { allUnits, periodYears, sectionBlocksDeep, type Unit } from '../model';
import { patternsFor } from '../plan';
import { expandTitle } from '../template';
import { headingPrefix, lisKeep, placeholder, pseudoHeadings } from './common';
import type { RuleFamily, TemplateRuleContext } from './family';
import { DUPLICATE, ORDER } from './sections';

const MISSING = defineCode<InsertData & ReplaceData & { expected: string; subsection: string }>({
  code: 'plan.ambition.missing-section',
  severity: 'error',
  description: {
    sv: 'En ambition (eller annan enhet) saknar ett av mallens underavsnitt, till exempel Varför, Vad eller Hur.',
    en: 'An ambition (or other unit) lacks one of its subsections, e.g. Varför, Vad or Hur.',
  },
  fixes: ['insert', 'replace'],
});
const EMPTY = defineCode<{ subsection: string }>({
  code: 'plan.ambition.empty-section',
  severity: 'error',
  description: { sv: 'Ett tomt underavsnitt (Varför, Vad, Hur …).', en: 'An empty subsection (Varför, Vad, Hur …).' },
});
const NO_ACTIONS = defineCode<{ subsection: string }>({
  code: 'plan.ambition.no-actions',
  severity: 'error',
  description: { sv: 'Ett underavsnitt för åtgärder (Hur) utan punktlista.', en: 'An actions subsection (Hur) with no list of actions.' },
});

export const subsectionsFamily: RuleFamily = {
  id: 'subsections',
  name: { sv: 'Underavsnitt (Varför, Vad, Hur)', en: 'Subsections (Varför, Vad, Hur)' },
  codes: [MISSING, EMPTY, NO_ACTIONS],
  checkWithTemplate(ctx) {
    const years = periodYears(ctx.plan);
    const memo: Memo = { inserts: new Map(), inAll: new Map() };
    for (const u of allUnits(ctx.plan)) if (u.spec.subsections?.length) checkUnit(ctx, u, years, memo);
  },
};

type SubsectionSpec = NonNullable<Unit['spec']['subsections']>[number];

/**
 * Texts that are the same for many units, made once per check: what a missing subsection's quick
 * fix inserts (by subsection and depth), and the "missing in all" sentence (by the template's list
 * of subsections and a bit mask of those missing). A plan of 10,000 ambitions without subsections
 * has 30,000 such findings.
 */
interface Memo {
  inserts: Map<SubsectionSpec, Map<number, Insert>>;
  inAll: Map<readonly SubsectionSpec[], Map<number, string>>;
}

/** What a missing subsection's quick fix inserts. */
interface Insert {
  title: string;
  /** Before the next subsection. */
  before: string;
  /** At the end of the unit. */
  after: string;
}

/** The subsections present in a unit that has none (never added to: such a unit has none to add). */
const NONE_PRESENT = new Map<string, Unit['subsections'][number]>();

function checkUnit(ctx: TemplateRuleContext, a: Unit, years: number | undefined, memo: Memo): void {
  const { report } = ctx;
  const subs = a.spec.subsections ?? [];
  const present = a.subsections.length ? new Map<string, (typeof a.subsections)[number]>() : NONE_PRESENT;
  for (const s of a.subsections) {
    const first = present.get(s.spec.id);
    if (first)
      report(DUPLICATE, t('{0} has {1} twice.', q(a.section.heading.text), q(s.spec.label)), s.section.heading.range, undefined, [
        { range: first.section.heading.range, message: t('First given here') },
      ]);
    else present.set(s.spec.id, s);
  }
  // Order within the unit (one subsection or none is in order).
  const keep = a.subsections.length > 1 ? lisKeep(a.subsections.map((s) => subs.indexOf(s.spec))) : undefined;
  a.subsections.forEach((s, i) => {
    if (keep && !keep.has(i))
      report(
        ORDER,
        t('{0} is out of order in {1}: the template’s order is {2}.', q(s.spec.label), q(a.section.heading.text), subs.map((x) => x.label).join(', ')),
        s.section.heading.range,
      );
  });
  const missing = subs.filter((s) => (s.required ?? true) && !present.has(s.id));
  if (missing.length) reportMissing(ctx, a, years, memo, present, missing);
  for (const s of a.subsections) {
    if (s.empty && !s.spec.allowEmpty) {
      report(EMPTY, t('{0} in {1} is empty.', q(s.spec.label), q(a.section.heading.text)), s.section.heading.range, { subsection: s.spec.id });
      continue;
    }
    if (s.spec.actions && !s.hasList)
      report(
        NO_ACTIONS,
        t('{0} in {1} has no list of actions; write each action as a list item beginning with its actor.', q(s.spec.label), q(a.section.heading.text)),
        s.section.heading.range,
        {
          subsection: s.spec.id,
        },
      );
  }
}

/** Reports the template's required subsections that `a` lacks: as bold text written instead of a heading, or missing. */
function reportMissing(
  ctx: TemplateRuleContext,
  a: Unit,
  years: number | undefined,
  memo: Memo,
  present: ReadonlyMap<string, unknown>,
  missing: SubsectionSpec[],
): void {
  const { report } = ctx;
  const subs = a.spec.subsections ?? [];
  const depth = a.section.heading.depth + 1;
  const labels = patternsFor(ctx.template).levels[a.level]?.sub ?? [];
  let bold: ReturnType<typeof pseudoHeadings> | undefined;
  const inAll = missing.length > 1 ? missingInAll(subs, missing, memo) : '';
  const unitName = q(a.section.heading.text);
  for (let i = 0; i < subs.length; i++) {
    const spec = subs[i];
    if (!(spec.required ?? true) || present.has(spec.id)) continue;
    let re: RegExp | undefined;
    for (const l of labels)
      if (l.index === i) {
        re = l.re;
        break;
      }
    if (re)
      bold ??=
        // A unit that is a heading alone (a plan being drafted) has nothing written as bold text.
        !a.subsections.length && !a.section.blocks.length && !a.section.children.length
          ? []
          : pseudoHeadings([
              ...sectionBlocksDeep(a.section),
              ...a.subsections.filter((s) => s.section.parent !== a.section).flatMap((s) => sectionBlocksDeep(s.section)),
            ]);
    const written = re && bold!.find((b) => re.test(b.text));
    if (written) {
      const heading = `${headingPrefix(depth)}${written.text}`.trim();
      report(
        MISSING,
        t('{0} is written as bold text, not as a heading: {1} needs {2} as a heading ({3}).', q(written.text), q(a.section.heading.text), spec.label, heading),
        written.range,
        {
          expected: heading,
          replacement: heading,
          subsection: spec.id,
        },
      );
      continue;
    }
    // The first subsection present (by position) that the template puts after this one.
    let next: Unit['subsections'][number] | undefined;
    for (const s of a.subsections) if (subs.indexOf(s.spec) > i && (!next || s.section.range.start < next.section.range.start)) next = s;
    const insertAt = next ? next.section.range.start : a.section.range.end;
    let byDepth = memo.inserts.get(spec);
    if (!byDepth) memo.inserts.set(spec, (byDepth = new Map()));
    let insert = byDepth.get(depth);
    if (!insert) {
      const title = expandTitle(spec.title, years);
      const heading = `${headingPrefix(depth)}${title}\n\n${spec.actions ? '- ' : ''}${placeholder(spec.guidance)}\n`;
      byDepth.set(depth, (insert = { title, before: `${heading}\n`, after: `\n\n${heading}` }));
    }
    report(MISSING, t('{0} lacks {1}.', unitName, spec.label) + inAll, a.section.heading.textRange, {
      expected: insert.title,
      insertText: next ? insert.before : insert.after,
      insertAt,
      subsection: spec.id,
    });
  }
}

/** " Missing in all: Varför, Vad och Hur.", for the subsections of `subs` that are `missing`. */
function missingInAll(subs: readonly SubsectionSpec[], missing: readonly SubsectionSpec[], memo: Memo): string {
  const make = () => ' ' + t('Missing in all: {0}.', joinNames(missing.map((m) => m.label)));
  if (subs.length > 30) return make();
  let mask = 0;
  for (const m of missing) mask |= 1 << subs.indexOf(m);
  let byMask = memo.inAll.get(subs);
  if (!byMask) memo.inAll.set(subs, (byMask = new Map()));
  let text = byMask.get(mask);
  if (text === undefined) byMask.set(mask, (text = make()));
  return text;
}
