/** The template's sections: missing, out of order, given twice, empty, misspelt, misnested. */
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import { q, t } from '../l10n';
import { isEmptySection, sectionBlocksDeep, sectionDepth } from '../model';
import type { SectionNode } from '../parse';
import { matchesSectionSpec, sectionKey } from '../plan';
import type { SectionSpec } from '../template';
import { editDistance } from '../text';
import { headingPrefix, lisKeep, placeholder, pseudoHeadings } from './common';
import type { RuleFamily, TemplateRuleContext } from './family';

const MISSING = defineCode<InsertData & ReplaceData & { expected: string; sectionId: string }>({
  code: 'plan.section.missing',
  severity: 'error',
  description: { sv: 'Ett obligatoriskt avsnitt saknas.', en: 'A required section is missing.' },
  fixes: ['insert', 'replace'],
});
export const ORDER = defineCode<{ expected: string }>({
  code: 'plan.section.order',
  severity: 'warning',
  description: { sv: 'Ett avsnitt står inte i mallens ordning.', en: 'A section out of the template’s order.' },
});
export const DUPLICATE = defineCode({
  code: 'plan.section.duplicate',
  severity: 'error',
  description: { sv: 'Ett avsnitt står två gånger.', en: 'A section given twice.' },
});
const EMPTY = defineCode<{ sectionId: string }>({
  code: 'plan.section.empty',
  severity: 'error',
  description: { sv: 'Ett avsnitt som ska ha innehåll är tomt.', en: 'A section that must have content is empty.' },
});
const UNKNOWN = defineCode<ReplaceData>({
  code: 'plan.section.unknown',
  severity: 'information',
  description: { sv: 'En rubrik som liknar ett av mallens avsnitt.', en: 'A heading that resembles a template section.' },
  fixes: ['replace'],
});
const HEADING_LEVEL = defineCode<{ expected: string; found: string }>({
  code: 'plan.section.heading-level',
  severity: 'warning',
  description: { sv: 'En rubrik som inte ligger en nivå under sin överordnade rubrik.', en: 'A heading not nested under its parent.' },
});

export const sectionsFamily: RuleFamily = {
  id: 'sections',
  name: { sv: 'Avsnitt', en: 'Sections' },
  codes: [MISSING, ORDER, DUPLICATE, EMPTY, UNKNOWN, HEADING_LEVEL],
  checkWithTemplate(ctx) {
    checkSections(ctx);
  },
};

type Placed = { spec: SectionSpec; section: SectionNode; index: number };

