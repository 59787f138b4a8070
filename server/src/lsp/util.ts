/** Small helpers of the language server: a document's name, today's date, handlers that never throw, and progress for a slow analysis. */
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { t } from '../core/index';
import type { PlanRequest } from '../protocol';

/**
 * The file name at the end of a document's URI (`plan.md` for an untitled document or a URI
 * that cannot be read): what an export is named after.
 */
export function baseName(uri: string): string {
  if (uri.startsWith('untitled:')) return 'plan.md';
  try {
    const last = new URL(uri).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : 'plan.md';
  } catch {
    return 'plan.md';
  }
}

/** Today as YYYY-MM-DD, in local time. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Subsequence or substring match, for workspace symbols. */
export function fuzzy(name: string, q: string): boolean {
  let i = 0;
  for (const ch of name) if (ch === q[i]) i++;
  return i === q.length || name.includes(q);
}

/**
 * `connection.onRequest` for a request of protocol.ts, typed by its request object. Registered by
 * the request's method: vscode-languageserver carries its own copy of the protocol package, whose
 * RequestType class TypeScript does not take for the one the client and protocol.ts share.
 */
export function onRequest<P, R>(
  connection: Connection,
  request: PlanRequest<P, R>,
  handler: (params: P, token: CancellationToken, progress: WorkDoneProgressReporter) => NoInfer<R> | Promise<NoInfer<R>>,
): void {
  // A custom request gets no work-done reporter from the library: attach one from its params' token (a silent one without).
  connection.onRequest<unknown, unknown>(request.method, (params: P, token: CancellationToken) =>
    handler(params, token, connection.window.attachWorkDoneProgress((params as { workDoneToken?: string | number } | undefined)?.workDoneToken)),
  );
}

/** Runs handlers so that a failure is logged and answered with a fallback: the server never crashes on a request. */
export class Guard {
  readonly #log: { error(message: string): void };

  constructor(log: { error(message: string): void }) {
    this.#log = log;
  }

  run<T>(what: string, fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (e) {
      this.#fail(what, e);
      return fallback;
    }
  }

  async runAsync<T>(what: string, fn: () => Promise<T>, fallback?: T): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      this.#fail(what, e);
      return fallback;
    }
  }

  #fail(what: string, e: unknown): void {
    this.#log.error(`plan: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

/**
 * Runs `fn` on a later turn of the event loop, after the messages already read: `setImmediate`
 * where the host has it (Node), a zero timeout where it has not (the browser build's web worker).
 */
export function nextTurn(fn: () => void): void {
  // eslint-disable-next-line no-restricted-globals -- looked for first: the web worker has none
  if (typeof setImmediate === 'function') setImmediate(fn);
  else setTimeout(fn, 0);
}

/**
 * Progress in the client (its status bar) for an analysis of `uri` that takes longer than `after`
 * ms: the outline, Planstruktur and diagnostics all wait for it, and "No symbols found" must not
 * look like the answer. Nothing is shown for the usual quick analysis.
 */
export function slowProgress(connection: Connection, uri: string, after: number): { done(): void } {
  let finished = false;
  let reporter: { done(): void } | undefined;
  const timer = setTimeout(() => {
    void connection.window
      .createWorkDoneProgress()
      .then((p) => {
        if (finished) return p.done();
        reporter = p;
        p.begin(t('Plan'), undefined, t('Checking {0} …', baseName(uri)));
      })
      .catch(() => undefined);
  }, after);
  return {
    done: () => {
      finished = true;
      clearTimeout(timer);
      reporter?.done();
    },
  };
}
