/**
 * The follow-up requests over the protocol, against the real bundled server (and its separate
 * worksheet bundle): the worksheet as Excel and CSV, a filled-in worksheet read back as edits that
 * touch only status and comment lines, and the report (HTML and Word).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { EXAMPLES, fileUri, LspClient } from '../helpers/lsp-client';

const PLAN = join(EXAMPLES, 'uppfoljning', 'cykelplan.plan.md');
const URI = fileUri(PLAN);
const TEXT = readFileSync(PLAN, 'utf8');

interface FileResult {
  content: string;
  encoding: 'base64' | 'utf8';
  suggestedName: string;
}
interface ApplyResult {
  version: number;
  edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>;
  proposed: string;
  changed: number;
  problems: string[];
  kept: string[];
}

describe('Follow-up requests over the protocol', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start({ workspaceFolders: [EXAMPLES] });
    const diagnosed = client.waitForDiagnostics(URI, { version: 1 });
    await client.open(URI, TEXT, 1);
    await diagnosed;
  });
  after(async () => client?.dispose());

  it('Should make the worksheet as Excel and CSV, and read a filled-in one back as a reviewable edit', async () => {
    const xlsx = await client.request<FileResult>('plan/followUpWorksheet', { uri: URI, year: 2025, format: 'xlsx' });
    assert.equal(xlsx.suggestedName, 'cykelplan-uppföljning-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    assert.equal(sheet.getRow(3).getCell(1).value, 'Nr');
    assert.equal(sheet.rowCount, 3 + 11, 'a title, a note, the header and one row per action');
    // Row 4 is action 1: set it to "pågår" with a comment; row 14 (the last action) gets a status.
    const statusCol = (sheet.getRow(3).values as unknown[]).indexOf('Status');
    sheet.getRow(4).getCell(statusCol).value = 'pågår';
    sheet.getRow(4).getCell(statusCol + 2).value = 'Försenad av överklagande';
    sheet.getRow(14).getCell(statusCol).value = 'inte påbörjad';
    const filled = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await client.request<ApplyResult>('plan/followUpApply', { uri: URI, content: filled });
    assert.equal(r.version, 1);
    assert.equal(r.changed, 2);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.kept, []);
    // Exactly these changes: the box, the status (its date kept from the sheet), the comment, one new status line.
    const expected = TEXT.replace('- [x] Teknik- och fritidsnämnden ska ta fram', '- [ ] Teknik- och fritidsnämnden ska ta fram')
      .replace(
        '  - Status: klar (2025-10-15)\n  - Kommentar: Utbyggnadsplanen antogs av teknik- och fritidsnämnden i oktober.',
        '  - Status: pågår (2025-10-15)\n  - Kommentar: Försenad av överklagande',
      )
      .replace('används varje år.\n', 'används varje år.\n  - Status: inte påbörjad\n');
    assert.notEqual(expected, TEXT);
    assert.equal(r.proposed, expected);
    assert.equal(r.edits.length, 4);
    const csv = await client.request<FileResult>('plan/followUpWorksheet', { uri: URI, year: 2025, format: 'csv' });
    assert.ok(Buffer.from(csv.content, 'base64').toString('utf8').startsWith('\uFEFFNr;Del;Ambition;Åtgärd;'));
  });

  it('Should keep and report a status dated after the year of the worksheet read back', async () => {
    // Every dated status of the example is dated 2025: a sheet for 2024 does not replace them.
    const xlsx = await client.request<FileResult>('plan/followUpWorksheet', { uri: URI, year: 2024, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.content, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const statusCol = (sheet.getRow(3).values as unknown[]).indexOf('Status');
    assert.equal(sheet.getRow(4).getCell(statusCol).value, '', 'the later status is left out of the 2024 sheet');
    sheet.getRow(4).getCell(statusCol).value = 'pågår';
    sheet.getRow(4).getCell(statusCol + 1).value = '2024-06-01';
    sheet.getRow(4).getCell(statusCol + 2).value = 'Påbörjad';
    sheet.getRow(14).getCell(statusCol).value = 'pågår';
    const r = await client.request<ApplyResult>('plan/followUpApply', { uri: URI, content: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.kept, [
      'Rad 1: planens status klar (2025-10-15) för ”Teknik- och fritidsnämnden ska ta fram en plan för utbyggnad…” är daterad efter 2024 och behålls, med sin kommentar.',
    ]);
    assert.equal(r.changed, 1);
    assert.equal(r.proposed, TEXT.replace('används varje år.\n', 'används varje år.\n  - Status: pågår\n'), 'only the last action changes');
  });

  it('Should say why a file is no worksheet, and make the report', async () => {
    const r = await client.request<ApplyResult>('plan/followUpApply', { uri: URI, content: Buffer.from('hej;hopp\n').toString('base64') });
    assert.deepEqual(r.edits, []);
    assert.deepEqual(r.problems, ['Filen har ingen rubrikrad med kolumnerna Nr och Status.']);
    const report = await client.request<FileResult>('plan/followUpReport', { uri: URI, year: 2025 });
    assert.equal(report.encoding, 'utf8');
    assert.match(report.content, /^<!DOCTYPE html>/);
    assert.match(report.content, /<h1>Uppföljning 2025: Plan för cykling 2025–2028<\/h1>/);
    assert.ok(!/<script/i.test(report.content));
  });

  it('Should make the report as Word, for the year asked', async () => {
    const report = await client.request<FileResult>('plan/followUpReport', { uri: URI, year: 2024, format: 'docx' });
    assert.equal(report.encoding, 'base64');
    assert.equal(report.suggestedName, 'cykelplan-uppföljning-2024.docx');
    const zip = await JSZip.loadAsync(Buffer.from(report.content, 'base64'));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? assert.fail('no word/document.xml');
    assert.match(xml, /Uppföljning 2024: Plan för cykling 2025–2028/);
    assert.match(xml, /<w:tblHeader\/>/);
    // Every dated status of the example is dated 2025: for 2024 they are a later year's.
    assert.match(xml, /utan status \(senare: klar, 2025-10-15\)/);
    assert.match(xml, /Åtgärder med en status daterad efter 2024-12-31: 6\./);
  });
});
