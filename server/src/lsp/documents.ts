/**
 * The open documents' analyses: each version analysed once (answers and diagnostics share it),
 * changes coalesced so a burst of edits is analysed once right after, diagnostics published with
 * the version they belong to. Template and registry files are not analysed here (configuration.ts).
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, LineIndex, skipReason, type Analysis } from '../core/index';
import { isConfigFile, type Configuration } from './configuration';
import { findingToDiagnostic } from './convert';
import type { Guard } from './util';

export interface Cached {
  version: number;
  text: string;
  lines: LineIndex;
  analysis: Analysis;
  /** Why the document is not checked (too large, binary). */
  skipped?: string;
}

export class PlanDocuments {
  readonly #connection: Connection;
  readonly #documents: TextDocuments<TextDocument>;
  readonly #configuration: Configuration;
  readonly #guard: Guard;
  readonly #cache = new Map<string, Cached>();
  readonly #pending = new Set<string>();
  #flushScheduled = false;

  constructor(connection: Connection, documents: TextDocuments<TextDocument>, configuration: Configuration, guard: Guard) {
    this.#connection = connection;
    this.#documents = documents;
    this.#configuration = configuration;
    this.#guard = guard;
  }

  /** Whether the client has this document open. */
  isOpen(uri: string): boolean {
    return !!this.#documents.get(uri);
  }

  /** The open documents' URIs. */
  openUris(): string[] {
    return this.#documents.all().map((d) => d.uri);
  }

  /** The analysis of the open document's current version, computed once per version. */
  analysisFor(uri: string): Cached | undefined {
    const doc = this.#documents.get(uri);
    if (!doc || isConfigFile(uri)) return undefined;
    const cached = this.#cache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const lines = new LineIndex(text);
    const { maxFileSize } = this.#configuration.settings;
    const skipped = skipReason(text, maxFileSize)?.message;
    const analysis = skipped ? analyze('', { fileName: '' }) : analyze(text, this.#configuration.analyzeOptions(uri));
    const entry: Cached = { version: doc.version, text, lines, analysis, skipped };
    this.#cache.set(uri, entry);
    return entry;
  }

  /** A document's text changed: check it again (soon). */
  changed(uri: string): void {
    this.#schedule(uri);
  }

  /** A document closed: forget it and clear its diagnostics. */
  closed(uri: string): void {
    this.#cache.delete(uri);
    this.#connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Templates or registry changed: every open document is checked again. */
  invalidateAll(): void {
    this.#cache.clear();
    for (const d of this.#documents.all()) if (!isConfigFile(d.uri)) this.#schedule(d.uri);
  }

  /** Coalesces changes: a document is analysed once for its newest version, right after the burst. */
  #schedule(uri: string): void {
    this.#pending.add(uri);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      const uris = [...this.#pending];
      this.#pending.clear();
      for (const u of uris) this.#guard.run('validate', () => this.#validate(u), undefined);
    });
  }

  #validate(uri: string): void {
    if (!this.#configuration.loaded) return; // validation runs once the configuration has loaded
    const c = this.analysisFor(uri);
    if (!c) return;
    const diagnostics: Diagnostic[] = c.skipped
      ? [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: 2,
            code: 'plan.file.skipped',
            source: 'plan',
            message: c.skipped,
          },
        ]
      : c.analysis.findings.map((f) => findingToDiagnostic(c.lines, f, uri));
    this.#connection.sendDiagnostics({ uri, version: c.version, diagnostics });
  }
}
