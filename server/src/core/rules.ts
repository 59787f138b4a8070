/** The checks: a plan model in, findings out. Every problem is reported, not only the first. */
import type { Root, RootContent } from 'mdast';
import type { Finding, FindingData, Severity, SeveritySetting } from './findings';
import { defaultSeverity, RULES_BY_CODE } from './findings';
import { joinNames, local, q, t, type LocalText } from './l10n';
import { allAmbitions, type Ambition, type PlanModel } from './model';
import { offsetOf, plainText, rangeOf, type FrontMatterEntry, type SectionNode } from './parse';
import { BODY_WORD, isComment, looksLikeBody, matchesSectionSpec, patternsFor, sectionBlocksDeep, sectionKey } from './plan';
import type { Registry } from './registry';
import type { FrontMatterKeySpec, SectionSpec, Template, TemplateSet } from './template';
import { editDistance, fold, nearest, slug, type OffsetRange } from './text';

export interface StyleSettings {
  yearRange?: boolean;
  skall?: boolean;
  twoDigitYear?: boolean;
}

export interface CheckOptions {
  templates: TemplateSet;
  registry: Registry;
  /** Severity per code; 'off' silences a code. */
  severities?: Record<string, SeveritySetting>;
  /** Writing-convention hints: all on (default), all off, or one by one. */
  style?: boolean | StyleSettings;
  /** A regular expression every diarienummer must match; overrides the template's and the loose default. */
  diarienummerPattern?: string;
}

/**
 * Loose by default: the forms municipalities use (`KS 2019/0123`, `KS2018/396`, `RÄN-2018-0082`,
 * `Ks 7/2020`, `KS/2015:207`, `2013/649-UAN-010`), with an optional `Dnr`/`Diarienummer:` label.
 */
export const DEFAULT_DIARIENUMMER = '^(?:(?:Dnr|Diarienummer|Änr)\\.?:?\\s*)?(?=[^\\n]*\\d[^\\d]+\\d)(?=[^\\n]*(?<!\\d)(?:19|20)\\d{2}(?!\\d))[\\p{L}\\d][\\p{L}\\d .:/-]*\\d[\\p{L}\\d]*$';

class Collector {
  readonly findings: Finding[] = [];
  constructor(private readonly options: CheckOptions) {}

  add(code: string, message: string, range: OffsetRange, data?: FindingData, related?: Finding['related']): void {
    const severity = this.severity(code);
    if (!severity) return;
    const f: Finding = { code, severity, message, range };
    if (data) f.data = data;
    if (related?.length) f.related = related;
    this.findings.push(f);
  }

  severity(code: string): Severity | undefined {
    const rule = RULES_BY_CODE.get(code);
    if (rule?.style) {
      const style = this.options.style ?? true;
      if (style === false) return undefined;
      if (typeof style === 'object') {
        const key = ({ 'plan.style.year-range': 'yearRange', 'plan.style.skall': 'skall', 'plan.style.two-digit-year': 'twoDigitYear' } as const)[
          code as 'plan.style.year-range'
        ];
        if (key && style[key] === false) return undefined;
      }
    }
    const set = this.options.severities?.[code];
    if (set === 'off') return undefined;
    return set ?? defaultSeverity(code);
  }
}

export function checkPlan(plan: PlanModel, options: CheckOptions): Finding[] {
  if (!plan.planBy) return [];
  const c = new Collector(options);
  checkFrontMatter(plan, options, c);
  if (plan.template) {
    checkTitle(plan, c);
    checkSections(plan, plan.template, c);
    checkParts(plan, plan.template, c);
    checkResponsibility(plan, options.registry, c);
    checkToc(plan, c);
  }
  checkStyle(plan, c);
  c.findings.sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code));
  return c.findings;
}

// ---------------------------------------------------------------- front matter

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

const BOOLEAN_WORDS = new Map([
  ['ja', true],
  ['nej', false],
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
]);

/** Where a new front-matter key goes: the start of the closing `---` line. */
export function frontMatterInsertPoint(plan: PlanModel): number {
  const fm = plan.frontMatter;
  if (!fm) return 0;
  return plan.md.text.lastIndexOf('\n', fm.range.end - 1) + 1;
}

