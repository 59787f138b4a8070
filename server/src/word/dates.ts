/** Dates as Word documents write them ("23 januari 2019", "1 feb. 2020") in ISO form (2019-01-23). */

const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  februari: 2,
  feb: 2,
  mars: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  augusti: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const LONG = /^(\d{1,2})\s*(?:e|:e|a|:a)?\s+([\p{L}]+)\.?\s+(\d{4})$/u;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

function iso(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A Swedish date as ISO 8601: "23 januari 2019", "1:a mars 2020", "5 okt. 2021" and
 * "2019-1-5" (padded); undefined for anything else (an impossible date too).
 */
export function isoDate(text: string): string | undefined {
  const s = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const i = ISO.exec(s);
  if (i) return iso(Number(i[1]), Number(i[2]), Number(i[3]));
  const m = LONG.exec(s);
  if (!m) return undefined;
  const month = MONTHS[m[2].toLocaleLowerCase('sv')];
  return month ? iso(Number(m[3]), month, Number(m[1])) : undefined;
}
