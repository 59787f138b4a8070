/**
 * The follow-up worksheet as a file: Excel (.xlsx) and CSV, made and read with exceljs (the
 * well-kept library for both; its CSV goes through fast-csv). The rows come from the library
 * (core/followup/worksheet.ts); this module only lays them out and reads them back.
 *
 * Layout: a title row ("Follow-up 2025: …", the sheet named "Follow-up 2025"), a note, the header
 * row, then one row per action. The header names the columns in the language of the sheet; reading
 * finds the columns by their header in Swedish or English, so a department may reorder or add
 * columns. CSV has no title: its last column, Year, says the year on every row. Reading back gives
 * each row the worksheet's year (its Year column, else the sheet's title or name), for the guard of
 * core/followup/worksheet.ts: a sheet for a year never replaces a status dated after it.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FilledRow, Worksheet } from '../core/followup/worksheet';

/** Translates an English source string (the server passes the library's `t`): this module is its own bundle, dist/worksheet.js. */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

const english: Translate = (m, ...a) => m.replace(/\{(\d+)\}/g, (x, i: string) => String(a[Number(i)] ?? x));

/** The columns read back, by their English header. */
type Column = 'No.' | 'Action' | 'Actor' | 'Responsible' | 'Status' | 'Date' | 'Comment' | 'Year';

/** Header words that name a column, in both languages, folded. */
const HEADERS: Record<Column, string[]> = {
  'No.': ['no.', 'nr', 'no', 'number', 'nummer'],
  Action: ['action', 'åtgärd'],
  Actor: ['actor', 'aktör'],
  Responsible: ['responsible', 'ansvariga', 'ansvar'],
  Status: ['status'],
  Date: ['date', 'datum'],
  Comment: ['comment', 'kommentar'],
  Year: ['year', 'år', 'follow-up year', 'uppföljningsår'],
};

/** The header in the sheet's language: No., the levels (Del, Ambition …), then the other columns. */
function headerRow(levels: string[], t: Translate): string[] {
  return [t('No.'), ...levels, t('Action'), t('Actor'), t('Responsible'), t('Status'), t('Date'), t('Comment')];
}

function dataRows(ws: Worksheet, levels: string[]): Array<Array<string | number>> {
  return ws.rows.map((r) => [r.nr, ...levels.map((_, i) => r.units[i] ?? ''), r.action, r.actor, r.responsible, r.status, r.date, r.comment]);
}

function levelCount(ws: Worksheet): number {
  return Math.max(1, ...ws.rows.map((r) => r.units.length));
}

