/** Templates as data: one per document type, validated against `data/template.schema.json`. */
import planJson from './data/plan.template.json';
import riktlinjeJson from './data/riktlinje.template.json';
import rutinJson from './data/rutin.template.json';
import templateSchema from './data/template.schema.json';
import { readDataFile, rangeAtPath, validateAgainstSchema } from './datafile';
import { defaultSeverity, type Finding } from './findings';
import { local, plural, t, type LocalText } from './l10n';
import { compileUserPattern } from './pattern';
import type { FollowUpCheckSpec, FollowUpSpec, IndicatorSpec } from './followup/spec';

export type ValueType = 'string' | 'date' | 'boolean' | 'body' | 'bodies' | 'diarienummer' | 'documenttype' | 'document' | 'documents';
export type KeyRole =
  | 'documentType'
  | 'title'
  | 'diarienummer'
  | 'decidedBy'
  | 'decisionDate'
  | 'validFrom'
  | 'validTo'
  | 'owner'
  | 'preparedBy'
  /** Ties to other governing documents (register/): the documents it implements, replaces, relates to. */
  | 'parent'
  | 'supersedes'
  | 'related'
  /** The last day of the next revision. */
  | 'revisionDue';

export interface FrontMatterKeySpec {
  key: string;
  type: ValueType;
  required?: boolean;
  allowEmpty?: boolean;
  role?: KeyRole;
  values?: string[];
  description?: LocalText;
  /** The field's name in the published document's header block ("Gäller from"); default: the key, capitalised, `-` as a space. */
  label?: LocalText;
}

export interface StatementSpec {
  id: string;
  description: LocalText;
  keywords: string[];
  example?: string;
}

export interface SectionSpec {
  id: string;
  title: string;
  aliases?: string[];
  kind?: 'text' | 'toc' | 'parts' | 'sources';
  required?: boolean;
  allowEmpty?: boolean;
  checkBodies?: boolean;
  statements?: StatementSpec[];
  /** What a follow-up section should say (who, how often, where it is reported), as hints. */
  followUp?: FollowUpCheckSpec[];
  guidance?: LocalText;
}

export interface SubsectionSpec {
  id: string;
  label: string;
  title: string;
  required?: boolean;
  allowEmpty?: boolean;
  actions?: boolean;
  guidance?: LocalText;
}

/** How the headings of one structural level are recognised. */
export type LevelMatch = 'label' | 'headings' | 'any';

/** Whether a level's headings carry numbers ("Del 1.", "Ambition 1.2."). */
export type Numbering = 'required' | 'optional' | 'none';

/**
 * One level of a document's repeated structure: parts (Del), items under them (Ambition), and any
 * deeper level. Every level is optional; the template's `parts` is the first level and each
 * level's `items` the next.
 */
export interface LevelSpec {
  /** The word headings of this level begin with ("Del", "Ambition", "Strategi"). */
  label?: string;
  /** The noun in the singular, for messages, symbols and the overview ("del", "insats"). */
  name: LocalText;
  /** The noun in the plural ("delar", "insatser"). */
  plural?: LocalText;
  /**
   * `label`: headings that begin with the label ("Del 1. Namn", "Strategi: Namn");
   * `headings`: the fixed, ordered list of headings in `headings`;
   * `any`: every heading one level below its container (the parts section, or the level above).
   * Default: `label` when a label is given, `headings` when headings are, else `any`.
   */
  match?: LevelMatch;
  /** The named headings of this level, in order (with `match: headings`). */
  headings?: string[];
  /** Default: `required` for labelled levels, `none` for the others. */
  numbering?: Numbering;
  minCount?: number;
  maxCount?: number;
  /** Exactly this many (overrides minCount and maxCount). */
  count?: number;
  /** The heading must be followed by text of its own (not only subheadings). */
  requireText?: boolean;
  /** Lists directly under the heading are actions, each led by an actor. */
  actions?: boolean;
  /** Subsections every unit of this level answers (Varför, Vad, Hur). */
  subsections?: SubsectionSpec[];
  guidance?: LocalText;
  /** The level's units carry indicators (see followup/spec.ts). */
  indicators?: IndicatorSpec;
  /** The next level down. */
  items?: LevelSpec;
}

/** A municipality's look for published documents. */
export interface PublishLook {
  font?: string;
  headingFont?: string;
  /** Points. */
  fontSize?: number;
  /** `#1F4E79`. */
  headingColor?: string;
  /** Centimetres. */
  margin?: number;
  /** A PNG or JPEG, relative to the template file. */
  logo?: string;
  logoAlt?: string;
}

/** @deprecated Names of the first two levels, kept for code written against version 1. */
export type PartsSpec = LevelSpec;
export type ItemsSpec = LevelSpec;

