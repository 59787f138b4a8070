/**
 * The analysis worker: runs in a worker thread (node:worker_threads), started by analysis.ts from
 * the same bundle as the server (main.ts tells the two apart). It analyses one document at a time
 * and answers with what crosses the thread boundary: plain data only (structured clone), never the
 * plan model itself, which holds mdast trees, a LineIndex with private fields, and templates and
 * registry bodies whose identity the features rely on.
 *
 * What crosses, main → worker: the text, the analysis options as data, the templates as their
 * plain `Template` objects and the registry as its `RegistryData` (each sent once per worker and
 * then named by a number). Worker → main: the findings, whether the text is a plan, the document
 * symbols, folding ranges and ambition symbols (the features asked after every edit), the
 * template's id and the time taken.
 *
 * The worker keeps the models of its last few analyses, and answers queries on them that need the model
 * (hover and completion at an offset, the overview, the export), again as plain data. When that
 * worker has moved on (or is busy), the server analyses the text on its own thread instead: only a
 * text a worker has finished within the budget.
 */
import type { MessagePort } from 'node:worker_threads';
import {
  ambitionSymbols,
  analyze,
  completions,
  DEFAULT_REGISTRY,
  documentSymbols,
  exportPlan,
  foldingRanges,
  isStale,
  hover,
  planOverview,
  publication,
  registerEntry,
  Registry,
  setLocale,
  TemplateSet,
  templateSkeleton,
  type Analysis,
  type AnalyzeOptions,
  type Finding,
  type FoldingRange,
  type PlanSymbol,
  type ParsedMarkdown,
  type RegisterEntry,
  type RegistryData,
  type Template,
} from '../core/index';
import { answerRefactor, type RefactorQuery } from '../core/refactor/index';

/** The analysis options that are data (no templates or registry objects). */
export type JobOptions = Omit<AnalyzeOptions, 'templates' | 'registry'> & { fileName: string };

/** A set of templates or a registry as the worker knows it: by number, with the data the first time. */
export interface ScopeRef<T> {
  id: number;
  data?: T;
}

export interface AnalyzeJob {
  kind: 'analyze';
  id: number;
  text: string;
  options: JobOptions;
  locale: string;
  /** Undefined: the built-in templates (or registry). */
  templates?: ScopeRef<Template[]>;
  registry?: ScopeRef<RegistryData>;
  /**
   * A background job (the workspace check, the register's scan, workspace symbols): its summary
   * has no outline or folding, which those never read, and the worker does not keep its model, so
   * that a check of many files does not push out the models of the open documents.
   */
  lean?: boolean;
}

/** The options as data for the worker: the templates and registry go separately, by number. */
export function jobOptions(options: AnalyzeOptions & { fileName: string }): JobOptions {
  const { templates: _t, registry: _r, ...rest } = options;
  return rest;
}

export interface AnalysisSummary extends Outline {
  findings: Finding[];
  isPlan: boolean;
  /** The id of the template the document follows. */
  templateId?: string;
  /** The document's entry in the workspace's register of governing documents (register.ts). */
  register?: RegisterEntry;
  /** How long the analysis took (ms). */
  ms: number;
  /**
   * The outline follows in a message of its own (`outline`), after the findings: a worker sends the
   * findings of an open document first, so that diagnostics need not wait for the outline. It makes
   * the outline at once (a later job may move the parse it reads) and sends it when the server asks
   * (`OutlineRequest`): when a feature needs it, or 100 ms after the findings (slots.ts
   * `followingOutline`). Sent at once, it was unpacked on the server's thread while the diagnostics
   * were written (on a 1 MB plan, the slowest keystrokes' diagnostics some 10 ms later).
   */
  outlineFollows?: boolean;
}

/** What the outline, folding and workspace symbols read of an analysis. */
export interface Outline {
  symbols: PlanSymbol[];
  folding: FoldingRange[];
  ambitions: Array<{ name: string; container: string; range: { start: number; end: number } }>;
}

