/**
 * Dates of the register: terms of office (mandatperioder), revision dates, and a document's status
 * on a given day. ISO dates (ÅÅÅÅ-MM-DD) compare as text; arithmetic goes through UTC.
 */
import DEFAULTS from '../data/defaults.json';
import { isValidIsoDate } from '../model';
import type { RegisterEntry } from './entry';

const TERM = DEFAULTS.termOfOffice;

/** A term of office: its first and last day, and its years as written (2022–2026). */
export interface TermOfOffice {
  start: string;
  end: string;
  label: string;
}

/** The term of office a day falls in: terms begin on 15 October of an election year (every four years from 1994). */
export function termOfOffice(date: string): TermOfOffice {
  const year = Number(date.slice(0, 4));
  let election = TERM.firstElectionYear + Math.floor((year - TERM.firstElectionYear) / TERM.years) * TERM.years;
  if (`${String(election).padStart(4, '0')}-${TERM.startsOn}` > date) election -= TERM.years;
  const next = election + TERM.years;
  return { start: `${election}-${TERM.startsOn}`, end: addDays(`${next}-${TERM.startsOn}`, -1), label: `${election}–${next}` };
}

/**
 * When a document must be revised at the latest: its written date; else its decision date (or its
 * first day) plus the template's years; else once per term of office, that is by the end of the
 * term after the one it was decided in (a document decided in 2022–2026 is revised in 2026–2030).
 */
export function revisionDue(entry: Pick<RegisterEntry, 'revisionDue' | 'decisionDate' | 'validFrom' | 'revisionYears'>): string | undefined {
  if (entry.revisionDue) return entry.revisionDue;
  const decided = entry.decisionDate ?? entry.validFrom;
  if (!decided) return undefined;
  if (entry.revisionYears) return addYears(decided, entry.revisionYears);
  const term = termOfOffice(decided);
  return termOfOffice(addDays(term.end, 1)).end;
}

/** The register's statuses of a document on a day. */
export type DocumentStatus = 'in-force' | 'expiring' | 'expired' | 'not-decided' | 'not-yet' | 'replaced';

/** A document's status on `today`: replaced, not decided (no decision date), expired, expiring within `warnDays`, not yet in force, in force. */
export function documentStatus(
  entry: Pick<RegisterEntry, 'decisionDate' | 'validFrom' | 'validTo'>,
  today: string,
  warnDays: number,
  replaced = false,
): DocumentStatus {
  if (replaced) return 'replaced';
  if (entry.validTo && entry.validTo < today) return 'expired';
  if (!entry.decisionDate) return 'not-decided';
  if (entry.validFrom && entry.validFrom > today) return 'not-yet';
  if (entry.validTo && entry.validTo <= addDays(today, warnDays)) return 'expiring';
  return 'in-force';
}

/** `date` plus `days` (negative: minus), as an ISO date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return isoOf(t);
}

/** `date` plus whole years; 29 February becomes 28 February in a year that has none. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isValidIsoDate(next) ? next : addDays(`${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`, d - 2);
}

function isoOf(t: Date): string {
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** Whether `s` is a usable "today": an ISO date that exists. */
export function isToday(s: unknown): s is string {
  return typeof s === 'string' && isValidIsoDate(s);
}
