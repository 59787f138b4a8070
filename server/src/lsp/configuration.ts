/**
 * The server's configuration: the `plan` settings, the workspace roots, the templates and the
 * registry loaded from the workspace's files (reloaded, debounced, when one changes), and the
 * findings in those files published as their diagnostics. Tells its listeners after each reload.
 *
 * Workspace trust: the client says whether the workspace is trusted (`initializationOptions.trusted`,
 * then `plan/didChangeWorkspaceTrust` when the user grants trust); a client that says nothing is
 * trusted. In an untrusted workspace only the built-in templates and registry apply: no template or
 * registry file of the workspace is read, and `plan.templateFiles`, `plan.registryFile`,
 * `plan.planFiles` and `plan.diarienummerPattern` are ignored (a pattern from the workspace could
 * be made to run slowly; files from it are its author's, not the user's); `plan.maxFileSize` and
 * `plan.analysisTimeout` can only be lowered. The user is told once.
 */
import { DidChangeConfigurationNotification, Emitter, MessageType, ShowMessageNotification } from './lsp-values';
import type { Connection, Event, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, t, withSeverities, type AnalyzeOptions, type Registry, type TemplateSet } from '../core/index';
import { compileGlobs } from '../core/glob';
import { CONFIG_NAMES, loadConfigFrom, REGISTRY_FILE, TEMPLATE_FILE, type LoadedConfig } from '../config-files';
import { DEFAULT_SETTINGS, readSettings, type PlanSettings } from '../settings';
import { findingToDiagnostic } from './convert';
import type { ServerHost } from './host';
import type { Guard } from './util';

/** A template or registry file, by its URI or path. */
export function isConfigFile(uri: string): boolean {
  return TEMPLATE_FILE.test(uri) || REGISTRY_FILE.test(uri);
}

/** The notification by which the client tells the server that the workspace's trust changed (`{ trusted: boolean }`). */
export const WORKSPACE_TRUST_NOTIFICATION = 'plan/didChangeWorkspaceTrust';

/** The settings an untrusted workspace cannot set: each is ignored there. */
export const RESTRICTED_SETTINGS = ['templateFiles', 'registryFile', 'planFiles', 'diarienummerPattern'] as const;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Template and registry files larger than this (characters) are not read, whatever `plan.maxFileSize` says. */
export const MAX_CONFIG_FILE_SIZE = 1_000_000;

export class Configuration {
  readonly #connection: Connection;
  readonly #documents: TextDocuments<TextDocument>;
  readonly #guard: Guard;
  readonly #host: ServerHost;
  readonly #onDidReload = new Emitter<void>();
  /** Fires when templates and registry have (re)loaded: analyses made before are stale. */
  readonly onDidReload: Event<void> = this.#onDidReload.event;
  #settings: PlanSettings = DEFAULT_SETTINGS;
  #trusted = true;
  #toldUntrusted = false;
  /** Whether the workspace folders hold a template or registry file (searched once, when untrusted). */
  #configFilesInRoots: boolean | undefined;
  #config: LoadedConfig | undefined;
  /** Resolved by the first load, which `initialized` starts. */
  #firstLoad: { promise: Promise<void>; resolve: () => void } | undefined;
  #loading: Promise<LoadedConfig> | undefined;
  #roots: string[] = [];
  #hasConfigurationCapability = false;
  #publishedConfigFiles = new Set<string>();
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;
  #planFileMatcher: ((file: string) => boolean) | undefined;
  #toldGlobs = '';

  constructor(connection: Connection, documents: TextDocuments<TextDocument>, guard: Guard, host: ServerHost) {
    this.#connection = connection;
    this.#documents = documents;
    this.#guard = guard;
    this.#host = host;
  }

