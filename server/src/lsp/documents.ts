/**
 * The open documents' analyses and their diagnostics.
 *
 * - **Bounded.** Each text is analysed in a worker with a time budget (analysis.ts); a text that
 *   outlives it gets one `plan.file.timeout` diagnostic and is not checked. Texts longer than
 *   `plan.maxFileSize` or binary get one `plan.file.skipped` diagnostic and are never parsed;
 *   Markdown that cannot be a plan (`mayBePlan`) is not parsed either.
 * - **Keyed by content.** An analysis belongs to a text (and a configuration), not to a version
 *   number: a version number used again for another text never gets the old analysis.
 * - **Coalesced.** A change waits until no message is waiting in the connection (transport.ts);
 *   then a change after a pause is analysed at once, and one that follows closely on another waits
 *   (counted from the last change) half again as long as the document's last analysis, or a typing
 *   pause where analyses are costly (`burstWait`), so that a burst of changes is analysed once, for
 *   its newest text. Where analyses are costly, a pause is 350 ms (`pauseBefore`): a key that comes
 *   late in steady typing does not start an analysis of its own.
 *   One analysis per document runs at a time, and the next takes the newest text; a result for a
 *   text the document no longer has is never published.
 * - **Requests** answer from the analysis of the text they were asked about: the finished one when
 *   the text is unchanged, else they wait for (or start) the analysis of that text. Hover,
 *   completion and the overview need the plan model, which stays in the worker: they are asked of
 *   the worker that holds it; when it has moved on, the text is analysed once more on this thread
 *   (only a text a worker has finished within the budget).
 * - **Completion, hover and symbols do not wait** while the text has edits that leave the plan's
 *   structure alone (pending.ts): they answer from the newest finished analysis, their positions
 *   mapped through the edits (`recent`), and the analysis of the new text goes to another worker
 *   than the one holding that model (analysis.ts), which stays free to answer; it starts once their
 *   questions to that worker are answered (at most `HOLD_FOR_QUESTIONS_MS`, pacing.ts).
 *
 * Template and registry files are not analysed here (configuration.ts).
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver/node';
import {
  analyze,
  defaultSeverity,
  getLocale,
  LineIndex,
  mayBePlan,
  PendingEdit,
  skipReason,
  t,
  withSeverities,
  type Analysis,
  type AnalyzeOptions,
  type Finding,
  type OffsetRange,
  type Template,
} from '../core/index';
import type { AnalysisOutcome, ModelRef } from './analysis';
import { isConfigFile, type Configuration } from './configuration';
import { findingToDiagnostic } from './convert';
import type { Analyzer } from './host';
import type { Inbound } from './transport';
import { ASKING_LATELY_MS, burstWaitAfter, HOLD_FOR_QUESTIONS_MS, MAX_DEBOUNCE_MS, pauseBefore, QUESTION_WINDOW_MS, SLOW_ANALYSIS_MS } from './pacing';
import { nextTurn, slowProgress, type Guard } from './util';
import type { AnalysisSummary, ModelQuery } from './worker';

/** One text's analysis, as the features use it. */
export interface Cached {
  uri: string;
  /** The document's version when the analysis was made (answers carry the current one). */
  version: number;
  text: string;
  lines: LineIndex;
  /** `checked`: analysed; `skipped`: too large or binary; `timeout`: stopped after the budget; `failed`: the worker failed. */
  status: 'checked' | 'skipped' | 'timeout' | 'failed';
  /** The findings, with the configured severities; for a text not checked, the one finding that says why. */
  findings: Finding[];
  isPlan: boolean;
  summary?: AnalysisSummary;
  /**
   * Resolves once the summary's outline (symbols, folding, workspace symbols) is in: it may follow
   * the findings, when asked for (`outlineOf`) or a moment later (slots.ts `followingOutline`).
   */
  outlined?: Promise<void>;
  /** Asks the worker for the outline that follows (once); `outlineOf` calls it. */
  askOutline?: () => void;
  /** How long the analysis took (ms), for the debounce. */
  ms: number;
  /** The configuration generation it was made with. */
  generation: number;
  options: AnalyzeOptions & { fileName: string };
  /** The worker that holds the plan model, while it does. */
  model?: ModelRef;
  /** The plan model, made on this thread when a feature needs it and the worker no longer has it (see `onModel`). */
  analysis?: Analysis;
}

