/**
 * plan-check across the files: the register of the governing documents it checked (ties, titles
 * named in the body, validity and revision on `--today`), and `--register csv|json`, which writes
 * the register instead of the findings.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentRegister, registerCsv, registerFindings, registerJson, registerTable, type RegisterEntry } from '../core/index';
import type { FindingRow } from './check';

export const REGISTER_FORMATS = ['csv', 'json'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

/** A checked governing document: its file, its register entry and where its lines start (for 1-based positions). */
export interface RegisteredFile {
  file: string;
  entry: RegisterEntry;
  lineStarts: number[];
}

/** Where each line of `text` starts, as LineIndex counts lines (\n, \r\n and a lone \r). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function position(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

function registerOf(files: readonly RegisteredFile[]): DocumentRegister {
  return new DocumentRegister(files.map((f) => ({ uri: pathToFileURL(f.file).href, entry: f.entry })));
}

/** The register's findings of every file, as rows by file. */
export function registerRows(files: readonly RegisteredFile[], today: string, warnDays?: number): Map<string, FindingRow[]> {
  const register = registerOf(files);
  const out = new Map<string, FindingRow[]>();
  for (const f of files) {
    const rows = registerFindings(register, pathToFileURL(f.file).href, { today, warnDays }).map((x) => {
      const s = position(f.lineStarts, x.range.start);
      const e = position(f.lineStarts, x.range.end);
      return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column, severity: x.severity, code: x.code, message: x.message };
    });
    if (rows.length) out.set(f.file, rows);
  }
  return out;
}

/** The register as CSV or JSON, with each file's path relative to the current folder. */
export function registerExport(files: readonly RegisteredFile[], format: RegisterFormat, today: string, warnDays = 90): string {
  const byUri = new Map(files.map((f) => [pathToFileURL(f.file).href, f.file]));
  const pathOf = (uri: string) => {
    const file = byUri.get(uri);
    if (!file) return uri;
    const r = path.relative(process.cwd(), file);
    return (r && !r.startsWith('..') && !path.isAbsolute(r) ? r : file).split(path.sep).join('/');
  };
  const table = registerTable(registerOf(files), today, warnDays);
  return format === 'csv' ? registerCsv(table, pathOf) : registerJson(table, pathOf);
}