function checkSections(ctx: TemplateRuleContext): void {
  const { plan, template, report } = ctx;
  const text = plan.md.text;
  // Template order of what the document has, parts standing for the parts section.
  const order = template.sections;
  const indexOf = new Map(order.map((s, i) => [s.id, i]));
  const partsIndex = order.findIndex((s) => s.kind === 'parts');
  const placed: Placed[] = [
    ...plan.recognized.map((r) => ({ spec: r.spec, section: r.section, index: indexOf.get(r.spec.id)! })),
    ...(partsIndex >= 0 ? plan.parts.filter((p) => !p.misnested).map((p) => ({ spec: order[partsIndex], section: p.section, index: partsIndex })) : []),
  ].sort((a, b) => a.section.range.start - b.section.range.start);

  // Duplicates (parts repeat by design).
  const firstById = new Map<string, Placed>();
  for (const p of placed) {
    if (p.spec.kind === 'parts') continue;
    const first = firstById.get(p.spec.id);
    if (first)
      report(DUPLICATE, t('The section {0} appears twice.', q(p.spec.title)), p.section.heading.range, undefined, [
        { range: first.section.heading.range, message: t('First given here') },
      ]);
    else firstById.set(p.spec.id, p);
  }

  // Order.
  const keep = lisKeep(placed.map((p) => p.index));
  const kept = placed.filter((_, j) => keep.has(j));
  placed.forEach((p, i) => {
    if (keep.has(i)) return;
    const after = kept.filter((x) => x.index < p.index).pop();
    const before = kept.find((x) => x.index > p.index);
    const title = (x: Placed) => q(x.spec.kind === 'parts' ? x.section.heading.text : x.spec.title);
    const name = p.spec.kind === 'parts' ? p.section.heading.text : p.spec.title;
    report(
      ORDER,
      after && before
        ? t('{0} is out of the template’s order: it belongs after {1} and before {2}.', q(name), title(after), title(before))
        : before
          ? t('{0} is out of the template’s order: it belongs before {1}.', q(name), title(before))
          : after
            ? t('{0} is out of the template’s order: it belongs after {1}.', q(name), title(after))
            : t('{0} is out of the template’s order.', q(name)),
      p.section.heading.range,
      { expected: order.map((s) => s.title).join(' → ') },
    );
  });

  // Missing required sections, each reported, with where it would be inserted.
  const depth = sectionDepth(plan);
  const anchor = plan.title?.range ?? { start: plan.frontMatter?.range.start ?? 0, end: plan.frontMatter?.range.end ?? Math.min(1, text.length) };
  const bold = pseudoHeadings(plan.bodySections.flatMap(sectionBlocksDeep));
  order.forEach((spec, i) => {
    if (!spec.required || spec.kind === 'parts') return;
    if (firstById.has(spec.id)) return;
    const written = bold.find((b) => matchesSectionSpec(spec, b.text));
    if (written) {
      const heading = `${headingPrefix(depth)}${written.text}`.trim();
      report(
        MISSING,
        t('{0} is written as bold text, not as a heading: the template needs the section {1} as a heading ({2}).', q(written.text), q(spec.title), heading),
        written.range,
        {
          expected: heading,
          found: text.slice(written.range.start, written.range.end),
          replacement: heading,
          sectionId: spec.id,
        },
      );
      return;
    }
    const next = placed.filter((p) => p.index > i).sort((a, b) => a.section.range.start - b.section.range.start)[0];
    const prev = placed.filter((p) => p.index < i).sort((a, b) => b.section.range.end - a.section.range.end)[0];
    const insertAt = next ? next.section.range.start : prev ? prev.section.range.end : text.length;
    const block = `${headingPrefix(depth)}${spec.title}\n\n${placeholder(spec.guidance)}\n`;
    report(
      MISSING,
      t('The required section {0} is missing.', q(spec.title)) + (next ? ' ' + t('Expected before {0}.', q(next.section.heading.text)) : ''),
      anchor,
      {
        expected: spec.title,
        insertText: next ? `${block}\n` : `\n\n${block}`,
        insertAt,
        sectionId: spec.id,
      },
    );
  });

  // Empty sections.
  for (const r of plan.recognized) {
    if (r.spec.allowEmpty || r.spec.kind === 'parts') continue;
    if (isEmptySection(r.section))
      report(
        EMPTY,
        r.spec.required ? t('The section {0} is empty; the template requires content.', q(r.spec.title)) : t('The section {0} is empty.', q(r.spec.title)),
        r.section.heading.range,
        {
          sectionId: r.spec.id,
        },
      );
  }

  // Headings that look like a misspelt template section.
  const names = order.filter((s) => s.kind !== 'parts').flatMap((s) => [s.title, ...(s.aliases ?? [])]);
  for (const s of plan.unknown) {
    const key = sectionKey(s.heading.text);
    const near = names.filter((n) => {
      const d = editDistance(key, sectionKey(n));
      return d > 0 && d <= Math.max(1, Math.floor(sectionKey(n).length / 5));
    });
    if (near.length)
      report(UNKNOWN, t('The heading {0} is not a section of the template. Did you mean {1}?', q(s.heading.text), q(near[0])), s.heading.textRange, {
        found: s.heading.text,
        suggestions: near,
        replacement: near[0],
      });
  }

  for (const s of plan.misnested) {
    const parentDepth = s.heading.depth - 1;
    report(
      HEADING_LEVEL,
      t('The heading {0} belongs under the heading before it and should be one level deeper ({1}).', q(s.heading.text), '#'.repeat(parentDepth + 2)),
      s.heading.range,
      {
        expected: '#'.repeat(parentDepth + 2),
        found: '#'.repeat(s.heading.depth),
      },
    );
  }
}
