/**
 * The workspace beyond the open documents: workspace symbols (the ambitions of every plan, from
 * an index of the files on disk kept until a file or the configuration changes) and
 * plan/checkWorkspace (every plan checked and its findings published, open or not).
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { SymbolKind, type Connection, type Diagnostic, type WorkspaceSymbol } from 'vscode-languageserver/node';
import { ambitionSymbols, analyze, mayBePlan, skipReason, type Analysis } from '../core/index';
import { findMarkdownFiles } from '../node/config';
import { CheckWorkspaceRequest, type CheckWorkspaceResult } from '../protocol';
import type { Configuration } from './configuration';
import { findingToDiagnostic } from './convert';
import type { PlanDocuments } from './documents';
import { fuzzy, onRequest, type Guard } from './util';

export class WorkspacePlans {
  readonly #connection: Connection;
  readonly #configuration: Configuration;
  readonly #documents: PlanDocuments;
  /** Workspace symbols of the plans on disk that are not open, by URI. */
  #index: Map<string, WorkspaceSymbol[]> | undefined;

  constructor(connection: Connection, configuration: Configuration, documents: PlanDocuments, guard: Guard) {
    this.#connection = connection;
    this.#configuration = configuration;
    this.#documents = documents;
    connection.onWorkspaceSymbol((p) => guard.runAsync('workspaceSymbol', () => this.symbols(p.query), []));
    onRequest(connection, CheckWorkspaceRequest, () => guard.runAsync('checkWorkspace', () => this.check()).then((r) => r ?? null));
  }

  /** A Markdown file changed on disk. */
  forget(uri: string): void {
    this.#index?.delete(uri);
  }

  /** Templates or registry changed: index again when next asked. */
  clear(): void {
    this.#index = undefined;
  }

  async symbols(query: string): Promise<WorkspaceSymbol[]> {
    await this.#configuration.whenLoaded();
    if (!this.#index) {
      const index = new Map<string, WorkspaceSymbol[]>();
      const files = await findMarkdownFiles([...this.#configuration.roots], 5000);
      for (const file of files) {
        const uri = pathToFileURL(file).toString();
        if (this.#documents.isOpen(uri)) continue;
        let text: string;
        try {
          text = await readFile(file, 'utf8');
        } catch {
          continue;
        }
        const templates = this.#configuration.scoped(uri)?.templates.all();
        if (skipReason(text, this.#configuration.settings.maxFileSize) || !mayBePlan(text, file, templates)) continue;
        index.set(uri, symbolsOf(uri, analyze(text, this.#configuration.analyzeOptions(uri))));
      }
      this.#index = index;
    }
    const all = new Map(this.#index);
    for (const uri of this.#documents.openUris()) {
      const c = this.#documents.analysisFor(uri);
      if (c) all.set(uri, symbolsOf(uri, c.analysis, c.lines));
    }
    const q = query.toLocaleLowerCase('sv');
    const out: WorkspaceSymbol[] = [];
    for (const list of all.values()) for (const s of list) if (!q || fuzzy(s.name.toLocaleLowerCase('sv'), q)) out.push(s);
    return out;
  }

  /** Checks every plan in the workspace folders and publishes its findings, open or not. */
  async check(): Promise<CheckWorkspaceResult> {
    await this.#configuration.whenLoaded();
    const result: CheckWorkspaceResult = { files: 0, plans: 0, errors: 0, warnings: 0, other: 0 };
    for (const file of await findMarkdownFiles([...this.#configuration.roots], 20000)) {
      result.files++;
      const uri = pathToFileURL(file).toString();
      let findings: Diagnostic[];
      let version: number | undefined;
      const open = this.#documents.analysisFor(uri);
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
        if (skipReason(text, this.#configuration.settings.maxFileSize)) continue;
        const a = analyze(text, this.#configuration.analyzeOptions(uri));
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
}

function symbolsOf(uri: string, analysis: Analysis, lines = analysis.plan.md.lines): WorkspaceSymbol[] {
  return ambitionSymbols(analysis.plan).map((s) => ({
    name: s.name,
    kind: SymbolKind.Class,
    containerName: s.container,
    location: { uri, range: lines.range(s.range) },
  }));
}
