/** Innehåll (the table of contents): every entry matches a heading, in the heading's wording, and no heading is left out. */
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import { q, t } from '../l10n';
import { allUnits } from '../model';
import type { SectionNode } from '../parse';
import { levelNumbering } from '../template';
import { editDistance, fold, isDigitCode, MAX_EDIT_LENGTH, isSpaceCode, isTrailingPunctuation, nearest, slug, trimEndWhere } from '../text';
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

/** A title as entries and headings are compared: composed (NFC), without trailing punctuation, single spaces. */
function normTitle(s: string): string {
  return trimEndWhere(s.normalize('NFC'), isTrailingPunctuation).replace(/\s+/g, ' ').trim();
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
  // Usually in order already (a stable sort would leave them as they are).
  if (targets.some((x, i) => i > 0 && x.section.range.start < targets[i - 1].section.range.start))
    targets.sort((a, b) => a.section.range.start - b.section.range.start);
  const matched = new Set<TocTarget>();
  // Headings by slug, and targets by heading, made when an entry first links to one.
  let slugs: Map<string, SectionNode> | undefined;
  let bySection: Map<SectionNode, TocTarget> | undefined;
  // Exact matches by lookup, each section target's normalised title computed once (numbered parts
  // and items are looked up by number): a document with many entries and headings costs their
  // number, not its square.
  const folded = new Map<TocTarget, string>();
  // Parts and items by number, apart (no key made per target).
  const byNumber = { part: new Queues<TocTarget>(), item: new Queues<TocTarget>() };
  const byTitle = new Queues<TocTarget>();
  const byFolded = new Queues<TocTarget>();
  for (const x of targets) {
    if (x.kind !== 'section') byNumber[x.kind].add(String(x.number), x);
    else {
      const norm = normTitle(x.title);
      folded.set(x, fold(norm));
      byTitle.add(norm, x);
      byFolded.add(folded.get(x)!, x);
    }
  }
  const unmatched = (x: TocTarget) => !matched.has(x);
  // Near matches compare texts character by character: within a budget of compared characters.
  let budget = FUZZY_BUDGET;
  const affordable = (a: string, b: string) => {
    if (a.length > MAX_EDIT_LENGTH || b.length > MAX_EDIT_LENGTH) return false;
    budget -= (a.length + 1) * (b.length + 1);
    return budget >= 0;
  };
  for (const e of toc.entries) {
    let target: TocTarget | undefined;
    if (e.number) {
      const isPart = !e.number.includes('.');
      target = byNumber[isPart ? 'part' : 'item'].first(e.number, unmatched);
    }
    const wanted = normTitle(e.number ? e.title : e.text);
    const foldedWanted = fold(wanted);
    if (!target) target = byTitle.first(wanted, unmatched);
    if (!target) target = byFolded.first(foldedWanted, unmatched);
    if (!target && !e.number) {
      const limit = Math.max(2, Math.floor(wanted.length / 6));
      target = targets.find((x) => {
        if (matched.has(x) || x.kind !== 'section') return false;
        const f = folded.get(x)!;
        return Math.abs(f.length - foldedWanted.length) <= limit && affordable(f, foldedWanted) && editDistance(f, foldedWanted) <= limit;
      });
    }
    if (!target && e.link?.startsWith('#')) {
      slugs ??= new Map(plan.md.allSections.map((s) => [slug(s.heading.text), s]));
      if (!bySection) {
        bySection = new Map();
        for (const x of targets) if (!bySection.has(x.section)) bySection.set(x.section, x);
      }
      const s = slugs.get(decodeURIComponentSafe(e.link.slice(1)));
      const x = s && bySection.get(s);
      target = x && !matched.has(x) ? x : undefined;
    }
    if (!target) {
      const names = targets.filter((x) => !matched.has(x)).map((x) => x.section.heading.text);
      const near = names.every((n) => affordable(n, wanted)) ? nearest(wanted, names, 2) : [];
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
    if (expectedTitle !== wanted && expectedTitle !== withoutPageNumber(wanted)) {
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
  const insertAt = lastEntry ? plan.md.lines.lineStart(plan.md.lines.positionAt(lastEntry.range.end).line + 1) : toc.section.heading.range.end + 1;
  for (const x of targets) {
    if (matched.has(x)) continue;
    const entryText = x.kind === 'item' ? `${x.number ?? ''}. ${x.title}` : x.section.heading.text;
    report(MISSING_ENTRY, t('The heading {0} is missing from Innehåll.', q(x.section.heading.text)), x.section.heading.textRange, {
      expected: entryText,
      insertText: `${x.kind === 'item' ? '  ' : ''}- ${entryText}\n`,
      insertAt,
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

/** An entry's title without a page number after white space ("Bakgrund 4"): `/\s+\d{1,3}$/` as a loop. */
function withoutPageNumber(s: string): string {
  let i = s.length;
  while (i > 0 && isDigitCode(s.charCodeAt(i - 1))) i--;
  const digits = s.length - i;
  if (digits < 1 || digits > 3) return s;
  let j = i;
  while (j > 0 && isSpaceCode(s.charCodeAt(j - 1))) j--;
  return j < i ? s.slice(0, j) : s;
}

/** How many characters (the product of two texts' lengths) Innehåll's near matches may compare in one document. */
const FUZZY_BUDGET = 4_000_000;

/** Lists by key, each read from the front, skipping what no longer qualifies: a lookup in amortised constant time. */
class Queues<T> {
  readonly #lists = new Map<string, { items: T[]; head: number }>();

  add(key: string, item: T): void {
    const q = this.#lists.get(key);
    if (q) q.items.push(item);
    else this.#lists.set(key, { items: [item], head: 0 });
  }

  /** The first item under `key` that is still `ok`; items found not `ok` are never looked at again. */
  first(key: string, ok: (item: T) => boolean): T | undefined {
    const q = this.#lists.get(key);
    if (!q) return undefined;
    while (q.head < q.items.length && !ok(q.items[q.head])) q.head++;
    return q.items[q.head];
  }
}