  /**
   * The settings in force. In an untrusted workspace: without the restricted ones, and with the
   * limits no higher than their defaults (the server cannot tell a user's value from a workspace's).
   */
  get settings(): PlanSettings {
    const s = this.#settings;
    if (this.#trusted) return s;
    return {
      ...s,
      templateFiles: [],
      registryFile: '',
      planFiles: [],
      diarienummerPattern: '',
      maxFileSize: Math.min(s.maxFileSize, DEFAULT_SETTINGS.maxFileSize),
      analysisTimeout: Math.min(s.analysisTimeout, DEFAULT_SETTINGS.analysisTimeout),
    };
  }

  /** Whether the workspace is trusted (templates, registries and the restricted settings apply). */
  get trusted(): boolean {
    return this.#trusted;
  }

  /** The workspace folders, by the host's file names (paths on disk, or URIs in the browser). */
  get roots(): readonly string[] {
    return this.#roots;
  }

  /** Whether templates and registry have loaded (nothing is checked before). */
  get loaded(): boolean {
    return !!this.#config;
  }

  /**
   * Resolves once the configuration has loaded (at once before `initialized`, when no load is on
   * its way: the built-in templates and registry apply meanwhile).
   */
  async whenLoaded(): Promise<void> {
    if (!this.#config && this.#firstLoad) await this.#firstLoad.promise;
  }

  initialize(params: InitializeParams): void {
    const init = (params.initializationOptions ?? {}) as { settings?: unknown; trusted?: unknown };
    if (init.settings) this.#settings = readSettings(init.settings);
    this.#trusted = init.trusted !== false;
    this.#hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    this.#roots = (params.workspaceFolders ?? []).map((f) => this.#host.toFile(f.uri)).filter((p): p is string => !!p);
    if (!this.#roots.length && params.rootUri) {
      const root = this.#host.toFile(params.rootUri);
      if (root) this.#roots.push(root);
    }
  }

  async initialized(): Promise<void> {
    this.#firstLoad ??= deferred();
    if (this.#hasConfigurationCapability) {
      try {
        await this.#connection.client.register(DidChangeConfigurationNotification.type, { section: 'plan' });
      } catch {
        // Clients without dynamic registration still send didChangeConfiguration.
      }
    }
    await this.reloadSettings(undefined);
  }

  /** Pulls the settings (or takes the pushed ones) and reloads templates and registry. */
  async reloadSettings(pushed: unknown): Promise<void> {
    this.#planFileMatcher = undefined;
    if (this.#hasConfigurationCapability) {
      const got = await this.#connection.workspace.getConfiguration('plan').catch(() => undefined);
      this.#settings = readSettings(got ?? (pushed as { plan?: unknown })?.plan);
    } else if (pushed && typeof pushed === 'object') {
      this.#settings = readSettings((pushed as { plan?: unknown }).plan ?? pushed);
    }
    this.#tellRejectedGlobs();
    await this.reload();
  }

  /** Says which `plan.planFiles` patterns cannot be used and why (once for each set of them). */
  #tellRejectedGlobs(): void {
    const { rejected } = compileGlobs(this.settings.planFiles);
    const key = JSON.stringify(rejected);
    if (!rejected.length || key === this.#toldGlobs) return;
    this.#toldGlobs = key;
    const list = rejected.map((r) => t('“{0}”: {1}', r.pattern, r.reason)).join('; ');
    void this.#connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message: t('Plan: a pattern in the setting plan.planFiles cannot be used and is ignored ({0}).', list),
    });
  }

