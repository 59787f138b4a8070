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
 * template's id and the time taken. Hover, completion and the overview need the model: the server
 * analyses again on its own thread, only a text the worker has shown to finish within the budget.
 */
import type { MessagePort } from 'node:worker_threads';
import {
  ambitionSymbols,
  analyze,
  documentSymbols,
  foldingRanges,
  Registry,
  setLocale,
  TemplateSet,
  templateSkeleton,
  type AnalyzeOptions,
  type Finding,
  type FoldingRange,
  type PlanSymbol,
  type RegistryData,
  type Template,
} from '../core/index';

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
}

export interface AnalysisSummary {
  findings: Finding[];
  isPlan: boolean;
  /** The id of the template the document follows. */
  templateId?: string;
  symbols: PlanSymbol[];
  folding: FoldingRange[];
  ambitions: Array<{ name: string; container: string; range: { start: number; end: number } }>;
  /** How long the analysis took (ms). */
  ms: number;
}

export type WorkerMessage = { kind: 'ready' } | { kind: 'done'; id: number; summary: AnalysisSummary } | { kind: 'failed'; id: number; message: string };

/** Analyses a text and keeps what the server needs of it as data. The same in the worker and without one. */
export function summarise(text: string, options: AnalyzeOptions): AnalysisSummary {
  const start = performance.now();
  const { plan, findings } = analyze(text, options);
  return {
    findings,
    isPlan: !!plan.planBy,
    templateId: plan.template?.id,
    symbols: documentSymbols(plan),
    folding: foldingRanges(plan),
    ambitions: plan.planBy ? ambitionSymbols(plan) : [],
    ms: performance.now() - start,
  };
}

/** How many template sets and registries a worker keeps (reloads make new ones). */
const KEEP = 16;

/** The worker's side: answers `analyze` jobs on `port` until it is terminated. */
export function runAnalysisWorker(port: MessagePort): void {
  const templateSets = new Map<number, TemplateSet>();
  const registries = new Map<number, Registry>();
  const remember = <T>(map: Map<number, T>, id: number, value: T) => {
    map.set(id, value);
    if (map.size > KEEP) map.delete(map.keys().next().value as number);
    return value;
  };
  port.on('message', (job: AnalyzeJob) => {
    try {
      setLocale(job.locale);
      let templates: TemplateSet | undefined;
      if (job.templates) {
        templates = templateSets.get(job.templates.id);
        if (!templates && job.templates.data) templates = remember(templateSets, job.templates.id, new TemplateSet(job.templates.data));
        if (!templates) throw new Error(`unknown template set ${job.templates.id}`);
      }
      let registry: Registry | undefined;
      if (job.registry) {
        registry = registries.get(job.registry.id);
        if (!registry && job.registry.data) registry = remember(registries, job.registry.id, new Registry(job.registry.data));
        if (!registry) throw new Error(`unknown registry ${job.registry.id}`);
      }
      const summary = summarise(job.text, { ...job.options, templates, registry });
      port.postMessage({ kind: 'done', id: job.id, summary } satisfies WorkerMessage);
    } catch (e) {
      port.postMessage({ kind: 'failed', id: job.id, message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
    }
  });
  warmUp();
  port.postMessage({ kind: 'ready' } satisfies WorkerMessage);
}

/**
 * Analyses each built-in template's skeleton once, so that a new worker (at start, or replacing
 * one stopped after its budget) does not spend the first document's budget on compiling the
 * parser; the server's thread does the same once, for the first hover's sake.
 */
export function warmUp(): void {
  for (const tpl of new TemplateSet().all()) summarise(templateSkeleton(tpl, '2025-01-01'), { fileName: `warm-up.${tpl.id}.md` });
}
