/**
 * The plan library: parse → model → rules → findings, and the editor features built on the model.
 * Knows nothing of LSP or VS Code and uses no Node API (see tsconfig.json beside this file).
 */
import type { Finding } from './findings';
import type { PlanModel } from './model';
import { reparse } from './incremental';
import { BlockMemo } from './memo';
import { parseMarkdown, type ParsedMarkdown } from './parse';
import { buildPlan } from './plan';
import { DEFAULT_REGISTRY, type Registry } from './registry';
import { checkPlan, type CheckOptions } from './rules/index';
import { TemplateSet } from './template';

export * from './features/index';
export { templateAsMarkdown, templateSkeleton } from './skeleton';
export * from './overview';
export * from './fixes';
export * from './files';
export * from './findings';
export { getLocale, local, setLocale, t, type Locale, type LocalText } from './l10n';
export * from './model';
export type { FrontMatter, FrontMatterEntry, HeadingInfo, ParsedMarkdown, SectionNode } from './parse';
export { parseMarkdown } from './parse';
export { isStale, reparse, type ReparseInfo } from './incremental';
export { changedRange, PendingEdit, type TextChange } from './pending';
export { BlockMemo, idOf, runsOf } from './memo';
export { buildPlan, classify } from './plan';
export * from './registry';
export { registerEntry, LINK_ROLES, NO_RUNS, textRunsOf, type LinkRef, type LinkRole, type RegisterEntry, type TextRuns } from './register/entry';
export { DocumentRegister, normalizeName, type RegisterDocument, type ResolvedRef } from './register/index';
export { addDays, documentStatus, isToday, revisionDue, termOfOffice, type DocumentStatus, type TermOfOffice } from './register/dates';
export { DEFAULT_WARN_DAYS, findingsOf as registerFindingsOf, registerFindings, type RegisterCheckOptions } from './register/check';
export {
  registerCsv,
  registerJson,
  registerTable,
  registerTree,
  statusText,
  type RegisterRow,
  type RegisterTable,
  type RegisterTreeNode,
} from './register/table';
export { documentHeader, referenceAt } from './register/hover';
export { ALL_CODES, ALL_OPTIONS, CODES_BY_NAME, DEFAULT_DIARIENUMMER, FAMILIES, type CheckOptions, type StyleSettings } from './rules/index';
export * from './template';
export * from './text';

export interface Analysis {
  plan: PlanModel;
  findings: Finding[];
}

export interface AnalyzeOptions extends Partial<CheckOptions> {
  /** The file's name or URI: `.plan.md` makes a Markdown file a plan without front matter. */
  fileName?: string;
  /** The document type of a file the caller has matched against its plan-file patterns. */
  planType?: string;
}

/**
 * Checks a text. With the parse of an earlier version of the same document (`previous`), only the
 * section an edit touched is parsed again, and `previous` is taken over (incremental.ts: it is stale
 * afterwards); the result is the same. Never throws: an internal failure becomes a finding.
 */
export function analyze(text: string, options: AnalyzeOptions = {}, previous?: ParsedMarkdown): Analysis {
  const templates = options.templates ?? new TemplateSet();
  const registry: Registry = options.registry ?? DEFAULT_REGISTRY;
  const md = previous ? reparse(previous, text) : parseMarkdown(text);
  const memo = new BlockMemo(md, previous);
  let plan: PlanModel;
  try {
    plan = buildPlan(md, options.fileName ?? '', templates, registry, options.planType, memo);
  } catch (e) {
    plan = { md, bodySections: [], recognized: [], unknown: [], parts: [], looseAmbitions: [], misnested: [], quotes: [], sources: [] };
    return { plan, findings: [internalError(e)] };
  }
  try {
    return { plan, findings: checkPlan(plan, { ...options, templates, registry }, memo) };
  } catch (e) {
    return { plan, findings: [internalError(e)] };
  }
}

function internalError(e: unknown): Finding {
  return {
    code: 'plan.internal',
    severity: 'error',
    message: `Internal error in the plan checker: ${e instanceof Error ? e.message : String(e)}`,
    range: { start: 0, end: 0 },
  };
}
export {
  publication,
  labelOfKey,
  isSafeUrl,
  isExternalUrl,
  type Publication,
  type PublishedHeading,
  type HeaderField,
  type DocumentProperties,
  type DocumentLanguage,
  type DocumentWords,
  type PublishOptions,
} from './publication';