function checkFrontMatter(plan: PlanModel, options: CheckOptions, c: Collector): void {
  const fm = plan.frontMatter;
  const text = plan.md.text;
  for (const err of fm?.errors ?? []) c.add('plan.frontmatter.syntax', t('The front matter is not valid YAML: {0}', err.message), err.range);
  if (fm?.notAMapping) c.add('plan.frontmatter.syntax', t('The front matter must be a list of “key: value” lines.'), fm.contentRange);
  // A broken block cannot be read key by key: the syntax error is the finding, nothing else.
  if (fm && (fm.errors.length || fm.notAMapping)) return;
  const template = plan.template;
  const entries = fm?.entries ?? [];
  const byKey = new Map<string, FrontMatterEntry>();
  for (const e of entries) {
    const first = byKey.get(e.key);
    if (first) c.add('plan.frontmatter.duplicate-key', t('The key {0} is given twice.', q(e.key)), e.keyRange, undefined, [{ range: first.keyRange, message: t('First given here') }]);
    else byKey.set(e.key, e);
  }

  const typeEntry = byKey.get('dokumenttyp');
  if (typeEntry && !plan.template) {
    if (!typeEntry.valueText) c.add('plan.frontmatter.empty-value', t('The key {0} needs a value: one of {1}.', q('dokumenttyp'), options.templates.ids().join(', ')), typeEntry.keyRange, { suggestions: options.templates.ids() });
    else {
      const ids = options.templates.ids();
      const near = nearest(typeEntry.valueText, ids);
      c.add(
        'plan.frontmatter.unknown-type',
        near.length
          ? t('Unknown document type {0}. Did you mean {1}? Known types: {2}.', q(typeEntry.valueText), q(near[0]), ids.join(', '))
          : t('Unknown document type {0}. Known types: {1}.', q(typeEntry.valueText), ids.join(', ')),
        typeEntry.valueRange,
        { found: typeEntry.valueText, suggestions: near.length ? near : ids, replacement: near[0] },
      );
    }
  }
  if (!template) return;

  const headerRange: OffsetRange = fm ? { start: fm.range.start, end: fm.range.start + 3 } : { start: 0, end: Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')) };
  const specs = new Map(template.frontMatter.map((s) => [s.key, s]));
  const insertAt = frontMatterInsertPoint(plan);
  if (!fm) {
    const required = template.frontMatter.filter((s) => s.required);
    const block = ['---', ...template.frontMatter.filter((s) => s.required || s.allowEmpty).map((s) => `${s.key}: ${s.role === 'documentType' ? template.id : ''}`), '---', ''].join('\n');
    c.add('plan.frontmatter.missing-key', t('The document has no front matter; the template {0} requires the keys {1}.', local(template.name), joinNames(required.map((s) => s.key))), headerRange, {
      expected: required.map((s) => s.key).join(', '),
      insertText: block,
      insertAt: 0,
    });
  }
  for (const spec of template.frontMatter) {
    if (!fm) break;
    if (!spec.required || byKey.has(spec.key)) continue;
    // The title's value can come from the title heading; other values are the writer's to fill in.
    const value = spec.role === 'title' && plan.title?.text ? plan.title.text : spec.role === 'documentType' ? template.id : '';
    c.add('plan.frontmatter.missing-key', t('The front matter lacks the required key {0}.', q(spec.key)) + hintFor(spec), headerRange, {
      expected: spec.key,
      insertText: `${spec.key}: ${value}\n`,
      insertAt,
      key: spec.key,
    });
  }
  const allKnown = [...specs.keys()];
  for (const e of entries) {
    const spec = specs.get(e.key);
    if (!spec) {
      const near = nearest(e.key, allKnown.filter((k) => !byKey.has(k)));
      c.add(
        'plan.frontmatter.unknown-key',
        near.length ? t('Unknown key {0}. Did you mean {1}?', q(e.key), q(near[0])) : t('Unknown key {0}; the template {1} does not use it.', q(e.key), local(template.name)),
        e.keyRange,
        { found: e.key, suggestions: near, replacement: near[0] },
      );
      continue;
    }
    checkValue(e, spec, plan, options, c);
  }

  // Validity.
  const role = (r: FrontMatterKeySpec['role']) => {
    const spec = template.frontMatter.find((s) => s.role === r);
    const e = spec && byKey.get(spec.key);
    return e && e.valueText ? e : undefined;
  };
  const from = role('validFrom');
  const to = role('validTo');
  if (from && to && isValidIsoDate(from.valueText) && isValidIsoDate(to.valueText) && from.valueText > to.valueText) {
    c.add('plan.frontmatter.date-order', t('{0} ({1}) is after {2} ({3}).', from.key, from.valueText, to.key, to.valueText), from.valueRange, undefined, [
      { range: to.valueRange, message: to.key },
    ]);
  }
  const title = role('title');
  if (title) {
    const m = /\b((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b/.exec(title.valueText);
    if (m) {
      const [y1, y2] = [m[1], m[2]];
      const problems: string[] = [];
      if (from && isValidIsoDate(from.valueText) && from.valueText.slice(0, 4) !== y1) problems.push(t('{0} is {1}', from.key, from.valueText));
      if (to && isValidIsoDate(to.valueText) && to.valueText.slice(0, 4) !== y2) problems.push(t('{0} is {1}', to.key, to.valueText));
      if (problems.length) {
        const start = title.valueRange.start + text.slice(title.valueRange.start, title.valueRange.end).indexOf(m[0]);
        c.add('plan.frontmatter.title-period', t('The title’s period {0}–{1} disagrees with the validity: {2}.', y1, y2, joinNames(problems)), { start, end: start + m[0].length }, {
          expected: `${from?.valueText.slice(0, 4) ?? y1}–${to?.valueText.slice(0, 4) ?? y2}`,
          found: m[0],
        });
      }
    }
  }
}

function checkValue(e: FrontMatterEntry, spec: FrontMatterKeySpec, plan: PlanModel, options: CheckOptions, c: Collector): void {
  const v = e.value;
  const isEmpty = v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  if (isEmpty) {
    if (spec.required && !spec.allowEmpty) c.add('plan.frontmatter.empty-value', t('The required key {0} has no value.', q(e.key)) + hintFor(spec), e.keyRange, { key: e.key });
    return;
  }
  if (typeof v === 'object') {
    c.add('plan.frontmatter.wrong-type', t('{0} must be a single value, not a list or a mapping.', q(e.key)), e.valueRange, { found: e.valueText });
    return;
  }
  const s = String(v).trim();
  switch (spec.type) {
    case 'date':
      if (!isValidIsoDate(s)) {
        const twoDigit = /^\d{2}-\d{2}-\d{2}$/.test(s) || /^\d{6}$/.test(s);
        c.add(
          'plan.frontmatter.invalid-date',
          twoDigit
            ? t('{0} has a two-digit year: {1}. Write the date as YYYY-MM-DD.', q(e.key), q(s))
            : ISO_DATE.test(s)
              ? t('{0} is not a date that exists: {1}.', q(e.key), q(s))
              : t('{0} must be a date written YYYY-MM-DD; found {1}.', q(e.key), q(s)),
          e.valueRange,
          { expected: 'ÅÅÅÅ-MM-DD', found: s },
        );
      }
      break;
    case 'boolean':
      if (typeof v !== 'boolean' && !BOOLEAN_WORDS.has(s.toLowerCase()))
        c.add('plan.frontmatter.wrong-type', t('{0} takes ja or nej; found {1}.', q(e.key), q(s)), e.valueRange, { expected: 'ja | nej', found: s, suggestions: ['ja', 'nej'] });
      break;
    case 'body':
    case 'bodies': {
      for (const m of options.registry.parseList(plan.md.text.slice(e.valueRange.start, e.valueRange.end), e.valueRange.start)) {
        if (m.body) continue;
        unknownBody(c, 'plan.frontmatter.unknown-body', m.text, m.range, options.registry);
      }
      break;
    }
    case 'diarienummer': {
      const source = options.diarienummerPattern || plan.template?.diarienummerPattern || DEFAULT_DIARIENUMMER;
      let re: RegExp;
      try {
        re = new RegExp(source, 'u');
      } catch {
        re = new RegExp(DEFAULT_DIARIENUMMER, 'u');
      }
      if (!re.test(s))
        c.add(
          'plan.frontmatter.diarienummer',
          source === DEFAULT_DIARIENUMMER ? t('The diarienummer {0} does not have the expected form (e.g. KS 2019/0123).', q(s)) : t('The diarienummer {0} does not match the pattern {1}.', q(s), source),
          e.valueRange,
          { found: s, pattern: source },
        );
      break;
    }
    case 'documenttype':
    case 'string':
      break;
  }
  if (spec.values && !spec.values.some((x) => fold(x) === fold(s))) {
    const near = nearest(s, spec.values);
    c.add('plan.frontmatter.wrong-type', t('{0} must be one of {1}; found {2}.', q(e.key), spec.values.join(', '), q(s)), e.valueRange, { expected: spec.values.join(' | '), found: s, suggestions: near, replacement: near[0] });
  }
}

function hintFor(spec: FrontMatterKeySpec): string {
  switch (spec.type) {
    case 'date':
      return ' ' + t('Expected a date, YYYY-MM-DD.');
    case 'boolean':
      return ' ' + t('Expected ja or nej.');
    case 'diarienummer':
      return ' ' + t('Expected e.g. KS 2019/0123.');
    default:
      return '';
  }
}

function unknownBody(c: Collector, code: string, name: string, range: OffsetRange, registry: Registry): void {
  const near = registry.nearestNames(name);
  c.add(
    code,
    near.length
      ? t('{0} is not in the organisation registry of {1}. Did you mean {2}?', q(name), registry.data.municipality, joinNames(near.map(q)))
      : t('{0} is not in the organisation registry of {1}.', q(name), registry.data.municipality),
    range,
    { found: name, suggestions: near, replacement: near[0] },
  );
}

// ---------------------------------------------------------------- title and sections

function checkTitle(plan: PlanModel, c: Collector): void {
  const titleKey = plan.frontMatter?.entries.find((e) => e.key === (plan.template?.frontMatter.find((s) => s.role === 'title')?.key ?? 'titel'));
  if (!plan.title) {
    const fmEnd = plan.frontMatter ? plan.frontMatter.range.end : 0;
    c.add('plan.title.missing', t('The document has no title heading (# Title).'), { start: plan.frontMatter?.range.start ?? 0, end: Math.max(fmEnd, 1) }, {
      insertText: titleKey?.valueText ? `\n# ${titleKey.valueText}\n` : '\n# \n',
      insertAt: fmEnd,
    });
    return;
  }
  const fmBroken = !!plan.frontMatter && (plan.frontMatter.errors.length > 0 || plan.frontMatter.notAMapping);
  if (!fmBroken && titleKey?.valueText && fold(titleKey.valueText) !== fold(plan.title.text)) {
    c.add('plan.title.mismatch', t('The title heading {0} differs from the front matter’s titel {1}.', q(plan.title.text), q(titleKey.valueText)), plan.title.textRange, {
      expected: titleKey.valueText,
      found: plan.title.text,
      replacement: titleKey.valueText,
    });
  }
}

/** Longest increasing subsequence (non-decreasing) of indices; returns the positions kept. */
function lisKeep(values: number[]): Set<number> {
  const n = values.length;
  const tails: number[] = [];
  const prev: number[] = new Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]] <= values[i]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  let k = tails.length ? tails[tails.length - 1] : -1;
  while (k >= 0) {
    keep.add(k);
    k = prev[k];
  }
  return keep;
}

/**
 * Paragraphs that are bold or italic text alone ("**Hur?**"): what documents pasted from Word have
 * where a heading belongs.
 */
function pseudoHeadings(blocks: RootContent[]): Array<{ text: string; range: OffsetRange }> {
  const out: Array<{ text: string; range: OffsetRange }> = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph' || b.children.length !== 1) continue;
    const only = b.children[0];
    if (only.type !== 'strong' && only.type !== 'emphasis') continue;
    const text = plainText(only).replace(/\s+/g, ' ').trim();
    if (text && text.length <= 120) out.push({ text, range: rangeOf(b) });
  }
  return out;
}

