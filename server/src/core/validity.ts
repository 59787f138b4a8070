/** Whether a body of the registry exists for the whole of a document's validity. */
import type { Body } from './registry';

/** A document's validity: first and last day (ISO dates, inclusive); a missing or invalid one is unknown. */
export interface ValidityPeriod {
  from?: string;
  to?: string;
}

/**
 * How a body's existence falls short of a document's validity:
 * - `ended`: the body's `validTo` (`date`) is before the document starts;
 * - `not-started`: the body's `validFrom` (`date`) is after the document ends;
 * - `partial`: the body exists for only part of the period: it `starts` after the document's first
 *   day and/or `ends` before its last day (each the body's own date, set only when it falls inside).
 */
export type ValidityGap = { kind: 'ended'; date: string } | { kind: 'not-started'; date: string } | { kind: 'partial'; starts?: string; ends?: string };

/** `s` if it is a real calendar date written ÅÅÅÅ-MM-DD, else undefined. */
function isoDate(s: string | undefined): string | undefined {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? s : undefined;
}

/**
 * Whether `body` did not exist for the whole of `period`, or undefined when it did (or nothing can
 * be said). All dates are inclusive: a body whose `validTo` is the document's first day exists on
 * that day. A missing or invalid date, of the body or the document, is unknown and never reported
 * on: a document valid ”tills vidare” has no `to`; pass `'9999-12-31'` to treat it as open-ended.
 */
export function validityGap(body: Pick<Body, 'validFrom' | 'validTo'>, period: ValidityPeriod): ValidityGap | undefined {
  const validFrom = isoDate(body.validFrom);
  const validTo = isoDate(body.validTo);
  const from = isoDate(period.from);
  const to = isoDate(period.to);
  if (validTo && from && validTo < from) return { kind: 'ended', date: validTo };
  if (validFrom && to && validFrom > to) return { kind: 'not-started', date: validFrom };
  const starts = validFrom && from && validFrom > from ? validFrom : undefined;
  const ends = validTo && to && validTo < to ? validTo : undefined;
  if (!starts && !ends) return undefined;
  const gap: ValidityGap = { kind: 'partial' };
  if (starts) gap.starts = starts;
  if (ends) gap.ends = ends;
  return gap;
}
