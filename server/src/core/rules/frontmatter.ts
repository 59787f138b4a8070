/** The document header (front matter): keys, values, dates, bodies, diarienummer and validity. */
import { isValuePlaceholder } from '../skeleton';
import { defineCode, type InsertData, type ReplaceData } from '../findings';
import { joinNames, local, q, t } from '../l10n';
import { entryForRole, frontMatterInsertPoint, isValidIsoDate, type PlanModel } from '../model';
import type { FrontMatterEntry } from '../parse';
import type { FrontMatterKeySpec, Template } from '../template';
import { compileUserPattern, type UserPattern } from '../pattern';
import { fold, isDigitCode, isSpaceCode, nearest, type OffsetRange } from '../text';
import { unknownBodyMessage } from './common';
import DEFAULTS from '../data/defaults.json';
import type { RuleContext, RuleFamily, TemplateRuleContext } from './family';

/**
 * Loose by default: the forms municipalities use (a body's letters, a year and a serial number in
 * either order, with spaces, slashes, colons or hyphens), with an optional `Dnr`/`Diarienummer:` label.
 *
 * This pattern is the definition, shown in messages and finding data; it is never run, because it
 * backtracks in quadratic time on a long value that fails at its end (”KS 2020/” and 25,000 digits
 * and ”!” took 40 s). `isLooseDiarienummer` decides the same in linear time, and a test holds the
 * two to the same answers.
 */
export const DEFAULT_DIARIENUMMER =
  '^(?:(?:Dnr|Diarienummer|Änr)\\.?:?\\s*)?(?=[^\\n]*\\d[^\\d]+\\d)(?=[^\\n]*(?<!\\d)(?:19|20)\\d{2}(?!\\d))[\\p{L}\\d][\\p{L}\\d .:/-]*\\d[\\p{L}\\d]*$';

const LABELS = ['Dnr', 'Diarienummer', 'Änr'];
const LETTER = /^\p{L}$/u;
const isDigit = (ch: string) => ch.length === 1 && isDigitCode(ch.charCodeAt(0));
const isLetterOrDigit = (ch: string) => isDigit(ch) || LETTER.test(ch);
const isSeparator = (ch: string) => ch === ' ' || ch === '.' || ch === ':' || ch === '/' || ch === '-';

/**
 * Whether `s` has the loose default form, `DEFAULT_DIARIENUMMER`, in time linear in its length.
 * The label is either absent or taken whole with its `.`, `:` and white space (a shorter label
 * leaves one of those first, where the number must begin with a letter or a digit).
 */
export function isLooseDiarienummer(s: string): boolean {
  if (looseNumber(s)) return true;
  const label = LABELS.find((l) => s.startsWith(l));
  if (!label) return false;
  let i = label.length;
  if (s[i] === '.') i++;
  if (s[i] === ':') i++;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return looseNumber(s.slice(i));
}

/**
 * `[\p{L}\d][\p{L}\d .:/-]*\d[\p{L}\d]*$` with the two lookaheads: at least two groups of digits,
 * and a year (19xx or 20xx) of exactly four digits.
 */
function looseNumber(s: string): boolean {
  const chars = Array.from(s);
  if (chars.length < 2 || !isLetterOrDigit(chars[0])) return false;
  let lastSeparator = -1;
  let groups = 0;
  let year = false;
  let run = '';
  for (let i = 0; i <= chars.length; i++) {
    const ch = chars[i];
    if (ch !== undefined && isDigit(ch)) {
      run += ch;
      continue;
    }
    if (run) {
      groups++;
      if (run.length === 4 && (run.startsWith('19') || run.startsWith('20'))) year = true;
      run = '';
    }
    if (ch === undefined) break;
    if (isSeparator(ch)) lastSeparator = i;
    else if (!LETTER.test(ch)) return false;
  }
  if (groups < 2 || !year) return false;
  // A digit after the last separator (and not first), with only letters and digits after it.
  for (let i = Math.max(1, lastSeparator + 1); i < chars.length; i++) if (isDigit(chars[i])) return true;
  return false;
}

