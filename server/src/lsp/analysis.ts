/**
 * Analyses in worker threads, each with a time budget. micromark is super-linear on inputs no one
 * writes on purpose (`- ` four thousand times on a line, deeply nested emphasis, ever deeper lists);
 * such a text must not hold the server. Each job runs in a worker of a small pool; a job that
 * outlives the budget has its worker terminated (and replaced when next needed) and is answered
 * with `timeout`. Other documents go to the other workers meanwhile, so a hostile document holds
 * at most one worker at a time (documents.ts runs one job per document at a time).
 *
 * Where workers cannot start (the worker script is missing, as when the server runs from its
 * sources), the analysis runs on the server's thread without a budget, as it did before.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, Registry, TemplateSet } from '../core/index';
import { getLocale, idOf } from '../core/index';
import { spawnAnalysisWorker, type EarlyWorker } from '../node/worker-start';
import { QuietMoments } from './quiet';
import { followingOutline, reparseCost, slotBehind, tellIdle, untold, type Job, type Slot } from './slots';
import { jobOptions, MODELS_KEPT, summarise, type AnalysisSummary, type AnalyzeJob, type ModelQuery, type QueryJob, type WorkerMessage } from './worker';

/** Where the model of a finished analysis lives: a worker and the job that made it (for `query`). */
export interface ModelRef {
  readonly slot: object;
  readonly jobId: number;
}

export type AnalysisOutcome =
  /**
   * `outlined`: resolves once the summary's outline has come, when it comes after the findings
   * (worker.ts), which is once `askOutline` asked for it (or a moment later: slots.ts `followingOutline`).
   */
  | { status: 'done'; summary: AnalysisSummary; model?: ModelRef; outlined?: Promise<void>; askOutline?: () => void }
  /** Stopped after `ms` (the budget). */
  | { status: 'timeout'; ms: number }
  /** The worker failed or died (out of memory, an error outside the library). */
  | { status: 'failed'; message: string };

export interface PoolOptions {
  /** The script a worker runs (the server's entry, dist/server.js); undefined: analyse on this thread. */
  script: string | undefined;
  /** The workers' code cache folder (node/code-cache.ts), and the first worker, started before the server was loaded (main.ts). */
  start?: { codeCache?: string; early?: EarlyWorker };
  /** The budget of one job (ms), read when the job starts. */
  budget: () => number;
  /** How many workers at most. */
  size?: number;
  log: { warn(message: string): void; error(message: string): void };
  /** The trace (plan.trace.server): a worker that becomes ready, for tests and the curious. */
  trace?: (message: string) => void;
}

/** How many background outcomes are kept to be shared, and how much text their keys may hold. */
const RECENT_JOBS = 2000;
const RECENT_CHARS = 32_000_000;
/** How long (ms) a background outcome is shared: a check started later reads the files again. */
const RECENT_MS = 60_000;

/** A worker's answer when it no longer has a template set or registry it was sent (worker.ts). */
const UNKNOWN_REF = /^unknown (template set|registry) \d+$/;

/** For how many files the pool remembers which worker analysed their newest text. */
const HOLDERS_KEPT = 256;

/**
 * How many more characters the other worker may have to parse again than the holder of a file's
 * newest model, for the next analysis to go there (`#choose`): about a section. Typing in one
 * place alternates; edits here and there stay with the holder, which parses them incrementally.
 */
const ALTERNATE_SLACK = 4_096;

/** After how many jobs a worker counts as warm without having warmed up (it had work at once). */
const WARM_AFTER_JOBS = 3;

/** How many workers in a row may die before they are ready until the pool gives up on workers. */
const MAX_FAILED_STARTS = 3;

export class AnalysisPool {
  readonly #options: PoolOptions;
  readonly #size: number;
  readonly #slots: Slot[] = [];
  readonly #interactive: Job[] = [];
  readonly #background: Job[] = [];
  /** The worker that analysed each open document's newest text (its model answers queries, see `#choose`). */
  readonly #holders = new Map<string, Slot>();
  /** Whether a job has finished (the spare worker and `whenIdle` wait for that). */
  #jobsDone = false;
  readonly #quiet = new QuietMoments(() => this.#slots.some((s) => s.job));
  #nextId = 1;
  /** Workers that died before they were ready, in a row: after a few, analyses run on this thread. */
  #failedStarts = 0;
  #disposed = false;
  #inThread: boolean;
  readonly #whenIdle: Array<() => void> = [];
  /** Background jobs by text and options, the newest last (`#shared`). */
  readonly #recent = new Map<string, { outcome: Promise<AnalysisOutcome>; at: number }>();
  #recentChars = 0;

