/**
 * plan-check's follow-up files: `--followup-worksheet YEAR` (Excel, or CSV with
 * `--followup-format csv`) and `--followup-report YEAR` (HTML, or Word with `--followup-format docx`
 * or an `--output` ending in .docx) for one plan, written to `--output` or in the current folder.
 * The same library and renderers as the editor's commands.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyze, levels, local, t } from '../core/index';
import { worksheetFor } from '../core/followup/worksheet';
import { ConfigSearch, readRegularFile, unreadMessage } from '../node/config';

export interface FollowUpCliOptions {
  kind: 'worksheet' | 'report';
  year: number;
  /** xlsx or csv for the worksheet, html or docx for the report. */
  format: 'xlsx' | 'csv' | 'html' | 'docx';
  output?: string;
  templateFiles: string[];
  registryFile?: string;
  maxFileSize: number;
}

/** The usage line of the follow-up files, printed after the main one by --help. */
export function followUpUsage(): string {
  return [
    t('       plan-check --followup-worksheet YEAR [--followup-format xlsx|csv] [--output FILE] <plan>'),
    t('       plan-check --followup-report YEAR [--followup-format html|docx] [--output FILE] <plan>'),
  ].join('\n');
}

const today = () => new Date().toISOString().slice(0, 10);

/** Writes the file; returns the exit code (0 written, 2 not a plan or no such file, 3 unreadable). */
export async function runFollowUp(input: string, o: FollowUpCliOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const file = path.resolve(input);
  const read = await readRegularFile(file, o.maxFileSize);
  if (read.kind !== 'text') {
    err(`plan-check: ${input}: ${unreadMessage(read)}`);
    return read.kind === 'error' && read.error.code === 'ENOENT' ? 2 : 3;
  }
  const scope = await new ConfigSearch({ templateFiles: o.templateFiles, registryFile: o.registryFile, maxFileSize: o.maxFileSize }).forFile(file);
  const analysis = analyze(read.text, { fileName: file, templates: scope.templates, registry: scope.registry });
  if (!analysis.plan.planBy || !analysis.plan.template) {
    err(t('plan-check: {0} is not a plan with a known template; no follow-up file is made.', input));
    return 2;
  }
  const base = path.basename(file).replace(/(\.plan)?\.md$/i, '');
  let data: Uint8Array | string;
  let ext: string;
  if (o.kind === 'report') {
    // Loaded when asked for: the Word writer (docx) is not needed for a check.
    const { followUpReportFile } = await import('../node/followup-report');
    ext = o.format === 'docx' ? 'docx' : 'html';
    data = await followUpReportFile(analysis, o.year, ext === 'docx' ? 'docx' : 'html', today());
  } else {
    const { worksheetCsv, worksheetXlsx } = await import('../node/worksheet');
    const ws = worksheetFor(analysis.plan, o.year);
    const names = levels(analysis.plan.template).map((l) => l.label ?? local(l.name));
    data = o.format === 'csv' ? await worksheetCsv(ws, names, t) : await worksheetXlsx(ws, names, t);
    ext = o.format === 'csv' ? 'csv' : 'xlsx';
  }
  const target = path.resolve(o.output ?? `${base}-${t('follow-up')}-${o.year}.${ext}`);
  await fs.writeFile(target, data);
  out(t('Wrote {0}.', path.relative(process.cwd(), target) || target));
  return 0;
}
