/**
 * The editor features on an open plan, each from the analysis of the text it was asked about:
 * document symbols, folding and quick fixes from the worker's summary; hover and completion from
 * the plan model (documents.ts says when that is made).
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type Connection,
  type Hover,
  type InitializeParams,
  type Position,
} from 'vscode-languageserver/node';
import { completions, DEFAULT_REGISTRY, fixesFor, hover, TemplateSet } from '../core/index';
import { completionToLsp, foldingToLsp, hoverToLsp, planSymbolToLsp } from './convert';
import type { Cached, PlanDocuments } from './documents';
import { today, type Guard } from './util';

export class EditorFeatures {
  #snippetSupport = false;
  /** Source actions of other modules (refactor.ts), asked after the quick fixes. */
  sourceActions?: (p: CodeActionParams, c: Cached) => Promise<CodeAction[]>;

  /** `linkedHover`: the hover of a reference to another document (register.ts), asked first. */
  constructor(connection: Connection, documents: PlanDocuments, guard: Guard, linkedHover?: (uri: string, position: Position) => Promise<Hover | null>) {
    connection.onDocumentSymbol((p) =>
      guard.runAsync(
        'documentSymbol',
        async () => {
          const c = await documents.analysisFor(p.textDocument.uri);
          return (c?.summary?.symbols ?? []).map((s) => planSymbolToLsp(c!.lines, s));
        },
        [],
      ),
    );
    connection.onFoldingRanges((p) =>
      guard.runAsync(
        'foldingRanges',
        async () => {
          const c = await documents.analysisFor(p.textDocument.uri);
          return (c?.summary?.folding ?? []).map(foldingToLsp);
        },
        [],
      ),
    );
    connection.onHover((p) =>
      guard.runAsync(
        'hover',
        async () => {
          const c = await documents.analysisFor(p.textDocument.uri);
          if (!c?.isPlan) return null;
          const linked = await linkedHover?.(p.textDocument.uri, p.position);
          if (linked) return linked;
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
