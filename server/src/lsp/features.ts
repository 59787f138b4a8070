/**
 * The editor features on an open plan, each from the analysis of the text it was asked about:
 * document symbols, folding and quick fixes from the worker's summary; hover and completion from
 * the plan model (documents.ts says when that is made). Symbols, folding, hover and completion
 * answer at once from the newest finished analysis while the text's newer edits leave the plan's
 * structure alone, mapped through those edits (documents.ts `recent`); they wait for the analysis
 * of the current text otherwise.
 */
import { CodeActionKind } from './lsp-values';
import type { CodeAction, CodeActionParams, CompletionItem, Connection, FoldingRange, Hover, InitializeParams, Position } from 'vscode-languageserver/node';
import { completions, DEFAULT_REGISTRY, fixesFor, hover, TemplateSet, type Completion, type OffsetRange } from '../core/index';
import { completionToLsp, foldingToLsp, hoverToLsp, planSymbolToLsp } from './convert';
import { outlineOf, type Cached, type PlanDocuments, type Recent } from './documents';
import { today, type Guard } from './util';

export class EditorFeatures {
  #snippetSupport = false;
  /** Source actions of other modules (refactor.ts), asked after the quick fixes. */
  sourceActions?: (p: CodeActionParams, c: Cached) => Promise<CodeAction[]>;

  /** `linked`: the hover of a reference to another document (register.ts), asked first. */
  constructor(connection: Connection, documents: PlanDocuments, guard: Guard, linked?: LinkedHover) {
    connection.onDocumentSymbol((p) =>
      guard.runAsync(
        'documentSymbol',
        async () => {
          const r = await documents.recent(p.textDocument.uri);
          await outlineOf(r?.c);
          if (r) return (r.c.summary?.symbols ?? []).map((s) => planSymbolToLsp(r, s));
          const c = await documents.analysisFor(p.textDocument.uri);
          await outlineOf(c);
          return (c?.summary?.symbols ?? []).map((s) => planSymbolToLsp(c!.lines, s));
        },
        [],
      ),
    );
    connection.onFoldingRanges((p) =>
      guard.runAsync(
        'foldingRanges',
        async () => {
          const r = await documents.recent(p.textDocument.uri);
          await outlineOf(r?.c);
          if (r) return foldingNow(r);
          const c = await documents.analysisFor(p.textDocument.uri);
          await outlineOf(c);
          return (c?.summary?.folding ?? []).map(foldingToLsp);
        },
        [],
      ),
    );
    connection.onHover((p) =>
      guard.runAsync(
        'hover',
        async () => {
          const quick = await this.#recentHover(documents, p.textDocument.uri, p.position, linked);
          if (quick !== undefined) return quick;
          const c = await documents.analysisFor(p.textDocument.uri);
          if (!c?.isPlan) return null;
          const other = await linked?.hover(p.textDocument.uri, p.position);
          if (other) return other;
          const offset = c.lines.offsetAt(p.position);
          const registry = c.options.registry ?? DEFAULT_REGISTRY;
          const h = await documents.onModel(c, { kind: 'hover', offset }, (a) => hover(a.plan, offset, registry, a.findings) ?? null);
          return h ? hoverToLsp(c.lines, h) : null;
        },
        null,
      ),
    );
    connection.onCompletion((p) =>
      guard.runAsync(
        'completion',
        async () => {
          const quick = await this.#recentCompletion(documents, p.textDocument.uri, p.position);
          if (quick) return quick;
          const c = await documents.analysisFor(p.textDocument.uri);
          if (!c?.isPlan) return [];
          const offset = c.lines.offsetAt(p.position);
          const context = { registry: c.options.registry ?? DEFAULT_REGISTRY, templates: c.options.templates ?? new TemplateSet(), today: today() };
          const items = await documents.onModel(c, { kind: 'completion', offset, today: context.today }, (a) => completions(a.plan, offset, context));
          return items.map((i) => this.#snippetFallback(completionToLsp(c.lines, i)));
        },
        [],
      ),
    );
    connection.onCodeAction((p) =>
      guard.runAsync(
        'codeAction',
        async (): Promise<CodeAction[]> => {
          const c = await documents.analysisFor(p.textDocument.uri);
          if (!c || c.status !== 'checked') return [];
          // Fixes come from the current analysis, matched to the client's diagnostics by code and place.
          const keyOf = (code: unknown, line: number, character: number) => `${String(code)}@${line}:${character}`;
          const wanted = new Set(p.context.diagnostics.map((d) => keyOf(d.code, d.range.start.line, d.range.start.character)));
          const range = { start: c.lines.offsetAt(p.range.start), end: c.lines.offsetAt(p.range.end) };
          // Quick fixes unless the client asks only for other kinds (a source action, fix all on save).
          const quickFixes = !p.context.only?.length || p.context.only.some((k) => k === 'quickfix' || k.startsWith('quickfix.'));
          const fixes = (quickFixes ? fixesFor(c.text, c.findings, range) : [])
            .map((fix) => {
              const start = c.lines.positionAt(fix.finding.range.start);
              const key = keyOf(fix.finding.code, start.line, start.character);
              if (p.context.diagnostics.length && !wanted.has(key)) return undefined;
              const action: CodeAction = {
                title: fix.title,
                kind: CodeActionKind.QuickFix,
                isPreferred: fix.preferred,
                diagnostics: p.context.diagnostics.filter((d) => keyOf(d.code, d.range.start.line, d.range.start.character) === key),
                edit: { changes: { [p.textDocument.uri]: fix.edits.map((e) => ({ range: c.lines.range(e.range), newText: e.newText })) } },
              };
              return action;
            })
            .filter((a): a is CodeAction => !!a);
          return [...fixes, ...((await this.sourceActions?.(p, c)) ?? [])];
        },
        [],
      ),
    );
  }

  /** Hover from the newest analysis (`recent`); undefined when it cannot answer at once. */
  async #recentHover(documents: PlanDocuments, uri: string, position: Position, linked?: LinkedHover): Promise<Hover | null | undefined> {
    const r = await documents.recent(uri);
    if (!r) return undefined;
    if (!r.c.isPlan) return null;
    await outlineOf(r.c);
    const at = r.edit.toOld(r.doc.offsetAt(position));
    // On text typed since, or in the section that holds it (its readability and findings may have changed): wait.
    if (!at.exact || r.edit.touches(r.c.summary?.symbols ?? [], at.offset)) return undefined;
    const other = linked?.hoverOn(uri, r.c, at.offset);
    if (other === undefined && linked) return undefined;
    if (other) return { contents: { kind: 'markdown', value: other.value }, range: r.range(other.range) };
    const registry = r.c.options.registry ?? DEFAULT_REGISTRY;
    const h = await documents.onRecentModel(r.c, { kind: 'hover', offset: at.offset }, (a) => hover(a.plan, at.offset, registry, a.findings) ?? null);
    return h === undefined ? undefined : h && hoverToLsp(r, h);
  }

