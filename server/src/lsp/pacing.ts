/**
 * When the server analyses an open document (documents.ts): how long a change in a burst waits for
 * the next, how long an analysis waits for quick questions, when an analysis shows progress.
 */

/** An analysis longer than this (ms) shows progress in the client. */
export const SLOW_ANALYSIS_MS = 400;

/** The longest pause (ms) before a changed document is analysed. */
export const MAX_DEBOUNCE_MS = 300;

/**
 * A document this long (characters) or longer is costly to analyse at every key of steady typing
 * (a 1 MB plan: 50–100 ms an analysis, a good part of a core); so is one whose analysis took
 * `COSTLY_ANALYSIS_MS`. By length, not by the last analysis's time alone, which varies with the
 * machine's load and, in a plan of 26 KiB, from 10 to 50 ms.
 */
const COSTLY_LENGTH = 200_000;
const COSTLY_ANALYSIS_MS = 100;
const costly = (ms: number, length: number) => length >= COSTLY_LENGTH || ms >= COSTLY_ANALYSIS_MS;
/** The pause (ms) after which typing counts as stopped: steady typing is a key every 80–150 ms. */
const TYPING_PAUSE_MS = 150;

/**
 * How long a change in a burst waits for the next one, in a document of `length` characters whose
 * last analysis took `ms` (and when a change counts as after a pause: `pauseBefore`). Half again as
 * long as the last analysis, so that changes that come faster than analyses are analysed together,
 * not one by one behind each other. In a document that is costly to analyse, a typing pause,
 * whatever the analysis takes: keys typed steadily start no analysis until the typing stops, and the
 * diagnostics come a typing pause and one analysis after the last key. (Half again as long as the
 * analysis there made the diagnostics later the busier the machine: with analyses of 200 ms the
 * wait was 300 ms, and at load 2.5 the benchmark measured 444 ms from a burst's last key to the
 * diagnostics on a 1 MB plan.)
 */
export function burstWaitAfter(ms: number, length: number): number {
  return costly(ms, length) ? TYPING_PAUSE_MS : Math.round(1.5 * ms);
}

/** The longest gap (ms) between two keys that still counts as typing in a document costly to analyse. */
const LONGEST_KEY_GAP_MS = 350;

/**
 * How long after the change before a change must come to count as after a pause, and be analysed
 * at once. For most documents the burst's wait (`burstWaitAfter`). For one costly to analyse,
 * `LONGEST_KEY_GAP_MS`: keys typed steadily but unevenly (a slow key, a busy machine's timers) stay
 * one burst, analysed once when the typing stops, instead of a late key starting an analysis of its
 * own; a writer who stopped for longer gets the next key analysed at once.
 */
export function pauseBefore(ms: number, length: number): number {
  return costly(ms, length) ? LONGEST_KEY_GAP_MS : burstWaitAfter(ms, length);
}

/**
 * How long (ms) an analysis is held back at most for quick questions asked of a worker: a completion
 * sent with a keystroke is answered before that keystroke's analysis takes a core (on two cores the
 * answer otherwise shares them with it). An answer takes a few ms; the cap keeps a slow one from
 * delaying the diagnostics.
 */
export const HOLD_FOR_QUESTIONS_MS = 25;

/**
 * While the writer gets quick answers (a question within the last `ASKING_LATELY_MS`), a keystroke's
 * analysis waits `QUESTION_WINDOW_MS` for a question sent a moment behind it (a client sends the
 * completion a trigger character asks for after the change), which it is then held back for.
 * Otherwise it waits only for the messages already there, and costs the diagnostics nothing.
 */
export const QUESTION_WINDOW_MS = 5;
export const ASKING_LATELY_MS = 3000;
