/**
 * The template's levels of units (parts, items, deeper levels): how many there are, their
 * numbering, units outside their level above, named headings in order, and required text.
 */
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import { count, joinNames, local, q, t } from '../l10n';
import { hasOwnText, sectionDepth, type Unit } from '../model';
import { sectionKey } from '../plan';
import { levelBounds, levelMatch, levelNumbering, levels, type LevelSpec } from '../template';
import type { OffsetRange } from '../text';
import { headingPrefix, lisKeep, span } from './common';
import type { RuleFamily, TemplateRuleContext } from './family';

const PART_MISSING = defineCode<InsertData>({
  code: 'plan.part.missing',
  severity: 'error',
  description: {
    sv: 'Dokumentet har färre delar (enheter på första nivån) än mallen kräver.',
    en: 'Fewer units of the first level (parts) than the template requires.',
  },
  fixes: ['insert'],
});
const PART_GAP = defineCode<{ expected: string; found?: string }>({
  code: 'plan.part.numbering-gap',
  severity: 'warning',
  description: { sv: 'En lucka eller ett fel i delarnas numrering.', en: 'A gap in the part numbers.' },
});
const PART_DUPLICATE = defineCode<{ expected: string }>({
  code: 'plan.part.duplicate-number',
  severity: 'error',
  description: { sv: 'Två delar med samma nummer.', en: 'Two parts with the same number.' },
});
const NO_ITEMS = defineCode({
  code: 'plan.part.no-items',
  severity: 'error',
  description: {
    sv: 'En enhet med färre underordnade enheter (ambitioner) än mallen kräver.',
    en: 'A unit with fewer units under it (ambitions) than the template requires.',
  },
});
const ITEM_GAP = defineCode<{ expected: string; found?: string }>({
  code: 'plan.ambition.numbering-gap',
  severity: 'warning',
  description: { sv: 'En lucka eller ett fel i numreringen under en del.', en: 'A gap in the numbers of the units under a part.' },
});
const ITEM_DUPLICATE = defineCode({
  code: 'plan.ambition.duplicate-number',
  severity: 'error',
  description: { sv: 'Två ambitioner (eller andra enheter) med samma nummer.', en: 'Two ambitions (or other units) with the same number.' },
});
const WRONG_PART = defineCode<ReplaceData & { expected: string }>({
  code: 'plan.ambition.wrong-part',
  severity: 'error',
  description: { sv: 'En enhet numrerad för en annan del än den står i.', en: 'A unit numbered for another part than the one it stands in.' },
  fixes: ['replace'],
});
const OUTSIDE = defineCode({
  code: 'plan.ambition.outside-part',
  severity: 'error',
  description: { sv: 'En ambition (eller annan enhet) som inte står under någon del.', en: 'An ambition (or other unit) that stands in no part.' },
});
const TOO_MANY = defineCode<{ expected: string; found: string }>({
  code: 'plan.structure.too-many',
  severity: 'warning',
  description: { sv: 'Fler enheter på en nivå än mallen tillåter.', en: 'More units at a level than the template allows.' },
});
const NO_TEXT = defineCode({
  code: 'plan.structure.no-text',
  severity: 'warning',
  description: { sv: 'En enhet utan egen brödtext, fast mallen kräver det.', en: 'A unit without text of its own where the template requires it.' },
});
const NAMED_MISSING = defineCode<InsertData & { expected: string }>({
  code: 'plan.structure.missing-heading',
  severity: 'error',
  description: { sv: 'En av mallens namngivna rubriker saknas.', en: 'One of the template’s named headings is missing.' },
  fixes: ['insert'],
});
const NAMED_ORDER = defineCode<{ expected: string }>({
  code: 'plan.structure.order',
  severity: 'warning',
  description: { sv: 'En namngiven rubrik står inte i mallens ordning.', en: 'A named heading out of the template’s order.' },
});

export const structureFamily: RuleFamily = {
  id: 'structure',
  name: { sv: 'Delar och nivåer', en: 'Parts and levels' },
  codes: [PART_MISSING, PART_GAP, PART_DUPLICATE, NO_ITEMS, ITEM_GAP, ITEM_DUPLICATE, WRONG_PART, OUTSIDE, TOO_MANY, NO_TEXT, NAMED_MISSING, NAMED_ORDER],
  checkWithTemplate(ctx) {
    const lv = levels(ctx.template);
    if (!lv.length) return;
    // Numbers are unique across the whole document, not only within one part.
    const seen = new Map<string, Unit>();
    checkContainer(ctx, undefined, ctx.plan.parts, lv[0], seen);
    for (const u of ctx.plan.looseAmbitions)
      ctx.report(OUTSIDE, t('{0} stands outside any {1}; move it under its {1}.', q(u.section.heading.text), local(lv[0].name)), u.section.heading.textRange);
    const visit = (u: Unit) => {
      const next = lv[u.level + 1];
      if (next) checkContainer(ctx, u, u.children, next, seen);
      if (u.spec.requireText && !hasOwnText(u.section))
        ctx.report(
          NO_TEXT,
          t('{0} has no text of its own; the template asks for a text under each {1}.', q(u.section.heading.text), local(u.spec.name)),
          u.section.heading.textRange,
        );
      u.children.forEach(visit);
    };
    [...ctx.plan.parts, ...ctx.plan.looseAmbitions].forEach(visit);
  },
};