/** A placeholder paragraph for inserted sections: the template's guidance, in italics, for the writer to replace. */
function placeholder(guidance: LocalText | undefined): string {
  const text = local(guidance).replace(/[*_]/g, '').trim();
  return text ? `*${text}*` : '…';
}

function headingPrefix(depth: number): string {
  return '#'.repeat(Math.max(1, Math.min(6, depth))) + ' ';
}

/** The depth the template's top-level sections are written at in this document. */
export function sectionDepth(plan: PlanModel): number {
  const first = plan.recognized[0]?.section ?? plan.parts[0]?.section ?? plan.bodySections[0];
  return first ? first.heading.depth : (plan.title?.depth ?? 1) + 1;
}

function checkSections(plan: PlanModel, template: Template, c: Collector): void {
  const text = plan.md.text;
  // Template order of what the document has, parts standing for the parts section.
  const order = template.sections;
  const indexOf = new Map(order.map((s, i) => [s.id, i]));
  const partsIndex = order.findIndex((s) => s.kind === 'parts');
  type Placed = { spec: SectionSpec; section: SectionNode; index: number };
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
      c.add('plan.section.duplicate', t('The section {0} appears twice.', q(p.spec.title)), p.section.heading.range, undefined, [{ range: first.section.heading.range, message: t('First given here') }]);
    else firstById.set(p.spec.id, p);
  }

  // Order.
  const keep = lisKeep(placed.map((p) => p.index));
  placed.forEach((p, i) => {
    if (keep.has(i)) return;
    const kept = placed.filter((_, j) => keep.has(j));
    const after = kept.filter((x) => x.index < p.index).pop();
    const before = kept.find((x) => x.index > p.index);
    const title = (x: Placed) => q(x.spec.kind === 'parts' ? x.section.heading.text : x.spec.title);
    const name = p.spec.kind === 'parts' ? p.section.heading.text : p.spec.title;
    c.add(
      'plan.section.order',
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
      const heading = `${headingPrefix(depth)}${written.text}`;
      c.add('plan.section.missing', t('{0} is written as bold text, not as a heading: the template needs the section {1} as a heading ({2}).', q(written.text), q(spec.title), heading.trim()), written.range, {
        expected: heading.trim(),
        found: text.slice(written.range.start, written.range.end),
        replacement: heading.trim(),
        sectionId: spec.id,
      });
      return;
    }
    const next = placed.filter((p) => p.index > i).sort((a, b) => a.section.range.start - b.section.range.start)[0];
    const prev = placed.filter((p) => p.index < i).sort((a, b) => b.section.range.end - a.section.range.end)[0];
    const insertAt = next ? next.section.range.start : prev ? prev.section.range.end : text.length;
    const block = `${headingPrefix(depth)}${spec.title}\n\n${placeholder(spec.guidance)}\n`;
    const insertText = next ? `${block}\n` : `\n\n${block}`;
    c.add('plan.section.missing', t('The required section {0} is missing.', q(spec.title)) + (next ? ' ' + t('Expected before {0}.', q(next.section.heading.text)) : ''), anchor, {
      expected: spec.title,
      insertText,
      insertAt,
      sectionId: spec.id,
    });
  });

  // Empty sections.
  for (const r of plan.recognized) {
    if (r.spec.allowEmpty || r.spec.kind === 'parts') continue;
    if (isEmptySection(r.section))
      c.add('plan.section.empty', r.spec.required ? t('The section {0} is empty; the template requires content.', q(r.spec.title)) : t('The section {0} is empty.', q(r.spec.title)), r.section.heading.range, {
        sectionId: r.spec.id,
      });
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
      c.add('plan.section.unknown', t('The heading {0} is not a section of the template. Did you mean {1}?', q(s.heading.text), q(near[0])), s.heading.textRange, {
        found: s.heading.text,
        suggestions: near,
        replacement: near[0],
      });
  }

  for (const s of plan.misnested) {
    const parentDepth = s.heading.depth - 1;
    c.add('plan.section.heading-level', t('The heading {0} belongs under the heading before it and should be one level deeper ({1}).', q(s.heading.text), '#'.repeat(parentDepth + 2)), s.heading.range, {
      expected: '#'.repeat(parentDepth + 2),
      found: '#'.repeat(s.heading.depth),
    });
  }
}

