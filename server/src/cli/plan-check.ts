/**
 * plan-check: the same core as the language server, on files and folders.
 *   plan-check [--format text|json] [--locale sv|en] [--template FILE]… [--registry FILE] [--no-style] [--max-file-size N] [--] <files or folders>
 * Exit codes: 0 no errors, 1 error-severity findings, 2 bad usage or unreadable input.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, LineIndex, nearest, setLocale, t, type Finding } from '../core/index';
import { DEFAULT_MAX_FILE_SIZE, mayBePlan, skipReason } from '../core/files';
import { findMarkdownFiles, loadConfig } from '../node/config';

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

/** What the command line asked for. */
export interface CliOptions {
  format: 'text' | 'json';
  locale: string;
  templateFiles: string[];
  registryFile?: string;
  style: boolean;
  maxFileSize: number;
  help: boolean;
  inputs: string[];
}

/** A mistake on the command line: reported with the usage line, exit code 2. */
export class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string' },
  locale: { type: 'string' },
  template: { type: 'string', multiple: true },
  registry: { type: 'string' },
  'no-style': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usage(): string {
  return t(
    'Usage: plan-check [--format text|json] [--locale sv|en] [--template FILE]… [--registry FILE] [--no-style] [--max-file-size N] [--] <files or folders>',
  );
}

function environmentLocale(): string {
  return process.env.PLAN_LOCALE ?? (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || 'sv');
}

/**
 * Reads the arguments with `node:util`'s parseArgs; `--` ends the options. Chooses the language
 * first (`--locale`, else the environment) so that every complaint is in it; throws `UsageError`
 * for an unknown option, a missing or superfluous value, or a bad format or size.
 */
export function parseOptions(argv: string[]): CliOptions {
  // Not strict: parseArgs' own errors are English only. The tokens are checked below instead.
  const { values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const locale = typeof values.locale === 'string' ? values.locale : environmentLocale();
  setLocale(locale);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = (OPTIONS as Record<string, { type: 'string' | 'boolean' }>)[token.name];
    if (!spec) {
      const near = nearest(token.name, Object.keys(OPTIONS), 1);
      throw new UsageError(near.length ? t('Unknown option {0}. Did you mean {1}?', token.rawName, `--${near[0]}`) : t('Unknown option {0}.', token.rawName));
    }
    if (spec.type === 'string' && token.value === undefined) throw new UsageError(t('The option {0} needs a value.', token.rawName));
    if (spec.type === 'boolean' && token.inlineValue) throw new UsageError(t('The option {0} takes no value.', token.rawName));
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(t('Unknown format {0}; use text or json.', String(format)));
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (values['max-file-size'] !== undefined) {
    const v = String(values['max-file-size']);
    maxFileSize = /^\d+$/.test(v) ? Number(v) : NaN;
    if (!(maxFileSize > 0) || !Number.isSafeInteger(maxFileSize))
      throw new UsageError(t('The option {0} needs a positive whole number; found {1}.', '--max-file-size', v));
  }
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    format,
    locale,
    templateFiles: strings(values.template).map((f) => path.resolve(f)),
    registryFile: typeof values.registry === 'string' ? path.resolve(values.registry) : undefined,
    style: !values['no-style'],
    maxFileSize,
    help: values.help === true,
    inputs: positionals,
  };
}

/** Runs the checker; returns the exit code. A usage mistake is reported on `err` with the usage line (code 2). */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let options: CliOptions;
  try {
    options = parseOptions(argv);
    if (!options.help && !options.inputs.length) throw new UsageError(t('Name at least one file or folder.'));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`plan-check: ${e.message}`);
    err(usage());
    return 2;
  }
  if (options.help) {
    out(usage());
    return 0;
  }
  const { format, templateFiles, registryFile, style, maxFileSize, inputs } = options;

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
      files.push(...(await findMarkdownFiles([abs])));
    } else files.push(abs);
  }

  const config = await loadConfig({ roots: [...roots], templateFiles, registryFile, maxFileSize });
  const rows: Row[] = [];
  for (const report of config.files) {
    for (const f of report.findings) rows.push(toRow(report.file, new LineIndex(report.text), f));
  }
  for (const file of [...new Set(files)]) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (e) {
      err(t('plan-check: {0}: cannot be read ({1}).', rel(file), (e as NodeJS.ErrnoException).code ?? String(e)));
      bad = true;
      continue;
    }
    const skipped = skipReason(text, maxFileSize);
    if (skipped) {
      err(`plan-check: ${rel(file)}: ${skipped.message}`);
      continue;
    }
    const scoped = config.forFile(file);
    if (!mayBePlan(text, file, scoped.templates.all())) continue;
    const a = analyze(text, { fileName: file, ...scoped, style });
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
  return {
    file: rel(file),
    line: s.line + 1,
    column: s.character + 1,
    endLine: e.line + 1,
    endColumn: e.character + 1,
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
}

export function main(): void {
  run(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`plan-check: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
