/**
 * The workspace beyond the open documents: workspace symbols (the ambitions of every plan, from
 * an index of the files on disk kept until a file or the configuration changes) and
 * plan/checkWorkspace (every plan checked and its findings published, open or not).
 *
 * Files on disk are measured before they are read: one larger than `plan.maxFileSize` allows is
 * never read. The analyses run in the worker pool like the open documents', behind them, with the
 * same budget; a file that outlives it is left out.
 */
import { SymbolKind } from './lsp-values';
import type { CancellationToken, Connection, Diagnostic, WorkDoneProgressReporter, WorkspaceSymbol } from 'vscode-languageserver/node';
import { MARKDOWN_NAMES } from '../config-files';
import { LineIndex, mayBePlan, skipReason, t, type Finding, type RegisterEntry } from '../core/index';
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from '../protocol';
import type { Analyzer, ServerHost } from './host';
import type { Configuration } from './configuration';
import { findingToDiagnostic } from './convert';
import type { SharedReads } from './disk-reads';
import { outlineOf, type PlanDocuments } from './documents';
import { fuzzy, onRequest, type Guard } from './util';
import type { AnalysisSummary } from './worker';

export class WorkspacePlans {
  readonly #connection: Connection;
  readonly #configuration: Configuration;
  readonly #documents: PlanDocuments;
  readonly #pool: Analyzer;
  readonly #host: ServerHost;
  /** Reads of files on disk, shared with the register's scan (disk-reads.ts). */
  readonly #reads: SharedReads;
  /** Workspace symbols of the plans on disk that are not open, by URI. */
  #index: Map<string, WorkspaceSymbol[]> | undefined;
  #indexing: Promise<Map<string, WorkspaceSymbol[]>> | undefined;
  /** Findings from beyond the document (the register, register.ts): of an open document, or of a file's fresh entry. */
  #extra: ((uri: string, entry?: RegisterEntry) => Promise<Finding[]>) | undefined;

  constructor(
    connection: Connection,
    configuration: Configuration,
    documents: PlanDocuments,
    pool: Analyzer,
    guard: Guard,
    host: ServerHost,
    reads: SharedReads,
  ) {
    this.#reads = reads;
    this.#connection = connection;
    this.#configuration = configuration;
    this.#documents = documents;
    this.#pool = pool;
    this.#host = host;
    connection.onWorkspaceSymbol((p) => guard.runAsync('workspaceSymbol', () => this.symbols(p.query), []));
    onRequest(connection, CheckWorkspaceRequest, (_p, token, progress) =>
      guard.runAsync('checkWorkspace', () => this.check(token, progress)).then((r) => r ?? null),
    );
  }

  /** Findings the workspace check adds to each document's own (register.ts). */
  setExtraFindings(extra: (uri: string, entry?: RegisterEntry) => Promise<Finding[]>): void {
    this.#extra = extra;
  }

  /** A Markdown file changed on disk. */
  forget(uri: string): void {
    this.#index?.delete(uri);
    const file = this.#host.toFile(uri);
    if (file) this.#reads.forget(file);
  }

  /** Templates or registry changed: index again when next asked. */
  clear(): void {
    this.#index = undefined;
    this.#indexing = undefined;
  }

  async symbols(query: string): Promise<WorkspaceSymbol[]> {
    await this.#configuration.whenLoaded();
    const index = this.#index ?? (await (this.#indexing ??= this.#buildIndex()));
    const all = new Map(index);
    for (const uri of this.#documents.openUris()) {
      const c = await this.#documents.analysisFor(uri);
      await outlineOf(c);
      if (c?.summary) all.set(uri, symbolsOf(uri, c.summary, c.lines));
    }
    const q = query.toLocaleLowerCase('sv');
    const out: WorkspaceSymbol[] = [];
    for (const list of all.values()) for (const s of list) if (!q || fuzzy(s.name.toLocaleLowerCase('sv'), q)) out.push(s);
    return out;
  }