export function isEmptySection(s: SectionNode): boolean {
  return s.blocks.every(isComment) && s.children.length === 0;
}

// ---------------------------------------------------------------- parts and ambitions

function checkParts(plan: PlanModel, template: Template, c: Collector): void {
  const spec = template.parts;
  if (!spec) return;
  const anchor = plan.title?.range ?? { start: 0, end: Math.min(1, plan.md.text.length) };
  const minParts = spec.minCount ?? 1;
  if (plan.parts.length < minParts) {
    const depth = sectionDepth(plan);
    c.add('plan.part.missing', t('The template requires at least {0} headings “{1} N. …”; the plan has {2}.', minParts, spec.label, plan.parts.length), anchor, {
      insertText: `\n\n${headingPrefix(depth)}${spec.label} ${plan.parts.length + 1}. \n`,
      insertAt: plan.md.text.length,
    });
  }

  // Part numbers.
  const seenPart = new Map<number, SectionNode>();
  let expected = 1;
  for (const p of plan.parts) {
    if (p.number === undefined) {
      c.add('plan.part.numbering-gap', t('{0} has no number; expected {1}.', q(p.section.heading.text), `${spec.label} ${expected}.`), p.section.heading.textRange, {
        expected: `${spec.label} ${expected}.`,
      });
      expected++;
      continue;
    }
    const dup = seenPart.get(p.number);
    if (dup) {
      c.add('plan.part.duplicate-number', t('The number {0} is already used by {1}.', p.number, q(dup.heading.text)), p.section.heading.textRange, { expected: `${spec.label} ${expected}.` }, [
        { range: dup.heading.textRange, message: t('First given here') },
      ]);
    } else if (p.number > expected) {
      const missing = range(expected, p.number - 1).map((n) => `${spec.label} ${n}`);
      c.add('plan.part.numbering-gap', t('{0} follows without {1}.', q(`${spec.label} ${p.number}`), joinNames(missing)), p.section.heading.textRange, {
        expected: `${spec.label} ${expected}.`,
        found: `${spec.label} ${p.number}.`,
      });
    } else if (p.number < expected) {
      c.add('plan.part.numbering-gap', t('{0} comes after {1}: the numbers must rise.', q(`${spec.label} ${p.number}`), `${spec.label} ${expected - 1}`), p.section.heading.textRange, {
        expected: `${spec.label} ${expected}.`,
        found: `${spec.label} ${p.number}.`,
      });
    }
    if (!dup) seenPart.set(p.number, p.section);
    expected = Math.max(expected, p.number + 1);
  }

  const seenAmb = new Map<string, Ambition>();
  const minItems = spec.items.minCount ?? 1;
  for (const p of plan.parts) {
    if (p.ambitions.length < minItems)
      c.add('plan.part.no-items', t('{0} has no “{1} …” heading under it; the template requires at least {2}.', q(p.section.heading.text), spec.items.label, minItems), p.section.heading.textRange);
    let next = 1;
    for (const a of p.ambitions) {
      const label = `${spec.items.label} ${p.number ?? '?'}.${next}`;
      if (!a.number) {
        c.add('plan.ambition.numbering-gap', t('{0} has no number; expected {1}.', q(a.section.heading.text), label), a.section.heading.textRange, { expected: label });
        next++;
        continue;
      }
      const dup = seenAmb.get(a.number);
      if (dup)
        c.add('plan.ambition.duplicate-number', t('The number {0} is already used by {1}.', a.number, q(dup.section.heading.text)), a.section.heading.textRange, undefined, [{ range: dup.section.heading.textRange, message: t('First given here') }]);
      else seenAmb.set(a.number, a);
      if (p.number !== undefined && a.numbers[0] !== p.number) {
        const right = `${p.number}.${next}`;
        const raw = plan.md.text.slice(a.section.heading.textRange.start, a.section.heading.textRange.end);
        const at = raw.indexOf(a.number);
        const numberRange = at >= 0 ? { start: a.section.heading.textRange.start + at, end: a.section.heading.textRange.start + at + a.number.length } : a.section.heading.textRange;
        c.add('plan.ambition.wrong-part', t('{0} stands in {1} but is numbered for {2}; expected {3}.', q(`${spec.items.label} ${a.number}`), `${spec.label} ${p.number}`, `${spec.label} ${a.numbers[0]}`, right), numberRange, {
          expected: right,
          found: a.number,
          replacement: at >= 0 ? right : undefined,
        });
        next++;
        continue;
      }
      const k = a.numbers[1];
      if (a.numbers.length < 2 || k === undefined) {
        c.add('plan.ambition.numbering-gap', t('{0} needs a two-part number such as {1}.', q(a.section.heading.text), `${p.number ?? 1}.${next}`), a.section.heading.textRange, { expected: `${p.number ?? 1}.${next}` });
      } else if (!dup && k > next) {
        const missing = range(next, k - 1).map((n) => `${p.number}.${n}`);
        c.add('plan.ambition.numbering-gap', t('{0} follows without {1}.', q(`${spec.items.label} ${a.number}`), joinNames(missing)), a.section.heading.textRange, {
          expected: `${p.number}.${next}`,
          found: a.number,
        });
      } else if (!dup && k < next) {
        c.add('plan.ambition.numbering-gap', t('{0} comes after {1}: the numbers must rise.', q(`${spec.items.label} ${a.number}`), `${p.number}.${next - 1}`), a.section.heading.textRange, {
          expected: `${p.number}.${next}`,
          found: a.number,
        });
      }
      next = Math.max(next, (k ?? next) + 1);
    }
  }
  for (const a of plan.looseAmbitions)
    c.add('plan.ambition.outside-part', t('{0} stands outside any “{1} …” heading; move it under its part.', q(a.section.heading.text), spec.label), a.section.heading.textRange);

  // Varför / Vad / Hur.
  for (const a of allAmbitions(plan)) checkAmbitionSections(a, template, c);
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b && out.length < 20; i++) out.push(i);
  return out;
}

