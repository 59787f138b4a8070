/**
 * plan-check: the same core as the language server, on files and folders.
 *   plan-check [options] [--] <files or folders>   (see `usage()` and the README)
 * Exit codes: 0 no errors; 1 error-severity findings; 2 bad usage or a named path that does not
 * exist; 3 a file or folder that could not be checked (unreadable, not a regular file, binary or
 * too large), which outranks 1: the result is incomplete.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { version as VERSION } from '../../../package.json';
import { getLocale, isToday, LineIndex, mayBePlan, setLocale, t } from '../core/index';
import { DEFAULT_MAX_FILE_SIZE, skipReason } from '../core/files';
import { plural } from '../core/l10n';
import { ConfigSearch, findMarkdownFiles, readRegularFile, REGISTRY_FILE, unreadMessage, type Scope } from '../node/config';
import { DEFAULT_CACHE_FILE, hashParts, ResultCache } from './cache';
import { checkText, toRow, type CheckSettings, type FileResult } from './check';
import { followUpUsage, runFollowUp, type FollowUpCliOptions } from './followup';
import { escapeLine, formatGithub, formatGitlab, formatJson, formatSarif, formatText, FORMATS, type Format, type Row, type Skipped } from './format';
import { checkOptions, UsageError } from './options';
import { WorkerPool, workerScript } from './pool';
import { lineStarts, REGISTER_FORMATS, registerExport, registerRows, type RegisteredFile, type RegisterFormat } from './register';

export const EXIT = { clean: 0, errors: 1, usage: 2, incomplete: 3 } as const;

/** What the command line asked for. */
export interface CliOptions {
  format: Format;
  locale: string;
  templateFiles: string[];
  registryFile?: string;
  style: boolean;
  klarsprak: boolean;
  maxFileSize: number;
  quiet: boolean;
  verbose: boolean;
  /** The cache file, when `--cache` or `--cache-location` is given. */
  cache?: string;
  /** Worker threads; 1 checks in the main thread. */
  jobs: number;
  help: boolean;
  inputs: string[];
  /** `--register csv|json`: write the register of the governing documents instead of the findings. */
  register?: RegisterFormat;
  /** `--today`: the day validity and revision are judged on (YYYY-MM-DD); the real date by default. */
  today: string;
  /** `--followup-worksheet YEAR` or `--followup-report YEAR`: a follow-up file instead of a check. */
  followUp?: Pick<FollowUpCliOptions, 'kind' | 'year' | 'format' | 'output'>;
}

/** A mistake on the command line: reported with the usage line, exit code 2. */
export { UsageError };