const SYNTAX = defineCode({
  code: 'plan.frontmatter.syntax',
  severity: 'error',
  description: { sv: 'Dokumenthuvudet går inte att läsa (fel i YAML).', en: 'The YAML front matter cannot be read.' },
});
const MISSING_KEY = defineCode<InsertData & { key?: string; expected?: string }>({
  code: 'plan.frontmatter.missing-key',
  severity: 'error',
  description: { sv: 'Ett obligatoriskt fält saknas i dokumenthuvudet.', en: 'A required front-matter key is missing.' },
  fixes: ['insert'],
  insertTitle: (d) => (d.key ? t('Add the key {0}', q(d.key)) : t('Add front matter with the template’s keys')),
});
const EMPTY_VALUE = defineCode<ReplaceData & { key?: string }>({
  code: 'plan.frontmatter.empty-value',
  severity: 'error',
  description: { sv: 'Ett obligatoriskt fält i dokumenthuvudet saknar värde.', en: 'A required front-matter key has no value.' },
});
const EMPTY_OPTIONAL = defineCode<{ key: string }>({
  code: 'plan.frontmatter.empty-optional',
  severity: 'warning',
  description: {
    sv: 'Ett fält som inte är obligatoriskt står utan värde: fyll i det eller ta bort raden.',
    en: 'An optional front-matter key is given without a value.',
  },
});
const UNKNOWN_KEY = defineCode<ReplaceData>({
  code: 'plan.frontmatter.unknown-key',
  severity: 'warning',
  description: { sv: 'Ett fält som mallen inte känner till.', en: 'A front-matter key the template does not know.' },
  fixes: ['replace'],
});
const DUPLICATE_KEY = defineCode({
  code: 'plan.frontmatter.duplicate-key',
  severity: 'error',
  description: { sv: 'Samma fält står två gånger.', en: 'A front-matter key given twice.' },
});
const WRONG_TYPE = defineCode<ReplaceData & { expected?: string }>({
  code: 'plan.frontmatter.wrong-type',
  severity: 'error',
  description: { sv: 'Ett värde av fel slag (till exempel inte ja eller nej).', en: 'A front-matter value of the wrong type.' },
  fixes: ['replace'],
});
const INVALID_DATE = defineCode<{ expected: string; found: string }>({
  code: 'plan.frontmatter.invalid-date',
  severity: 'error',
  description: { sv: 'Ett datum som inte är skrivet ÅÅÅÅ-MM-DD eller inte finns.', en: 'A date that is not a valid ISO date.' },
});
const DATE_ORDER = defineCode({
  code: 'plan.frontmatter.date-order',
  severity: 'error',
  description: { sv: 'Dokumentet upphör att gälla innan det börjar gälla.', en: 'The document stops being valid before it starts.' },
});
const TITLE_PERIOD = defineCode<{ expected: string; found: string }>({
  code: 'plan.frontmatter.title-period',
  severity: 'warning',
  description: { sv: 'Perioden i titeln stämmer inte med giltighetstiden.', en: 'The period in the title disagrees with the validity dates.' },
});
const DIARIENUMMER = defineCode<{ found: string; pattern: string }>({
  code: 'plan.frontmatter.diarienummer',
  severity: 'warning',
  description: { sv: 'Diarienumret har inte den form som mallen eller inställningen anger.', en: 'The diarienummer does not match the configured pattern.' },
});
const PATTERN_REJECTED = defineCode<{ pattern: string; reason: string }>({
  code: 'plan.frontmatter.pattern-rejected',
  severity: 'warning',
  description: {
    sv: 'Diarienummermönstret i inställningen plan.diarienummerPattern (eller mallen) kan inte användas, till exempel för att det har bakåtreferenser eller lookahead; diarienumret kontrolleras då mot mallens mönster eller standardformen.',
    en: 'The diarienummer pattern of the setting plan.diarienummerPattern (or the template) cannot be used, e.g. because it has backreferences or lookahead; the diarienummer is then checked against the template’s pattern or the default form.',
  },
});
const UNKNOWN_TYPE = defineCode<ReplaceData>({
  code: 'plan.frontmatter.unknown-type',
  severity: 'error',
  description: { sv: 'En dokumenttyp som ingen mall beskriver.', en: 'A document type with no template.' },
  fixes: ['replace'],
});
const PLACEHOLDER = defineCode<{ key: string; found: string }>({
  code: 'plan.frontmatter.placeholder',
  severity: 'information',
  description: {
    sv: 'Ett fält har kvar platshållaren från mallen (en ny plan): fyll i det.',
    en: 'A front-matter value is still the template’s placeholder (a new plan): fill it in.',
  },
});
const UNKNOWN_BODY = defineCode<ReplaceData>({
  code: 'plan.frontmatter.unknown-body',
  severity: 'warning',
  description: { sv: 'Ett organ som inte finns i organisationsregistret.', en: 'A body not in the organisation registry.' },
  fixes: ['replace'],
});

const BOOLEAN_WORDS = new Map([
  ['ja', true],
  ['nej', false],
  ['true', true],
  ['false', false],
  ['yes', true],
  ['no', false],
]);

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