/**
 * The newest finished analysis of an open document and the edits made since (`recent`): offsets
 * of the text as it is now map to the analysis (`edit.toOld`) and its ranges back (`range`).
 */
export interface Recent {
  c: Cached;
  doc: TextDocument;
  edit: PendingEdit;
  /** A range of the analysed text as an LSP range in the document as it is now. */
  range(r: OffsetRange): Range;
  /** A range of the document as it is now as an LSP range. */
  rangeNow(r: OffsetRange): Range;
}

/**
 * How long from now a change in a burst still waits for the next one (pacing.ts, after the
 * document's last analysis): the wait counts from the last change, so that an analysis that ran
 * meanwhile does not put a whole wait after its end.
 */
function burstWait(state: DocState): number {
  const wait = burstWaitAfter(state.latest?.ms ?? 0, state.latest?.text.length ?? 0);
  return state.lastChange === undefined ? wait : wait - (performance.now() - state.lastChange);
}

interface DocState {
  /** The newest finished analysis (of any text). */
  latest?: Cached;
  /** The analysis running for this document (one at a time). */
  running?: { text: string; generation: number; done: Promise<Cached> };
  /** The last `recent` answer, for the text and version it was made for. */
  recent?: { version: number; latest: Cached; value: Recent };
  /** Diagnostics are owed for the current text. */
  dirty: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** When the last change came (performance.now()), and whether it came after a pause (see `changed`). */
  lastChange?: number;
  /** Its first content (the opening) has come. */
  opened?: boolean;
  afterPause: boolean;
  /** Quick questions (`onRecentModel`) asked of a worker and not yet answered; and the analysis held back for them. */
  asking?: number;
  held?: ReturnType<typeof setTimeout>;
  /** When the last quick question was asked (performance.now()). */
  askedAt?: number;
}

export class PlanDocuments {
  readonly #connection: Connection;
  readonly #documents: TextDocuments<TextDocument>;
  readonly #configuration: Configuration;
  readonly #guard: Guard;
  readonly #pool: Analyzer;
  readonly #inbound: Inbound | undefined;
  readonly #states = new Map<string, DocState>();
  /** Documents whose analysis waits for the connection's backlog to drain. */
  readonly #waiting = new Set<string>();
  #backlogTimer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;
  /** Findings from beyond the document (the workspace's register, register.ts), added when it is published. */
  #extra: ((uri: string, c: Cached) => Finding[]) | undefined;

