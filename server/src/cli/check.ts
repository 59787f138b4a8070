/**
 * One document's check, the same in the main thread and in a worker thread: analyse the text and
 * turn the findings into rows with 1-based lines and columns. Pure apart from the library.
 */
import { analyze, LineIndex, registerEntry, type Finding, type RegisterEntry, type Registry, type Severity, type TemplateSet } from '../core/index';

/** The options that change what a document's check gives (besides the language): part of the cache key. */
export interface CheckSettings {
  style: boolean;
  switches: Record<string, boolean>;
}

/** A finding at 1-based line and column (UTF-16 code units), the end exclusive. */
export interface FindingRow {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

/** What checking one file gave: whether it is a governing document, and its findings. */
export interface FileResult {
  plan: boolean;
  findings: FindingRow[];
  /** The document's entry in the register of governing documents (checked across the files afterwards). */
  register?: RegisterEntry;
}

export function toRow(lines: LineIndex, f: Finding): FindingRow {
  const s = lines.positionAt(f.range.start);
  const e = lines.positionAt(f.range.end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity, code: f.code, message: f.message };
}

/** Analyses a document that may be a plan (`mayBePlan` said so) with the templates and registry that apply to it. */
export function checkText(text: string, file: string, scope: { templates: TemplateSet; registry: Registry }, settings: CheckSettings): FileResult {
  const a = analyze(text, { fileName: file, templates: scope.templates, registry: scope.registry, style: settings.style, switches: settings.switches });
  if (!a.plan.planBy && a.findings.length === 0) return { plan: false, findings: [] };
  const lines = new LineIndex(text);
  return { plan: a.plan.planBy !== undefined, findings: a.findings.map((f) => toRow(lines, f)), register: registerEntry(a.plan) };
}