/** The units of `level` in one container: the document (parent undefined) or a unit. */
function checkContainer(ctx: TemplateRuleContext, parent: Unit | undefined, units: Unit[], level: LevelSpec, seen: Map<string, Unit>): void {
  const { plan } = ctx;
  const { min, max } = levelBounds(level);
  const where = parent ? q(parent.section.heading.text) : t('The document');
  const anchor: OffsetRange = parent ? parent.section.heading.textRange : (plan.title?.range ?? { start: 0, end: Math.min(1, plan.md.text.length) });
  const named = levelMatch(level) === 'headings';
  if (named) checkNamed(ctx, parent, units, level);
  else if (units.length < min) {
    if (!parent) {
      const depth = sectionDepth(plan);
      const shape = level.label ? ` (${t('headings “{0} N. …”', level.label)})` : '';
      ctx.report(
        PART_MISSING,
        t(
          'The template requires at least {0}{1}; the document has {2}.',
          count(min, local(level.name), local(level.plural ?? level.name)),
          shape,
          units.length,
        ),
        anchor,
        {
          insertText: `\n\n${headingPrefix(depth)}${level.label ? `${level.label} ${units.length + 1}. ` : ''}\n`,
          insertAt: plan.md.text.length,
        },
      );
    } else
      ctx.report(
        NO_ITEMS,
        t('{0} has {1}; the template requires at least {2}.', where, count(units.length, local(level.name), local(level.plural ?? level.name)), min),
        anchor,
      );
  }
  if (units.length > max)
    ctx.report(
      TOO_MANY,
      t('{0} has {1}; the template allows at most {2}.', where, count(units.length, local(level.name), local(level.plural ?? level.name)), max),
      units[max].section.heading.textRange,
      {
        expected: String(max),
        found: String(units.length),
      },
    );
  if (levelNumbering(level) === 'none') return;
  const required = levelNumbering(level) === 'required';
  if (!parent) checkFirstLevel(ctx, units, level, required);
  else {
    const prefix = parent.number && levelNumbering(parent.spec) !== 'none' ? parent.number : undefined;
    checkLowerLevel(ctx, parent, prefix, units, level, required, seen);
  }
}

function checkNamed(ctx: TemplateRuleContext, parent: Unit | undefined, units: Unit[], level: LevelSpec): void {
  const names = level.headings ?? [];
  const keys = names.map(sectionKey);
  const idx = units.map((u) => keys.indexOf(sectionKey(u.section.heading.text)));
  const keep = lisKeep(idx);
  units.forEach((u, i) => {
    if (!keep.has(i))
      ctx.report(NAMED_ORDER, t('{0} is out of the template’s order: {1}.', q(u.section.heading.text), names.join(' → ')), u.section.heading.textRange, {
        expected: names.join(' → '),
      });
  });
  const { min } = levelBounds(level);
  if (units.length >= min && min < names.length) return;
  const present = new Set(idx);
  const depth = parent ? parent.section.heading.depth + 1 : (ctx.plan.parts[0]?.section.heading.depth ?? sectionDepth(ctx.plan));
  const end = parent ? parent.section.range.end : (units[units.length - 1]?.section.range.end ?? ctx.plan.md.text.length);
  names.forEach((name, i) => {
    if (present.has(i)) return;
    ctx.report(
      NAMED_MISSING,
      t('The heading {0} is missing; the template names it as a {1}.', q(name), local(level.name)),
      parent ? parent.section.heading.textRange : (ctx.plan.title?.range ?? { start: 0, end: 0 }),
      {
        expected: name,
        insertText: `\n\n${headingPrefix(depth)}${name}\n`,
        insertAt: end,
      },
    );
  });
}

function label(level: LevelSpec, n: string): string {
  return level.label ? `${level.label} ${n}` : n;
}

