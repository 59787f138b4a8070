/** plan-check's follow-up files: the worksheet (Excel, CSV) and the report (HTML, Word) for a year, and the mistakes it refuses. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { run } from '../../server/src/cli/plan-check';

const ROOT = join(__dirname, '../..');
const PLAN = join(ROOT, 'examples/uppfoljning/cykelplan.plan.md');

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

describe('plan-check: follow-up files', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'plan-followup-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Should write the worksheet as Excel and CSV and the report as HTML', async () => {
    const xlsx = join(dir, 'u.xlsx');
    const r = await cli(['--locale', 'sv', '--followup-worksheet', '2025', '--output', xlsx, PLAN]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    assert.equal(wb.worksheets[0].getRow(1).getCell(1).value, 'Uppföljning 2025: Plan för cykling 2025–2028');
    assert.equal(wb.worksheets[0].rowCount, 3 + 11);
    const csv = join(dir, 'u.csv');
    assert.equal((await cli(['--locale', 'en', '--followup-worksheet', '2025', '--followup-format', 'csv', '-o', csv, PLAN])).code, 0);
    assert.ok(readFileSync(csv, 'utf8').startsWith('\uFEFFNo.;Del;Ambition;Action;Actor;Responsible;Status;Date;Comment'));
    const html = join(dir, 'r.html');
    assert.equal((await cli(['--locale', 'sv', '--followup-report', '2025', '-o', html, PLAN])).code, 0);
    assert.match(readFileSync(html, 'utf8'), /<h1>Uppföljning 2025: Plan för cykling 2025–2028<\/h1>/);
  });

  it('Should write the report as Word by the output’s extension or --followup-format, and the worksheet as CSV by its extension', async () => {
    const docx = join(dir, 'r.docx');
    const r = await cli(['--locale', 'sv', '--followup-report', '2025', '-o', docx, PLAN]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const html = (await mammoth.convertToHtml({ path: docx })).value;
    assert.match(html, /^<h1>Uppföljning 2025: Plan för cykling 2025–2028<\/h1>/);
    assert.match(html, /<h4>Indikatorer<\/h4>/);
    assert.match(html, /<td><p>N17461<\/p><\/td>/);
    const named = join(dir, 'rapport.bin');
    assert.equal((await cli(['--locale', 'en', '--followup-report', '2025', '--followup-format', 'docx', '-o', named, PLAN])).code, 0);
    assert.equal(readFileSync(named).subarray(0, 2).toString('latin1'), 'PK', 'a Word package, whatever the name');
    assert.match((await mammoth.convertToHtml({ path: named })).value, /^<h1>Follow-up 2025: /);
    const web = join(dir, 'r2.html');
    assert.equal((await cli(['--followup-report', '2025', '-o', web, PLAN])).code, 0);
    assert.match(readFileSync(web, 'utf8'), /^<!DOCTYPE html>/);
    const csv = join(dir, 'by-name.csv');
    assert.equal((await cli(['--locale', 'sv', '--followup-worksheet', '2025', '-o', csv, PLAN])).code, 0);
    assert.match(readFileSync(csv, 'utf8'), /^\uFEFFNr;/);
  });

  it('Should refuse a bad year, format or combination, more than one file, and a file that is not a plan', async () => {
    const usage = async (args: string[], message: RegExp) => {
      const r = await cli(['--locale', 'en', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err[0], message);
    };
    await usage(['--followup-worksheet', '25', PLAN], /needs a year, such as 2025; found 25/);
    await usage(['--followup-worksheet', '2025', '--followup-format', 'ods', PLAN], /Unknown worksheet format ods/);
    await usage(['--followup-worksheet', '2025', '--followup-report', '2025', PLAN], /exclude each other/);
    await usage(['--followup-report', '2025', '--followup-format', 'xlsx', PLAN], /Unknown report format xlsx; use html or docx/);
    await usage(['--followup-worksheet', '2025', '--followup-format', 'docx', PLAN], /Unknown worksheet format docx/);
    await usage(['--output', 'x.xlsx', PLAN], /go with --followup-worksheet or --followup-report/);
    await usage(['--followup-report', '2025', PLAN, PLAN], /exactly one plan/);
    await usage(['--followup-report', '2025', join(ROOT, 'examples/anteckningar.md')], /is not a plan/);
  });

  it('Should find the worksheet bundle beside the built command, and write Word from it', function () {
    this.timeout(60_000);
    const out = join(dir, 'built.csv');
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/plan-check.js'), '--locale', 'sv', '--followup-worksheet', '2025', '--followup-format', 'csv', '-o', out, PLAN],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(out, 'utf8'), /^\uFEFFNr;/);
    const docx = join(dir, 'built.docx');
    const w = spawnSync(process.execPath, [join(ROOT, 'bin/plan-check.js'), '--followup-report', '2025', '-o', docx, PLAN], { encoding: 'utf8' });
    assert.equal(w.status, 0, w.stderr);
    assert.equal(readFileSync(docx).subarray(0, 2).toString('latin1'), 'PK');
  });
});
