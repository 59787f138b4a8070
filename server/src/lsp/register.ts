/**
 * The workspace's register of governing documents (core/register/): every document's entry, from
 * the files on disk (scanned once, measured before they are read, analysed in the pool behind the
 * open documents) and from the open documents' newest analyses; kept up to date file by file.
 *
 * It adds the register's findings (ties, titles named in the body, validity and revision) to an
 * open document's diagnostics, and publishes again the open documents whose register findings a
 * change elsewhere altered (only those). Go to definition, document links and hover on every
 * reference to another document; `plan/register` and `plan/registerExport` for the Styrdokument
 * view and the exports.
 */
import type { Connection, DocumentLink, Hover, Location, Position } from 'vscode-languageserver/node';
import {
  documentHeader,
  DocumentRegister,
  mayBePlan,
  referenceAt,
  registerCsv,
  registerFindings,
  registerFindingsOf,
  registerJson,
  registerTable,
  registerTree,
  skipReason,
  type Finding,
  type OffsetRange,
  type RegisterDocument,
  type RegisterEntry,
  NO_RUNS,
} from '../core/index';
import { MARKDOWN_NAMES } from '../config-files';
import { RegisterExportRequest, RegisterRequest, type RegisterResult } from '../protocol';
import type { Analyzer, ServerHost } from './host';
import type { Configuration } from './configuration';
import type { SharedReads } from './disk-reads';
import type { Cached, PlanDocuments } from './documents';
import { nextTurn, onRequest, today, type Guard } from './util';

/** The most files the register reads from disk. */
const MAX_FILES = 5000;

export class WorkspaceRegister {
  readonly #configuration: Configuration;
  readonly #documents: PlanDocuments;
  readonly #pool: Analyzer;
  readonly #host: ServerHost;
  readonly #guard: Guard;
  /** Reads of files on disk, shared with the workspace check (disk-reads.ts). */
  readonly #reads: SharedReads;
  /** Entries of files on disk (without their body text, which only an open document's check reads). */
  #disk = new Map<string, RegisterEntry>();
  /** Entries of the open documents, from their newest analyses. */
  readonly #open = new Map<string, RegisterEntry>();
  /** The scan that has finished (`#scanned`). */
  #scanDone: Promise<void> | undefined;
  #scan: Promise<void> | undefined;
  /** Counts the scans: a scan that a newer one replaced (clear) leaves the result to it. */
  #scans = 0;
  #ready = false;
  #register: DocumentRegister | undefined;
  /** The register findings last published per open document, to publish again only what changed. */
  readonly #published = new Map<string, string>();

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
    this.#host = host;
    this.#configuration = configuration;
    this.#documents = documents;
    this.#pool = pool;
    this.#guard = guard;
    documents.setExtraFindings((uri, c) => this.#findingsOnPublish(uri, c));
    // textDocument/definition: server.ts routes it here after the references to parts and ambitions (refactor.ts).
    connection.onDocumentLinks((p) => guard.runAsync('documentLinks', () => this.links(p.textDocument.uri), []));
    onRequest(connection, RegisterRequest, () => guard.runAsync('register', () => this.table()).then((r) => r ?? null));
    onRequest(connection, RegisterExportRequest, (p) =>
      guard
        .runAsync('registerExport', async () => {
          const t = await this.table();
          const pathOf = (uri: string) => t.paths[uri] ?? uri;
          const table = { today: t.today, rows: t.rows };
          return p?.format === 'json'
            ? { content: registerJson(table, pathOf), suggestedName: 'styrdokument.json' }
            : { content: registerCsv(table, pathOf), suggestedName: 'styrdokument.csv' };
        })
        .then((r) => r ?? null),
    );
  }

  /** The day the register judges validity on: the setting plan.today, else the real date. */
  get today(): string {
    return this.#configuration.settings.today || today();
  }

  /** Starts the scan of the workspace's files (once the configuration has loaded). */
  start(): void {
    void this.#guard.runAsync('registerScan', () => this.#ensureScanned());
  }

  /** Templates, registry or settings changed: read every file again. */
  clear(): void {
    this.#disk = new Map();
    this.#scan = undefined;
    this.#ready = false;
    this.#changed();
    this.start();
  }

