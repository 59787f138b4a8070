/**
 * A small LSP client for black-box tests: spawns the real bundled server (`dist/server.js --stdio`),
 * speaks JSON-RPC over its stdio, answers the requests the server makes of the client
 * (`workspace/configuration`, `client/registerCapability`) and records what it publishes.
 *
 * Nothing here sleeps: every wait is an event or a promise, with a generous safety timeout that
 * rejects with a descriptive error (so a hung server fails the test instead of stalling it).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  LogTraceNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type ConfigurationParams,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type LogMessageParams,
  type LogTraceParams,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type RegistrationParams,
  type ShowMessageParams,
  type SymbolInformation,
  type TextDocumentContentChangeEvent,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { SERVER_PROCESS_ENV } from '../../server/src/protocol';

export const ROOT = resolve(__dirname, '..', '..');
/** The server under test: the bundle, or another build named by PLAN_SERVER (to compare behaviour with an older one). */
export const SERVER = process.env.PLAN_SERVER ?? join(ROOT, 'dist', 'server.js');
export const EXAMPLES = join(ROOT, 'examples');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export { TODAY } from './today';

/** Long enough for a slow CI machine, short enough to fail well inside mocha's own timeout. */
export const SAFETY_TIMEOUT = 20_000;

export function fileUri(path: string): string {
  return pathToFileURL(path).toString();
}