function checkAmbitionSections(a: Ambition, template: Template, c: Collector): void {
  const subs = template.parts!.items.subsections;
  const depth = a.section.heading.depth + 1;
  const present = new Map<string, (typeof a.subsections)[number]>();
  for (const s of a.subsections) {
    const first = present.get(s.spec.id);
    if (first)
      c.add('plan.section.duplicate', t('{0} has {1} twice.', q(a.section.heading.text), q(s.spec.label)), s.section.heading.range, undefined, [{ range: first.section.heading.range, message: t('First given here') }]);
    else present.set(s.spec.id, s);
  }
  // Order within the ambition.
  const idx = a.subsections.map((s) => subs.indexOf(s.spec));
  const keep = lisKeep(idx);
  a.subsections.forEach((s, i) => {
    if (!keep.has(i)) c.add('plan.section.order', t('{0} is out of order in {1}: the template’s order is {2}.', q(s.spec.label), q(a.section.heading.text), subs.map((x) => x.label).join(', ')), s.section.heading.range);
  });
  const missing = subs.filter((s) => (s.required ?? true) && !present.has(s.id));
  const labels = patternsFor(template).sub ?? [];
  const bold = pseudoHeadings([...sectionBlocksDeep(a.section), ...a.subsections.filter((s) => s.section.parent !== a.section).flatMap((s) => sectionBlocksDeep(s.section))]);
  subs.forEach((spec, i) => {
    if (!(spec.required ?? true) || present.has(spec.id)) return;
    const re = labels.find((l) => l.index === i)?.re;
    const written = re && bold.find((b) => re.test(b.text));
    if (written) {
      const heading = `${headingPrefix(depth)}${written.text}`.trim();
      c.add('plan.ambition.missing-section', t('{0} is written as bold text, not as a heading: {1} needs {2} as a heading ({3}).', q(written.text), q(a.section.heading.text), spec.label, heading), written.range, {
        expected: heading,
        replacement: heading,
        subsection: spec.id,
      });
      return;
    }
    const next = a.subsections.filter((s) => subs.indexOf(s.spec) > i).sort((x, y) => x.section.range.start - y.section.range.start)[0];
    const insertAt = next ? next.section.range.start : a.section.range.end;
    const heading = `${headingPrefix(depth)}${spec.title}\n\n${spec.actions ? '- ' : ''}${placeholder(spec.guidance)}\n`;
    c.add(
      'plan.ambition.missing-section',
      t('{0} lacks {1} ({2}).', q(a.section.heading.text), spec.label, q(spec.title)) + (missing.length > 1 ? ' ' + t('Missing in all: {0}.', joinNames(missing.map((m) => m.label))) : ''),
      a.section.heading.textRange,
      { expected: spec.title, insertText: next ? `${heading}\n` : `\n\n${heading}`, insertAt, subsection: spec.id },
    );
  });
  for (const s of a.subsections) {
    if (s.empty && !s.spec.allowEmpty) {
      c.add('plan.ambition.empty-section', t('{0} in {1} is empty.', q(s.spec.label), q(a.section.heading.text)), s.section.heading.range, { subsection: s.spec.id });
      continue;
    }
    if (s.spec.actions && !s.hasList)
      c.add('plan.ambition.no-actions', t('{0} in {1} has no list of actions; write each action as a list item beginning with its actor.', q(s.spec.label), q(a.section.heading.text)), s.section.heading.range, {
        subsection: s.spec.id,
      });
  }
}