/** The worksheet as an Excel file: a list of the template's statuses in the Status column, the header frozen. */
export async function worksheetXlsx(ws: Worksheet, levels: string[], t: Translate = english): Promise<Buffer> {
  const names = levels.slice(0, levelCount(ws));
  while (names.length < levelCount(ws)) names.push(t('Level {0}', names.length + 1));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'plan-lsp';
  const sheet = wb.addWorksheet(t('Follow-up {0}', ws.year), { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.addRow([ws.title ? t('Follow-up {0}: {1}', ws.year, ws.title) : t('Follow-up {0}', ws.year)]).font = { bold: true, size: 13 };
  sheet.addRow([t('Fill in Status (one of: {0}), Date (YYYY-MM-DD) and Comment; leave the other columns as they are.', ws.statuses.join(', '))]);
  const header = sheet.addRow(headerRow(names, t));
  header.font = { bold: true };
  for (const r of dataRows(ws, names)) sheet.addRow(r);
  const statusCol = 1 + names.length + 4;
  const widths = [6, ...names.map(() => 28), 60, 28, 28, 16, 14, 48];
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.getColumn(statusCol + 1).numFmt = '@';
  for (let i = 0; i < ws.rows.length; i++) {
    const row = sheet.getRow(4 + i);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(statusCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      showErrorMessage: false,
      formulae: [`"${ws.statuses.map((s) => s.replace(/"/g, '')).join(',')}"`],
    };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The plan's text is not to be trusted: a CSV cell that begins with = + - @ (or a tab or CR) would
 * be a formula to a spreadsheet, so it gets an apostrophe first, which spreadsheets show as text
 * and reading back removes. (In .xlsx every cell is written as a string, never as a formula.)
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const defuse = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);
const undefuse = (v: string) => (v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v);

/** The worksheet as CSV: semicolons and a byte order mark, as Excel in Swedish reads it. */
export async function worksheetCsv(ws: Worksheet, levels: string[], t: Translate = english): Promise<Buffer> {
  const names = levels.slice(0, levelCount(ws));
  while (names.length < levelCount(ws)) names.push(t('Level {0}', names.length + 1));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('sheet');
  sheet.addRow([...headerRow(names, t), t('Year')]);
  for (const r of dataRows(ws, names)) sheet.addRow([...r, ws.year]);
  return Buffer.from(
    await wb.csv.writeBuffer({ formatterOptions: { delimiter: ';', writeBOM: true }, map: (v: unknown) => (typeof v === 'string' ? defuse(v) : v) }),
  );
}

const fold = (s: string) => s.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();

/** A cell's value as text: dates as YYYY-MM-DD, rich text and formulas by their text. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

export class WorksheetError extends Error {}

/** A follow-up year written in a cell: four digits, 1900–2200. */
function yearIn(text: string): number | undefined {
  const m = /^\s*(\d{4})\s*$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1900 && n <= 2200 ? n : undefined;
}

/** The title's year: "Follow-up 2025: …" or "Uppföljning 2025: …" (a plan's title may hold other years). */
const TITLE_YEAR = /^\s*(?:follow-up|uppföljning)\s+(\d{4})(?:\s*:|\s*$)/iu;

/** The year the sheet says it is for: its name, else a title row above the header. */
function sheetYear(sheet: ExcelJS.Worksheet, headerAt: number): number | undefined {
  const byName = TITLE_YEAR.exec(sheet.name ?? '');
  if (byName) return yearIn(byName[1]);
  for (let n = 1; n < headerAt; n++) {
    const m = TITLE_YEAR.exec(cellText(sheet.getRow(n).getCell(1).value));
    if (m) return yearIn(m[1]);
  }
  return undefined;
}

function readRows(sheet: ExcelJS.Worksheet, t: Translate): FilledRow[] {
  let headerAt = 0;
  const cols: Partial<Record<Column, number>> = {};
  sheet.eachRow((row, n) => {
    if (headerAt) return;
    const found: typeof cols = {};
    row.eachCell((cell, c) => {
      const h = fold(cellText(cell.value));
      for (const [col, words] of Object.entries(HEADERS)) if (words.includes(h)) found[col as keyof typeof HEADERS] ??= c;
    });
    if (found['No.'] && found.Status) {
      headerAt = n;
      Object.assign(cols, found);
    }
  });
  if (!headerAt) throw new WorksheetError(t('The file has no header row with the columns No. and Status.'));
  const out: FilledRow[] = [];
  const year = sheetYear(sheet, headerAt);
  sheet.eachRow((row, n) => {
    if (n <= headerAt) return;
    const get = (c: number | undefined) => (c ? cellText(row.getCell(c).value).trim() : '');
    const nr = Number(get(cols['No.']));
    if (!Number.isInteger(nr) || nr < 1) return;
    const filled: FilledRow = { nr, action: get(cols.Action), status: get(cols.Status), date: get(cols.Date), comment: get(cols.Comment) };
    const rowYear = yearIn(get(cols.Year)) ?? year;
    if (rowYear !== undefined) filled.year = rowYear;
    out.push(filled);
  });
  return out;
}

/** Reads a filled-in worksheet, Excel or CSV (by its first bytes: an .xlsx file is a zip). */
export async function readWorksheet(data: Uint8Array, t: Translate = english): Promise<FilledRow[]> {
  const wb = new ExcelJS.Workbook();
  const zip = data.length > 3 && data[0] === 0x50 && data[1] === 0x4b;
  if (zip) {
    try {
      await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
    } catch (e) {
      throw new WorksheetError(t('The Excel file cannot be read ({0}).', e instanceof Error ? e.message : String(e)));
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw new WorksheetError(t('The Excel file has no sheet.'));
    return readRows(sheet, t);
  }
  const text = Buffer.from(data)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new WorksheetError(t('The file is neither an Excel file nor CSV text.'));
  const first = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [';', '\t', ','].sort((a, b) => first.split(b).length - first.split(a).length)[0];
  const sheet = await wb.csv.read(Readable.from([text]), { parserOptions: { delimiter }, map: (v: unknown) => (typeof v === 'string' ? undefuse(v) : v) });
  return readRows(sheet, t);
}
