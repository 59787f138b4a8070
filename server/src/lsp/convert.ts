/** Conversions between the plan library and LSP, named by direction, all in one place. */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Range,
} from 'vscode-languageserver';
import type { Completion, Finding, FoldingRange as PlanFolding, Hover as PlanHover, LineIndex, OffsetRange, PlanSymbol, Severity } from '../core/index';

/** What turns offset ranges into LSP ranges: a text's `LineIndex`, or a mapping through pending edits (documents.ts `Recent`). */
export interface Ranges {
  range(r: OffsetRange): Range;
}

export function offsetRangeToLsp(lines: Ranges, r: OffsetRange): Range {
  return lines.range(r);
}

export function severityToLsp(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}

/**
 * A finding as a diagnostic, without the finding's data: the server's quick fixes read its own
 * findings (matched by code and place), not what the client sends back, and the data made the
 * diagnostics of a 1 MB plan a third larger to encode, send and read at every keystroke (some 3 ms
 * of the 100: docs/development.md).
 */
export function findingToDiagnostic(lines: LineIndex, f: Finding, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: offsetRangeToLsp(lines, f.range),
    severity: severityToLsp(f.severity),
    code: f.code,
    source: 'plan',
    message: f.message,
  };
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: offsetRangeToLsp(lines, r.range) }, message: r.message }));
  return d;
}

const SYMBOL_KINDS: Record<PlanSymbol['kind'], SymbolKind> = {
  document: SymbolKind.File,
  frontmatter: SymbolKind.Namespace,
  key: SymbolKind.Property,
  section: SymbolKind.String,
  part: SymbolKind.Module,
  ambition: SymbolKind.Class,
  subsection: SymbolKind.Field,
};

export function planSymbolToLsp(lines: Ranges, s: PlanSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: SYMBOL_KINDS[s.kind],
    range: offsetRangeToLsp(lines, s.range),
    selectionRange: offsetRangeToLsp(lines, s.selectionRange),
    children: s.children.map((c) => planSymbolToLsp(lines, c)),
  };
}

export function foldingToLsp(f: PlanFolding): FoldingRange {
  return { startLine: f.startLine, endLine: f.endLine, kind: f.kind };
}

export function hoverToLsp(lines: Ranges, h: PlanHover): Hover {
  return { contents: { kind: 'markdown', value: h.contents }, range: offsetRangeToLsp(lines, h.range) };
}

const COMPLETION_KINDS: Record<Completion['kind'], CompletionItemKind> = {
  body: CompletionItemKind.Reference,
  ambition: CompletionItemKind.Class,
  part: CompletionItemKind.Module,
  section: CompletionItemKind.Struct,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

export function completionToLsp(lines: Ranges, c: Completion): CompletionItem {
  return {
    label: c.label,
    kind: COMPLETION_KINDS[c.kind],
    detail: c.detail,
    documentation: c.documentation ? { kind: 'markdown', value: c.documentation } : undefined,
    textEdit: { range: offsetRangeToLsp(lines, c.range), newText: c.insertText },
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    filterText: c.filterText,
    sortText: c.sortText,
  };
}