// ---------------------------------------------------------------- responsibility

function checkResponsibility(plan: PlanModel, registry: Registry, c: Collector): void {
  for (const a of allAmbitions(plan)) {
    for (const s of a.subsections) {
      for (const act of s.actions) {
        if (act.actor) continue;
        if (act.unknownActor) {
          unknownBody(c, 'plan.ansvar.unknown-body', act.unknownActor.text, act.unknownActor.range, registry);
          continue;
        }
        const firstLine = act.text.length > 60 ? act.text.slice(0, 57) + '…' : act.text;
        c.add('plan.ansvar.no-actor', t('The action {0} names no actor; begin it with who does it, e.g. “Kommunstyrelsen ska …”.', q(firstLine)), firstLineRange(plan.md.text, act.range), {
          suggestions: suggestActors(registry),
        });
      }
    }
    for (const line of a.ansvar) {
      if (line.mentions.length === 0) c.add('plan.ansvar.unknown-body', t('The Ansvar line names no body.'), line.range);
      for (const m of line.mentions) if (!m.body) unknownBody(c, 'plan.ansvar.unknown-body', m.text, m.range, registry);
    }
  }
  for (const r of plan.recognized) {
    if (r.spec.checkBodies) {
      for (const b of sectionBlocksDeep(r.section)) scanBodyWords(b, registry, c);
    }
    if (r.spec.statements?.length) checkStatements(r.section, r.spec, registry, c);
  }
}

