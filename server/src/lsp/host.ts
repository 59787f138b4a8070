/**
 * What the language server needs from where it runs, so that the server itself uses no Node API:
 * the Node build (server/src/node/host.ts) gives it the disk and analyses in worker threads with a
 * time budget; the browser build (server/src/browser-host.ts) gives it the VS Code client's file
 * system, through custom requests, and analyses on the web worker's own thread.
 */
import type { ConfigFs } from '../config-files';
import type { AnalysisOutcome, ModelRef, PoolOptions } from './analysis';
import type { ModelQuery } from './worker';
import type { AnalyzeOptions } from '../core/index';

/** Runs analyses (analysis.ts's pool of worker threads, or on this thread). */
export interface Analyzer {
  /**
   * How many files a caller reading many (the workspace check, the register's scan) keeps in the
   * analyser at once: enough that no worker waits for the next file while the server's thread reads
   * one or publishes another's findings.
   */
  readonly lanes: number;
  run(text: string, options: AnalyzeOptions & { fileName: string }, background?: boolean): Promise<AnalysisOutcome>;
  /** Asks the worker that made a model about it; undefined when none can answer (the caller makes the model). */
  query(ref: ModelRef | undefined, query: ModelQuery): Promise<{ result: unknown } | undefined>;
  warmUp(): void;
  /** Runs `fn` once, after the first jobs, when there is nothing else to do (the pool's; hosts without workers need not). */
  whenIdle?(fn: () => void): void;
  /** An open document changed: the writer is at work, and what waits for a quiet moment (`whenIdle`) waits on. */
  writing?(): void;
  dispose(): void;
}

export interface ServerHost {
  /** Template and registry files, and the workspace's Markdown files, by the host's file names. */
  readonly fs: ConfigFs;
  /** The file name a document's URI has on this host; undefined when the host cannot read it (an untitled document). */
  toFile(uri: string): string | undefined;
  /** The URI of a file name. */
  toUri(file: string): string;
  /** A file's path below a workspace folder, with `/` between the parts; undefined when it is not below it. */
  relative(root: string, file: string): string | undefined;
  /** Makes the analyser; `options.script` is the Node bundle that worker threads run. */
  createAnalyzer(options: PoolOptions): Analyzer;
}