/** A question about the model of an analysis: the features that need more than the summary. */
export type ModelQuery =
  | { kind: 'hover'; offset: number }
  /** `now`: the cursor's line as it is now and the cursor in it, when the text has changed since the analysis (completion.ts). */
  | { kind: 'completion'; offset: number; today: string; now?: { text: string; offset: number } }
  | { kind: 'overview'; today: string }
  | { kind: 'export'; today: string }
  | { kind: 'refactor'; query: RefactorQuery }
  | { kind: 'publish' };

export interface QueryJob {
  kind: 'query';
  id: number;
  /** The analysis job whose model is asked about. */
  jobId: number;
  query: ModelQuery;
  locale: string;
}

/** The server's quiet moment after the worker's first job (analysis.ts): the worker writes its code cache then. */
export interface IdleNotice {
  kind: 'idle';
}

/** The server asks for the outline of a job whose summary said `outlineFollows` (the worker holds it until then). */
export interface OutlineRequest {
  kind: 'outline';
  id: number;
}

/** What the server sends a worker. */
export type ToWorker = AnalyzeJob | QueryJob | OutlineRequest | IdleNotice;

export type WorkerMessage =
  | { kind: 'ready' }
  /** Warmed up: its parser is compiled (the pool sends it work it could leave to another, analysis.ts). */
  | { kind: 'warm' }
  /** A line for the server's trace (the code cache written, node/code-cache.ts). */
  | { kind: 'log'; message: string }
  | { kind: 'done'; id: number; summary: AnalysisSummary }
  /** The outline of a job whose summary said `outlineFollows`. */
  | { kind: 'outline'; id: number; outline: Outline }
  | { kind: 'failed'; id: number; message: string }
  /** `found` false: the worker no longer holds that job's model. */
  | { kind: 'answer'; id: number; found: boolean; result?: unknown };

/** The model of an analysis and what it was made with: what a query needs. */
export interface Model {
  analysis: Analysis;
  templates: TemplateSet;
  registry: Registry;
  /** The options it was made with (refactor: fix all analyses again with them). */
  options?: AnalyzeOptions;
}

/** Answers a query on a model: the same call the server makes on its own thread. */
export function answer(model: Model, q: ModelQuery): unknown {
  const { analysis, templates, registry } = model;
  switch (q.kind) {
    case 'hover':
      return hover(analysis.plan, q.offset, registry, analysis.findings) ?? null;
    case 'completion':
      return completions(analysis.plan, q.offset, { registry, templates, today: q.today }, q.now);
    case 'overview':
      return planOverview(analysis, q.today);
    case 'export':
      return exportPlan(analysis, q.today);
    case 'refactor':
      return answerRefactor(analysis, { ...model.options, templates, registry }, q.query);
    case 'publish':
      return publication(analysis.plan);
  }
}

/** Analyses a text and keeps what the server needs of it as data (and the model, for `keep`). The same in the worker and without one. */
export function summarise(
  text: string,
  options: AnalyzeOptions,
  keep?: (analysis: Analysis) => void,
  previous?: ParsedMarkdown,
  lean = false,
): AnalysisSummary {
  let plan: Analysis['plan'] | undefined;
  const summary = findingsOf(text, options, (a) => ((plan = a.plan), keep?.(a)), previous);
  return Object.assign(summary, outlineOf(plan!, lean));
}

/** `summarise` without the outline (empty lists, to be filled in by `outlineOf`). */
function findingsOf(text: string, options: AnalyzeOptions, keep: (analysis: Analysis) => void, previous?: ParsedMarkdown): AnalysisSummary {
  const start = performance.now();
  const analysis = analyze(text, options, previous);
  keep(analysis);
  const { plan, findings } = analysis;
  return {
    findings,
    isPlan: !!plan.planBy,
    templateId: plan.template?.id,
    symbols: [],
    folding: [],
    ambitions: [],
    register: registerEntry(plan),
    ms: performance.now() - start,
  };
}

/** The outline of a plan; `lean` (background jobs): only the workspace symbols. */
function outlineOf(plan: Analysis['plan'], lean: boolean): Outline {
  return {
    symbols: lean ? [] : documentSymbols(plan),
    folding: lean ? [] : foldingRanges(plan),
    ambitions: plan.planBy ? ambitionSymbols(plan) : [],
  };
}

