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

export interface RuleInfo {
  code: string;
  severity: Severity;
  /** Writing-convention hints that settings can switch off as a group. */
  style?: boolean;
  description: string;
}

/**
 * Every finding code with its default severity. Codes are stable: tests, settings and quick fixes
 * refer to them, so a code is never renamed, only added.
 */
export const RULES: readonly RuleInfo[] = [
  { code: 'plan.frontmatter.syntax', severity: 'error', description: 'The YAML front matter cannot be read.' },
  { code: 'plan.frontmatter.missing-key', severity: 'error', description: 'A required front-matter key is missing.' },
  { code: 'plan.frontmatter.empty-value', severity: 'error', description: 'A required front-matter key has no value.' },
  { code: 'plan.frontmatter.unknown-key', severity: 'warning', description: 'A front-matter key the template does not know.' },
  { code: 'plan.frontmatter.duplicate-key', severity: 'error', description: 'A front-matter key given twice.' },
  { code: 'plan.frontmatter.wrong-type', severity: 'error', description: 'A front-matter value of the wrong type.' },
  { code: 'plan.frontmatter.invalid-date', severity: 'error', description: 'A date that is not a valid ISO date.' },
  { code: 'plan.frontmatter.date-order', severity: 'error', description: 'gäller-från is after gäller-till.' },
  { code: 'plan.frontmatter.title-period', severity: 'warning', description: 'The period in the title disagrees with the validity dates.' },
  { code: 'plan.frontmatter.diarienummer', severity: 'warning', description: 'The diarienummer does not match the configured pattern.' },
  { code: 'plan.frontmatter.unknown-type', severity: 'error', description: 'A document type with no template.' },
  { code: 'plan.frontmatter.unknown-body', severity: 'warning', description: 'A body not in the organisation registry.' },
  { code: 'plan.title.missing', severity: 'error', description: 'The document has no title heading.' },
  { code: 'plan.title.mismatch', severity: 'warning', description: 'The title heading differs from the titel key.' },
  { code: 'plan.section.missing', severity: 'error', description: 'A required section is missing.' },
  { code: 'plan.section.order', severity: 'warning', description: 'A section out of the template order.' },
  { code: 'plan.section.duplicate', severity: 'error', description: 'A section given twice.' },
  { code: 'plan.section.empty', severity: 'error', description: 'A section that must have content is empty.' },
  { code: 'plan.section.unknown', severity: 'information', description: 'A heading that resembles a template section.' },
  { code: 'plan.section.heading-level', severity: 'warning', description: 'A heading not nested under its parent.' },
  { code: 'plan.part.missing', severity: 'error', description: 'The plan has fewer parts than the template requires.' },
  { code: 'plan.part.numbering-gap', severity: 'warning', description: 'A gap in the part numbers.' },
  { code: 'plan.part.duplicate-number', severity: 'error', description: 'Two parts with the same number.' },
  { code: 'plan.part.no-items', severity: 'error', description: 'A part with no ambitions.' },
  { code: 'plan.ambition.numbering-gap', severity: 'warning', description: 'A gap in the ambition numbers of a part.' },
  { code: 'plan.ambition.duplicate-number', severity: 'error', description: 'Two ambitions with the same number.' },
  { code: 'plan.ambition.wrong-part', severity: 'error', description: 'An ambition numbered for another part.' },
  { code: 'plan.ambition.outside-part', severity: 'error', description: 'An ambition that stands in no part.' },
  { code: 'plan.ambition.missing-section', severity: 'error', description: 'An ambition without Varför, Vad or Hur.' },
  { code: 'plan.ambition.empty-section', severity: 'error', description: 'An empty Varför, Vad or Hur.' },
  { code: 'plan.ambition.no-actions', severity: 'error', description: 'A Hur with no list of actions.' },
  { code: 'plan.ansvar.no-actor', severity: 'warning', description: 'An action that names no actor.' },
  { code: 'plan.ansvar.unknown-body', severity: 'warning', description: 'A body not in the registry, in an Ansvar line or a responsibility section.' },
  { code: 'plan.ansvar.missing-statement', severity: 'error', description: 'Ansvar för planen does not say who adopted the plan or who leads its follow-up.' },
  { code: 'plan.toc.unknown-entry', severity: 'warning', description: 'An Innehåll entry with no heading.' },
  { code: 'plan.toc.missing-entry', severity: 'warning', description: 'A heading missing from Innehåll.' },
  { code: 'plan.toc.title-mismatch', severity: 'warning', description: 'An Innehåll entry whose text differs from its heading.' },
  { code: 'plan.style.year-range', severity: 'hint', style: true, description: 'A year range written with a hyphen or a spaced dash.' },
  { code: 'plan.style.skall', severity: 'hint', style: true, description: '“skall” instead of “ska”.' },
  { code: 'plan.style.two-digit-year', severity: 'hint', style: true, description: 'A date with a two-digit year.' },
  { code: 'plan.file.skipped', severity: 'warning', description: 'A file too large or binary to check.' },
  { code: 'template.syntax', severity: 'error', description: 'A template or registry file that cannot be read.' },
  { code: 'template.schema', severity: 'error', description: 'A template or registry file that breaks its schema.' },
  { code: 'template.invalid', severity: 'error', description: 'A template or registry file with an inconsistent value.' },
];

export const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export function defaultSeverity(code: string): Severity {
  return RULES_BY_CODE.get(code)?.severity ?? 'warning';
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