function firstLineRange(text: string, r: OffsetRange): OffsetRange {
  const nl = text.indexOf('\n', r.start);
  return { start: r.start, end: nl >= 0 && nl < r.end ? nl : r.end };
}

function suggestActors(registry: Registry): string[] {
  return registry.bodies.filter((b) => b.collective || b.kind === 'styrelse' || b.kind === 'nämnd').map((b) => b.name);
}

/** BODY_WORD, found anywhere a word begins rather than only at the start. */
const BODY_WORD_ANYWHERE = new RegExp(BODY_WORD.source.replace(/^\^/, '(?<![\\p{L}-])').replace(/\|\^/, '|(?<![\\p{L}-])'), 'gu');

/** Words in running text shaped like a body's name ("…nämnden", "… AB") that the registry does not know. */
function scanBodyWords(node: RootContent, registry: Registry, c: Collector): void {
  walkText(node, (value, start) => {
    for (const m of value.matchAll(BODY_WORD_ANYWHERE)) {
      const name = looksLikeBody(m[0]) ?? m[0];
      if (registry.find(name) || registry.find(m[0])) continue;
      if (/^(?:nämnden|styrelsen|förvaltningen|kontoret|fullmäktige|revisionen|utskottet|nämnd|respektive nämnd|ansvarig nämnd)$/iu.test(name)) continue;
      if (/^(?:ansvarig|respektive|berörd|varje|egen|denna|samma)\s/iu.test(name)) continue;
      unknownBody(c, 'plan.ansvar.unknown-body', name, { start: start + m.index!, end: start + m.index! + name.length }, registry);
    }
  });
}

function walkText(node: RootContent | Root, fn: (value: string, start: number) => void): void {
  if (node.type === 'text') {
    fn(node.value, offsetOf(node, 'start'));
    return;
  }
  if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'yaml') return;
  if ('children' in node) for (const ch of node.children as RootContent[]) walkText(ch, fn);
}

function checkStatements(section: SectionNode, spec: SectionSpec, registry: Registry, c: Collector): void {
  const sentences: string[] = [];
  for (const b of sectionBlocksDeep(section)) walkText(b, (v) => sentences.push(...v.split(/(?<=[.!?])\s+/)));
  for (const st of spec.statements ?? []) {
    const ok = sentences.some((sentence) => {
      const lower = fold(sentence);
      if (!st.keywords.some((k) => lower.includes(fold(k)))) return false;
      return mentionsBody(sentence, registry);
    });
    if (!ok)
      c.add('plan.ansvar.missing-statement', t('{0} must say {1}, e.g. {2}', q(spec.title), local(st.description), q(st.example ?? '')), section.heading.range, {
        statement: st.id,
        insertText: st.example ? `\n\n${st.example}` : undefined,
        insertAt: section.range.end,
      });
  }
}

export function mentionsBody(sentence: string, registry: Registry): boolean {
  const re = /(?<![\p{L}\p{N}])[\p{L}]/gu;
  for (const m of sentence.matchAll(re)) if (registry.matchAt(sentence, m.index!)) return true;
  return false;
}

// ---------------------------------------------------------------- Innehåll

function normTitle(s: string): string {
  return s.replace(/[\s:?!.]+$/, '').replace(/\s+/g, ' ').trim();
}

interface TocTarget {
  section: SectionNode;
  kind: 'section' | 'part' | 'item';
  number?: string;
  /** Title without label and number. */
  title: string;
}