/** Rejects after `ms` with a message naming what was awaited; the timer is cleared once settled. */
export function withTimeout<T>(promise: Promise<T>, what: string | (() => string), ms = SAFETY_TIMEOUT): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${typeof what === 'string' ? what : what()}`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

let sharedCodeCache: string | undefined;

/**
 * The code cache folder the servers of this test run share (server/src/node/code-cache.ts), made
 * at the first server and removed at the end: the first server writes the cache and the others
 * start through it, as in VS Code.
 */
export function testCodeCache(): string {
  if (!sharedCodeCache) {
    const dir = mkdtempSync(join(tmpdir(), 'plan-test-cache-'));
    sharedCodeCache = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return sharedCodeCache;
}

export interface StartOptions {
  /** InitializeParams.locale. */
  locale?: string;
  initializationOptions?: unknown;
  /** Absolute folder paths sent as workspaceFolders. */
  workspaceFolders?: string[];
  /** What the client answers for each item of a `workspace/configuration` request (section `plan`). */
  settings?: unknown;
  /** Whether the client declares `workspace.configuration` (default true). */
  configuration?: boolean;
  snippetSupport?: boolean;
  /** Whether the client takes versioned edits (`workspace.workspaceEdit.documentChanges`). */
  documentChanges?: boolean;
  /** InitializeParams.trace: with "verbose" the server sends `$/logTrace` (recorded in `traces`). */
  trace?: 'off' | 'messages' | 'verbose';
  /** Whether the client declares `window.workDoneProgress` (default false). */
  workDoneProgress?: boolean;
  /** The server's bundle (default SERVER), e.g. another build's, to compare the two interleaved. */
  server?: string;
  /**
   * The server's code cache folder (`--code-cache`); false: none. By default the folder the servers
   * of this test run share, as the VS Code client gives one (`testCodeCache`).
   */
  codeCache?: string | false;
  /** Variables of the user's environment, over the test process's; SERVER_PROCESS_ENV goes over them, as in the VS Code client. */
  env?: Record<string, string>;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface DiagnosticsWaiter {
  uri: string;
  after: number;
  match: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class LspClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  /** Resolves when the server process has exited (never rejects). */
  readonly exited: Promise<ExitInfo>;
  exitInfo: ExitInfo | undefined;
  /** The settings answered to `workspace/configuration`; tests may change them at any time. */
  settings: unknown;
  initializeResult: InitializeResult | undefined;
  /** Every publishDiagnostics notification, in arrival order. */
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: RegistrationParams[] = [];
  readonly logs: LogMessageParams[] = [];
  /** Every `$/logTrace` notification (sent when `trace` is on), in arrival order. */
  readonly traces: LogTraceParams[] = [];
  /** Every `window/showMessage` notification, in arrival order. */
  readonly messages: ShowMessageParams[] = [];
  /** Errors the client's own JSON-RPC layer reported (e.g. an unparsable message from the server). */
  readonly protocolErrors: string[] = [];
  stderr = '';

  #diagnosticsWaiters: DiagnosticsWaiter[] = [];
  #configWaiters: Array<(p: ConfigurationParams) => void> = [];
  #notificationWaiters: Array<() => void> = [];

  private constructor(options: StartOptions) {
    this.settings = options.settings ?? {};
    const nodeArgs = process.env.PLAN_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const cache = options.codeCache ?? testCodeCache();
    this.proc = spawn(
      process.execPath,
      [...nodeArgs, options.server ?? process.env.PLAN_SERVER ?? SERVER, '--stdio', ...(cache ? [`--code-cache=${cache}`] : [])],
      {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
        // As the VS Code client starts it: the user's environment (here the test process's, with
        // `env` over it), and SERVER_PROCESS_ENV over that.
        env: { ...process.env, ...options.env, ...SERVER_PROCESS_ENV },
      },
    );
    this.exited = new Promise<ExitInfo>((res) => {
      this.proc.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        res(this.exitInfo);
      });
      this.proc.once('error', (e) => {
        this.stderr += `spawn error: ${e.message}\n`;
        this.exitInfo = { code: null, signal: null };
        res(this.exitInfo);
      });
    });
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (d: string) => (this.stderr += d));
    // Writing to a dead server must not crash the test process.
    this.proc.stdin.on('error', () => undefined);

    this.connection = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.connection.onError(([e]) => this.protocolErrors.push(e.message));
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      for (const resolve of this.#configWaiters.splice(0)) resolve(params);
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(params);
    });
    this.connection.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p);
      this.#notified();
    });
    this.connection.onNotification(LogTraceNotification.type, (p) => {
      this.traces.push(p);
      this.#notified();
    });
    this.connection.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p);
      this.#notified();
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.push(p);
      const index = this.diagnostics.length - 1;
      this.#diagnosticsWaiters = this.#diagnosticsWaiters.filter((w) => {
        if (index < w.after || w.uri !== p.uri || !w.match(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.listen();
  }

  /** Spawns the server, sends `initialize` and `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const client = new LspClient(options);
    try {
      await client.initialize(options);
    } catch (e) {
      client.kill();
      throw e;
    }
    return client;
  }

  /** Spawns the server without initializing it (call `initialize` later, or test what comes before). */
  static spawn(options: StartOptions = {}): LspClient {
    return new LspClient(options);
  }

  /** Sends `initialize` (with the options' capabilities, folders, locale and trace) and `initialized`. */
  async initialize(options: StartOptions = {}): Promise<InitializeResult> {
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: null,
      locale: options.locale,
      initializationOptions: options.initializationOptions,
      trace: options.trace,
      workspaceFolders: options.workspaceFolders?.map((f) => ({ uri: fileUri(f), name: f.split(/[\\/]/).pop() ?? f })) ?? null,
      capabilities: {
        window: { workDoneProgress: options.workDoneProgress ?? false },
        workspace: {
          configuration: options.configuration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
          workspaceEdit: { documentChanges: options.documentChanges ?? false },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: options.snippetSupport ?? true } },
          foldingRange: {},
        },
      },
    };
    this.initializeResult = await this.request<InitializeResult>(InitializeRequest.type.method, params, 'initialize');
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  /** A position in the diagnostics history: pass it as `after` to wait only for later notifications. */
  mark(): number {
    return this.diagnostics.length;
  }

  /**
   * The first publishDiagnostics for `uri` at history index ≥ `after` (default: the current mark, so
   * the next one) that has the given `version` (if any) and satisfies `predicate` (if any).
   */
  waitForDiagnostics(
    uri: string,
    options: { after?: number; version?: number; predicate?: (p: PublishDiagnosticsParams) => boolean; timeout?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    const after = options.after ?? this.mark();
    const match = (p: PublishDiagnosticsParams) =>
      (options.version === undefined || p.version === options.version) && (!options.predicate || options.predicate(p));
    for (let i = after; i < this.diagnostics.length; i++) {
      const p = this.diagnostics[i];
      if (p.uri === uri && match(p)) return Promise.resolve(p);
    }
    let waiter: DiagnosticsWaiter | undefined;
    const waiting = new Promise<PublishDiagnosticsParams>((resolve, reject) => {
      waiter = { uri, after, match, resolve };
      this.#diagnosticsWaiters.push(waiter);
      void this.exited.then((x) => reject(new Error(`The server exited (${JSON.stringify(x)}) while diagnostics for ${uri} were awaited.\n${this.stderr}`)));
    });
    const what = () =>
      `diagnostics for ${uri}${options.version !== undefined ? ` version ${options.version}` : ''} (received since: ${this.describeHistory(uri, after)})`;
    return withTimeout(waiting, what, options.timeout).finally(() => {
      this.#diagnosticsWaiters = this.#diagnosticsWaiters.filter((w) => w !== waiter);
    });
  }

  /** The newest publishDiagnostics received for `uri`. */
  latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.diagnostics.length - 1; i >= 0; i--) if (this.diagnostics[i].uri === uri) return this.diagnostics[i];
    return undefined;
  }

  /**
   * Resolves with the first element of `list` (one of `traces`, `messages`, `logs`) at index ≥
   * `after` that satisfies `predicate`, waiting for it to arrive.
   */
  waitFor<T>(list: readonly T[], predicate: (x: T) => boolean, what: string, after = 0): Promise<T> {
    const find = () => list.slice(after).find(predicate);
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    let listener: (() => void) | undefined;
    const waiting = new Promise<T>((resolve, reject) => {
      listener = () => {
        const x = find();
        if (x !== undefined) resolve(x);
      };
      this.#notificationWaiters.push(listener);
      void this.exited.then((x) => reject(new Error(`The server exited (${JSON.stringify(x)}) while waiting for ${what}.\n${this.stderr}`)));
    });
    return withTimeout(waiting, what).finally(() => {
      this.#notificationWaiters = this.#notificationWaiters.filter((l) => l !== listener);
    });
  }

  /** The trace lines (`$/logTrace` messages) at index ≥ `after` that contain `part`. */
  tracesWith(part: string, after = 0): string[] {
    return this.traces
      .slice(after)
      .map((t) => t.message)
      .filter((m) => m.includes(part));
  }

  #notified(): void {
    for (const l of [...this.#notificationWaiters]) l();
  }

  /** Resolves with the next `workspace/configuration` request the server makes. */
  nextConfigurationRequest(): Promise<ConfigurationParams> {
    return withTimeout(new Promise<ConfigurationParams>((resolve) => this.#configWaiters.push(resolve)), 'a workspace/configuration request');
  }

  private describeHistory(uri: string, after: number): string {
    const got = this.diagnostics.slice(after).filter((p) => p.uri === uri);
    return got.length ? got.map((p) => `v${p.version ?? '-'}:${p.diagnostics.length}`).join(', ') : 'none';
  }

  // ------------------------------------------------------------------ requests

  /** Sends a request; rejects on an error response, on the server's exit or after the safety timeout. */
  request<R>(method: string, params: unknown, what = method, timeout = SAFETY_TIMEOUT): Promise<R> {
    const died = this.exited.then((x) => {
      throw new Error(`The server exited (${JSON.stringify(x)}) during ${what}.\n${this.stderr}`);
    });
    return withTimeout(Promise.race([this.connection.sendRequest(method, params) as Promise<R>, died]), what, timeout);
  }

  documentSymbol(uri: string): Promise<DocumentSymbol[] | SymbolInformation[] | null> {
    return this.request(DocumentSymbolRequest.method, { textDocument: { uri } }, `documentSymbol ${uri}`);
  }

  foldingRange(uri: string): Promise<FoldingRange[] | null> {
    return this.request(FoldingRangeRequest.method, { textDocument: { uri } }, `foldingRange ${uri}`);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.request(HoverRequest.method, { textDocument: { uri }, position }, `hover ${uri} ${JSON.stringify(position)}`);
  }

  completion(uri: string, position: Position): Promise<CompletionItem[] | CompletionList | null> {
    return this.request(CompletionRequest.method, { textDocument: { uri }, position }, `completion ${uri} ${JSON.stringify(position)}`);
  }

  workspaceSymbol(query: string): Promise<WorkspaceSymbol[] | SymbolInformation[] | null> {
    return this.request(WorkspaceSymbolRequest.method, { query }, `workspace/symbol ${JSON.stringify(query)}`);
  }

  // ------------------------------------------------------------------ notifications

  open(uri: string, text: string, version = 1, languageId = 'markdown'): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  changeConfiguration(settings: unknown): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** A JSON-RPC message framed as on the wire (Content-Length header and body), for `writeRaw`. */
  static frame(message: unknown): Buffer {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
  }

  /** Writes raw bytes to the server's stdin, bypassing the JSON-RPC writer. */
  writeRaw(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.proc.stdin.write(data, (e) => (e ? reject(e) : resolve())));
  }

  // ------------------------------------------------------------------ lifecycle

  /** shutdown + exit, then waits for the process to end; returns its exit status. */
  async shutdown(): Promise<ExitInfo> {
    if (!this.alive) return this.exitInfo!;
    await this.request(ShutdownRequest.method, undefined, 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    return withTimeout(this.exited, 'the server to exit after shutdown/exit');
  }

  kill(): void {
    if (this.alive) this.proc.kill('SIGKILL');
  }

  /** For after hooks: a polite shutdown when possible, then the process is killed and the connection disposed. */
  async dispose(): Promise<void> {
    try {
      if (this.alive) await withTimeout(this.shutdown(), 'shutdown during dispose', 5_000);
    } catch {
      // The test already failed or the server is hung; killing it below is what matters.
    } finally {
      this.kill();
      this.connection.dispose();
      this.proc.stdout.destroy();
      this.proc.stderr.destroy();
      this.proc.stdin.destroy();
    }
  }
}

/** Where `needle` (the `nth` occurrence, from 0) begins — or, with `delta`, that many UTF-16 units further — as an LSP position. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${nth}) is not in the text`);
  }
  return positionAtOffset(text, at + delta);
}

/** An offset as an LSP position, counting \r\n, \r and \n as line breaks. */
export function positionAtOffset(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
