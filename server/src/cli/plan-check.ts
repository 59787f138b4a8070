/**
 * plan-check: the same core as the language server, on files and folders.
 *   plan-check [--format text|json] [--locale sv|en] [--template FILE]… [--registry FILE] [--no-style] <files or folders>
 * Exit codes: 0 no errors, 1 error-severity findings, 2 bad usage or unreadable input.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { analyze, LineIndex, setLocale, t, type Finding } from '../core/index';
import { findFiles, loadConfig } from '../node/config';

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

const MARKDOWN = /\.(md|markdown)$/i;

function usage(): string {
  return t('Usage: plan-check [--format text|json] [--locale sv|en] [--template FILE] [--registry FILE] [--no-style] <files or folders>');
}

export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let format: 'text' | 'json' = 'text';
  let locale = process.env.PLAN_LOCALE ?? (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || 'sv');
  const templateFiles: string[] = [];
  let registryFile: string | undefined;
  let style = true;
  const inputs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(t('The option {0} needs a value.', a));
      return v;
    };
    if (a === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(t('Unknown format {0}; use text or json.', v));
      format = v;
    } else if (a.startsWith('--format=')) {
      const v = a.slice(9);
      if (v !== 'text' && v !== 'json') throw new UsageError(t('Unknown format {0}; use text or json.', v));
      format = v;
    } else if (a === '--locale') locale = value();
    else if (a === '--template') templateFiles.push(path.resolve(value()));
    else if (a === '--registry') registryFile = path.resolve(value());
    else if (a === '--no-style') style = false;
    else if (a === '-h' || a === '--help') {
      setLocale(locale);
      out(usage());
      return 0;
    } else if (a.startsWith('-')) throw new UsageError(t('Unknown option {0}.', a));
    else inputs.push(a);
  }
  setLocale(locale);
  if (!inputs.length) throw new UsageError(t('Name at least one file or folder.'));

  let bad = false;
  const files: string[] = [];
  const roots = new Set<string>([process.cwd()]);
  for (const input of inputs) {
    const abs = path.resolve(input);
    let st: import('node:fs').Stats;
    try {
      st = await fs.stat(abs);
    } catch {
      err(t('plan-check: {0}: no such file or folder.', input));
      bad = true;
      continue;
    }
    if (st.isDirectory()) {
      roots.add(abs);
      files.push(...(await findFiles([abs], (n) => MARKDOWN.test(n))));
    } else files.push(abs);
  }

  const config = await loadConfig({ roots: [...roots], templateFiles, registryFile });
  const rows: Row[] = [];
  for (const report of config.files) {
    for (const f of report.findings) rows.push(toRow(report.file, new LineIndex(report.text), f));
  }
  for (const file of [...new Set(files)]) {
    let text: string;
    try {
      const buf = await fs.readFile(file);
      if (buf.subarray(0, 8000).includes(0)) {
        err(t('plan-check: {0}: binary file, skipped.', rel(file)));
        continue;
      }
      text = buf.toString('utf8');
    } catch (e) {
      err(t('plan-check: {0}: cannot be read ({1}).', rel(file), (e as NodeJS.ErrnoException).code ?? String(e)));
      bad = true;
      continue;
    }
    const a = analyze(text, { fileName: file, ...config.forFile(file), style });
    const lines = new LineIndex(text);
    for (const f of a.findings) rows.push(toRow(file, lines, f));
  }
  if (format === 'json') out(JSON.stringify(rows, null, 2));
  else for (const r of rows) out(`${r.file}:${r.line}:${r.column} ${r.severity} ${r.code} ${r.message}`);
  if (bad) return 2;
  return rows.some((r) => r.severity === 'error') ? 1 : 0;
}

function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}

function toRow(file: string, lines: LineIndex, f: Finding): Row {
  const s = lines.positionAt(f.range.start);
  const e = lines.positionAt(f.range.end);
  return { file: rel(file), line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, severity: f.severity, code: f.code, message: f.message };
}

class UsageError extends Error {}

export function main(): void {
  run(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n')).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      if (e instanceof UsageError) {
        process.stderr.write(`plan-check: ${e.message}\n${usage()}\n`);
        process.exitCode = 2;
      } else {
        process.stderr.write(`plan-check: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exitCode = 2;
      }
    },
  );
}