export interface Template {
  id: string;
  name: LocalText;
  description?: LocalText;
  frontMatter: FrontMatterKeySpec[];
  sections: SectionSpec[];
  parts?: PartsSpec;
  ansvarLabel?: string;
  diarienummerPattern?: string;
  /** A diarienummer of the template's form, shown in messages and new documents ("ÅSB-2025-123"). */
  diarienummerExample?: string;
  filePattern?: string;
  /** The look of published documents (Word and web page); the built-in look when absent. */
  publish?: PublishLook;
  /** The document types from the most general to the most detailed (policy → … → rutin); a parent document comes before. */
  documentOrder?: string[];
  /** Revise the document this many years after its decision; default once per term of office. */
  revisionYears?: number;
  /** Statuses of actions and the words of the follow-up lines (see followup/spec.ts). */
  followUp?: FollowUpSpec;
  /** Where the template came from: `builtin` or a file's URI. */
  origin?: string;
}

export const TEMPLATE_SCHEMA: object = templateSchema;

function builtin(json: unknown): Template {
  const tpl = { ...(json as Template), origin: 'builtin' };
  delete (tpl as { $schema?: string }).$schema;
  return tpl;
}

export const BUILTIN_TEMPLATES: readonly Template[] = [builtin(planJson), builtin(riktlinjeJson), builtin(rutinJson)];

export interface TemplateFileResult {
  template?: Template;
  findings: Finding[];
}

/** Reads a workspace template file. A broken file yields findings on the file and no template. */
export function loadTemplate(text: string, origin: string): TemplateFileResult {
  const file = readDataFile(text);
  const findings = [...file.findings];
  if (findings.length === 0) findings.push(...validateAgainstSchema(file, TEMPLATE_SCHEMA));
  if (findings.length > 0) return { findings };
  const tpl = file.value as Template;
  const invalid = (message: string, path: Array<string | number>) =>
    findings.push({ code: 'template.invalid', severity: defaultSeverity('template.invalid'), message, range: rangeAtPath(file.doc, path) });

  const ids = new Map<string, number>();
  tpl.sections.forEach((s, i) => {
    if (ids.has(s.id)) invalid(t('Section id “{0}” is used twice.', s.id), ['sections', i, 'id']);
    ids.set(s.id, i);
  });
  const partsSections = tpl.sections.filter((s) => s.kind === 'parts');
  if (tpl.parts && partsSections.length === 0) invalid(t('The template defines parts but no section of kind “parts” says where they stand.'), ['parts']);
  if (!tpl.parts && partsSections.length > 0)
    invalid(t('A section of kind “parts” needs a “parts” definition.'), ['sections', tpl.sections.indexOf(partsSections[0])]);
  if (partsSections.length > 1) invalid(t('Only one section may be of kind “parts”.'), ['sections', tpl.sections.indexOf(partsSections[1])]);
  const keys = new Set<string>();
  tpl.frontMatter.forEach((k, i) => {
    if (keys.has(k.key)) invalid(t('Front-matter key “{0}” is listed twice.', k.key), ['frontMatter', i, 'key']);
    keys.add(k.key);
  });
  if (!tpl.frontMatter.some((k) => k.role === 'documentType' || k.key === keyForRole(undefined, 'documentType')))
    invalid(t('The template should list the key “dokumenttyp”.'), ['frontMatter']);
  if (tpl.diarienummerPattern !== undefined) {
    // Compiled as the check will run it, on a linear-time engine: what that engine cannot run is rejected here.
    const c = compileUserPattern(tpl.diarienummerPattern);
    if (!c.ok) invalid(t('The diarienummer pattern cannot be used: {0}.', c.reason), ['diarienummerPattern']);
  }
  const pattern = tpl.filePattern?.trim().toLowerCase();
  if (pattern !== undefined && (!/\.(?:md|markdown)$/.test(pattern) || /^\.?(?:md|markdown)$/.test(pattern)))
    invalid(
      t(
        'The file pattern {0} must name an ending before .md, such as .plan.md; otherwise every Markdown file would be of this type.',
        JSON.stringify(tpl.filePattern),
      ),
      ['filePattern'],
    );
  const statusIds = new Set<string>();
  (tpl.followUp?.statuses ?? []).forEach((st, i) => {
    if (statusIds.has(st.id)) invalid(t('Status id “{0}” is used twice.', st.id), ['followUp', 'statuses', i, 'id']);
    statusIds.add(st.id);
  });
  levels(tpl).forEach((level, depth) => {
    const path = ['parts', ...Array<string>(depth).fill('items')];
    for (const problem of levelProblems(level)) invalid(problem.message, [...path, problem.key]);
  });
  if (findings.length > 0) return { findings };
  return { template: { ...tpl, origin }, findings };
}

// ---------------------------------------------------------------- levels

/** The template's structural levels, outermost first: parts, items, and any deeper level. */
export function levels(template: Pick<Template, 'parts'>): LevelSpec[] {
  const out: LevelSpec[] = [];
  for (let l = template.parts; l && out.length < 8; l = l.items) out.push(l);
  return out;
}

export function levelMatch(level: LevelSpec): LevelMatch {
  return level.match ?? (level.label ? 'label' : level.headings?.length ? 'headings' : 'any');
}

export function levelNumbering(level: LevelSpec): Numbering {
  return level.numbering ?? (levelMatch(level) === 'label' ? 'required' : 'none');
}

