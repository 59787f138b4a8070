/** plan-check's follow-up files: the worksheet (Excel, CSV) and the report for a year, and the mistakes it refuses. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
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

  it('Should refuse a bad year, format or combination, more than one file, and a file that is not a plan', async () => {
    const usage = async (args: string[], message: RegExp) => {
      const r = await cli(['--locale', 'en', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err[0], message);
    };
    await usage(['--followup-worksheet', '25', PLAN], /needs a year, such as 2025; found 25/);
    await usage(['--followup-worksheet', '2025', '--followup-format', 'ods', PLAN], /Unknown worksheet format ods/);
    await usage(['--followup-worksheet', '2025', '--followup-report', '2025', PLAN], /exclude each other/);
    await usage(['--output', 'x.xlsx', PLAN], /go with --followup-worksheet or --followup-report/);
    await usage(['--followup-report', '2025', PLAN, PLAN], /exactly one plan/);
    await usage(['--followup-report', '2025', join(ROOT, 'examples/anteckningar.md')], /is not a plan/);
  });

  it('Should find the worksheet bundle beside the built command', function () {
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
  });
});