export const frontMatterFamily: RuleFamily = {
  id: 'frontmatter',
  name: { sv: 'Dokumenthuvudet', en: 'Front matter' },
  codes: [
    SYNTAX,
    MISSING_KEY,
    EMPTY_VALUE,
    EMPTY_OPTIONAL,
    UNKNOWN_KEY,
    DUPLICATE_KEY,
    WRONG_TYPE,
    INVALID_DATE,
    DATE_ORDER,
    TITLE_PERIOD,
    DIARIENUMMER,
    PATTERN_REJECTED,
    UNKNOWN_TYPE,
    UNKNOWN_BODY,
    PLACEHOLDER,
  ],
  check(ctx) {
    const fm = ctx.plan.frontMatter;
    for (const err of fm?.errors ?? []) ctx.report(SYNTAX, t('The front matter is not valid YAML: {0}', err.message), err.range);
    if (fm?.notAMapping) ctx.report(SYNTAX, t('The front matter must be a list of “key: value” lines.'), fm.contentRange);
    if (!ctx.plan.template && !broken(ctx.plan)) checkDocumentType(ctx);
  },
  checkWithTemplate(ctx) {
    // A broken block cannot be read key by key: the syntax error is the finding, nothing else.
    if (!broken(ctx.plan)) checkKeys(ctx);
  },
};

function broken(plan: PlanModel): boolean {
  return !!plan.frontMatter && (plan.frontMatter.errors.length > 0 || plan.frontMatter.notAMapping);
}

function checkDocumentType(ctx: RuleContext): void {
  const keys = ctx.options.templates.documentTypeKeys();
  const typeEntry = ctx.plan.frontMatter?.entries.find((e) => keys.has(e.key));
  if (!typeEntry) return;
  const ids = ctx.options.templates.ids();
  if (!typeEntry.valueText) {
    ctx.report(EMPTY_VALUE, t('The key {0} needs a value: one of {1}.', q(typeEntry.key), joinNames(ids, 'disjunction')), typeEntry.keyRange, {
      suggestions: ids,
    });
    return;
  }
  const near = nearest(typeEntry.valueText, ids);
  ctx.report(
    UNKNOWN_TYPE,
    near.length
      ? t('Unknown document type {0}. Did you mean {1}? Known types: {2}.', q(typeEntry.valueText), q(near[0]), ids.join(', '))
      : t('Unknown document type {0}. Known types: {1}.', q(typeEntry.valueText), ids.join(', ')),
    typeEntry.valueRange,
    { found: typeEntry.valueText, suggestions: near.length ? near : ids, replacement: near[0] },
  );
}

