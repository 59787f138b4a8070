/**
 * The analysis pool's quiet moments (analysis.ts): work that must not share the two cores with
 * someone typing waits until no job has run and no open document has changed for a while.
 */

/**
 * How long no job must have run and no open document changed (ms) before the pool starts a spare
 * worker (a worker's start takes a core for a moment, which on two cores would slow the analyses of
 * someone typing) and before it runs `whenIdle` callbacks (the server's warm-up and code cache:
 * longer, not between keystrokes). A burst of keys in a large plan runs no job for a second or more
 * (documents.ts waits for it to end), and writing the code cache there held the server's thread and
 * a worker for some 200 ms: the keys behind it arrived late, and one was taken for the first after
 * a pause (analysed at once, in the middle of the burst).
 */
export const QUIET_MS = { spare: 400, idle: 1000 };

export type QuietWork = keyof typeof QUIET_MS;

/** One timer per kind of work, which runs it once nothing has happened (`activity`) for `QUIET_MS` and nothing is `busy`. */
export class QuietMoments {
  readonly #timers = new Map<QuietWork, ReturnType<typeof setTimeout>>();
  /** When a job last started or ended, or an open document changed (performance.now()). */
  #lastActivity = 0;

  /** `busy`: whether a job is running now (the moment is not quiet then). */
  constructor(private readonly busy: () => boolean) {}

  /** Something happened: the quiet moments start again from now. */
  activity(): void {
    this.#lastActivity = performance.now();
  }

  /**
   * Runs `run` once a quiet moment of the kind `name` has come, if `wanted` still says so then. One
   * timer per kind: asking again while one waits does nothing.
   */
  after(name: QuietWork, wanted: () => boolean, run: () => void, delay = QUIET_MS[name]): void {
    if (!wanted() || this.#timers.has(name)) return;
    const timer = setTimeout(() => {
      this.#timers.delete(name);
      if (!wanted()) return;
      const quiet = performance.now() - this.#lastActivity;
      if (this.busy() || quiet < QUIET_MS[name]) return this.after(name, wanted, run, Math.max(50, QUIET_MS[name] - quiet));
      run();
    }, delay);
    timer.unref();
    this.#timers.set(name, timer);
  }

  dispose(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