const OPTIONS = {
  format: { type: 'string' },
  locale: { type: 'string' },
  template: { type: 'string', multiple: true },
  registry: { type: 'string' },
  'no-style': { type: 'boolean' },
  'no-klarsprak': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  register: { type: 'string' },
  today: { type: 'string' },
  'followup-worksheet': { type: 'string' },
  'followup-report': { type: 'string' },
  'followup-format': { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

/** Below this many documents to analyse the main thread checks them itself: starting workers costs more. */
const PARALLEL_AFTER = 8;
/** Files read at once. */
const READ_AHEAD = 32;

function usage(): string {
  return t(
    'Usage: plan-check [--format text|json|sarif|github|gitlab] [--register csv|json] [--today YYYY-MM-DD] [--locale sv|en] [--template FILE]… [--registry FILE] [--no-style] [--no-klarsprak] [--max-file-size N] [--cache] [--cache-location FILE] [--jobs N] [--quiet] [--verbose] [--] <files or folders>',
  );
}

function environmentLocale(): string {
  return process.env.PLAN_LOCALE ?? (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || 'sv');
}

function positiveInteger(option: string, value: unknown): number {
  const v = String(value);
  const n = /^\d+$/.test(v) ? Number(v) : NaN;
  if (!(n > 0) || !Number.isSafeInteger(n)) throw new UsageError(t('The option {0} needs a positive whole number; found {1}.', option, v));
  return n;
}

/**
 * Reads the arguments with `node:util`'s parseArgs; `--` ends the options. Chooses the language
 * first (`--locale`, else the environment) so that every complaint is in it; throws `UsageError`
 * for an unknown option or language, a missing or superfluous value, or a bad format or number.
 */
export function parseOptions(argv: string[]): CliOptions {
  // Not strict: parseArgs' own errors are English only. The tokens are checked below instead.
  const { values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  // POSIX names (en_US.UTF-8) as language tags (en-US): the library reads the tag.
  const locale = (typeof values.locale === 'string' ? values.locale : environmentLocale()).replace(/[.@].*$/, '').replace(/_/g, '-');
  setLocale(locale);
  checkOptions(tokens, OPTIONS as Record<string, { type: 'string' | 'boolean' }>, values);
  const format = String(values.format ?? 'text') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(t('Unknown format {0}; use text, json, sarif, github or gitlab.', format));
  const maxFileSize = values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_SIZE : positiveInteger('--max-file-size', values['max-file-size']);
  const jobs = values.jobs === undefined ? availableParallelism() : positiveInteger('--jobs', values.jobs);
  const register = values.register === undefined ? undefined : (String(values.register) as RegisterFormat);
  if (register !== undefined && !REGISTER_FORMATS.includes(register)) throw new UsageError(t('Unknown register format {0}; use csv or json.', register));
  if (values.today !== undefined && !isToday(values.today))
    throw new UsageError(t('The option {0} needs a date written YYYY-MM-DD; found {1}.', '--today', String(values.today)));
  if (values.quiet && values.verbose) throw new UsageError(t('The options {0} and {1} exclude each other.', '--quiet', '--verbose'));
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const cacheLocation = typeof values['cache-location'] === 'string' ? values['cache-location'] : undefined;
  const followUp = followUpOption(values);
  return {
    followUp,
    format,
    locale,
    templateFiles: strings(values.template).map((f) => path.resolve(f)),
    registryFile: typeof values.registry === 'string' ? path.resolve(values.registry) : undefined,
    style: !values['no-style'],
    klarsprak: !values['no-klarsprak'],
    maxFileSize,
    quiet: values.quiet === true,
    verbose: values.verbose === true,
    cache: cacheLocation !== undefined ? path.resolve(cacheLocation) : values.cache ? path.resolve(DEFAULT_CACHE_FILE) : undefined,
    jobs,
    help: values.help === true,
    inputs: positionals,
    register,
    today: typeof values.today === 'string' ? values.today : localToday(),
  };
}

/** Today's date where the command runs, YYYY-MM-DD. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function followUpOption(values: Record<string, unknown>): CliOptions['followUp'] {
  const worksheet = values['followup-worksheet'];
  const report = values['followup-report'];
  if (worksheet === undefined && report === undefined) {
    if (values['followup-format'] !== undefined || values.output !== undefined)
      throw new UsageError(t('The options {0} and {1} go with {2} or {3}.', '--followup-format', '--output', '--followup-worksheet', '--followup-report'));
    return undefined;
  }
  if (worksheet !== undefined && report !== undefined)
    throw new UsageError(t('The options {0} and {1} exclude each other.', '--followup-worksheet', '--followup-report'));
  const year = String(worksheet ?? report);
  if (!/^\d{4}$/.test(year))
    throw new UsageError(
      t('The option {0} needs a year, such as 2025; found {1}.', worksheet !== undefined ? '--followup-worksheet' : '--followup-report', year),
    );
  const output = typeof values.output === 'string' ? values.output : undefined;
  // The format named, else the output's extension, else Excel for the worksheet and a web page for the report.
  const named = values['followup-format'] === undefined ? undefined : String(values['followup-format']);
  const formats: Array<FollowUpCliOptions['format']> = worksheet !== undefined ? ['xlsx', 'csv'] : ['html', 'docx'];
  const format =
    formats.find((f) => f === named) ?? (named === undefined ? (formats.find((f) => output?.toLowerCase().endsWith(`.${f}`)) ?? formats[0]) : undefined);
  if (!format)
    throw new UsageError(
      worksheet !== undefined
        ? t('Unknown worksheet format {0}; use xlsx or csv.', named ?? '')
        : t('Unknown report format {0}; use html or docx.', named ?? ''),
    );
  return {
    kind: worksheet !== undefined ? 'worksheet' : 'report',
    year: Number(year),
    format,
    output,
  };
}

/** The build, for the cache: the version and a hash of the running bundle (and its worker). */
function toolIdentity(): string {
  const hash = createHash('sha256');
  for (const file of [__filename, path.join(__dirname, 'cli-worker.js')]) {
    try {
      hash.update(readFileSync(file));
    } catch {
      // No worker beside the sources: the rest identifies the build.
    }
  }
  return `${VERSION}+${hash.digest('hex').slice(0, 16)}`;
}

function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r && !r.startsWith('..') && !path.isAbsolute(r) ? r : file;
}

/** What happened to one file. */
type Outcome =
  | { kind: 'result'; result: FileResult; cached: boolean; lineStarts?: number[] }
  | { kind: 'not-plan' }
  /** Not checked: unreadable, not a regular file, binary or too large. */
  | { kind: 'skipped'; message: string };

/** Runs the checker; returns the exit code. A usage mistake is reported on `err` with the usage line (code 2). */
export async function run(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const started = performance.now();
  let options: CliOptions;
  try {
    options = parseOptions(argv);
    if (!options.help && !options.inputs.length) throw new UsageError(t('Name at least one file or folder.'));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`plan-check: ${e.message}`);
    err(usage());
    return EXIT.usage;
  }
  if (options.help) {
    out(usage());
    out(followUpUsage());
    return EXIT.clean;
  }
  if (options.followUp) {
    if (options.inputs.length !== 1) {
      err(`plan-check: ${t('Name exactly one plan for a follow-up file.')}`);
      return EXIT.usage;
    }
    return runFollowUp(
      options.inputs[0],
      { ...options.followUp, templateFiles: options.templateFiles, registryFile: options.registryFile, maxFileSize: options.maxFileSize },
      out,
      err,
    );
  }
  const { format, maxFileSize, inputs, verbose } = options;
  const note = (file: string, message: string) => err(`plan-check: ${escapeLine(rel(file))}: ${message}`);

  // 1. The files: named ones as they are, folders walked for Markdown files.
  let missing = false;
  let incomplete = false;
  const files = new Set<string>();
  const folders: Array<{ input: string; files: string[] }> = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st) {
      err(t('plan-check: {0}: no such file or folder.', escapeLine(input)));
      missing = true;
      continue;
    }
    if (!st.isDirectory()) {
      files.add(abs);
      continue;
    }
    const found = await findMarkdownFiles([abs], Infinity, (dir, e) => {
      err(t('plan-check: {0}: the folder cannot be read ({1}).', escapeLine(rel(dir)), e.code ?? e.message));
      incomplete = true;
    });
    folders.push({ input, files: found });
    if (!found.length) err(t('plan-check: {0}: no Markdown files in the folder.', escapeLine(input)));
    for (const f of found) files.add(f);
  }

  // 2. Each file's templates and registry, found upward from it; the results, from the cache or checked.
  const search = new ConfigSearch({ templateFiles: options.templateFiles, registryFile: options.registryFile, maxFileSize });
  const settings: CheckSettings = { style: options.style, switches: options.klarsprak ? {} : { 'klarsprak.enabled': false } };
  const optionsKey = JSON.stringify({ locale: getLocale(), maxFileSize, ...settings });
  let cache: ResultCache | undefined;
  if (options.cache) {
    cache = await ResultCache.open(options.cache, toolIdentity());
    if (cache.discarded && verbose) note(cache.file, t('The cache cannot be read and is started anew.'));
  }
  const script = options.jobs > 1 ? workerScript() : undefined;
  let pool: WorkerPool | undefined;
  let analysed = 0;
  const checkHere = (file: string, text: string, scope: Scope) => checkText(text, file, scope, settings);
  const startPool = () => (pool ??= new WorkerPool(options.jobs, script!, { locale: options.locale, settings }));
  // Many files and no cache (which may hold them all): the workers load their code while the
  // files are read and the first ones checked here.
  if (script && !cache && files.size > PARALLEL_AFTER) startPool();
  const check = async (file: string, text: string, scope: Scope): Promise<FileResult> => {
    analysed++;
    if (script && !pool && analysed > PARALLEL_AFTER) startPool();
    if (!pool?.started) return checkHere(file, text, scope);
    // A worker that fails hands the document back: the main thread checks it.
    return pool.run(file, text, scope.spec).catch(() => checkHere(file, text, scope));
  };
  const outcomes = new Map<string, Outcome>();
  const checkOne = async (file: string): Promise<Outcome> => {
    const read = await readRegularFile(file, maxFileSize);
    if (read.kind !== 'text') return { kind: 'skipped', message: unreadMessage(read) };
    const text = read.text;
    const skipped = skipReason(text, maxFileSize);
    if (skipped) return { kind: 'skipped', message: skipped.message };
    const scope = await search.forFile(file);
    if (!mayBePlan(text, file, scope.templates.all())) return { kind: 'not-plan' };
    const key = cache && hashParts(optionsKey, scope.spec.key, text);
    const hit = key ? cache!.get(file, key) : undefined;
    const starts = (r: FileResult) => (r.register ? lineStarts(text) : undefined);
    if (hit) return { kind: 'result', result: hit, cached: true, lineStarts: starts(hit) };
    const result = await check(file, text, scope);
    if (key) cache!.set(file, key, result);
    return { kind: 'result', result, cached: false, lineStarts: starts(result) };
  };
  const queue = [...files].sort();
  try {
    await Promise.all(
      Array.from({ length: Math.min(READ_AHEAD, queue.length) }, async () => {
        for (let file = queue.shift(); file !== undefined; file = queue.shift()) outcomes.set(file, await checkOne(file));
      }),
    );
  } finally {
    await pool?.close();
  }

  // 3. The rows, sorted by file and place; the template and registry files that applied among them.
  const rows: Row[] = [];
  const seen = new Set<string>();
  const add = (file: string, r: Omit<Row, 'file'>) => {
    const row = { file: rel(file), ...r };
    const id = JSON.stringify(row);
    if (seen.has(id)) return; // the same finding twice (a broken file named twice, say): once
    seen.add(id);
    rows.push(row);
  };
  for (const report of search.reports) {
    const lines = new LineIndex(report.text);
    for (const f of report.findings) add(report.file, toRow(lines, f));
  }
  const counts = { plans: 0, notPlans: 0, skipped: 0, cached: 0 };
  const skippedFiles: Skipped[] = [];
  const plans = new Set<string>();
  const registered: RegisteredFile[] = [];
  for (const [file, o] of outcomes)
    if (o.kind === 'result' && o.result.register && o.lineStarts) registered.push({ file, entry: o.result.register, lineStarts: o.lineStarts });
  // Across the files: ties, titles named in the body, validity and revision.
  const acrossFiles = registerRows(registered, options.today);
  for (const [file, o] of [...outcomes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (o.kind === 'skipped') {
      note(file, o.message);
      skippedFiles.push({ file: rel(file), message: o.message });
      counts.skipped++;
      incomplete = true;
    } else if (o.kind === 'not-plan' || !o.result.plan) {
      counts.notPlans++;
      if (verbose) note(file, t('Not a governing document (no dokumenttyp in the front matter, no name such as .plan.md); not checked.'));
    } else {
      counts.plans++;
      plans.add(file);
    }
    if (o.kind === 'result') {
      if (o.cached) counts.cached++;
      for (const f of [...o.result.findings, ...(acrossFiles.get(file) ?? [])]) add(file, f);
    }
  }
  rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  for (const { input, files: found } of folders)
    if (found.length && found.every((f) => !plans.has(f) && outcomes.get(f)?.kind !== 'skipped'))
      err(t('plan-check: {0}: no governing documents in the folder.', escapeLine(input)));
  if (verbose) {
    for (const report of search.reports) note(report.file, REGISTRY_FILE.test(report.file) ? t('Registry file read.') : t('Template file read.'));
    for (const dir of search.unlistable) note(dir, t('The folder cannot be listed; templates in it are not seen.'));
  }

  // 4. The output, the summary and the cache.
  if (options.register) out(registerExport(registered, options.register, options.today).replace(/\r?\n$/, ''));
  else if (format === 'json') out(formatJson(rows));
  else if (format === 'sarif') out(formatSarif(rows, { version: VERSION, cwd: process.cwd(), skipped: skippedFiles, complete: !incomplete && !missing }));
  else if (format === 'github') for (const line of formatGithub(rows, skippedFiles)) out(line);
  else if (format === 'gitlab') out(formatGitlab(rows));
  else for (const line of formatText(rows)) out(line);
  if (cache) {
    try {
      await cache.save();
    } catch (e) {
      note(cache.file, t('The cache cannot be written ({0}).', (e as NodeJS.ErrnoException).code ?? String(e)));
    }
  }
  if (verbose) {
    const seconds = ((performance.now() - started) / 1000).toLocaleString(getLocale(), { maximumFractionDigits: 2 });
    err(t('plan-check: from cache: {0}; analysed: {1}; worker threads: {2}; {3} s.', counts.cached, analysed, pool?.size ?? 0, seconds));
  }
  if (!options.quiet) (format === 'text' && !options.register ? out : err)(summary(rows, counts));
  if (missing) return EXIT.usage;
  if (incomplete) return EXIT.incomplete;
  if (options.register) return EXIT.clean; // the register is the output: findings do not fail it
  return rows.some((r) => r.severity === 'error') ? EXIT.errors : EXIT.clean;
}