  constructor(
    connection: Connection,
    documents: TextDocuments<TextDocument>,
    configuration: Configuration,
    guard: Guard,
    pool: Analyzer,
    inbound: Inbound | undefined,
  ) {
    this.#connection = connection;
    this.#documents = documents;
    this.#configuration = configuration;
    this.#guard = guard;
    this.#pool = pool;
    this.#inbound = inbound;
    inbound?.onIdle(() => this.#backlogDrained());
  }

  /** Whether the client has this document open. */
  isOpen(uri: string): boolean {
    return !!this.#documents.get(uri);
  }

  /** The open documents' URIs. */
  openUris(): string[] {
    return this.#documents.all().map((d) => d.uri);
  }

  /**
   * The analysis of the open document's text as it is now (when this is called), made once per
   * text: the finished one when the text is unchanged, else the one running or a new one.
   * Undefined for a document that is not open or is a template or registry file.
   */
  async analysisFor(uri: string): Promise<Cached | undefined> {
    await this.#configuration.whenLoaded();
    const doc = this.#documents.get(uri);
    if (!doc || isConfigFile(uri)) return undefined;
    const text = doc.getText();
    const version = doc.version;
    const state = this.#state(uri);
    for (;;) {
      if (this.#matches(state.latest, text)) return { ...state.latest!, version };
      const running = state.running;
      if (running && running.text === text && running.generation === this.#generation) return { ...(await running.done), version };
      if (running) {
        await running.done.catch(() => undefined);
        continue;
      }
      // Nothing for this text: analyse it now, without the debounce (a request is waiting).
      if (this.#documents.get(uri) !== doc) return undefined;
      this.#run(uri, text, version);
    }
  }

  /**
   * The newest finished analysis of an open document (a plan, checked, with the current settings)
   * and the edits made since, when they leave the plan's structure alone: what completion, hover
   * and symbols answer from without waiting. Undefined otherwise (the caller uses `analysisFor`).
   */
  async recent(uri: string): Promise<Recent | undefined> {
    await this.#configuration.whenLoaded();
    const doc = this.#documents.get(uri);
    const state = this.#states.get(uri);
    const latest = state?.latest;
    if (!doc || !state || !latest || latest.generation !== this.#generation || latest.status !== 'checked' || isConfigFile(uri)) return undefined;
    const text = doc.getText();
    // By text too: a client may use a version number again for another text.
    if (state.recent?.version === doc.version && state.recent.latest === latest && state.recent.value.edit.text === text) return state.recent.value;
    if (skipReason(text, this.#configuration.settings.maxFileSize)) return undefined;
    const edit = new PendingEdit(latest.text, text);
    if (edit.structural) return undefined;
    const rangeNow = (r: OffsetRange): Range => ({ start: doc.positionAt(r.start), end: doc.positionAt(r.end) });
    const value: Recent = {
      c: edit.none ? { ...latest, version: doc.version } : latest,
      doc,
      edit,
      range: edit.none ? (r) => latest.lines.range(r) : (r) => rangeNow(edit.rangeToNew(r)),
      rangeNow,
    };
    state.recent = { version: doc.version, latest, value };
    return value;
  }

  /**
   * A question about the model of a `recent` analysis, answered only if the worker that holds the
   * model (or this thread, if it made one) can answer at once; undefined otherwise.
   */
  async onRecentModel<T>(c: Cached, query: ModelQuery, here: (analysis: Analysis) => T): Promise<T | undefined> {
    if (!c.isPlan) return undefined;
    const state = this.#states.get(c.uri);
    const entry = state?.latest;
    if (!state || !entry || entry.text !== c.text) return undefined;
    if (entry.analysis) return here(entry.analysis);
    state.asking = (state.asking ?? 0) + 1;
    state.askedAt = performance.now();
    try {
      const asked = await this.#pool.query(entry.model, query);
      return asked ? (asked.result as T) : undefined;
    } finally {
      if (!--state.asking && state.held) {
        clearTimeout(state.held);
        state.held = undefined;
        // After the answer has gone out (its handler ends in this turn's microtasks).
        nextTurn(() => this.#pump(c.uri, false));
      }
    }
  }

  /**
   * A feature that needs the plan model (hover, completion, the overview, the exports), on the
   * analysis `c` from `analysisFor`: asked of the worker that holds the model, else computed by
   * `here` on the model made on this thread (once per text, and only for a plan a worker has
   * analysed within the budget). Any other text (not a plan, skipped, stopped) has the model of an
   * empty document, which is no plan.
   */
  async onModel<T>(c: Cached, query: ModelQuery, here: (analysis: Analysis) => T): Promise<T> {
    if (c.status !== 'checked' || !c.isPlan) return here(analyze('', { fileName: '' }));
    const latest = this.#states.get(c.uri)?.latest;
    // The copy `analysisFor` returned carries the current version only: keep the model on the cached entry.
    const entry = latest && latest.text === c.text && latest.generation === c.generation ? latest : c;
    if (!entry.analysis) {
      const asked = await this.#pool.query(entry.model, query);
      if (asked) return asked.result as T;
      entry.model = undefined;
      this.#connection.tracer.log(`plan: the model of ${c.uri} is made on the server's thread (no worker holds it)`);
    }
    entry.analysis ??= analyze(c.text, c.options);
    return here(entry.analysis);
  }

  /** Findings that other parts add to a document's own when it is published (register.ts). */
  setExtraFindings(extra: (uri: string, c: Cached) => Finding[]): void {
    this.#extra = extra;
  }

  /** Publishes a document's diagnostics again when its analysis is current (what `setExtraFindings` adds changed). */
  republish(uri: string): void {
    const state = this.#states.get(uri);
    const doc = this.#documents.get(uri);
    if (state?.latest && doc && this.#matches(state.latest, doc.getText()) && !state.running && this.#configuration.loaded) this.#publish(uri, state.latest);
  }

  /** The template a document follows, from its analysis. */
  templateOf(c: Cached): Template | undefined {
    const id = c.summary?.templateId;
    return id ? c.options.templates?.get(id) : undefined;
  }

  /**
   * A document's text changed: check it again, once the burst is over. A change after a pause
   * (`pauseBefore`, pacing.ts) is checked at once; a change that follows closely on another waits
   * for the next one (`burstWait`).
   */
  changed(uri: string, edit = true): void {
    const state = this.#state(uri);
    const now = performance.now();
    // The document's opening and a new configuration are no keystrokes: they and the first edit
    // after them are analysed at once, however long the first analysis (in a worker just started) took.
    const keystroke = edit && !!state.opened;
    state.opened = true;
    const pause = pauseBefore(state.latest?.ms ?? 0, state.latest?.text.length ?? 0);
    state.afterPause = !keystroke || state.lastChange === undefined || now - state.lastChange >= pause;
    if (keystroke) {
      state.lastChange = now;
      this.#pool.writing?.();
    }
    state.dirty = true;
    this.#kick(uri);
  }

  /** A document closed: forget it and clear its diagnostics. */
  closed(uri: string): void {
    const state = this.#states.get(uri);
    if (state?.timer) clearTimeout(state.timer);
    if (state?.held) clearTimeout(state.held);
    this.#states.delete(uri);
    this.#waiting.delete(uri);
    this.#connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Templates, registry or settings changed: every open document is checked again. */
  invalidateAll(): void {
    this.#generation++;
    for (const d of this.#documents.all()) if (!isConfigFile(d.uri)) this.changed(d.uri, false);
  }

  #state(uri: string): DocState {
    let s = this.#states.get(uri);
    if (!s) this.#states.set(uri, (s = { dirty: false, afterPause: true }));
    return s;
  }

  #matches(c: Cached | undefined, text: string): boolean {
    return !!c && c.text === text && c.generation === this.#generation;
  }

  /** Schedules a document's analysis: after the connection's backlog, then after its debounce. */
  #kick(uri: string): void {
    if (this.#inbound && this.#inbound.backlog > 0) {
      this.#waiting.add(uri);
      // A safety net: should the count ever be off, the analysis is late (once), never lost.
      this.#backlogTimer ??= setTimeout(() => {
        this.#backlogTimer = undefined;
        this.#inbound?.resync();
        this.#backlogDrained();
      }, MAX_DEBOUNCE_MS);
      return;
    }
    const state = this.#states.get(uri);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    const delay = state.afterPause ? 0 : burstWait(state);
    if (delay <= 0) {
      state.timer = undefined;
      // After the messages that came with the change (a completion sent with the keystroke): they
      // answer from the newest analysis, and this one is held back while they are answered (`#pump`).
      // The connection handles one message per turn of the event loop; two turns let it handle the
      // next. While the writer gets answers, a question a moment behind the keystroke is waited for
      // too (pacing.ts).
      if (state.askedAt !== undefined && performance.now() - state.askedAt < ASKING_LATELY_MS) {
        state.timer = setTimeout(() => {
          state.timer = undefined;
          this.#pump(uri);
        }, QUESTION_WINDOW_MS);
      } else nextTurn(() => nextTurn(() => this.#pump(uri)));
    } else {
      state.timer = setTimeout(() => {
        state.timer = undefined;
        this.#pump(uri);
      }, delay);
    }
  }

  #backlogDrained(): void {
    if (this.#backlogTimer) clearTimeout(this.#backlogTimer);
    this.#backlogTimer = undefined;
    const uris = [...this.#waiting];
    this.#waiting.clear();
    for (const uri of uris) this.#guard.run('schedule', () => this.#kick(uri), undefined);
  }

  /**
   * Analyses the document's current text unless that is done or running; publishes when it is
   * current. With `hold`, a new analysis waits for quick questions being answered (`asking`).
   */
  #pump(uri: string, hold = true): void {
    const state = this.#states.get(uri);
    const doc = this.#documents.get(uri);
    if (!state || !doc || !this.#configuration.loaded) return; // validation starts once the configuration has loaded
    if (state.running) return; // its end pumps again
    const text = doc.getText();
    if (this.#matches(state.latest, text)) {
      if (state.dirty) this.#publish(uri, state.latest!);
      return;
    }
    if (state.held) return; // its end pumps
    if (hold && state.asking) {
      state.held = setTimeout(() => {
        state.held = undefined;
        this.#pump(uri, false);
      }, HOLD_FOR_QUESTIONS_MS);
      return;
    }
    this.#run(uri, text, doc.version);
  }

  /** Starts the analysis of `text` (the document's state must have none running). */
  #run(uri: string, text: string, version: number): void {
    const state = this.#state(uri);
    const generation = this.#generation;
    // The trace (plan.trace.server, or InitializeParams.trace) shows each analysis: tests count them.
    this.#connection.tracer.log(`plan: analysing ${uri} version ${version} (${text.length} characters)`);
    const progress = slowProgress(this.#connection, uri, SLOW_ANALYSIS_MS);
    const done = this.#analyse(uri, text, version, generation).then((c) => {
      progress.done();
      if (state.running?.done === done) state.running = undefined;
      if (this.#states.get(uri) !== state) return c; // closed meanwhile
      if (c.generation === this.#generation) state.latest = c;
      this.#connection.tracer.log(`plan: analysed ${uri} version ${version}: ${c.status} in ${Math.round(c.ms)} ms`);
      const doc = this.#documents.get(uri);
      if (!doc) return c;
      if (this.#matches(c, doc.getText())) {
        // Diagnostics only once the configuration has loaded (its load checks every document again).
        if (state.dirty && this.#configuration.loaded) this.#publish(uri, c);
      } else if (state.dirty) {
        this.#kick(uri); // the text moved on while this ran: analyse the newest
      }
      return c;
    });
    state.running = { text, generation, done };
  }

  /** Analyses one text: skipped, not a plan, or in the pool with the budget. Never rejects. */
  async #analyse(uri: string, text: string, version: number, generation: number): Promise<Cached> {
    const options = this.#configuration.analyzeOptions(uri);
    const base = { uri, version, text, lines: new LineIndex(text), generation, options };
    const severities = this.#configuration.settings.severity;
    const notChecked = (status: Cached['status'], code: string, message: string, ms = 0): Cached => ({
      ...base,
      status,
      ms,
      isPlan: false,
      findings: withSeverities([{ code, severity: defaultSeverity(code), message, range: { start: 0, end: 0 } }], severities),
    });
    const skipped = skipReason(text, this.#configuration.settings.maxFileSize);
    if (skipped) return notChecked('skipped', 'plan.file.skipped', skipped.message);
    if (!options.planType && !mayBePlan(text, options.fileName, options.templates?.all())) {
      return { ...base, status: 'checked', ms: 0, isPlan: false, findings: [] };
    }
    let outcome: AnalysisOutcome;
    try {
      outcome = await this.#pool.run(text, options);
    } catch (e) {
      outcome = { status: 'failed', message: e instanceof Error ? e.message : String(e) };
    }
    if (outcome.status === 'done') {
      const s = outcome.summary;
      return {
        ...base,
        status: 'checked',
        ms: s.ms,
        isPlan: s.isPlan,
        findings: s.findings,
        summary: s,
        model: outcome.model,
        outlined: outcome.outlined,
        askOutline: outcome.askOutline,
      };
    }
    if (outcome.status === 'timeout') {
      const seconds = new Intl.NumberFormat(getLocale(), { maximumFractionDigits: 1 }).format(outcome.ms / 1000);
      return notChecked(
        'timeout',
        'plan.file.timeout',
        t(
          'The file is not checked: its check took longer than {0} s and was stopped. Markdown this hard to read is unusual (for example thousands of nested list markers or emphasis marks); the limit is the setting plan.analysisTimeout.',
          seconds,
        ),
        outcome.ms,
      );
    }
    return notChecked('failed', 'plan.internal', t('The file is not checked: its check stopped unexpectedly ({0}).', outcome.message));
  }

  #publish(uri: string, c: Cached): void {
    const state = this.#states.get(uri);
    const doc = this.#documents.get(uri);
    if (!state || !doc || !this.#matches(c, doc.getText())) return; // never for a text the document no longer has
    state.dirty = false;
    // Asked of every text (one that is no longer a plan leaves the register); only a plan gets any.
    const extra = this.#guard.run('extraFindings', () => this.#extra?.(uri, c) ?? [], []);
    const diagnostics: Diagnostic[] = [...c.findings, ...extra].map((f) => findingToDiagnostic(c.lines, f, uri));
    this.#connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }
}

/** The outline of an analysis, asked for if it follows the findings and has not been yet: resolves once it is in the summary. */
export function outlineOf(c: Cached | undefined): Promise<void> | undefined {
  c?.askOutline?.();
  return c?.outlined;
}