  /**
   * The client says the workspace's trust changed: templates, registry and settings apply (or no
   * longer). The settings are pulled again: a client may have withheld the workspace's values of
   * the restricted ones (VS Code does) while the workspace was untrusted.
   */
  async setTrusted(trusted: boolean): Promise<void> {
    if (trusted === this.#trusted) return;
    this.#trusted = trusted;
    await this.reloadSettings(undefined);
  }

  /** Reloads templates and registry shortly, once for a burst of changes. */
  scheduleReload(): void {
    if (this.#reloadTimer) clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => void this.#guard.runAsync('reloadConfig', () => this.reload()), 150);
  }

  async reload(): Promise<void> {
    const overlay = new Map<string, string>();
    for (const d of this.#documents.all()) {
      const file = this.#host.toFile(d.uri);
      if (file && isConfigFile(file)) overlay.set(file, d.getText());
    }
    const s = this.settings;
    // Untrusted: no folder is searched for template or registry files, and the settings naming them are ignored.
    const loading = loadConfigFrom(this.#host.fs, {
      roots: this.#trusted ? this.#roots : [],
      templateFiles: s.templateFiles.map((f) => this.#resolvePath(f)),
      registryFile: s.registryFile ? this.#resolvePath(s.registryFile) : undefined,
      overlay,
      maxFileSize: Math.min(s.maxFileSize, MAX_CONFIG_FILE_SIZE),
    });
    this.#loading = loading;
    // Before the documents are checked again, so that the notice comes before their diagnostics.
    if (!this.#trusted) await this.#guard.runAsync('untrustedNotice', () => this.#tellUntrusted());
    let config: LoadedConfig;
    try {
      config = await loading;
    } catch (e) {
      this.#firstLoad?.resolve(); // nothing waits for a load that failed: the built-ins apply
      throw e;
    }
    if (this.#loading !== loading) return; // a newer load is on its way
    this.#config = config;
    this.#firstLoad?.resolve();
    this.#publishConfigDiagnostics(config);
    this.#onDidReload.fire();
  }

  /**
   * In an untrusted workspace, tells the user once what is ignored and how to trust the workspace,
   * when something is: a template or registry file in the workspace, or a restricted setting.
   */
  async #tellUntrusted(): Promise<void> {
    if (this.#toldUntrusted) return;
    const set = RESTRICTED_SETTINGS.some((k) => this.#settings[k].length > 0);
    // The folders are searched once a session: files appearing later are told of at the next setting, if at all.
    if (!set && this.#configFilesInRoots === undefined) {
      this.#configFilesInRoots = (await this.#host.fs.findFiles(this.#roots, CONFIG_NAMES, 1)).length > 0;
    }
    if (this.#toldUntrusted || this.#trusted || (!set && !this.#configFilesInRoots)) return;
    this.#toldUntrusted = true;
    void this.#connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Info,
      message: t(
        'Plan: this workspace is not trusted, so only the built-in templates and registry are used. Its template and registry files and the settings plan.templateFiles, plan.registryFile, plan.planFiles and plan.diarienummerPattern are ignored. To use them, trust the workspace (command “Workspaces: Manage Workspace Trust”).',
      ),
    });
  }

  /** Cancels a scheduled reload (on shutdown). */
  dispose(): void {
    if (this.#reloadTimer) clearTimeout(this.#reloadTimer);
  }

  /** The templates and registry that apply to a document: its folder's, else the workspace's. */
  scoped(uri: string): { templates: TemplateSet; registry: Registry } | undefined {
    if (!this.#config) return undefined;
    const file = this.#host.toFile(uri);
    return file ? this.#config.forFile(file) : { templates: this.#config.templates, registry: this.#config.registry };
  }

  /** The templates for a document's folder, or the workspace's. */
  templateSet(uri?: string): TemplateSet | undefined {
    if (!this.#config) return undefined;
    return uri ? this.scoped(uri)?.templates : this.#config.templates;
  }

  /** How to analyse a document: its templates, registry, plan-file patterns and the settings. */
  analyzeOptions(uri: string): AnalyzeOptions & { fileName: string } {
    const s = this.settings;
    const fileName = this.#host.toFile(uri) ?? uri;
    const scoped = this.scoped(uri);
    return {
      fileName,
      planType: this.#isPlanFile(fileName) ? s.defaultDocumentType : undefined,
      templates: scoped?.templates,
      registry: scoped?.registry,
      severities: s.severity,
      style: s.style.enabled ? { yearRange: s.style.yearRange, skall: s.style.skall, twoDigitYear: s.style.twoDigitYear } : false,
      switches: s.switches,
      diarienummerPattern: s.diarienummerPattern || undefined,
    };
  }

  /** Whether the user's `plan.planFiles` patterns make this file a plan. */
  #isPlanFile(file: string): boolean {
    const patterns = this.settings.planFiles;
    if (!patterns.length) return false;
    if (!this.#planFileMatcher) {
      const globs = compileGlobs(patterns);
      const match = (p: string) => globs.test(p);
      this.#planFileMatcher = (f: string) => {
        const rels = this.#roots.map((r) => this.#host.relative(r, f)).filter((r): r is string => r !== undefined);
        return rels.some((r) => match(r)) || match(this.#host.fs.basename(f));
      };
    }
    return this.#planFileMatcher(file);
  }

  #resolvePath(p: string): string {
    if (/^file:/.test(p) || /^[a-z][\w+.-]+:\/\//i.test(p)) return this.#host.toFile(p) ?? p;
    if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)) return p;
    return this.#host.fs.resolve(this.#roots[0] ? `${this.#roots[0]}/${p}` : p);
  }

  #publishConfigDiagnostics(config: LoadedConfig): void {
    const now = new Set<string>();
    for (const f of config.files) {
      const uri = this.#host.toUri(f.file);
      now.add(uri);
      const lines = new LineIndex(f.text);
      const findings = withSeverities(f.findings, this.settings.severity);
      this.#connection.sendDiagnostics({ uri, diagnostics: findings.map((x) => findingToDiagnostic(lines, x, uri)) });
    }
    for (const uri of this.#publishedConfigFiles) if (!now.has(uri)) this.#connection.sendDiagnostics({ uri, diagnostics: [] });
    this.#publishedConfigFiles = now;
  }
}