function checkFirstLevel(ctx: TemplateRuleContext, units: Unit[], level: LevelSpec, required: boolean): void {
  const seen = new Map<number, Unit>();
  let expected = 1;
  for (const p of units) {
    const n = p.numbers[0];
    if (n === undefined) {
      if (required)
        ctx.report(
          PART_GAP,
          t('{0} has no number; expected {1}.', q(p.section.heading.text), `${label(level, String(expected))}.`),
          p.section.heading.textRange,
          { expected: `${label(level, String(expected))}.` },
        );
      expected++;
      continue;
    }
    const dup = seen.get(n);
    if (dup) {
      ctx.report(
        PART_DUPLICATE,
        t('The number {0} is already used by {1}.', n, q(dup.section.heading.text)),
        p.section.heading.textRange,
        { expected: `${label(level, String(expected))}.` },
        [{ range: dup.section.heading.textRange, message: t('First given here') }],
      );
    } else if (n > expected) {
      const missing = span(expected, n - 1).map((k) => label(level, String(k)));
      ctx.report(PART_GAP, t('{0} follows without {1}.', q(label(level, String(n))), joinNames(missing)), p.section.heading.textRange, {
        expected: `${label(level, String(expected))}.`,
        found: `${label(level, String(n))}.`,
      });
    } else if (n < expected) {
      ctx.report(
        PART_GAP,
        t('{0} comes after {1}: the numbers must rise.', q(label(level, String(n))), label(level, String(expected - 1))),
        p.section.heading.textRange,
        {
          expected: `${label(level, String(expected))}.`,
          found: `${label(level, String(n))}.`,
        },
      );
    }
    if (!dup) seen.set(n, p);
    expected = Math.max(expected, n + 1);
  }
}

function checkLowerLevel(
  ctx: TemplateRuleContext,
  parent: Unit,
  prefix: string | undefined,
  units: Unit[],
  level: LevelSpec,
  required: boolean,
  seen: Map<string, Unit>,
): void {
  const depth = prefix ? prefix.split('.').length : 0;
  const parentLabel = parent.spec.label ? `${parent.spec.label} ${parent.number ?? ''}`.trim() : q(parent.section.heading.text);
  let next = 1;
  for (const a of units) {
    const full = (k: number) => (prefix ? `${prefix}.${k}` : String(k));
    if (!a.number) {
      if (required)
        ctx.report(ITEM_GAP, t('{0} has no number; expected {1}.', q(a.section.heading.text), label(level, full(next))), a.section.heading.textRange, {
          expected: label(level, full(next)),
        });
      next++;
      continue;
    }
    const dup = seen.get(a.number);
    if (dup)
      ctx.report(ITEM_DUPLICATE, t('The number {0} is already used by {1}.', a.number, q(dup.section.heading.text)), a.section.heading.textRange, undefined, [
        { range: dup.section.heading.textRange, message: t('First given here') },
      ]);
    else seen.set(a.number, a);
    if (prefix && a.numbers.slice(0, depth).join('.') !== prefix) {
      const right = full(next);
      const raw = ctx.plan.md.text.slice(a.section.heading.textRange.start, a.section.heading.textRange.end);
      const at = raw.indexOf(a.number);
      const numberRange =
        at >= 0
          ? { start: a.section.heading.textRange.start + at, end: a.section.heading.textRange.start + at + a.number.length }
          : a.section.heading.textRange;
      const wrongParent = parent.spec.label ? `${parent.spec.label} ${a.numbers.slice(0, depth).join('.')}` : a.numbers.slice(0, depth).join('.');
      ctx.report(
        WRONG_PART,
        t('{0} stands in {1} but is numbered for {2}; expected {3}.', q(label(level, a.number)), parentLabel, wrongParent, right),
        numberRange,
        {
          expected: right,
          found: a.number,
          replacement: at >= 0 ? right : undefined,
        },
      );
      next++;
      continue;
    }
    const k = a.numbers[depth];
    if (a.numbers.length !== depth + 1 || k === undefined) {
      ctx.report(ITEM_GAP, t('{0} needs a number such as {1}.', q(a.section.heading.text), full(next)), a.section.heading.textRange, { expected: full(next) });
    } else if (!dup && k > next) {
      const missing = span(next, k - 1).map(full);
      ctx.report(ITEM_GAP, t('{0} follows without {1}.', q(label(level, a.number)), joinNames(missing)), a.section.heading.textRange, {
        expected: full(next),
        found: a.number,
      });
    } else if (!dup && k < next) {
      ctx.report(ITEM_GAP, t('{0} comes after {1}: the numbers must rise.', q(label(level, a.number)), full(next - 1)), a.section.heading.textRange, {
        expected: full(next),
        found: a.number,
      });
    }
    next = Math.max(next, (k ?? next) + 1);
  }
}