/** How many models a worker keeps for queries, and how much text they may have together (characters). */
export const MODELS_KEPT = 4;
/**
 * How many outlines a worker holds for the server to ask for. The server asks for each within
 * 100 ms (slots.ts `followingOutline`), so only documents opened many at a time make more than a
 * few; the bound is for a server that does not ask. One let go is answered with an empty outline.
 */
const OUTLINES_HELD = 256;
const MODEL_TEXT_KEPT = 4_000_000;

/** How many template sets and registries a worker keeps (reloads make new ones). */
const KEEP = 16;

/**
 * The worker's side: answers `analyze` jobs on `port` until it is terminated. `afterFirstJob` runs
 * once, after the first analysis, when the server says it is quiet (`IdleNotice`: no job and no
 * change to an open document for a second, analysis.ts). main.ts writes the code cache then, with
 * the analysis's functions compiled; that takes the worker a few hundred ms, so not while someone
 * types (a quiet moment of the worker's own came in the middle of a burst of keys, whose analysis
 * then waited for it). What it returns goes to the server's trace. `takeQueued` (the Node host's:
 * node:worker_threads' receiveMessageOnPort) takes a message already posted to the port but not
 * yet delivered: a warm-up step checks it first, since a timer runs before a message that came
 * meanwhile, and a job posted just before the step would wait for it.
 */