/** "2 planer, 3 fel, 5 varningar; 3 filer är inte styrdokument" – counts with their nouns, by the language's plural rules. */
export function summary(rows: readonly Row[], counts: { plans: number; notPlans: number; skipped: number }): string {
  const n = (x: number) => x.toLocaleString(getLocale());
  const by = (s: string) => rows.filter((r) => r.severity === s).length;
  const errors = by('error');
  const warnings = by('warning');
  const notes = by('information');
  const hints = by('hint');
  const head = [
    plural(counts.plans, t('{0} plan', n(counts.plans)), t('{0} plans', n(counts.plans))),
    plural(errors, t('{0} error', n(errors)), t('{0} errors', n(errors))),
    plural(warnings, t('{0} warning', n(warnings)), t('{0} warnings', n(warnings))),
  ];
  if (notes) head.push(plural(notes, t('{0} note', n(notes)), t('{0} notes', n(notes))));
  if (hints) head.push(plural(hints, t('{0} hint', n(hints)), t('{0} hints', n(hints))));
  const tail: string[] = [];
  if (counts.notPlans)
    tail.push(
      plural(counts.notPlans, t('{0} file is not a governing document', n(counts.notPlans)), t('{0} files are not governing documents', n(counts.notPlans))),
    );
  if (counts.skipped)
    tail.push(plural(counts.skipped, t('{0} file could not be checked', n(counts.skipped)), t('{0} files could not be checked', n(counts.skipped))));
  return [head.join(', '), ...tail].join('; ');
}

