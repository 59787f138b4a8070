/**
 * An action's status for one follow-up year. The plan holds one status line per action (its latest),
 * so the status of a year is what that line says when it is dated within or before the year, or
 * undated; a status dated after the year's end is a later year's, and the action has no status the
 * plan records for the year (its task box and comment were set with that later status, so they are
 * set aside too). A date whose year cannot be read counts as undated (plan.status.date flags it).
 */
import type { StatusSpec } from './spec';
import type { ActionFollowUp } from './status';

export interface YearStatus {
  /** The status in force at the year's end, as far as the plan records it. */
  effective?: StatusSpec;
  date?: string;
  comment?: string;
  /** The task box, when it belongs to the year. */
  checked?: boolean;
  /** The plan's status when it is dated after the year: a later year's. */
  later?: { status?: StatusSpec; text: string; date: string };
}

/** The year of a status date as written: `2025-06-30` → 2025; undefined when no year can be read. */
export function yearOfDate(date: string | undefined): number | undefined {
  if (!date) return undefined;
  const m = /(?:^|\D)((?:19|20|21)\d\d)(?:\D|$)/.exec(date);
  return m ? Number(m[1]) : undefined;
}

/** The last day of a follow-up year, the date a report for it reflects: 2025 → 2025-12-31. */
export function yearEnd(year: number): string {
  return `${String(year).padStart(4, '0')}-12-31`;
}

/** The action's status for the year; without a year, the plan's status as it stands. */
export function statusInYear(a: ActionFollowUp, year?: number): YearStatus {
  const dated = yearOfDate(a.status?.date);
  if (year !== undefined && a.status && dated !== undefined && dated > year)
    return { later: { status: a.status.spec, text: a.status.spec?.label ?? a.status.text, date: a.status.date! } };
  return { effective: a.effective, date: a.status?.date, comment: a.comment?.text || undefined, checked: a.checked };
}
