/**
 * Renumber the units in sequence: the first level 1, 2, 3 … in document order, and each level
 * below with its parent's number first (1.1, 1.2 …), as the template's numbering asks. References,
 * Innehåll entries and links follow (rename.ts). Units outside any unit of the level above are left
 * as they are; so are references to a number two units share, since it is not known which they mean.
 */
import type { Unit, PlanModel } from '../model';
import { levelNumbering } from '../template';
import { renameUnits, type RenameResult } from './rename';

/** The new number of every numbered unit, in sequence. */
export function sequenceNumbers(plan: PlanModel): Map<Unit, { number: string }> {
  const out = new Map<Unit, { number: string }>();
  const visit = (units: Unit[], prefix: string | undefined) => {
    let k = 0;
    for (const u of units) {
      const numbering = levelNumbering(u.spec);
      let mine: string | undefined;
      if (numbering !== 'none' && (u.number || numbering === 'required')) {
        k++;
        mine = prefix ? `${prefix}.${k}` : String(k);
        // A unit without a number gets one only where its heading starts with the level's label.
        if (u.number || u.spec.label) out.set(u, { number: mine });
      }
      visit(u.children, mine ?? (numbering === 'none' ? undefined : u.number));
    }
  };
  visit(plan.parts, undefined);
  return out;
}

/** The edits that renumber the plan's units in sequence; none when they already are. */
export function renumber(plan: PlanModel): RenameResult {
  const wanted = new Map<Unit, { number?: string }>();
  for (const [u, w] of sequenceNumbers(plan)) if (u.number !== w.number) wanted.set(u, w);
  if (!wanted.size) return { edits: [], changes: [] };
  // Every unit with its number (changed or not), so that references resolve to units, not to numbers.
  return renameUnits(plan, wanted);
}