/**
 * Output to a closed pipe (`plan-check … | head`) ends it quietly: the rest is dropped, the exit
 * code stays what the check found. Lines are gathered and written in large pieces.
 */
function writer(stream: NodeJS.WriteStream): { line: (s: string) => void; flush: () => void } {
  let closed = false;
  let buffer: string[] = [];
  let size = 0;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw e;
  });
  const flush = () => {
    if (!closed && buffer.length) stream.write(buffer.join(''));
    buffer = [];
    size = 0;
  };
  return {
    line: (s) => {
      if (closed) return;
      buffer.push(s + '\n');
      size += s.length + 1;
      if (size > 1 << 16) flush();
    },
    flush,
  };
}

export function main(): void {
  const stdout = writer(process.stdout);
  const stderr = writer(process.stderr);
  // Notes go out at once, in order with the output (each stream flushes before the other writes).
  const out = (s: string) => {
    stderr.flush();
    stdout.line(s);
  };
  const err = (s: string) => {
    stdout.flush();
    stderr.line(s);
  };
  run(process.argv.slice(2), out, err).then(
    (code) => {
      stdout.flush();
      stderr.flush();
      process.exitCode = code;
    },
    (e: unknown) => {
      stdout.flush();
      stderr.line(`plan-check: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      stderr.flush();
      process.exitCode = EXIT.usage;
    },
  );
}
