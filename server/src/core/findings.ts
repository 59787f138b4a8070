import type { OffsetRange } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Structured data that quick fixes read back. Every field is optional; `kind` names the fix. */
export interface FindingData {
  expected?: string;
  found?: string;
  suggestions?: string[];
  /** Text to insert at `insertAt` (an offset) to add what is missing. */
  insertText?: string;
  insertAt?: number;
  /** Text that replaces the finding's range. */
  replacement?: string;
  [key: string]: unknown;
}

export interface Finding {
  /** Stable dotted code, e.g. `plan.ambition.missing-section`. */
  code: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  data?: FindingData;
  /** Places that explain the finding (the other duplicate, the Innehåll entry …). */
  related?: Array<{ range: OffsetRange; message: string }>;
}

/** Text in both languages, for the documentation and the settings. */
export interface BothLanguages {
  sv: string;
  en: string;
}

/** The quick fix a finding's data supports: insert `insertText` at `insertAt`, and/or replace the range. */
export type FixKind = 'insert' | 'replace';

/**
 * One finding code: its default severity, its description, the switch that turns it off (for
 * hints), and the quick fixes its data supports. `D` is the type of the finding's data.
 */
export interface CodeSpec<D extends FindingData = FindingData> {
  code: string;
  severity: Severity;
  description: BothLanguages;
  /** A setting under `plan.` that switches this code on and off, e.g. `style.skall`. */
  option?: string;
  fixes?: readonly FixKind[];
  /** The title of the insert fix, from the finding's data; default "Insert …". */
  insertTitle?(data: D): string;
  /** The title of the replace fix, from the finding's data; default "Replace with …". */
  replaceTitle?(data: D): string;
  /** Never set: carries the data type. */
  readonly dataType?: D;
}

/** Declares a code with typed data. */
export function defineCode<D extends FindingData = FindingData>(spec: Omit<CodeSpec<D>, 'dataType'>): CodeSpec<D> {
  return spec;
}

/** Data of a finding whose fix inserts what is missing. */
export interface InsertData extends FindingData {
  insertText?: string;
  insertAt?: number;
}

/** Data of a finding whose fix replaces its range with a suggestion. */
export interface ReplaceData extends FindingData {
  found?: string;
  replacement?: string;
  suggestions?: string[];
}

/** Codes of the files around the documents: templates, registries, skipped files, internal errors. */
export const TEMPLATE_SYNTAX = defineCode({
  code: 'template.syntax',
  severity: 'error',
  description: { sv: 'En mall- eller registerfil som inte går att läsa.', en: 'A template or registry file that cannot be read.' },
});
export const TEMPLATE_SCHEMA_CODE = defineCode({
  code: 'template.schema',
  severity: 'error',
  description: { sv: 'En mall- eller registerfil som bryter mot sitt schema.', en: 'A template or registry file that breaks its schema.' },
});
export const TEMPLATE_INVALID = defineCode({
  code: 'template.invalid',
  severity: 'error',
  description: { sv: 'En mall- eller registerfil med ett värde som inte går ihop.', en: 'A template or registry file with an inconsistent value.' },
});
export const FILE_SKIPPED = defineCode({
  code: 'plan.file.skipped',
  severity: 'information',
  description: { sv: 'En fil som är för stor eller binär för att kontrolleras.', en: 'A file too large or binary to check.' },
});
export const FILE_TIMEOUT = defineCode({
  code: 'plan.file.timeout',
  severity: 'information',
  description: {
    sv: 'En fil vars kontroll tog för lång tid och avbröts; den är inte kontrollerad.',
    en: 'A file whose check took too long and was stopped; it is not checked.',
  },
});
export const INTERNAL = defineCode({
  code: 'plan.internal',
  severity: 'error',
  description: { sv: 'Ett internt fel i kontrollen.', en: 'An internal error in the checker.' },
});

export const META_CODES: readonly CodeSpec[] = [TEMPLATE_SYNTAX, TEMPLATE_SCHEMA_CODE, TEMPLATE_INVALID, FILE_SKIPPED, FILE_TIMEOUT, INTERNAL];
const META_BY_CODE = new Map(META_CODES.map((c) => [c.code, c]));

/** The default severity of a code about files (templates, registries, skipped files). */
export function defaultSeverity(code: string): Severity {
  return META_BY_CODE.get(code)?.severity ?? 'warning';
}

/** Findings with the configured severities: changed where a code is set, dropped where it is `off`. */
export function withSeverities(findings: Finding[], severities: Record<string, SeveritySetting> | undefined): Finding[] {
  if (!severities || !Object.keys(severities).length) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const set = severities[f.code];
    if (set === 'off') continue;
    out.push(set ? { ...f, severity: set } : f);
  }
  return out;
}
