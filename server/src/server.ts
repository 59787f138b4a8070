/**
 * The language server: a thin adapter from LSP to the plan library. Start with
 * `node dist/server.js --stdio` (any LSP client) or over IPC (the VS Code extension).
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import {
  CodeActionKind,
  createConnection,
  type CodeAction,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceSymbol,
  SymbolKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ambitionSymbols,
  analyze,
  completions,
  documentSymbols,
  foldingRanges,
  hover,
  LineIndex,
  local,
  setLocale,
  t,
  templateAsMarkdown,
  templateSkeleton,
  withSeverities,
  exportPlan,
  fixesFor,
  planOverview,
  getLocale,
  type Analysis,
  type AnalyzeOptions,
  type Registry,
  type TemplateSet,
} from './core/index';
import { completionToLsp, findingToDiagnostic, foldingToLsp, hoverToLsp, planSymbolToLsp } from './convert';
import { renderOverviewBody, renderOverviewPage } from './render/index';
import { findFiles, loadConfig, REGISTRY_FILE, TEMPLATE_FILE, type LoadedConfig } from './node/config';
import {
  CheckWorkspaceRequest,
  ExportRequest,
  OverviewRequest,
  type ExportParams,
  type ExportResult,
  type OverviewParams,
  type OverviewResult,
  NewDocumentRequest,
  TemplatesRequest,
  TemplateTextRequest,
  type CheckWorkspaceResult,
  type NewDocumentParams,
  type NewDocumentResult,
  type PlanRequest,
  type TemplateInfo,
  type TemplatesParams,
  type TemplateTextParams,
  type TemplateTextResult,
} from './protocol';
import { DEFAULT_SETTINGS, readSettings, type PlanSettings } from './settings';

interface Cached {
  version: number;
  text: string;
  lines: LineIndex;
  analysis: Analysis;
  skipped?: string;
}

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;

export class PlanServer {
  readonly #connection: Connection;
  readonly #documents = new TextDocuments(TextDocument);
  readonly #cache = new Map<string, Cached>();
  readonly #pending = new Set<string>();
  #flushScheduled = false;
  #settings: PlanSettings = DEFAULT_SETTINGS;
  #config: LoadedConfig | undefined;
  #configLoading: Promise<LoadedConfig> | undefined;
  #roots: string[] = [];
  #hasConfigurationCapability = false;
  #snippetSupport = false;
  #publishedConfigFiles = new Set<string>();
  #workspaceIndex: Map<string, WorkspaceSymbol[]> | undefined;
  #configReloadTimer: NodeJS.Timeout | undefined;
  #planFileMatcher: ((file: string) => boolean) | undefined;

  constructor(connection: Connection) {
    this.#connection = connection;
    connection.onInitialize((p) => this.#initialize(p));
    connection.onInitialized(() => void this.#guardAsync('initialized', () => this.#initialized()));
    connection.onDidChangeConfiguration((change) => void this.#guardAsync('configuration', () => this.#reloadSettings(change.settings)));
    connection.onDidChangeWatchedFiles((p) =>
      this.#guard('watchedFiles', () => {
        for (const c of p.changes) {
          const file = uriToPath(c.uri);
          if (file && (TEMPLATE_FILE.test(file) || REGISTRY_FILE.test(file))) this.#scheduleConfigReload();
          else if (file && MARKDOWN.test(file)) this.#workspaceIndex?.delete(c.uri);
        }
      }, undefined),
    );
    this.#documents.onDidChangeContent((e) => this.#guard('change', () => this.#onContent(e.document.uri), undefined));
    this.#documents.onDidClose((e) =>
      this.#guard('close', () => {
        this.#cache.delete(e.document.uri);
        if (!this.#isConfigFile(e.document.uri)) connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
        else this.#scheduleConfigReload();
      }, undefined),
    );
    connection.onDocumentSymbol((p) => this.#guard('documentSymbol', () => {
      const c = this.#analysisFor(p.textDocument.uri);
      return c ? documentSymbols(c.analysis.plan).map((s) => planSymbolToLsp(c.lines, s)) : [];
    }, []));
    connection.onFoldingRanges((p) => this.#guard('foldingRanges', () => {
      const c = this.#analysisFor(p.textDocument.uri);
      return c ? foldingRanges(c.analysis.plan).map(foldingToLsp) : [];
    }, []));
    connection.onHover((p) => this.#guard('hover', () => {
      const c = this.#analysisFor(p.textDocument.uri);
      if (!c || !this.#config) return null;
      const h = hover(c.analysis.plan, c.lines.offsetAt(p.position), this.#scoped(p.textDocument.uri)!.registry, c.analysis.findings);
      return h ? hoverToLsp(c.lines, h) : null;
    }, null));
    connection.onCompletion((p) => this.#guard('completion', () => {
      const c = this.#analysisFor(p.textDocument.uri);
      if (!c || !this.#config) return [];
      const scoped = this.#scoped(p.textDocument.uri)!;
      const items = completions(c.analysis.plan, c.lines.offsetAt(p.position), { registry: scoped.registry, templates: scoped.templates, today: today() });
      return items.map((i) => this.#snippetFallback(completionToLsp(c.lines, i)));
    }, []));
    connection.onCodeAction((p) =>
      this.#guard('codeAction', (): CodeAction[] => {
        const c = this.#analysisFor(p.textDocument.uri);
        if (!c) return [];
        // Fixes come from the current analysis, matched to the client's diagnostics by code and place.
        const wanted = new Set(p.context.diagnostics.map((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}`));
        const range = { start: c.lines.offsetAt(p.range.start), end: c.lines.offsetAt(p.range.end) };
        return fixesFor(c.text, c.analysis.findings, range)
          .map((fix) => {
            const start = c.lines.positionAt(fix.finding.range.start);
            const key = `${fix.finding.code}@${start.line}:${start.character}`;
            if (p.context.diagnostics.length && !wanted.has(key)) return undefined;
            const action: CodeAction = {
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              isPreferred: fix.preferred,
              diagnostics: p.context.diagnostics.filter((d) => `${String(d.code)}@${d.range.start.line}:${d.range.start.character}` === key),
              edit: { changes: { [p.textDocument.uri]: fix.edits.map((e) => ({ range: c.lines.range(e.range), newText: e.newText })) } },
            };
            return action;
          })
          .filter((a): a is CodeAction => !!a);
      }, []),
    );
    connection.onWorkspaceSymbol((p) => this.#guardAsync('workspaceSymbol', () => this.#workspaceSymbols(p.query), []));
    onRequest(connection, TemplatesRequest, (p: TemplatesParams) => this.#guard('templates', () => this.#templates(p), []));
    onRequest(connection, NewDocumentRequest, (p: NewDocumentParams) =>
      this.#guard('newDocument', (): NewDocumentResult | null => {
        const tpl = this.#templateSet(p.uri)?.get(p.id);
        return tpl ? { snippet: templateSkeleton(tpl, today()) } : null;
      }, null),
    );
    onRequest(connection, TemplateTextRequest, (p: TemplateTextParams) => this.#guard('templateText', () => this.#templateText(p), {}));
    onRequest(connection, CheckWorkspaceRequest, () => this.#guardAsync('checkWorkspace', () => this.#checkWorkspace()).then((r) => r ?? null));
    onRequest(connection, OverviewRequest, (p: OverviewParams) =>
      this.#guard('overview', (): OverviewResult | null => {
        const c = this.#analysisFor(p.uri);
        if (!c) return null;
        const overview = planOverview(c.analysis, today());
        return { uri: p.uri, version: c.version, overview, html: renderOverviewBody(overview, { interactive: true, t, locale: getLocale() }) };
      }, null),
    );
    onRequest(connection, ExportRequest, (p: ExportParams) =>
      this.#guard('export', (): ExportResult | null => {
        const c = this.#analysisFor(p.uri);
        if (!c || !c.analysis.plan.planBy) return null;
        const base = path.basename(uriToPath(p.uri) ?? 'plan.md').replace(/(\.plan)?\.md$/i, '');
        if (p.format === 'json') return { content: JSON.stringify(exportPlan(c.analysis, today()), null, 2) + '\n', suggestedName: `${base}.json` };
        return { content: renderOverviewPage(planOverview(c.analysis, today()), today(), { t, locale: getLocale() }), suggestedName: `${base}.html` };
      }, null),
    );
    connection.onShutdown(() => {
      if (this.#configReloadTimer) clearTimeout(this.#configReloadTimer);
    });
    this.#documents.listen(connection);
  }

  // ---------------------------------------------------------------- lifecycle

  #initialize(params: InitializeParams): InitializeResult {
    const init = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown };
    setLocale(init.locale ?? params.locale ?? 'sv');
    if (init.settings) this.#settings = readSettings(init.settings);
    this.#hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    this.#snippetSupport = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    this.#roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
    if (!this.#roots.length && params.rootUri) {
      const root = uriToPath(params.rootUri);
      if (root) this.#roots.push(root);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentSymbolProvider: { label: 'Plan' },
        foldingRangeProvider: true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', ',', '.', '#'] },
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'plan-language-server', version: '0.1.0' },
    };
  }

  async #initialized(): Promise<void> {
    if (this.#hasConfigurationCapability) {
      try {
        await this.#connection.client.register(DidChangeConfigurationNotification.type, { section: 'plan' });
      } catch {
        // Clients without dynamic registration still send didChangeConfiguration.
      }
    }
    await this.#reloadSettings(undefined);
  }

  async #reloadSettings(pushed: unknown): Promise<void> {
    this.#planFileMatcher = undefined;
    if (this.#hasConfigurationCapability) {
      const got = await this.#connection.workspace.getConfiguration('plan').catch(() => undefined);
      this.#settings = readSettings(got ?? (pushed as { plan?: unknown })?.plan);
    } else if (pushed && typeof pushed === 'object') {
      this.#settings = readSettings((pushed as { plan?: unknown }).plan ?? pushed);
    }
    await this.#reloadConfig();
  }

  #scheduleConfigReload(): void {
    if (this.#configReloadTimer) clearTimeout(this.#configReloadTimer);
    this.#configReloadTimer = setTimeout(() => void this.#guardAsync('reloadConfig', () => this.#reloadConfig()), 150);
  }

  async #reloadConfig(): Promise<void> {
    const overlay = new Map<string, string>();
    for (const d of this.#documents.all()) {
      const file = uriToPath(d.uri);
      if (file && (TEMPLATE_FILE.test(file) || REGISTRY_FILE.test(file))) overlay.set(file, d.getText());
    }
    const loading = loadConfig({
      roots: this.#roots,
      templateFiles: this.#settings.templateFiles.map((f) => this.#resolvePath(f)),
      registryFile: this.#settings.registryFile ? this.#resolvePath(this.#settings.registryFile) : undefined,
      overlay,
    });
    this.#configLoading = loading;
    const config = await loading;
    if (this.#configLoading !== loading) return; // a newer load is on its way
    this.#config = config;
    this.#publishConfigDiagnostics(config);
    this.#cache.clear();
    this.#workspaceIndex = undefined;
    for (const d of this.#documents.all()) if (!this.#isConfigFile(d.uri)) this.#schedule(d.uri);
  }

  #resolvePath(p: string): string {
    if (/^file:/.test(p)) return uriToPath(p) ?? p;
    if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)) return p;
    return `${this.#roots[0] ?? process.cwd()}/${p}`;
  }

  #publishConfigDiagnostics(config: LoadedConfig): void {
    const now = new Set<string>();
    for (const f of config.files) {
      const uri = pathToFileURL(f.file).toString();
      now.add(uri);
      const lines = new LineIndex(f.text);
      const findings = withSeverities(f.findings, this.#settings.severity);
      this.#connection.sendDiagnostics({ uri, diagnostics: findings.map((x) => findingToDiagnostic(lines, x, uri)) });
    }
    for (const uri of this.#publishedConfigFiles) if (!now.has(uri)) this.#connection.sendDiagnostics({ uri, diagnostics: [] });
    this.#publishedConfigFiles = now;
  }

  #isConfigFile(uri: string): boolean {
    return TEMPLATE_FILE.test(uri) || REGISTRY_FILE.test(uri);
  }

  // ---------------------------------------------------------------- validation

  #onContent(uri: string): void {
    if (this.#isConfigFile(uri)) {
      this.#scheduleConfigReload();
      return;
    }
    this.#schedule(uri);
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
      for (const u of uris) this.#guard('validate', () => this.#validate(u), undefined);
    });
  }

  #validate(uri: string): void {
    if (!this.#config) return; // validation runs once the configuration has loaded
    const c = this.#analysisFor(uri);
    if (!c) return;
    const diagnostics: Diagnostic[] = c.skipped
      ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 2, code: 'plan.file.skipped', source: 'plan', message: c.skipped }]
      : c.analysis.findings.map((f) => findingToDiagnostic(c.lines, f, uri));
    this.#connection.sendDiagnostics({ uri, version: c.version, diagnostics });
  }

  #options(uri: string): AnalyzeOptions & { fileName: string } {
    const s = this.#settings;
    const fileName = uriToPath(uri) ?? uri;
    const scoped = this.#scoped(uri);
    return {
      fileName,
      planType: this.#isPlanFile(fileName) ? this.#settings.defaultDocumentType : undefined,
      templates: scoped?.templates,
      registry: scoped?.registry,
      severities: s.severity,
      style: s.style.enabled ? { yearRange: s.style.yearRange, skall: s.style.skall, twoDigitYear: s.style.twoDigitYear } : false,
      diarienummerPattern: s.diarienummerPattern || undefined,
    };
  }

  /** Whether the user's `plan.planFiles` patterns make this file a plan. */
  #isPlanFile(file: string): boolean {
    if (!this.#settings.planFiles.length) return false;
    if (!this.#planFileMatcher) {
      const match = picomatch(this.#settings.planFiles, { dot: true, nocase: true });
      this.#planFileMatcher = (f: string) => {
        const rels = this.#roots.map((r) => path.relative(r, f)).filter((r) => !r.startsWith('..'));
        return rels.some((r) => match(r.split(path.sep).join('/'))) || match(path.basename(f));
      };
    }
    return this.#planFileMatcher(file);
  }

  #templateSet(uri?: string): TemplateSet | undefined {
    if (!this.#config) return undefined;
    return uri ? this.#scoped(uri)?.templates : this.#config.templates;
  }

  #templates(p: TemplatesParams): TemplateInfo[] {
    return (this.#templateSet(p.uri)?.all() ?? []).map((tpl) => ({ id: tpl.id, name: local(tpl.name), description: local(tpl.description), origin: tpl.origin ?? 'builtin' }));
  }

  #templateText(p: TemplateTextParams): TemplateTextResult {
    let tpl = p.id ? this.#templateSet(p.uri)?.get(p.id) : undefined;
    if (!tpl && p.uri) tpl = this.#analysisFor(p.uri)?.analysis.plan.template;
    return tpl ? { id: tpl.id, markdown: templateAsMarkdown(tpl) } : {};
  }

  /** Checks every plan in the workspace folders and publishes its findings, open or not. */
  async #checkWorkspace(): Promise<CheckWorkspaceResult> {
    if (!this.#config) await this.#configLoading;
    const result: CheckWorkspaceResult = { files: 0, plans: 0, errors: 0, warnings: 0, other: 0 };
    const { readFile } = await import('node:fs/promises');
    for (const file of await findFiles(this.#roots, (n) => MARKDOWN.test(n), 20000)) {
      result.files++;
      const uri = pathToFileURL(file).toString();
      let findings: Diagnostic[];
      let version: number | undefined;
      const open = this.#analysisFor(uri);
      if (open) {
        if (!open.analysis.plan.planBy) continue;
        findings = open.analysis.findings.map((f) => findingToDiagnostic(open.lines, f, uri));
        version = open.version;
      } else {
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          continue;
        }
        if (text.length > this.#settings.maxFileSize || text.slice(0, 8000).includes('\u0000')) continue;
        const a = analyze(text, this.#options(uri));
        if (!a.plan.planBy) continue;
        findings = a.findings.map((f) => findingToDiagnostic(a.plan.md.lines, f, uri));
      }
      result.plans++;
      for (const d of findings) {
        if (d.severity === 1) result.errors++;
        else if (d.severity === 2) result.warnings++;
        else result.other++;
      }
      this.#connection.sendDiagnostics({ uri, version, diagnostics: findings });
    }
    return result;
  }

  /** The templates and registry that apply to a document: its folder's, else the workspace's. */
  #scoped(uri: string): { templates: TemplateSet; registry: Registry } | undefined {
    if (!this.#config) return undefined;
    const file = uriToPath(uri);
    return file ? this.#config.forFile(file) : { templates: this.#config.templates, registry: this.#config.registry };
  }

  /** The analysis of the open document's current version, computed once per version. */
  #analysisFor(uri: string): Cached | undefined {
    const doc = this.#documents.get(uri);
    if (!doc || this.#isConfigFile(uri)) return undefined;
    const cached = this.#cache.get(uri);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const lines = new LineIndex(text);
    let skipped: string | undefined;
    let analysis: Analysis;
    if (text.length > this.#settings.maxFileSize) skipped = t('The file is too large to check ({0} characters; the limit is {1}).', text.length, this.#settings.maxFileSize);
    else if (text.slice(0, 8000).includes('\u0000')) skipped = t('The file looks binary and is not checked.');
    if (skipped) analysis = analyze('', { fileName: '' });
    else analysis = analyze(text, this.#options(uri));
    const entry: Cached = { version: doc.version, text, lines, analysis, skipped };
    this.#cache.set(uri, entry);
    return entry;
  }

  // ---------------------------------------------------------------- workspace symbols

  async #workspaceSymbols(query: string): Promise<WorkspaceSymbol[]> {
    if (!this.#config) await this.#configLoading;
    if (!this.#workspaceIndex) {
      const index = new Map<string, WorkspaceSymbol[]>();
      const files = await findFiles(this.#roots, (n) => MARKDOWN.test(n), 5000);
      const { readFile } = await import('node:fs/promises');
      for (const file of files) {
        const uri = pathToFileURL(file).toString();
        if (this.#documents.get(uri)) continue;
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          continue;
        }
        if (text.length > this.#settings.maxFileSize || (!/^---\s*\n[\s\S]*?dokumenttyp\s*:/.test(text.slice(0, 4000)) && !/\.\w+\.md$/i.test(file))) continue;
        index.set(uri, this.#symbolsOf(uri, analyze(text, this.#options(uri))));
      }
      this.#workspaceIndex = index;
    }
    const all = new Map(this.#workspaceIndex);
    for (const d of this.#documents.all()) {
      const c = this.#analysisFor(d.uri);
      if (c) all.set(d.uri, this.#symbolsOf(d.uri, c.analysis, c.lines));
    }
    const q = query.toLocaleLowerCase('sv');
    const out: WorkspaceSymbol[] = [];
    for (const list of all.values()) for (const s of list) if (!q || fuzzy(s.name.toLocaleLowerCase('sv'), q)) out.push(s);
    return out;
  }

  #symbolsOf(uri: string, analysis: Analysis, lines = analysis.plan.md.lines): WorkspaceSymbol[] {
    return ambitionSymbols(analysis.plan).map((s) => ({ name: s.name, kind: SymbolKind.Class, containerName: s.container, location: { uri, range: lines.range(s.range) } }));
  }

  // ---------------------------------------------------------------- robustness

  #snippetFallback(item: CompletionItem): CompletionItem {
    if (this.#snippetSupport || item.insertTextFormat !== 2 || !item.textEdit) return item;
    const plain = item.textEdit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '');
    return { ...item, insertTextFormat: 1, textEdit: { ...item.textEdit, newText: plain } };
  }

  #guard<T>(what: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      this.#connection.console.error(`plan: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }

  async #guardAsync<T>(what: string, fn: () => Promise<T>, fallback?: T): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      this.#connection.console.error(`plan: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }
}

/**
 * `connection.onRequest` for a request of protocol.ts, typed by its request object. Registered by
 * the request's method: vscode-languageserver carries its own copy of the protocol package, whose
 * RequestType class TypeScript does not take for the one the client and protocol.ts share.
 */
function onRequest<P, R>(connection: Connection, request: PlanRequest<P, R>, handler: (params: P) => NoInfer<R> | Promise<NoInfer<R>>): void {
  connection.onRequest<unknown, unknown>(request.method, (params: P) => handler(params));
}

function fuzzy(name: string, q: string): boolean {
  let i = 0;
  for (const ch of name) if (ch === q[i]) i++;
  return i === q.length || name.includes(q);
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function main(): void {
  const connection = createConnection(ProposedFeatures.all);
  new PlanServer(connection);
  process.on('uncaughtException', (e) => connection.console.error(`plan: uncaught ${e.stack ?? e.message}`));
  process.on('unhandledRejection', (e) => connection.console.error(`plan: unhandled ${String(e)}`));
  connection.listen();
}