  async #buildIndex(): Promise<Map<string, WorkspaceSymbol[]>> {
    const indexing = this.#indexing;
    const index = new Map<string, WorkspaceSymbol[]>();
    const files = (await this.#host.fs.findFiles([...this.#configuration.roots], MARKDOWN_NAMES, 5000)).filter(
      (f) => !this.#documents.isOpen(this.#host.toUri(f)),
    );
    await eachLimited(files, this.#pool.lanes, async (file) => {
      const uri = this.#host.toUri(file);
      const text = await this.#readPlan(file, uri);
      if (text === undefined) return;
      const outcome = await this.#pool.run(text, this.#configuration.analyzeOptions(uri), true);
      if (outcome.status === 'done' && outcome.summary.isPlan) index.set(uri, symbolsOf(uri, outcome.summary, new LineIndex(text)));
    });
    if (this.#indexing === indexing) this.#index = index;
    return index;
  }

  /**
   * A file's text when it is small enough to check and could be a plan; undefined otherwise. The
   * size is measured first: a file that must be over the limit is never read.
   */
  async #readPlan(file: string, uri: string): Promise<string | undefined> {
    const max = this.#configuration.settings.maxFileSize;
    const read = await this.#reads.read(file, max);
    if (read?.kind !== 'text') return undefined;
    const text = read.text;
    const options = this.#configuration.analyzeOptions(uri);
    if (skipReason(text, max)) return undefined;
    if (!options.planType && !mayBePlan(text, file, options.templates?.all())) return undefined;
    return text;
  }

  /**
   * Checks every plan of the workspace folders and publishes its findings, open or not. Reports how many files are
   * done through the client's work-done token, when it sent one, and stops at a cancellation with
   * the counts so far.
   */
  async check(token?: CancellationToken, progress?: WorkDoneProgressReporter): Promise<CheckWorkspaceResult> {
    await this.#configuration.whenLoaded();
    const result: CheckWorkspaceResult = { files: 0, plans: 0, errors: 0, warnings: 0, other: 0 };
    progress?.begin(t('Checking the plans in the workspace …'), 0, undefined, true);
    const files = await this.#host.fs.findFiles([...this.#configuration.roots], MARKDOWN_NAMES, 20000);
    result.files = files.length;
    let done = 0;
    let reported = -1;
    const tick = () => {
      done++;
      const percent = Math.floor((done * 100) / Math.max(1, files.length));
      if (percent === reported) return;
      reported = percent;
      progress?.report(percent, t('{0} of {1} files', done, files.length));
    };
    await eachLimited(files, this.#pool.lanes, async (file) => {
      if (token?.isCancellationRequested) {
        result.cancelled = true;
        return;
      }
      try {
        await this.#checkFile(file, result);
      } finally {
        tick();
      }
    });
    progress?.done();
    return result;
  }

  async #checkFile(file: string, result: CheckWorkspaceResult): Promise<void> {
    const uri = this.#host.toUri(file);
    let findings: Diagnostic[];
    let version: number | undefined;
    if (this.#documents.isOpen(uri)) {
      const open = await this.#documents.analysisFor(uri);
      if (!open?.isPlan) return;
      const extra = (await this.#extra?.(uri)) ?? [];
      findings = [...open.findings, ...extra].map((f) => findingToDiagnostic(open.lines, f, uri));
      version = open.version;
    } else {
      const text = await this.#readPlan(file, uri);
      if (text === undefined) return;
      const outcome = await this.#pool.run(text, this.#configuration.analyzeOptions(uri), true);
      if (outcome.status !== 'done' || !outcome.summary.isPlan) return;
      const lines = new LineIndex(text);
      const extra = outcome.summary.register ? ((await this.#extra?.(uri, outcome.summary.register)) ?? []) : [];
      findings = [...outcome.summary.findings, ...extra].map((f) => findingToDiagnostic(lines, f, uri));
    }
    result.plans++;
    for (const d of findings) {
      if (d.severity === 1) result.errors++;
      else if (d.severity === 2) result.warnings++;
      else result.other++;
    }
    this.#connection.sendDiagnostics({ uri, version, diagnostics: findings });
  }
}

function symbolsOf(uri: string, summary: AnalysisSummary, lines: LineIndex): WorkspaceSymbol[] {
  return summary.ambitions.map((s) => ({
    name: s.name,
    kind: SymbolKind.Class,
    containerName: s.container,
    location: { uri, range: lines.range(s.range) },
  }));
}

/** Runs `fn` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}
