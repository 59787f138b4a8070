/**
 * The follow-up part of the template language: indicators on a level, the statuses an action can
 * have, and what the follow-up section must say. Every field is optional; what a template leaves
 * out takes the defaults below, so templates written before these fields work unchanged.
 */
import type { LocalText } from '../l10n';
import type { StatementSpec } from '../template';

/** Where a level's units carry indicators (`Indikator: …` lines or a table). */
export interface IndicatorSpec {
  /** Every unit of the level must have at least one indicator. */
  required?: boolean;
  /** The word an indicator line begins with (default `Indikator`). */
  label?: string;
  /** The forms the template accepts: `line` (default) and `table`. */
  forms?: Array<'line' | 'table'>;
  /** The words before the baseline, the target and the source (default `utgångsläge`, `mål`, `källa`). */
  baselineLabel?: string;
  targetLabel?: string;
  sourceLabel?: string;
  guidance?: LocalText;
}

/** One value of an action's status ("pågår"). */
export interface StatusSpec {
  id: string;
  label: string;
  aliases?: string[];
  /** The action is done: a ticked task box means this status. */
  done?: boolean;
  /** The action was stopped without being done. */
  cancelled?: boolean;
  description?: LocalText;
}

export interface FollowUpSpec {
  /** The word a status line begins with (default `Status`). */
  statusLabel?: string;
  /** The word a comment line begins with (default `Kommentar`). */
  commentLabel?: string;
  /** The statuses, in their order of progress; the first is an action's status before it starts. */
  statuses?: StatusSpec[];
}

/** A thing the follow-up section should say, reported as a hint when no sentence says it. */
export interface FollowUpCheckSpec extends StatementSpec {
  /** The sentence must also name a body (who follows up). */
  requireBody?: boolean;
}

export const DEFAULT_STATUSES: readonly StatusSpec[] = [
  { id: 'ej-paborjad', label: 'inte påbörjad', aliases: ['ej påbörjad', 'ej startad', 'inte startad'] },
  { id: 'pagar', label: 'pågår', aliases: ['påbörjad', 'pågående'] },
  { id: 'klar', label: 'klar', aliases: ['genomförd', 'avslutad', 'slutförd'], done: true },
  { id: 'avbruten', label: 'avbruten', aliases: ['avbruten', 'stoppad', 'utgår'], cancelled: true },
];

export interface ResolvedFollowUp {
  statusLabel: string;
  commentLabel: string;
  statuses: readonly StatusSpec[];
}

export function resolveFollowUp(spec: FollowUpSpec | undefined): ResolvedFollowUp {
  return {
    statusLabel: spec?.statusLabel ?? 'Status',
    commentLabel: spec?.commentLabel ?? 'Kommentar',
    statuses: spec?.statuses?.length ? spec.statuses : DEFAULT_STATUSES,
  };
}

export interface ResolvedIndicators {
  required: boolean;
  label: string;
  forms: ReadonlySet<'line' | 'table'>;
  baselineLabel: string;
  targetLabel: string;
  sourceLabel: string;
}

/** Each template level's indicators resolved once: every unit of a level asks for them. */
const resolvedIndicators = new WeakMap<IndicatorSpec, ResolvedIndicators>();

export function resolveIndicators(spec: IndicatorSpec): ResolvedIndicators {
  let resolved = resolvedIndicators.get(spec);
  if (!resolved) resolvedIndicators.set(spec, (resolved = resolveIndicatorsOnce(spec)));
  return resolved;
}

function resolveIndicatorsOnce(spec: IndicatorSpec): ResolvedIndicators {
  return {
    required: !!spec.required,
    label: spec.label ?? 'Indikator',
    forms: new Set(spec.forms?.length ? spec.forms : ['line']),
    baselineLabel: spec.baselineLabel ?? 'utgångsläge',
    targetLabel: spec.targetLabel ?? 'mål',
    sourceLabel: spec.sourceLabel ?? 'källa',
  };
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();

/** The status a written value names, by label or alias, case and spacing aside. */
export function statusByText(statuses: readonly StatusSpec[], text: string): StatusSpec | undefined {
  const key = fold(text);
  return statuses.find((s) => fold(s.label) === key || s.aliases?.some((a) => fold(a) === key) || fold(s.id) === key);
}

/** The status a ticked task box means: the first done status. */
export function doneStatus(statuses: readonly StatusSpec[]): StatusSpec | undefined {
  return statuses.find((s) => s.done);
}