export function runAnalysisWorker(port: MessagePort, afterFirstJob?: () => string | undefined, takeQueued?: () => unknown): void {
  const templateSets = new Map<number, TemplateSet>();
  const registries = new Map<number, Registry>();
  const remember = <T>(map: Map<number, T>, id: number, value: T) => {
    map.set(id, value);
    if (map.size > KEEP) map.delete(map.keys().next().value as number);
    return value;
  };
  /** A kept value, made the most recently used (the least recently used is let go first). */
  const recall = <T>(map: Map<number, T>, id: number): T | undefined => {
    const value = map.get(id);
    if (value !== undefined) {
      map.delete(id);
      map.set(id, value);
    }
    return value;
  };
  /** The models of the last analyses, by job, the newest last (for queries). */
  const models = new Map<number, Model & { size: number; fileName?: string }>();
  /** The parse of the newest kept analysis of a file: the next version of it is parsed incrementally from it. */
  const previousParse = (fileName: string | undefined): ParsedMarkdown | undefined => {
    let found: ParsedMarkdown | undefined;
    if (fileName) for (const m of models.values()) if (m.fileName === fileName) found = m.analysis.plan.md;
    return found;
  };
  let busy = false;
  let after = afterFirstJob;
  let firstJobDone = false;
  /** Outlines made and not yet asked for, by job (`outlineFollows`), the newest last. */
  const outlines = new Map<number, Outline>();
  const onJob = (job: ToWorker) => {
    if (job.kind === 'idle') {
      if (!firstJobDone) return; // nothing compiled to keep yet
      const fn = after;
      after = undefined;
      const message = fn?.();
      if (message) port.postMessage({ kind: 'log', message } satisfies WorkerMessage);
      return;
    }
    if (job.kind === 'outline') {
      const outline = outlines.get(job.id) ?? { symbols: [], folding: [], ambitions: [] };
      outlines.delete(job.id);
      port.postMessage({ kind: 'outline', id: job.id, outline } satisfies WorkerMessage);
      return;
    }
    busy = true;
    handle(job);
  };
  port.on('message', onJob);
  const handle = (job: AnalyzeJob | QueryJob) => {
    if (job.kind === 'query') {
      try {
        setLocale(job.locale);
        const model = models.get(job.jobId);
        port.postMessage({ kind: 'answer', id: job.id, found: !!model, result: model ? answer(model, job.query) : undefined } satisfies WorkerMessage);
      } catch (e) {
        port.postMessage({ kind: 'failed', id: job.id, message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
      }
      return;
    }
    try {
      setLocale(job.locale);
      let templates: TemplateSet | undefined;
      if (job.templates) {
        templates = recall(templateSets, job.templates.id);
        if (!templates && job.templates.data) templates = remember(templateSets, job.templates.id, new TemplateSet(job.templates.data));
        if (!templates) throw new Error(`unknown template set ${job.templates.id}`);
      }
      let registry: Registry | undefined;
      if (job.registry) {
        registry = recall(registries, job.registry.id);
        if (!registry && job.registry.data) registry = remember(registries, job.registry.id, new Registry(job.registry.data));
        if (!registry) throw new Error(`unknown registry ${job.registry.id}`);
      }
      const fileName = job.options.fileName;
      let plan: Analysis['plan'] | undefined;
      const summary = findingsOf(
        job.text,
        { ...job.options, templates, registry },
        (analysis) => {
          plan = analysis.plan;
          if (job.lean) return;
          models.set(job.id, {
            analysis,
            templates: templates ?? new TemplateSet(),
            registry: registry ?? DEFAULT_REGISTRY,
            options: job.options,
            size: job.text.length,
            fileName,
          });
          // A model whose parse a later version was made from answers no more questions (incremental.ts).
          for (const [id, m] of models) if (isStale(m.analysis.plan.md)) models.delete(id);
          let total = [...models.values()].reduce((n, m) => n + m.size, 0);
          for (const [id, m] of models) {
            if (models.size <= MODELS_KEPT && total <= MODEL_TEXT_KEPT) break;
            if (id === job.id) break;
            models.delete(id);
            total -= m.size;
          }
        },
        previousParse(fileName),
      );
      if (job.lean) {
        port.postMessage({ kind: 'done', id: job.id, summary: Object.assign(summary, outlineOf(plan!, true)) } satisfies WorkerMessage);
      } else {
        port.postMessage({ kind: 'done', id: job.id, summary: { ...summary, outlineFollows: true } } satisfies WorkerMessage);
        let outline: Outline;
        try {
          outline = outlineOf(plan!, false);
        } catch (e) {
          outline = { symbols: [], folding: [], ambitions: [] };
          port.postMessage({ kind: 'log', message: `plan: no outline of ${fileName}: ${e instanceof Error ? e.message : String(e)}` } satisfies WorkerMessage);
        }
        outlines.set(job.id, outline);
        if (outlines.size > OUTLINES_HELD) outlines.delete(outlines.keys().next().value as number);
      }
      firstJobDone = true;
    } catch (e) {
      port.postMessage({ kind: 'failed', id: job.id, message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
    }
  };
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
  // Warm up only while no job has come, a step (a template's skeleton) at a time, so that a job that
  // comes meanwhile waits for one step at most; a job compiles the parser itself.
  const steps = warmUpSteps();
  const step = () => {
    if (busy) return;
    const queued = takeQueued?.();
    if (queued !== undefined) return onJob(queued as ToWorker);
    const next = steps.shift();
    if (!next) {
      port.postMessage({ kind: 'warm' } satisfies WorkerMessage);
      return;
    }
    next();
    setTimeout(step, 0).unref();
  };
  setTimeout(step, WARM_UP_AFTER_MS).unref();
}

/** How long a new worker waits for a job before it warms up (ms). */
const WARM_UP_AFTER_MS = 30;

/**
 * Analyses each built-in template's skeleton once, so that a new worker (at start, or replacing
 * one stopped after its budget) does not spend the first document's budget on compiling the
 * parser; the server's thread does the same once, for the first hover's sake. The smallest first:
 * it compiles as much as the others, in the shortest step.
 */
export function warmUpSteps(): Array<() => void> {
  return new TemplateSet()
    .all()
    .map((tpl) => ({ id: tpl.id, text: templateSkeleton(tpl, '2025-01-01') }))
    .sort((a, b) => a.text.length - b.text.length)
    .map(
      ({ id, text }) =>
        () =>
          void summarise(text, { fileName: `warm-up.${id}.md` }),
    );
}

export function warmUp(): void {
  for (const step of warmUpSteps()) step();
}