  /** A Markdown file changed on disk (created, changed or deleted): read it again unless it is open. */
  fileChanged(uri: string): void {
    if (this.#documents.isOpen(uri)) return;
    const file = this.#host.toFile(uri);
    if (file) this.#reads.forget(file);
    void this.#guard.runAsync('registerFile', async () => {
      await this.#scan;
      const entry = await this.#read(uri);
      if (entry) this.#disk.set(uri, entry);
      else this.#disk.delete(uri);
      this.#changed();
    });
  }

  /** An open document closed: its entry is the file's on disk again. */
  closed(uri: string): void {
    this.#open.delete(uri);
    this.#published.delete(uri);
    this.fileChanged(uri);
  }

  async #ensureScanned(): Promise<void> {
    await this.#configuration.whenLoaded();
    const scan = (this.#scan ??= this.#scanAll());
    await scan;
    this.#scanDone = scan;
  }

  /** Whether the workspace's files have been read (for the scan in force). */
  get #scanned(): boolean {
    return !!this.#scan && this.#scanDone === this.#scan;
  }

  async #scanAll(): Promise<void> {
    const mine = ++this.#scans;
    const disk = new Map<string, RegisterEntry>();
    const files = await this.#host.fs.findFiles([...this.#configuration.roots], MARKDOWN_NAMES, MAX_FILES);
    let next = 0;
    const lanes = Array.from({ length: Math.min(this.#pool.lanes, files.length) }, async () => {
      while (next < files.length) {
        const uri = this.#host.toUri(files[next++]);
        const entry = await this.#read(uri);
        if (entry) disk.set(uri, entry);
      }
    });
    await Promise.all(lanes);
    if (this.#scans !== mine) return; // cleared meanwhile: the newer scan decides
    this.#disk = disk;
    this.#ready = true;
    this.#changed();
  }

  /** A file's register entry, or undefined when it is no governing document (or too large, or unreadable). */
  async #read(uri: string): Promise<RegisterEntry | undefined> {
    const file = this.#host.toFile(uri);
    if (!file) return undefined;
    const max = this.#configuration.settings.maxFileSize;
    const read = await this.#reads.read(file, max);
    if (read?.kind !== 'text') return undefined;
    const text = read.text;
    const options = this.#configuration.analyzeOptions(uri);
    if (skipReason(text, max) || (!options.planType && !mayBePlan(text, file, options.templates?.all()))) return undefined;
    const outcome = await this.#pool.run(text, options, true);
    if (outcome.status !== 'done' || !outcome.summary.register) return undefined;
    return { ...outcome.summary.register, textRuns: NO_RUNS };
  }

  /** The register: the files on disk, each open document's newest entry in place of its file's. */
  #current(): DocumentRegister {
    if (!this.#register) {
      const docs = new Map<string, RegisterDocument>();
      for (const [uri, entry] of this.#disk) docs.set(uri, { uri, entry });
      for (const [uri, entry] of this.#open) docs.set(uri, { uri, entry });
      this.#register = new DocumentRegister(docs.values());
    }
    return this.#register;
  }

  /** Entries changed: publish again each open document whose register findings are now different. */
  #changed(): void {
    this.#register = undefined;
    if (!this.#ready) return;
    for (const uri of this.#documents.openUris()) {
      // Only governing documents have register findings: others (and skipped ones) are left alone.
      if (!this.#open.has(uri)) continue;
      const key = JSON.stringify(this.#findings(uri));
      if ((this.#published.get(uri) ?? '[]') !== key) this.#documents.republish(uri);
    }
  }

  #findings(uri: string): Finding[] {
    if (!this.#ready || !this.#open.has(uri)) return [];
    const s = this.#configuration.settings;
    return registerFindings(this.#current(), uri, { today: this.today, warnDays: s.warnDays, severities: s.severity });
  }

  /**
   * The register findings the workspace check publishes: an open document's (as its diagnostics
   * have them), or a file's from the fresh entry of its analysis (with its body text).
   */
  async findingsForCheck(uri: string, entry?: RegisterEntry): Promise<Finding[]> {
    await this.#ensureScanned();
    if (!entry) return this.#findings(uri);
    const s = this.#configuration.settings;
    return registerFindingsOf(this.#current(), { uri, entry }, { today: this.today, warnDays: s.warnDays, severities: s.severity });
  }

  /** Called as an open document's diagnostics are published: its entry is taken from that analysis. */
  #findingsOnPublish(uri: string, c: Cached): Finding[] {
    const entry = c.status === 'checked' && c.isPlan ? c.summary?.register : undefined;
    const before = this.#open.get(uri);
    if (entry) this.#open.set(uri, entry);
    else this.#open.delete(uri);
    if (!sameTies(before, entry)) {
      this.#register = undefined;
      // Other open documents may link to this one: theirs after this one's.
      nextTurn(() => this.#guard.run('registerChanged', () => this.#changed(), undefined));
    } else this.#register = undefined;
    this.start();
    const findings = this.#findings(uri);
    this.#published.set(uri, JSON.stringify(findings));
    return findings;
  }

  /** The register with the open document's entry from the analysis of its current text. */
  async #withOpen(uri: string): Promise<DocumentRegister | undefined> {
    const c = await this.#documents.analysisFor(uri);
    const entry = c?.summary?.register;
    if (!c || !entry) return undefined;
    await this.#ensureScanned();
    if (this.#open.get(uri) !== entry) {
      this.#open.set(uri, entry);
      this.#register = undefined;
    }
    return this.#current();
  }

  async #offset(uri: string, position: Position): Promise<number | undefined> {
    const c = await this.#documents.analysisFor(uri);
    return c?.lines.offsetAt(position);
  }

  async definition(uri: string, position: Position): Promise<Location[] | null> {
    const register = await this.#withOpen(uri);
    const offset = await this.#offset(uri, position);
    if (!register || offset === undefined) return null;
    const ref = referenceAt(register, uri, offset);
    if (!ref?.targets.length) return null;
    return ref.targets.map((t) => ({ uri: t.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }));
  }

  async links(uri: string): Promise<DocumentLink[]> {
    const register = await this.#withOpen(uri);
    const c = await this.#documents.analysisFor(uri);
    const doc = register?.get(uri);
    if (!register || !doc || !c) return [];
    return register
      .references(doc)
      .filter((r) => r.targets.length === 1)
      .map((r) => ({ range: c.lines.range(r.ref.range), target: r.targets[0].uri, tooltip: r.targets[0].entry.title }));
  }

  /** The linked document's header, when the position is on a reference to one. */
  async hover(uri: string, position: Position): Promise<Hover | null> {
    const register = await this.#withOpen(uri);
    const c = await this.#documents.analysisFor(uri);
    if (!register || !c) return null;
    const h = this.#hoverIn(register, uri, c.lines.offsetAt(position));
    return h && { contents: { kind: 'markdown', value: h.value }, range: c.lines.range(h.range) };
  }

  /**
   * The same on an earlier analysis of the document (`c`, documents.ts `recent`), at `offset` in its
   * text, if the register holds that analysis's entry and has been read; undefined if not (the
   * caller then asks `hover`).
   */
  hoverOn(uri: string, c: Cached, offset: number): { value: string; range: OffsetRange } | null | undefined {
    const entry = c.summary?.register;
    if (!entry) return null;
    if (this.#open.get(uri) !== entry || !this.#scanned) return undefined;
    return this.#hoverIn(this.#current(), uri, offset);
  }

  #hoverIn(register: DocumentRegister, uri: string, offset: number): { value: string; range: OffsetRange } | null {
    const ref = referenceAt(register, uri, offset);
    if (!ref?.targets.length) return null;
    const value = ref.targets.map((t) => documentHeader(register, t, this.today, this.#configuration.settings.warnDays)).join('\n\n---\n\n');
    return { value, range: ref.ref.range };
  }

  /** The register as the Styrdokument view shows it. */
  async table(): Promise<RegisterResult> {
    await this.#ensureScanned();
    for (const uri of this.#documents.openUris()) await this.#withOpen(uri);
    const register = this.#current();
    const table = registerTable(register, this.today, this.#configuration.settings.warnDays);
    const paths: Record<string, string> = {};
    for (const r of table.rows) paths[r.uri] = this.#relative(r.uri);
    return { today: table.today, rows: table.rows, tree: registerTree(table), paths };
  }

  #relative(uri: string): string {
    const file = this.#host.toFile(uri);
    if (!file) return uri;
    const roots = this.#configuration.roots;
    for (const root of roots) {
      const rel = this.#host.relative(root, file);
      if (rel !== undefined) return roots.length > 1 ? `${this.#host.fs.basename(root)}/${rel}` : rel;
    }
    return file;
  }
}

/** Whether two entries say the same to other documents (everything but the body text). */
function sameTies(a: RegisterEntry | undefined, b: RegisterEntry | undefined): boolean {
  const key = (e: RegisterEntry | undefined) =>
    e ? JSON.stringify({ ...e, textRuns: undefined, links: e.links.map((l) => [l.role, l.text]), ranges: undefined }) : '';
  return key(a) === key(b);
}
