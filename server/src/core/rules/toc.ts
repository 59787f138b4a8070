/** Innehåll (the table of contents): every entry matches a heading, in the heading's wording, and no heading is left out. */
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import { q, t } from '../l10n';
import { allUnits } from '../model';
import type { SectionNode } from '../parse';
import { levelNumbering } from '../template';
import { editDistance, fold, nearest, slug } from '../text';
import type { RuleFamily, TemplateRuleContext } from './family';

const UNKNOWN_ENTRY = defineCode<ReplaceData & { expected?: string }>({
  code: 'plan.toc.unknown-entry',
  severity: 'warning',
  description: { sv: 'En rad i Innehåll som ingen rubrik motsvarar.', en: 'An Innehåll entry with no heading.' },
});
const MISSING_ENTRY = defineCode<InsertData & { expected: string }>({
  code: 'plan.toc.missing-entry',
  severity: 'warning',
  description: { sv: 'En rubrik som saknas i Innehåll.', en: 'A heading missing from Innehåll.' },
  fixes: ['insert'],
  insertTitle: (d) => t('Add {0} to Innehåll', q(d.expected)),
});
const TITLE_MISMATCH = defineCode<ReplaceData & { expected: string }>({
  code: 'plan.toc.title-mismatch',
  severity: 'warning',
  description: { sv: 'En rad i Innehåll med annan ordalydelse än sin rubrik.', en: 'An Innehåll entry whose text differs from its heading.' },
  fixes: ['replace'],
});

export const tocFamily: RuleFamily = {
  id: 'toc',
  name: { sv: 'Innehåll', en: 'Table of contents' },
  codes: [UNKNOWN_ENTRY, MISSING_ENTRY, TITLE_MISMATCH],
  checkWithTemplate(ctx) {
    if (ctx.plan.toc) checkToc(ctx);
  },
};

function normTitle(s: string): string {
  return s
    .replace(/[\s:?!.]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface TocTarget {
  section: SectionNode;
  kind: 'section' | 'part' | 'item';
  number?: string;
  /** Title without label and number. */
  title: string;
}

function checkToc(ctx: TemplateRuleContext): void {
  const { plan, report } = ctx;
  const toc = plan.toc!;
  const tocStart = toc.section.range.start;
  const targets: TocTarget[] = [];
  for (const r of plan.recognized)
    if (r.section.range.start > tocStart && r.spec.kind !== 'toc' && r.spec.kind !== 'parts')
      targets.push({ section: r.section, kind: 'section', title: r.section.heading.text });
  for (const s of plan.unknown) if (s.range.start > tocStart) targets.push({ section: s, kind: 'section', title: s.heading.text });
  for (const u of allUnits(plan)) {
    if (u.section.range.start <= tocStart || u.level > 1 || (u.level > 0 && !u.parent)) continue;
    if (levelNumbering(u.spec) === 'none') targets.push({ section: u.section, kind: 'section', title: u.section.heading.text });
    else targets.push({ section: u.section, kind: u.level === 0 ? 'part' : 'item', number: u.number, title: u.title });
  }
  targets.sort((a, b) => a.section.range.start - b.section.range.start);
  const partLabel = plan.template?.parts?.label?.toLocaleLowerCase('sv');
  const matched = new Set<TocTarget>();
  const slugs = new Map(plan.md.allSections.map((s) => [slug(s.heading.text), s]));
  for (const e of toc.entries) {
    let target: TocTarget | undefined;
    if (e.number) {
      const isPart = !e.number.includes('.');
      const kind = isPart ? 'part' : 'item';
      target = targets.find((x) => !matched.has(x) && x.kind === kind && x.number === e.number);
      if (!target && isPart && e.label && e.label.toLocaleLowerCase('sv') !== partLabel) target = undefined;
    }
    const wanted = normTitle(e.number ? e.title : e.text);
    if (!target) target = targets.find((x) => !matched.has(x) && x.kind === 'section' && normTitle(x.title) === wanted);
    if (!target) target = targets.find((x) => !matched.has(x) && x.kind === 'section' && fold(normTitle(x.title)) === fold(wanted));
    if (!target && !e.number) {
      const cands = targets.filter((x) => !matched.has(x) && x.kind === 'section');
      target = cands.find((x) => editDistance(fold(normTitle(x.title)), fold(wanted)) <= Math.max(2, Math.floor(wanted.length / 6)));
    }
    if (!target && e.link?.startsWith('#')) {
      const s = slugs.get(decodeURIComponentSafe(e.link.slice(1)));
      target = s && targets.find((x) => x.section === s && !matched.has(x));
    }
    if (!target) {
      const near = nearest(
        wanted,
        targets.filter((x) => !matched.has(x)).map((x) => x.section.heading.text),
        2,
      );
      report(
        UNKNOWN_ENTRY,
        near.length
          ? t('The Innehåll entry {0} matches no heading. Did you mean {1}?', q(e.text), q(near[0]))
          : t('The Innehåll entry {0} matches no heading.', q(e.text)),
        e.range,
        { found: e.text, suggestions: near },
      );
      continue;
    }
    matched.add(target);
    const expectedTitle = normTitle(target.title);
    if (expectedTitle !== wanted && expectedTitle !== wanted.replace(/\s+\d{1,3}$/, '')) {
      const expectedEntry = normTitle(e.number ? e.text.slice(0, e.text.length - e.title.length) + target.title : target.title);
      report(
        TITLE_MISMATCH,
        t('The Innehåll entry {0} differs from its heading {1}.', q(e.text), q(target.section.heading.text)),
        e.range,
        { expected: expectedEntry, found: e.text, replacement: expectedEntry },
        [{ range: target.section.heading.range, message: t('The heading') }],
      );
    } else if (e.link?.startsWith('#') && slug(target.section.heading.text) !== decodeURIComponentSafe(e.link.slice(1))) {
      report(
        UNKNOWN_ENTRY,
        t('The Innehåll entry {0} links to {1}, which no heading has; expected {2}.', q(e.text), e.link, `#${slug(target.section.heading.text)}`),
        e.range,
        {
          expected: `#${slug(target.section.heading.text)}`,
          found: e.link,
        },
      );
    }
  }
  const lastEntry = toc.entries[toc.entries.length - 1];
  for (const x of targets) {
    if (matched.has(x)) continue;
    const entryText = x.kind === 'item' ? `${x.number ?? ''}. ${x.title}` : x.section.heading.text;
    report(MISSING_ENTRY, t('The heading {0} is missing from Innehåll.', q(x.section.heading.text)), x.section.heading.textRange, {
      expected: entryText,
      insertText: `${x.kind === 'item' ? '  ' : ''}- ${entryText}\n`,
      insertAt: lastEntry ? plan.md.lines.lineStart(plan.md.lines.positionAt(lastEntry.range.end).line + 1) : toc.section.heading.range.end + 1,
    });
  }
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
