/** Templates as data: one per document type, validated against `data/template.schema.json`. */
import planJson from './data/plan.template.json';
import riktlinjeJson from './data/riktlinje.template.json';
import rutinJson from './data/rutin.template.json';
import templateSchema from './data/template.schema.json';
import { readDataFile, rangeAtPath, validateAgainstSchema } from './datafile';
import { defaultSeverity, type Finding } from './findings';
import { t, type LocalText } from './l10n';

export type ValueType = 'string' | 'date' | 'boolean' | 'body' | 'bodies' | 'diarienummer' | 'documenttype';
export type KeyRole = 'documentType' | 'title' | 'diarienummer' | 'decidedBy' | 'validFrom' | 'validTo';

export interface FrontMatterKeySpec {
  key: string;
  type: ValueType;
  required?: boolean;
  allowEmpty?: boolean;
  role?: KeyRole;
  values?: string[];
  description?: LocalText;
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

export interface ItemsSpec {
  label: string;
  name: LocalText;
  minCount?: number;
  guidance?: LocalText;
  subsections: SubsectionSpec[];
}

export interface PartsSpec {
  label: string;
  name: LocalText;
  minCount?: number;
  guidance?: LocalText;
  items: ItemsSpec;
}

export interface Template {
  id: string;
  name: LocalText;
  description?: LocalText;
  frontMatter: FrontMatterKeySpec[];
  sections: SectionSpec[];
  parts?: PartsSpec;
  ansvarLabel?: string;
  diarienummerPattern?: string;
  filePattern?: string;
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
  if (tpl.parts && partsSections.length === 0)
    invalid(t('The template defines parts but no section of kind “parts” says where they stand.'), ['parts']);
  if (!tpl.parts && partsSections.length > 0)
    invalid(t('A section of kind “parts” needs a “parts” definition.'), ['sections', tpl.sections.indexOf(partsSections[0])]);
  if (partsSections.length > 1) invalid(t('Only one section may be of kind “parts”.'), ['sections', tpl.sections.indexOf(partsSections[1])]);
  const keys = new Set<string>();
  tpl.frontMatter.forEach((k, i) => {
    if (keys.has(k.key)) invalid(t('Front-matter key “{0}” is listed twice.', k.key), ['frontMatter', i, 'key']);
    keys.add(k.key);
  });
  if (!tpl.frontMatter.some((k) => k.role === 'documentType' || k.key === 'dokumenttyp'))
    invalid(t('The template should list the key “dokumenttyp”.'), ['frontMatter']);
  if (tpl.diarienummerPattern !== undefined) {
    try {
      new RegExp(tpl.diarienummerPattern, 'u');
    } catch (e) {
      invalid(t('Invalid regular expression: {0}', String((e as Error).message)), ['diarienummerPattern']);
    }
  }
  if (findings.length > 0) return { findings };
  return { template: { ...tpl, origin }, findings };
}

/** The templates in force: built-ins, overridden by workspace templates with the same id. */
export class TemplateSet {
  readonly #byId = new Map<string, Template>();

  constructor(templates: Iterable<Template> = BUILTIN_TEMPLATES) {
    for (const tpl of templates) this.#byId.set(tpl.id.toLocaleLowerCase('sv'), tpl);
  }

  withOverrides(templates: Iterable<Template>): TemplateSet {
    return new TemplateSet([...this.#byId.values(), ...templates]);
  }

  get(id: string): Template | undefined {
    return this.#byId.get(id.trim().toLocaleLowerCase('sv'));
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
