/**
 * The language server's host in the browser (a web worker, vscode.dev, github.dev, code-server's
 * web extension host): no disk and no worker threads.
 *
 * - **Files** are the VS Code client's: the server asks the client for them (`plan/findFiles`,
 *   `plan/readFile`, server/src/protocol.ts), which answers with `vscode.workspace.findFiles` and
 *   `vscode.workspace.fs` (client/src/browser-files.ts). File names are the documents' URIs, so
 *   templates and registries apply by folder just as on disk.
 * - **Analyses** run on the web worker's own thread, without the time budget of
 *   `plan.analysisTimeout` (that needs Node's worker threads).
 */
import type { Connection } from 'vscode-languageserver/browser';
import type { ConfigFs, FileRead } from './config-files';
import { DEFAULT_REGISTRY, TemplateSet, type AnalyzeOptions } from './core/index';
import type { AnalysisOutcome, ModelRef } from './lsp/analysis';
import type { Analyzer, ServerHost } from './lsp/host';
import { answer, summarise, type Model, type ModelQuery } from './lsp/worker';
import { FindFilesRequest, ReadFileRequest, type FindFilesParams, type ReadFileParams, type ReadFileResult } from './protocol';

/** How many models are kept for queries. */
const MODELS_KEPT = 4;

/** Schemes whose documents cannot be read back through the file system. */
const NOT_FILES = /^(untitled|vscode-notebook-cell|git|output|vscode-scm|comment):/;

/** The URI without its query and fragment, split into the part before the path and the path. */
function split(uri: string): { head: string; path: string } {
  const bare = uri.replace(/[?#].*$/s, '');
  const m = /^([a-z][\w+.-]*:(?:\/\/[^/]*)?)(.*)$/i.exec(bare);
  return m ? { head: m[1], path: m[2] } : { head: '', path: bare };
}

/** `.` and `..` resolved in a URI's path. */
export function normalizeUri(uri: string): string {
  const { head, path } = split(uri);
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.') continue;
    if (part === '..') {
      if (out.length > 1) out.pop();
    } else out.push(part);
  }
  return head + out.join('/');
}

export function uriDirname(uri: string): string {
  const { head, path } = split(uri);
  const i = path.lastIndexOf('/');
  return head + (i <= 0 ? '/' : path.slice(0, i));
}

export function uriBasename(uri: string): string {
  const last = split(uri).path.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export function uriWithin(dir: string, file: string): boolean {
  const d = dir.endsWith('/') ? dir : `${dir}/`;
  return file === dir || file.startsWith(d);
}

/** The file system of the VS Code client, over the connection. */
export function clientFs(connection: Connection): ConfigFs {
  return {
    async findFiles(roots, names, limit = 10000) {
      if (!roots.length) return [];
      const found = await connection.sendRequest<string[]>(FindFilesRequest.method, { roots, glob: names.glob, limit } satisfies FindFilesParams);
      return found.filter((uri) => names.test(uriBasename(uri))).sort();
    },
    async readFile(file, maxChars): Promise<FileRead> {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit: more bytes than this must be more characters.
      const maxBytes = Number.isFinite(maxChars) ? 3 * maxChars : Number.MAX_SAFE_INTEGER;
      try {
        const r = await connection.sendRequest<ReadFileResult>(ReadFileRequest.method, { uri: file, maxBytes } satisfies ReadFileParams);
        if ('text' in r) return { kind: 'text', text: r.text };
        if ('tooLarge' in r) return { kind: 'too-large', bytes: r.tooLarge, maxChars };
        if ('notFile' in r) return { kind: 'not-file' };
        return { kind: 'error', error: { code: r.code, message: r.error } };
      } catch (e) {
        return { kind: 'error', error: { message: e instanceof Error ? e.message : String(e) } };
      }
    },
    resolve: normalizeUri,
    dirname: uriDirname,
    basename: uriBasename,
    within: uriWithin,
  };
}

/**
 * Analyses on this thread: a web worker has no worker threads, so there is no time budget. The
 * models of the last few analyses are kept for the queries (hover, completion, the overview), as
 * an analysis worker keeps them (worker.ts).
 */
export class InThreadAnalyzer implements Analyzer {
  readonly lanes = 1;
  readonly #models = new Map<number, Model>();
  #nextId = 1;

  run(text: string, options: AnalyzeOptions & { fileName: string }): Promise<AnalysisOutcome> {
    const id = this.#nextId++;
    try {
      const summary = summarise(text, options, (analysis) => {
        this.#models.set(id, { analysis, templates: options.templates ?? new TemplateSet(), registry: options.registry ?? DEFAULT_REGISTRY });
        if (this.#models.size > MODELS_KEPT) this.#models.delete(this.#models.keys().next().value as number);
      });
      return Promise.resolve({ status: 'done', summary, model: { slot: this, jobId: id } });
    } catch (e) {
      return Promise.resolve({ status: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  query(ref: ModelRef | undefined, query: ModelQuery): Promise<{ result: unknown } | undefined> {
    const model = ref?.slot === this ? this.#models.get(ref.jobId) : undefined;
    return Promise.resolve(model ? { result: answer(model, query) } : undefined);
  }

  warmUp(): void {}

  dispose(): void {
    this.#models.clear();
  }
}

export function browserHost(connection: Connection): ServerHost {
  return {
    fs: clientFs(connection),
    toFile: (uri) => (NOT_FILES.test(uri) ? undefined : normalizeUri(uri)),
    toUri: (file) => file,
    relative: (root, file) => {
      if (!uriWithin(root, file) || file === root) return undefined;
      const rel = file.slice(root.length).replace(/^\//, '');
      try {
        return decodeURIComponent(rel);
      } catch {
        return rel;
      }
    },
    createAnalyzer: () => new InThreadAnalyzer(),
  };
}