/** How many units of this level a container must hold: at least `min`, at most `max`. */
export function levelBounds(level: LevelSpec): { min: number; max: number } {
  if (level.count !== undefined) return { min: level.count, max: level.count };
  const named = levelMatch(level) === 'headings' ? (level.headings?.length ?? 0) : undefined;
  return { min: level.minCount ?? named ?? 1, max: level.maxCount ?? Infinity };
}

/** The level's noun for `n` units, in the current language: "1 del", "3 delar". */
export function levelNoun(level: LevelSpec, n: number): string {
  return plural(n, local(level.name), local(level.plural ?? level.name));
}

function levelProblems(level: LevelSpec): Array<{ key: string; message: string }> {
  const out: Array<{ key: string; message: string }> = [];
  const match = levelMatch(level);
  if (match === 'label' && !level.label) out.push({ key: 'label', message: t('A level recognised by its label needs a “label”.') });
  if (match === 'headings' && !level.headings?.length)
    out.push({ key: 'headings', message: t('A level recognised by named headings needs the list “headings”.') });
  const { minCount, maxCount } = level;
  if (minCount !== undefined && maxCount !== undefined && minCount > maxCount)
    out.push({ key: 'maxCount', message: t('maxCount ({0}) is smaller than minCount ({1}).', maxCount, minCount) });
  if (level.count !== undefined && (minCount !== undefined || maxCount !== undefined))
    out.push({ key: 'count', message: t('Give either count or minCount/maxCount, not both.') });
  const ids = new Set<string>();
  for (const s of level.subsections ?? []) {
    if (ids.has(s.id)) out.push({ key: 'subsections', message: t('Section id “{0}” is used twice.', s.id) });
    ids.add(s.id);
  }
  return out;
}

/** A value type as the writer reads it: "datum, ÅÅÅÅ-MM-DD", "organ i registret". */
export function valueTypeName(type: ValueType): string {
  const names: Record<ValueType, string> = {
    string: t('text'),
    date: t('date, YYYY-MM-DD'),
    boolean: t('ja or nej'),
    body: t('a body in the registry'),
    bodies: t('bodies in the registry'),
    diarienummer: t('diarienummer'),
    documenttype: t('document type'),
    document: t('a governing document: diarienummer, title or relative path'),
    documents: t('governing documents: diarienummer, title or relative path'),
  };
  return names[type];
}

const NUMBER_WORDS = ['noll', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio'];

/**
 * A subsection's heading with its placeholder filled in: `{period}` becomes "de närmaste fyra
 * åren" for a document valid for four years, and "under planperioden" when the length is unknown.
 */
export function expandTitle(title: string, years?: number): string {
  if (!title.includes('{period}')) return title;
  const period =
    years !== undefined && years >= 2 && years < NUMBER_WORDS.length
      ? `de närmaste ${NUMBER_WORDS[years]} åren`
      : years === 1
        ? 'det närmaste året'
        : 'under planperioden';
  return title.replace(/\{period\}/g, period);
}

/** The front-matter key that plays a role ("validFrom" → "gäller-från"), by role or by the built-in names. */
export function keyForRole(template: Pick<Template, 'frontMatter'> | undefined, role: KeyRole): string | undefined {
  const spec = template?.frontMatter.find((k) => k.role === role);
  if (spec) return spec.key;
  if (template?.frontMatter.some((k) => k.role)) return undefined;
  return DEFAULT_ROLE_KEYS[role];
}

/** The keys of version 1 templates that gave no roles. */
const DEFAULT_ROLE_KEYS: Partial<Record<KeyRole, string>> = { documentType: 'dokumenttyp', title: 'titel' };

/** The templates in force: built-ins, overridden by workspace templates with the same id. */
export class TemplateSet {
  readonly #byId = new Map<string, Template>();
  #typeKeys: ReadonlySet<string> | undefined;

  constructor(templates: Iterable<Template> = BUILTIN_TEMPLATES) {
    for (const tpl of templates) this.#byId.set(tpl.id.toLocaleLowerCase('sv'), tpl);
  }

  withOverrides(templates: Iterable<Template>): TemplateSet {
    return new TemplateSet([...this.#byId.values(), ...templates]);
  }

  get(id: string): Template | undefined {
    return this.#byId.get(id.trim().toLocaleLowerCase('sv'));
  }

  /** The front-matter keys that name the document type in any template ("dokumenttyp"). */
  documentTypeKeys(): ReadonlySet<string> {
    return (this.#typeKeys ??= new Set([...this.#byId.values()].map((t) => keyForRole(t, 'documentType') ?? 'dokumenttyp')));
  }

  ids(): string[] {
    return [...this.#byId.keys()];
  }

  all(): Template[] {
    return [...this.#byId.values()];
  }

  /** The template whose file pattern the file name ends with (`.plan.md` means `plan`). */
  forFileName(fileName: string): Template | undefined {
    const name = fileName.toLocaleLowerCase('sv');
    for (const tpl of this.#byId.values()) {
      const pattern = (tpl.filePattern ?? `.${tpl.id}.md`).toLocaleLowerCase('sv');
      if (name.endsWith(pattern)) return tpl;
    }
    return undefined;
  }
}
