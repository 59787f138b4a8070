/** The analysis pool's bookkeeping (analysis.ts): its jobs, its workers, and what each holds. */
import type { Worker } from 'node:worker_threads';
import { changedRange, type AnalyzeOptions } from '../core/index';
import type { AnalysisOutcome } from './analysis';
import type { AnalysisSummary, IdleNotice, OutlineRequest } from './worker';

export interface Job {
  id: number;
  text: string;
  options: AnalyzeOptions & { fileName: string };
  background: boolean;
  resolve: (outcome: AnalysisOutcome) => void;
  /** Sent again with the templates' and registry's data, after the worker had let them go. */
  resent?: boolean;
}

export interface RunningQuery {
  id: number;
  resolve: (answer: { result: unknown } | undefined) => void;
}

export interface Slot {
  worker: Worker;
  ready: boolean;
  /** The job it is running (its budget's timer runs). */
  job?: Job;
  /**
   * A background job already posted behind `job`, which the worker starts as soon as `job` is done,
   * without waiting for the server's thread to hand it over (`AnalysisPool#pump`). Its budget starts
   * when it becomes `job`.
   */
  behind?: Job;
  query?: RunningQuery;
  /** The file of the last job, and when that job started (a counter): for choosing a worker. */
  lastFile?: string;
  lastUsed: number;
  /**
   * The files of its last jobs, the newest last, with the text it last analysed of each: it holds
   * their parses, the bases of its next incremental parses.
   */
  texts: Map<string, string>;
  /** Warmed up, or has done a few jobs: its parser is compiled. */
  warm?: boolean;
  finished: number; // jobs done
  /** Told of a quiet moment after its first job (`IdleNotice`: it writes its code cache then). */
  toldIdle?: boolean;
  timer?: NodeJS.Timeout;
  templateIds: Set<number>;
  registryIds: Set<number>;
  /** Set once the slot is terminated or dead: it takes no more jobs. */
  gone?: boolean;
  /** Summaries whose outline is still to come, by job: filled in and resolved when it comes (or the worker ends). */
  outlines: Map<number, { summary: AnalysisSummary; resolve: () => void }>;
}

/** A file no larger than this (characters) goes to the other worker the first time, to give it a parse of its own. */
const SEED_MAX = 64_000;

/** What a worker would parse again for `text`: the span that differs from its last text of the file. */
export function reparseCost(slot: Slot, file: string, text: string): number {
  const last = slot.texts.get(file);
  if (last === undefined) return text.length <= SEED_MAX ? 0 : Infinity;
  const c = changedRange(last, text);
  return Math.max(c.oldEnd, c.newEnd) - c.start;
}

/**
 * The largest background text (characters) posted to a busy worker behind its running job
 * (`slotBehind`): about three times a typical plan, an analysis of some 30 ms.
 */
const BEHIND_MAX_CHARS = 64_000;

/**
 * A busy worker to post a small background job to, behind its running one (`Slot.behind`): a
 * workspace check keeps every worker busy, as plan-check's pool does, instead of letting each wait
 * for the server's thread between files. Only a background job, and only a small text, so that an
 * open document's job waits for one short analysis more at most (the caller posts none while one
 * is queued).
 */
export function slotBehind(slots: readonly Slot[], job: Job): Slot | undefined {
  if (!job.background || job.text.length > BEHIND_MAX_CHARS) return undefined;
  return slots.find((s) => s.ready && !s.gone && s.job?.background && !s.behind && !s.query);
}

/**
 * How long (ms) after the findings the outline comes when no feature has asked for it: by then the
 * client has read the diagnostics (on a 1 MB plan, 380 KB of JSON).
 */
const OUTLINE_UNASKED_MS = 100;

/** An outline that follows the findings: `ask` asks the worker for it (once), `outlined` resolves once it is in the summary. */
export interface FollowingOutline {
  outlined: Promise<void>;
  ask: () => void;
}

/**
 * The outline that follows a job's findings (worker.ts `outlineFollows`): asked for when a feature
 * needs it (documents.ts `outlineOf`), else a moment later. Sent at once, it was unpacked on the
 * server's thread while the diagnostics were encoded and written, and passed between the threads
 * while the client read them, on the same two cores (on a 1 MB plan, the slowest quarter of the
 * keystrokes some 10 ms later: docs/development.md).
 */
export function followingOutline(slot: Slot, id: number, summary: AnalysisSummary): FollowingOutline {
  const outlined = new Promise<void>((resolve) => slot.outlines.set(id, { summary, resolve }));
  let asked = false;
  const ask = () => {
    if (asked) return;
    asked = true;
    clearTimeout(timer);
    if (slot.gone || !slot.outlines.has(id)) return; // settled when the worker ended
    try {
      slot.worker.postMessage({ kind: 'outline', id } satisfies OutlineRequest);
    } catch {
      slot.outlines.get(id)?.resolve();
      slot.outlines.delete(id);
    }
  };
  const timer = setTimeout(ask, OUTLINE_UNASKED_MS);
  timer.unref();
  return { outlined, ask };
}

/** A worker that has done a job and is still to be told of a quiet moment (`tellIdle`). */
const isUntold = (slot: Slot): boolean => slot.finished > 0 && !slot.toldIdle;

/** Tells each worker that has done a job, once, that the server is quiet (worker.ts `IdleNotice`: it writes its code cache then). */
export function tellIdle(slots: readonly Slot[]): void {
  for (const slot of slots.filter(isUntold)) {
    slot.toldIdle = true;
    slot.worker.postMessage({ kind: 'idle' } satisfies IdleNotice);
  }
}

/** Whether any worker is still to be told of a quiet moment (`tellIdle`). */
export function untold(slots: readonly Slot[]): boolean {
  return slots.some(isUntold);
}