  /**
   * Completion from the newest analysis (`recent`): the plan model from it, the cursor's line as it
   * is now (the worker is sent that line, not the text); undefined when it cannot answer at once.
   */
  async #recentCompletion(documents: PlanDocuments, uri: string, position: Position): Promise<CompletionItem[] | undefined> {
    const r = await documents.recent(uri);
    if (!r?.c.isPlan) return undefined;
    const cursor = r.doc.offsetAt(position);
    const at = r.edit.toOld(cursor).offset;
    const lineStart = r.doc.offsetAt({ line: position.line, character: 0 });
    const lineEnd = r.doc.offsetAt({ line: position.line + 1, character: 0 });
    const now = r.edit.none
      ? undefined
      : { text: r.doc.getText({ start: { line: position.line, character: 0 }, end: r.doc.positionAt(lineEnd) }), offset: cursor - lineStart };
    const context = { registry: r.c.options.registry ?? DEFAULT_REGISTRY, templates: r.c.options.templates ?? new TemplateSet(), today: today() };
    const items = await documents.onRecentModel(r.c, { kind: 'completion', offset: at, today: context.today, now }, (a) =>
      completions(a.plan, at, context, now),
    );
    if (!items) return undefined;
    // With `now`, the items' ranges are in the cursor's line as it is now.
    const ranges = now ? { range: (x: OffsetRange) => r.rangeNow({ start: x.start + lineStart, end: x.end + lineStart }) } : r;
    return items.map((i: Completion) => this.#snippetFallback(completionToLsp(ranges, i)));
  }

  /** Notes whether the client takes snippets in completions. */
  initialize(params: InitializeParams): void {
    this.#snippetSupport = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
  }

  /** Without snippet support, a snippet's placeholders become their default text. */
  #snippetFallback(item: CompletionItem): CompletionItem {
    if (this.#snippetSupport || item.insertTextFormat !== 2 || !item.textEdit) return item;
    const plain = item.textEdit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '');
    return { ...item, insertTextFormat: 1, textEdit: { ...item.textEdit, newText: plain } };
  }
}

/** The hover of a reference to another document (register.ts). */
export interface LinkedHover {
  hover(uri: string, position: Position): Promise<Hover | null>;
  /** On an earlier analysis of the document; undefined when that cannot be answered at once. */
  hoverOn(uri: string, c: Cached, offset: number): { value: string; range: OffsetRange } | null | undefined;
}

/** Folding ranges of the newest analysis, their lines mapped through the edits since. */
function foldingNow(r: Recent): FoldingRange[] {
  const folds = r.c.summary?.folding ?? [];
  if (r.edit.none) return folds.map(foldingToLsp);
  const lineNow = (line: number) => r.doc.positionAt(r.edit.toNew(r.c.lines.lineStart(line))).line;
  return folds.map((f) => ({ ...foldingToLsp(f), startLine: lineNow(f.startLine), endLine: lineNow(f.endLine) })).filter((f) => f.endLine > f.startLine);
}
