/**
 * Navigation and refactoring on a plan, as questions with data answers: references and definitions
 * of parts and ambitions, rename, renumber, Innehåll regenerated, fix all, and the code lenses.
 * The language server asks them of the worker that holds the plan model (or of a model made on its
 * own thread); the answers are plain data (offsets, edits, texts).
 */
import type { Analysis, AnalyzeOptions } from '../index';
import type { TextEdit } from '../fixes';
import { count, t } from '../l10n';
import { allUnits, unitActions, valueForRole, type PlanModel, type Unit } from '../model';
import { findReferences, planTargets, siteAt, type PlanTargets } from '../refs';
import type { OffsetRange } from '../text';
import { fixAll } from './fixall';
import { prepareRename, renameAt, type UnitChange } from './rename';
import { renumber } from './renumber';
import { regenerateToc } from './toc';

export { fixAll, SAFE_FIXES, safeEdits, applyAll } from './fixall';
export { prepareRename, renameAt, renameUnits, foreignRenameEdits, type UnitChange, type RenameResult } from './rename';
export { renumber, sequenceNumbers } from './renumber';
export { regenerateToc } from './toc';

export type RefactorQuery =
  | { op: 'references'; offset: number; fileName: string }
  | { op: 'prepareRename'; offset: number }
  | { op: 'rename'; offset: number; newName: string; fileName: string }
  | { op: 'lenses' }
  | { op: 'renumber'; fileName: string }
  | { op: 'toc' }
  | { op: 'fixAll' }
  | { op: 'targets'; fileName: string };

/** The unit at an offset with its heading (the definition) and every place in the document that refers to it. */
export interface ReferencesAnswer {
  unit?: { level: number; number?: string; heading: OffsetRange; title: string };
  references: OffsetRange[];
  targets?: PlanTargets;
}

export interface EditsAnswer {
  edits: TextEdit[];
  error?: string;
  /** For a rename or a renumbering: the units that change, and what other documents need to follow them. */
  changes?: UnitChange[];
  targets?: PlanTargets;
}

export interface Lens {
  /** The unit's heading. */
  range: OffsetRange;
  title: string;
  /** Where the references are, for the lens's command. */
  references: OffsetRange[];
}

export type RefactorAnswer = ReferencesAnswer | EditsAnswer | { range: OffsetRange; placeholder: string } | { error: string } | Lens[] | PlanTargets;

/** How another document names this plan, and its units: for references across documents. */
export function targetsOf(plan: PlanModel, fileName: string): PlanTargets {
  return planTargets(plan, fileName, valueForRole(plan, 'diarienummer'), valueForRole(plan, 'title'));
}

/** The code lenses: on each unit's heading, how many actions, actors and references it has. */
export function lenses(plan: PlanModel): Lens[] {
  const byUnit = new Map<Unit, OffsetRange[]>();
  for (const r of findReferences(plan)) if (r.kind !== 'anchor') byUnit.set(r.unit, [...(byUnit.get(r.unit) ?? []), r.range]);
  return allUnits(plan).map((u) => {
    const actions = [u, ...descendants(u)].flatMap(unitActions);
    const actors = new Set(actions.map((a) => a.actor?.body.name).filter((n): n is string => !!n));
    const mine = byUnit.get(u) ?? [];
    const title = [
      count(actions.length, t('action'), t('actions')),
      count(actors.size, t('actor'), t('actors')),
      count(mine.length, t('reference'), t('references')),
    ].join(' · ');
    return { range: u.section.heading.range, title, references: mine };
  });
}

function descendants(u: Unit): Unit[] {
  return u.children.flatMap((c) => [c, ...descendants(c)]);
}

/** Answers a question on an analysis made with `options`. */
export function answerRefactor(analysis: Analysis, options: AnalyzeOptions, q: RefactorQuery): RefactorAnswer {
  const { plan } = analysis;
  switch (q.op) {
    case 'references': {
      const refs = findReferences(plan);
      const site = siteAt(plan, q.offset, refs);
      if (!site) return { references: [] };
      const u = site.unit;
      return {
        unit: { level: u.level, number: u.number, heading: u.section.heading.range, title: u.title },
        references: refs.filter((r) => r.unit === u).map((r) => r.range),
        targets: targetsOf(plan, q.fileName),
      };
    }
    case 'prepareRename':
      return prepareRename(plan, q.offset);
    case 'rename': {
      const r = renameAt(plan, q.offset, q.newName);
      return { ...r, targets: targetsOf(plan, q.fileName) };
    }
    case 'lenses':
      return lenses(plan);
    case 'renumber': {
      const r = renumber(plan);
      return { ...r, targets: targetsOf(plan, q.fileName) };
    }
    case 'toc':
      return regenerateToc(plan);
    case 'fixAll':
      return { edits: fixAll(plan.md.text, options, analysis.findings) };
    case 'targets':
      return targetsOf(plan, q.fileName);
  }
}
