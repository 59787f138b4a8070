/** Follow-up fixtures shared by the tests of the year and of the Word report. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export const EXAMPLE = readFileSync(join(__dirname, '../../examples/uppfoljning/cykelplan.plan.md'), 'utf8');

function swap(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), from);
  return text.replace(from, to);
}

/**
 * The example with statuses dated in every way: after 2025 (with a ticked box and a comment),
 * within 2025, before it (2024), undated, with a date whose year cannot be read, and a ticked
 * task box without a status line.
 */
export const DATED = [
  ['Status: klar (2025-10-15)', 'Status: klar (2026-02-01)'],
  ['  - Status: pågår (2025-12-01)\n- [ ] Kommunstyrelsen', '  - Status: pågår (2024-05-01)\n- [ ] Kommunstyrelsen'],
  ['Status: avbruten (2025-09-01)', 'Status: avbruten (1.9.25)'],
  ['- Teknik- och fritidsnämnden ska bygga säkra cykelparkeringar', '- [x] Teknik- och fritidsnämnden ska bygga säkra cykelparkeringar'],
].reduce((text, [from, to]) => swap(text, from, to), EXAMPLE);

/** The text without status and comment lines and with every task box empty: what the read-back must leave as it was. */
export const rest = (text: string): string =>
  text
    .split(/(?<=\n)/)
    .filter((l) => !/^\s*(?:-\s+)?(?:Status|Kommentar):/.test(l))
    .join('')
    .replace(/^(\s*[-*+] )\[[xX ]\]/gm, '$1[ ]');

/** Fills the worksheet as a department would, in exceljs, and returns the file. */
export async function fill(file: Buffer, format: 'xlsx' | 'csv', answer: (nr: number) => { status: string; date: string; comment: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet =
    format === 'xlsx'
      ? (await wb.xlsx.load(file as unknown as ArrayBuffer), wb.worksheets[0])
      : await wb.csv.read(Readable.from([file.toString('utf8').replace(/^\uFEFF/, '')]), { parserOptions: { delimiter: ';' }, map: (v: unknown) => v });
  let header = 0;
  const col: Record<string, number> = {};
  sheet.eachRow((row, n) => {
    if (header) return;
    row.eachCell((c, i) => (col[String(c.value)] = i));
    if (col.Nr && col.Status) header = n;
  });
  assert.ok(header, 'the sheet has a header row with Nr and Status');
  sheet.eachRow((row, n) => {
    if (n <= header) return;
    const a = answer(Number(row.getCell(col.Nr).value));
    row.getCell(col.Status).value = a.status;
    row.getCell(col.Datum).value = a.date;
    row.getCell(col.Kommentar).value = a.comment;
  });
  return format === 'xlsx'
    ? Buffer.from(await wb.xlsx.writeBuffer())
    : Buffer.from(await wb.csv.writeBuffer({ formatterOptions: { delimiter: ';', writeBOM: true }, map: (v: unknown) => v }));
}