  constructor(options: PoolOptions) {
    this.#options = options;
    this.#size = options.size ?? Math.max(2, Math.min(4, availableParallelism()));
    this.#inThread = !options.script;
  }

  /** How many workers the pool may have. */
  get size(): number {
    return this.#size;
  }

  /** One job running in each worker, one behind it (`Slot.behind`) and one waiting here, ready to go behind it. */
  get lanes(): number {
    return this.#inThread ? 1 : this.#size * 3;
  }

  /**
   * Analyses a text. `background` jobs (the workspace check, workspace symbols) wait while an open
   * document's job is queued.
   */
  run(text: string, options: AnalyzeOptions & { fileName: string }, background = false): Promise<AnalysisOutcome> {
    if (this.#disposed) return Promise.resolve({ status: 'failed', message: 'the server is shutting down' });
    if (this.#inThread) return Promise.resolve(this.#runHere(text, options));
    if (background) return this.#shared(text, options);
    return new Promise<AnalysisOutcome>((resolve) => {
      (background ? this.#background : this.#interactive).push({ id: this.#nextId++, text, options, background, resolve });
      this.#pump();
    });
  }

  /**
   * A background job's outcome, shared with another background job of the same text and options
   * running or finished lately: the workspace check and the register's scan of the workspace read
   * the same files, at the start at the same time, and each needs one analysis of each file.
   */
  #shared(text: string, options: AnalyzeOptions & { fileName: string }): Promise<AnalysisOutcome> {
    const key = `${this.#scopeId(options.templates)}:${this.#scopeId(options.registry)}:${JSON.stringify(jobOptions(options))}\u0000${text}`;
    const kept = this.#recent.get(key);
    if (kept && performance.now() - kept.at < RECENT_MS) return kept.outcome;
    if (kept) this.#forget(key);
    const outcome = new Promise<AnalysisOutcome>((resolve) => {
      this.#background.push({ id: this.#nextId++, text, options, background: true, resolve });
      this.#pump();
    });
    this.#recent.set(key, { outcome, at: performance.now() });
    this.#recentChars += key.length;
    for (const k of this.#recent.keys()) {
      if (this.#recent.size <= RECENT_JOBS && this.#recentChars <= RECENT_CHARS) break;
      this.#forget(k);
    }
    // Only an analysis that was done is shared: one that failed or was stopped is tried again.
    void outcome.then((o) => {
      if (o.status !== 'done' && this.#recent.get(key)?.outcome === outcome) this.#forget(key);
    });
    return outcome;
  }

  #forget(key: string): void {
    if (this.#recent.delete(key)) this.#recentChars -= key.length;
  }

  #scopeId(value: object | undefined): number {
    return value ? idOf(value) : 0;
  }

  /**
   * Asks a worker about a model it made (`ref`), if that worker is alive and idle; undefined when it
   * is not, when it no longer holds the model (it keeps its last few) or when it fails: the caller
   * then makes the model itself. Within the same budget.
   */
  query(ref: ModelRef | undefined, query: ModelQuery): Promise<{ result: unknown } | undefined> {
    const slot = ref && this.#slots.find((s) => s === ref.slot);
    if (!ref || !slot || !this.#idle(slot)) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const id = this.#nextId++;
      slot.query = { id, resolve };
      const budget = this.#options.budget();
      slot.timer = setTimeout(() => this.#timeout(slot, budget), budget);
      try {
        slot.worker.postMessage({ kind: 'query', id, jobId: ref.jobId, query, locale: getLocale() } satisfies QueryJob);
      } catch {
        this.#finishQuery(slot, undefined);
      }
    });
  }

  /** Starts one worker ahead of the first job, so its start-up is not in the first edit's wait. */
  warmUp(): void {
    if (!this.#inThread && !this.#slots.length) this.#spawn();
  }

  /** Runs `fn` once no job has run for a while (quiet.ts): the server's warm-up, not before the first diagnostics or during typing. */
  whenIdle(fn: () => void): void {
    this.#whenIdle.push(fn);
    if (this.#jobsDone) this.#afterIdle();
  }

  /** An open document changed: the quiet moment that a spare worker and `whenIdle` wait for starts again. */
  writing(): void {
    this.#quiet.activity();
  }

  /** At the next quiet moment: the `whenIdle` callbacks, and each worker that has done a job is told (once) to write its code cache (worker.ts). */
  #afterIdle(): void {
    this.#quiet.after(
      'idle',
      () => this.#whenIdle.length > 0 || untold(this.#slots),
      () => {
        for (const fn of this.#whenIdle.splice(0)) fn();
        tellIdle(this.#slots);
      },
    );
  }

  /** Terminates the workers (on shutdown). Queued jobs are answered `failed`. */
  dispose(): void {
    this.#disposed = true;
    this.#quiet.dispose();
    for (const job of [...this.#interactive.splice(0), ...this.#background.splice(0)])
      job.resolve({ status: 'failed', message: 'the server is shutting down' });
    for (const slot of this.#slots.splice(0)) this.#end(slot, { status: 'failed', message: 'the server is shutting down' });
  }

  #runHere(text: string, options: AnalyzeOptions): AnalysisOutcome {
    try {
      return { status: 'done', summary: summarise(text, options) };
    } catch (e) {
      return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Gives queued jobs to idle workers, starting workers up to the pool's size. */
  #pump(): void {
    while (this.#interactive.length || this.#background.length) {
      const job = (this.#interactive[0] ?? this.#background[0])!;
      const slot = this.#choose(job);
      if (!slot) {
        const starting = this.#slots.some((s) => !s.ready && !s.gone);
        if (!starting && this.#slots.length < this.#size && !this.#spawn()) return this.#drainHere();
        const behind = !starting && !this.#interactive.length && slotBehind(this.#slots, job);
        if (!behind) return;
        this.#background.shift();
        behind.behind = job;
        this.#post(behind, job);
        continue;
      }
      (this.#interactive.length ? this.#interactive : this.#background).shift();
      this.#start(slot, job);
    }
    this.#quiet.after(
      'spare',
      () => this.#spareNeeded(),
      () => this.#spawn(),
    );
  }

  /**
   * An idle worker for a job. For an open document's text, another than the one that made the
   * file's newest model, which stays free to answer completion and hover on it while this runs
   * (documents.ts `recent`), and of those one that has parsed the file before (it parses
   * incrementally from that parse). Else the one that last analysed the same file (its other
   * models stay where they are, for queries), else the one used least recently.
   */
  #choose(job: Job): Slot | undefined {
    const idle = this.#slots.filter((s) => this.#idle(s));
    const file = job.options.fileName;
    const leastUsed = (slots: Slot[]) => slots.sort((a, b) => a.lastUsed - b.lastUsed)[0];
    if (!job.background) {
      const holder = this.#holders.get(file);
      // Only a warm worker: a cold one would take several times as long (its parser is not compiled yet).
      const warm = idle.filter((s) => s !== holder && s.warm);
      const other = warm.find((s) => s.texts.has(file)) ?? leastUsed(warm);
      if (other) {
        if (!holder || !this.#idle(holder)) return other;
        // Unless the other's parse would be a much worse base: edits far apart, or a large plan never
        // parsed there (Infinity: then the holder's cost is not worth two scans of the text).
        const cost = reparseCost(other, file, job.text);
        if (cost < Infinity && cost <= reparseCost(holder, file, job.text) + ALTERNATE_SLACK) return other;
      }
    }
    return idle.find((s) => s.lastFile === file) ?? leastUsed(idle);
  }

  /**
   * A spare worker (started at a quiet moment, quiet.ts): one idle or starting (up to the pool's
   * size) that holds no open document's newest model, so that the next job does not wait for a start
   * and the holder stays free to answer questions about its model (`#choose`). Not before the first
   * job is done.
   */
  #spareNeeded(): boolean {
    if (this.#inThread || this.#disposed || this.#slots.length >= this.#size || !this.#jobsDone) return false;
    const holders = new Set(this.#holders.values());
    return !this.#slots.some((s) => !s.gone && !s.job && !s.query && !holders.has(s));
  }

  #traceReady(): void {
    this.#options.trace?.(`plan: an analysis worker is ready (${this.#slots.filter((s) => s.ready && !s.gone).length} of at most ${this.#size})`);
  }

  #idle(slot: Slot): boolean {
    return slot.ready && !slot.gone && !slot.job && !slot.query;
  }

  /** Without workers, the queued jobs run here. */
  #drainHere(): void {
    for (const job of [...this.#interactive.splice(0), ...this.#background.splice(0)]) job.resolve(this.#runHere(job.text, job.options));
  }

  #spawn(): Slot | undefined {
    const early = this.#options.start?.early?.take(this.#options.script!);
    let worker: Worker;
    try {
      worker = early?.worker ?? spawnAnalysisWorker({ script: this.#options.script!, codeCache: this.#options.start?.codeCache });
    } catch (e) {
      this.#inThread = true;
      this.#options.log.error(
        `plan: analysis workers cannot start (${e instanceof Error ? e.message : String(e)}); analysing on the server's thread, without a time limit.`,
      );
      return undefined;
    }
    const slot: Slot = {
      worker,
      ready: !!early?.ready,
      templateIds: new Set(),
      registryIds: new Set(),
      lastUsed: 0,
      texts: new Map(),
      finished: 0,
      outlines: new Map(),
    };
    this.#slots.push(slot);
    // A worker that was ready before the pool took it: give it the queued jobs once the caller is done.
    if (slot.ready) {
      this.#traceReady();
      queueMicrotask(() => this.#pump());
    }
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'warm' || m.kind === 'log') {
        if (m.kind === 'warm') slot.warm = true;
        this.#options.trace?.(m.kind === 'warm' ? 'plan: an analysis worker has warmed up' : m.message);
      } else if (m.kind === 'ready') {
        slot.ready = true;
        this.#traceReady();
        this.#failedStarts = 0;
        this.#pump();
      } else if (m.kind === 'outline') {
        const pending = slot.outlines.get(m.id);
        slot.outlines.delete(m.id);
        if (pending) Object.assign(pending.summary, m.outline);
        pending?.resolve();
      } else if (slot.query?.id === m.id) {
        this.#finishQuery(slot, m.kind === 'answer' && m.found ? { result: m.result } : undefined);
      } else if (slot.job?.id === m.id) {
        if (m.kind === 'failed' && UNKNOWN_REF.test(m.message) && !slot.job.resent) {
          // The worker keeps a bounded number of template sets and registries and had let this one go:
          // forget what it was sent and send the job again, with the data.
          const job = slot.job;
          job.resent = true;
          if (slot.timer) clearTimeout(slot.timer);
          slot.templateIds.clear();
          slot.registryIds.clear();
          const behind = slot.behind;
          slot.behind = undefined;
          if (!behind) return this.#start(slot, job);
          // The job behind it comes first now (the worker has it); this one goes behind it again.
          slot.job = behind;
          this.#arm(slot);
          slot.behind = job;
          this.#post(slot, job);
        } else if (m.kind === 'done') {
          const summary = m.summary;
          const outline = summary.outlineFollows ? followingOutline(slot, m.id, summary) : undefined;
          const model = slot.job.background ? undefined : { slot, jobId: m.id };
          this.#finish(slot, { status: 'done', summary, model, outlined: outline?.outlined, askOutline: outline?.ask });
        } else this.#finish(slot, { status: 'failed', message: m.kind === 'failed' ? m.message : 'an unexpected answer' });
      }
    });
    worker.on('error', (e) => this.#lost(slot, e.message));
    worker.on('exit', (code) => this.#lost(slot, `the analysis worker exited (code ${code})`));
    // A worker that never becomes ready must not keep the process alive.
    worker.unref();
    return slot;
  }

  #start(slot: Slot, job: Job): void {
    slot.job = job;
    this.#arm(slot);
    this.#post(slot, job);
  }

  /** Starts the budget of the slot's running job. */
  #arm(slot: Slot): void {
    this.#quiet.activity();
    const budget = this.#options.budget();
    slot.timer = setTimeout(() => this.#timeout(slot, budget), budget);
  }

  /** Sends a job to a worker (to run now, or behind its running one). */
  #post(slot: Slot, job: Job): void {
    slot.lastFile = job.options.fileName;
    slot.lastUsed = this.#nextId;
    if (!job.background) {
      slot.texts.delete(job.options.fileName);
      slot.texts.set(job.options.fileName, job.text);
      if (slot.texts.size > MODELS_KEPT) slot.texts.delete(slot.texts.keys().next().value as string);
      this.#holders.delete(job.options.fileName);
      this.#holders.set(job.options.fileName, slot);
      if (this.#holders.size > HOLDERS_KEPT) this.#holders.delete(this.#holders.keys().next().value as string);
    }
    const message: AnalyzeJob = {
      kind: 'analyze',
      id: job.id,
      text: job.text,
      options: jobOptions(job.options),
      locale: getLocale(),
      templates: this.#ref(slot.templateIds, job.options.templates, (s) => s.all()),
      registry: this.#ref(slot.registryIds, job.options.registry, (r) => r.data),
      lean: job.background || undefined,
    };
    try {
      slot.worker.postMessage(message);
    } catch (e) {
      if (slot.job === job) this.#finish(slot, { status: 'failed', message: e instanceof Error ? e.message : String(e) });
      else {
        slot.behind = undefined;
        job.resolve({ status: 'failed', message: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  /** A template set or registry as the worker knows it: its number, with its data the first time this worker sees it. */
  #ref<T extends TemplateSet | Registry, D>(sent: Set<number>, value: T | undefined, data: (v: T) => D): { id: number; data?: D } | undefined {
    if (!value) return undefined;
    const id = idOf(value);
    if (sent.has(id)) return { id };
    sent.add(id);
    return { id, data: data(value) };
  }

  #finishQuery(slot: Slot, answer: { result: unknown } | undefined): void {
    const query = slot.query;
    if (slot.timer) clearTimeout(slot.timer);
    slot.query = undefined;
    slot.timer = undefined;
    query?.resolve(answer);
    this.#pump();
  }

  #finish(slot: Slot, outcome: AnalysisOutcome): void {
    const job = slot.job;
    this.#jobsDone = true;
    this.#quiet.activity();
    if (++slot.finished >= WARM_AFTER_JOBS) slot.warm = true;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = slot.behind;
    slot.behind = undefined;
    slot.timer = undefined;
    if (slot.job) this.#arm(slot);
    job?.resolve(outcome);
    this.#pump();
    this.#afterIdle();
  }

  /** The job outlived its budget: its worker is terminated; the next job starts a new one. */
  #timeout(slot: Slot, budget: number): void {
    if (!slot.job && !slot.query) return;
    const what = slot.job ? `the analysis of ${slot.job.options.fileName}` : 'a question about a plan';
    this.#options.log.warn(`plan: ${what} took longer than ${budget} ms and was stopped; its worker is replaced.`);
    this.#end(slot, { status: 'timeout', ms: budget });
    this.#pump();
  }

  /** The worker died on its own (out of memory, an uncaught error). */
  #lost(slot: Slot, reason: string): void {
    if (slot.gone) return;
    this.#options.log.error(`plan: an analysis worker stopped: ${reason}`);
    this.#end(slot, { status: 'failed', message: reason });
    if (!slot.ready && ++this.#failedStarts >= MAX_FAILED_STARTS) {
      this.#inThread = true;
      this.#options.log.error(`plan: analysis workers do not start; analysing on the server's thread, without a time limit.`);
      return this.#drainHere();
    }
    this.#pump();
  }

  #end(slot: Slot, outcome: AnalysisOutcome): void {
    slot.gone = true;
    for (const [file, holder] of this.#holders) if (holder === slot) this.#holders.delete(file);
    const i = this.#slots.indexOf(slot);
    if (i >= 0) this.#slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    const query = slot.query;
    const behind = slot.behind;
    slot.job = undefined;
    slot.behind = undefined;
    slot.query = undefined;
    slot.timer = undefined;
    void slot.worker.terminate().catch(() => undefined);
    job?.resolve(outcome);
    // The job behind had not started: it waits for another worker (or, on shutdown, ends with the others).
    if (behind && this.#disposed) behind.resolve(outcome);
    else if (behind) this.#background.unshift(behind);
    query?.resolve(undefined);
    // Outlines that will not come now: the summaries keep their empty ones.
    for (const pending of slot.outlines.values()) pending.resolve();
    slot.outlines.clear();
  }
}