function checkToc(plan: PlanModel, c: Collector): void {
  if (!plan.toc) return;
  const tocStart = plan.toc.section.range.start;
  const targets: TocTarget[] = [];
  for (const r of plan.recognized) if (r.section.range.start > tocStart && r.spec.kind !== 'toc' && r.spec.kind !== 'parts') targets.push({ section: r.section, kind: 'section', title: r.section.heading.text });
  for (const s of plan.unknown) if (s.range.start > tocStart) targets.push({ section: s, kind: 'section', title: s.heading.text });
  for (const p of plan.parts) {
    if (p.section.range.start > tocStart) targets.push({ section: p.section, kind: 'part', number: p.number !== undefined ? String(p.number) : undefined, title: p.title });
    for (const a of p.ambitions) if (a.section.range.start > tocStart) targets.push({ section: a.section, kind: 'item', number: a.number, title: a.title });
  }
  targets.sort((a, b) => a.section.range.start - b.section.range.start);
  const partLabel = plan.template?.parts?.label.toLocaleLowerCase('sv');
  const matched = new Set<TocTarget>();
  const slugs = new Map(plan.md.allSections.map((s) => [slug(s.heading.text), s]));
  for (const e of plan.toc.entries) {
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
      target = cands.find((x) => {
        const d = editDistance(fold(normTitle(x.title)), fold(wanted));
        return d <= Math.max(2, Math.floor(wanted.length / 6));
      });
    }
    if (!target && e.link?.startsWith('#')) {
      const s = slugs.get(decodeURIComponentSafe(e.link.slice(1)));
      target = s && targets.find((x) => x.section === s && !matched.has(x));
    }
    if (!target) {
      const near = nearest(wanted, targets.filter((x) => !matched.has(x)).map((x) => x.section.heading.text), 2);
      c.add(
        'plan.toc.unknown-entry',
        near.length ? t('The Innehåll entry {0} matches no heading. Did you mean {1}?', q(e.text), q(near[0])) : t('The Innehåll entry {0} matches no heading.', q(e.text)),
        e.range,
        { found: e.text, suggestions: near },
      );
      continue;
    }
    matched.add(target);
    const expectedTitle = normTitle(target.title);
    if (expectedTitle !== wanted && expectedTitle !== wanted.replace(/\s+\d{1,3}$/, '')) {
      const expectedEntry = e.number ? e.text.slice(0, e.text.length - e.title.length) + target.title : target.title;
      c.add('plan.toc.title-mismatch', t('The Innehåll entry {0} differs from its heading {1}.', q(e.text), q(target.section.heading.text)), e.range, {
        expected: normTitle(expectedEntry),
        found: e.text,
        replacement: normTitle(expectedEntry),
      }, [{ range: target.section.heading.range, message: t('The heading') }]);
    } else if (e.link?.startsWith('#') && slug(target.section.heading.text) !== decodeURIComponentSafe(e.link.slice(1))) {
      c.add('plan.toc.unknown-entry', t('The Innehåll entry {0} links to {1}, which no heading has; expected {2}.', q(e.text), e.link, `#${slug(target.section.heading.text)}`), e.range, {
        expected: `#${slug(target.section.heading.text)}`,
        found: e.link,
      });
    }
  }
  const lastEntry = plan.toc.entries[plan.toc.entries.length - 1];
  for (const x of targets) {
    if (matched.has(x)) continue;
    const entryText = x.kind === 'item' ? `${x.number ?? ''}. ${x.title}` : x.section.heading.text;
    c.add('plan.toc.missing-entry', t('The heading {0} is missing from Innehåll.', q(x.section.heading.text)), x.section.heading.textRange, {
      expected: entryText,
      insertText: `${x.kind === 'item' ? '  ' : ''}- ${entryText}\n`,
      insertAt: lastEntry ? plan.md.lines.lineStart(plan.md.lines.positionAt(lastEntry.range.end).line + 1) : plan.toc.section.heading.range.end + 1,
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

// ---------------------------------------------------------------- writing conventions

const YEAR_RANGE = /(?<![\d/-])((?:19|20)\d{2})(-|\s+[-–—]\s*|\s*[-–—]\s+|—)((?:19|20)\d{2})(?![\d-])/g;
const SKALL = /(?<![\p{L}])(skall)(?![\p{L}])/giu;
const TWO_DIGIT_DATE = /(?<![\d-])(\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])/g;

function checkStyle(plan: PlanModel, c: Collector): void {
  const scan = (value: string, start: number) => {
    for (const m of value.matchAll(YEAR_RANGE)) {
      const right = `${m[1]}–${m[3]}`;
      c.add('plan.style.year-range', t('Write the year range {0} with an en dash and no spaces: {1}.', q(m[0]), right), { start: start + m.index!, end: start + m.index! + m[0].length }, {
        expected: right,
        found: m[0],
        replacement: right,
      });
    }
    for (const m of value.matchAll(SKALL)) {
      const right = m[1][0] === 'S' ? 'Ska' : 'ska';
      c.add('plan.style.skall', t('Write “ska”, not “skall”.'), { start: start + m.index!, end: start + m.index! + m[0].length }, { expected: right, found: m[0], replacement: right });
    }
    for (const m of value.matchAll(TWO_DIGIT_DATE)) {
      c.add('plan.style.two-digit-year', t('The date {0} has a two-digit year; write it YYYY-MM-DD.', q(m[0])), { start: start + m.index!, end: start + m.index! + m[0].length }, { found: m[0], expected: 'ÅÅÅÅ-MM-DD' });
    }
  };
  for (const node of plan.md.root.children) walkText(node, scan);
  const titleSpec = plan.template?.frontMatter.find((s) => s.role === 'title')?.key ?? 'titel';
  const title = plan.frontMatter?.entries.find((e) => e.key === titleSpec);
  if (title?.valueText) scan(plan.md.text.slice(title.valueRange.start, title.valueRange.end), title.valueRange.start);
}