function checkKeys(ctx: TemplateRuleContext): void {
  const { plan, template } = ctx;
  const fm = plan.frontMatter;
  const text = plan.md.text;
  const entries = fm?.entries ?? [];
  const byKey = new Map<string, FrontMatterEntry>();
  for (const e of entries) {
    const first = byKey.get(e.key);
    if (first)
      ctx.report(DUPLICATE_KEY, t('The key {0} is given twice.', q(e.key)), e.keyRange, undefined, [{ range: first.keyRange, message: t('First given here') }]);
    else byKey.set(e.key, e);
  }

  const headerRange: OffsetRange = fm
    ? { start: fm.range.start, end: fm.range.start + 3 }
    : { start: 0, end: Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')) };
  if (!fm) {
    const required = template.frontMatter.filter((s) => s.required);
    const block = [
      '---',
      ...template.frontMatter.filter((s) => s.required || s.allowEmpty).map((s) => `${s.key}: ${s.role === 'documentType' ? template.id : ''}`),
      '---',
      '',
    ].join('\n');
    ctx.report(
      MISSING_KEY,
      t('The document has no front matter; the template {0} requires the keys {1}.', local(template.name), joinNames(required.map((s) => s.key))),
      headerRange,
      {
        expected: required.map((s) => s.key).join(', '),
        insertText: block,
        insertAt: 0,
      },
    );
  }
  const insertAt = frontMatterInsertPoint(plan);
  for (const spec of template.frontMatter) {
    if (!fm) break;
    if (!spec.required || byKey.has(spec.key)) continue;
    // The title's value can come from the title heading; other values are the writer's to fill in.
    const value = spec.role === 'title' && plan.title?.text ? plan.title.text : spec.role === 'documentType' ? template.id : '';
    ctx.report(MISSING_KEY, t('The front matter lacks the required key {0}.', q(spec.key)) + hintFor(spec, template), headerRange, {
      expected: spec.key,
      insertText: `${spec.key}: ${value}\n`,
      insertAt,
      key: spec.key,
    });
  }
  const specs = new Map(template.frontMatter.map((s) => [s.key, s]));
  const allKnown = [...specs.keys()];
  for (const e of entries) {
    const spec = specs.get(e.key);
    if (!spec) {
      const near = nearest(
        e.key,
        allKnown.filter((k) => !byKey.has(k)),
      );
      ctx.report(
        UNKNOWN_KEY,
        near.length
          ? t('Unknown key {0}. Did you mean {1}?', q(e.key), q(near[0]))
          : t('Unknown key {0}; the template {1} does not use it.', q(e.key), local(template.name)),
        e.keyRange,
        { found: e.key, suggestions: near, replacement: near[0] },
      );
      continue;
    }
    checkValue(ctx, e, spec);
  }
  checkValidity(ctx);
}

function checkValidity(ctx: TemplateRuleContext): void {
  const { plan } = ctx;
  const filled = (role: Parameters<typeof entryForRole>[1]) => {
    const e = entryForRole(plan, role);
    return e?.valueText ? e : undefined;
  };
  const from = filled('validFrom');
  const to = filled('validTo');
  if (from && to && isValidIsoDate(from.valueText) && isValidIsoDate(to.valueText) && from.valueText > to.valueText) {
    ctx.report(DATE_ORDER, t('{0} ({1}) is after {2} ({3}).', from.key, from.valueText, to.key, to.valueText), from.valueRange, undefined, [
      { range: to.valueRange, message: to.key },
    ]);
  }
  const title = filled('title');
  if (!title) return;
  const m = /\b((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b/.exec(title.valueText);
  if (!m) return;
  const [y1, y2] = [m[1], m[2]];
  const problems: string[] = [];
  if (from && isValidIsoDate(from.valueText) && from.valueText.slice(0, 4) !== y1) problems.push(t('{0} is {1}', from.key, from.valueText));
  if (to && isValidIsoDate(to.valueText) && to.valueText.slice(0, 4) !== y2) problems.push(t('{0} is {1}', to.key, to.valueText));
  if (!problems.length) return;
  const text = plan.md.text;
  const start = title.valueRange.start + text.slice(title.valueRange.start, title.valueRange.end).indexOf(m[0]);
  ctx.report(
    TITLE_PERIOD,
    t('The title’s period {0}–{1} disagrees with the validity: {2}.', y1, y2, joinNames(problems)),
    { start, end: start + m[0].length },
    {
      expected: `${from?.valueText.slice(0, 4) ?? y1}–${to?.valueText.slice(0, 4) ?? y2}`,
      found: m[0],
    },
  );
}

function checkValue(ctx: TemplateRuleContext, e: FrontMatterEntry, spec: FrontMatterKeySpec): void {
  const v = e.value;
  const isEmpty = v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  if (isEmpty) {
    if (spec.allowEmpty) return;
    if (spec.required) ctx.report(EMPTY_VALUE, t('The required key {0} has no value.', q(e.key)) + hintFor(spec, ctx.template), e.keyRange, { key: e.key });
    else
      ctx.report(EMPTY_OPTIONAL, t('The key {0} has no value: fill it in or remove the line.', q(e.key)) + hintFor(spec, ctx.template), e.keyRange, {
        key: e.key,
      });
    return;
  }
  // A list of documents is a YAML list (register/entry.ts reads it); other values are single.
  if (typeof v === 'object' && !(spec.type === 'documents' && Array.isArray(v))) {
    ctx.report(WRONG_TYPE, t('{0} must be a single value, not a list or a mapping.', q(e.key)), e.valueRange, { found: e.valueText });
    return;
  }
  const s = String(v).trim();
  // A new plan's placeholder is a field to fill in, not an error in what was written.
  if (isValuePlaceholder(e.key, spec.type, s)) {
    ctx.report(PLACEHOLDER, t('Fill in {0}: it still holds the template’s placeholder {1}.', q(e.key), q(s)) + hintFor(spec, ctx.template), e.valueRange, {
      key: e.key,
      found: s,
    });
    return;
  }
  switch (spec.type) {
    case 'date':
      if (!isValidIsoDate(s)) {
        const twoDigit = /^\d{2}-\d{2}-\d{2}$/.test(s) || /^\d{6}$/.test(s);
        ctx.report(
          INVALID_DATE,
          twoDigit
            ? t('{0} has a two-digit year: {1}. Write the date as YYYY-MM-DD.', q(e.key), q(s))
            : ISO_SHAPE.test(s)
              ? t('{0} is not a date that exists: {1}.', q(e.key), q(s))
              : t('{0} must be a date written YYYY-MM-DD; found {1}.', q(e.key), q(s)),
          e.valueRange,
          { expected: 'ÅÅÅÅ-MM-DD', found: s },
        );
      }
      break;
    case 'boolean':
      if (typeof v !== 'boolean' && !BOOLEAN_WORDS.has(s.toLowerCase()))
        ctx.report(WRONG_TYPE, t('{0} takes ja or nej; found {1}.', q(e.key), q(s)), e.valueRange, {
          expected: 'ja | nej',
          found: s,
          suggestions: ['ja', 'nej'],
        });
      break;
    case 'body':
    case 'bodies':
      for (const m of ctx.registry.parseList(ctx.plan.md.text.slice(e.valueRange.start, e.valueRange.end), e.valueRange.start)) {
        if (m.body) continue;
        const u = unknownBodyMessage(m.text, ctx.registry);
        ctx.report(UNKNOWN_BODY, u.message, m.range, { found: m.text, suggestions: u.suggestions, replacement: u.suggestions[0] });
      }
      break;
    case 'diarienummer':
      checkDiarienummer(ctx, e, s);
      break;
    case 'documenttype':
    case 'string':
    case 'document':
    case 'documents':
      // Documents are resolved across the workspace (register/).
      break;
  }
  if (spec.values && !spec.values.some((x) => fold(x) === fold(s))) {
    const near = nearest(s, spec.values);
    ctx.report(WRONG_TYPE, t('{0} must be one of {1}; found {2}.', q(e.key), joinNames(spec.values, 'disjunction'), q(s)), e.valueRange, {
      expected: spec.values.join(' | '),
      found: s,
      suggestions: near,
      replacement: near[0],
    });
  }
}

/** Documents whose rejected diarienummer pattern has been reported: once per document, however many diarienummer keys it has. */
const patternReported = new WeakSet<PlanModel>();

function checkDiarienummer(ctx: TemplateRuleContext, e: FrontMatterEntry, s: string): void {
  // The setting's pattern, else the template's, else the loose default; a pattern that cannot be
  // used is reported on the value and the next one applies.
  let pattern: UserPattern | undefined;
  for (const [source, fromSetting] of [
    [ctx.options.diarienummerPattern, true],
    [ctx.template.diarienummerPattern, false],
  ] as const) {
    if (!source) continue;
    const c = compileUserPattern(source);
    if (c.ok) {
      pattern = c.pattern;
      break;
    }
    if (patternReported.has(ctx.plan)) continue;
    patternReported.add(ctx.plan);
    ctx.report(
      PATTERN_REJECTED,
      fromSetting
        ? t(
            'The pattern {0} of the setting plan.diarienummerPattern cannot be used: {1}. The diarienummer is checked against the template’s pattern or the default form instead.',
            q(source),
            c.reason,
          )
        : t('The template’s diarienummer pattern {0} cannot be used: {1}. The diarienummer is checked against the default form instead.', q(source), c.reason),
      e.valueRange,
      { pattern: source, reason: c.reason },
    );
  }
  const source = pattern?.source ?? DEFAULT_DIARIENUMMER;
  if (pattern ? pattern.test(s) : isLooseDiarienummer(s)) return;
  const example = diarienummerExample(ctx.template);
  ctx.report(
    DIARIENUMMER,
    !pattern
      ? t('The diarienummer {0} does not have the expected form (e.g. {1}).', q(s), example)
      : t('The diarienummer {0} does not match the pattern {1}.', q(s), source) +
          (ctx.template.diarienummerExample ? ' ' + t('Example: {0}.', ctx.template.diarienummerExample) : ''),
    e.valueRange,
    { found: s, pattern: source },
  );
}

/** A diarienummer of the template's form, for messages and new documents. */
export function diarienummerExample(template: Template | undefined): string {
  return template?.diarienummerExample ?? (template?.diarienummerPattern ? t('a diarienummer') : DEFAULTS.diarienummerExample);
}

function hintFor(spec: FrontMatterKeySpec, template: Template): string {
  switch (spec.type) {
    case 'date':
      return ' ' + t('Expected a date, YYYY-MM-DD.');
    case 'boolean':
      return ' ' + t('Expected ja or nej.');
    case 'diarienummer':
      return template.diarienummerPattern && !template.diarienummerExample ? '' : ' ' + t('Expected e.g. {0}.', diarienummerExample(template));
    default:
      return '';
  }
}
