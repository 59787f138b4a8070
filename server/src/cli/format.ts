/**
 * plan-check's output formats: text (one line per finding), JSON (the rows), SARIF 2.1.0 (GitHub
 * code scanning, Azure DevOps, most CI systems), GitHub Actions workflow commands (annotations
 * on the pull request) and GitLab's code quality report. Pure functions of the rows.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ALL_CODES, getLocale, type Severity } from '../core/index';
import type { FindingRow } from './check';

/** A finding of one file, the file as shown (relative to the current folder when inside it). */
export interface Row extends FindingRow {
  file: string;
}

export type Format = 'text' | 'json' | 'sarif' | 'github' | 'gitlab';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github', 'gitlab'];

/** A file that was named or found but could not be checked, and why. */
export interface Skipped {
  file: string;
  message: string;
}

/** C0 and C1 control characters, DEL, and the line and paragraph separators. */
function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029;
}

/**
 * Text for one line of output: control characters (a newline in a file name, say) written as
 * escapes (\n, \r, \t, \u001b …), so that no name or message can start a line of its own.
 */
export function escapeLine(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isControl(c)) continue;
    const escape = c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : `\\u${c.toString(16).padStart(4, '0')}`;
    out += s.slice(from, i) + escape;
    from = i + 1;
  }
  return from ? out + s.slice(from) : s;
}

export function formatText(rows: readonly Row[]): string[] {
  return rows.map((r) => `${escapeLine(r.file)}:${r.line}:${r.column} ${r.severity} ${r.code} ${escapeLine(r.message)}`);
}

export function formatJson(rows: readonly Row[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      file: r.file,
      line: r.line,
      column: r.column,
      endLine: r.endLine,
      endColumn: r.endColumn,
      severity: r.severity,
      code: r.code,
      message: r.message,
    })),
    null,
    2,
  );
}

/** A path for a URI or a CI system: forward slashes. */
function posix(file: string): string {
  return file.split('\\').join('/');
}

// --- GitHub Actions -------------------------------------------------------------------------

/** The message of a workflow command: %, CR and LF escaped (the runner's escapeData). */
export function githubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property of a workflow command: also : and , (the runner's escapeProperty). */
export function githubProperty(s: string): string {
  return githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/**
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=code::message`, one per finding, and
 * `::error file=…,title=plan-check::…` for each file that could not be checked.
 */
export function formatGithub(rows: readonly Row[], skipped: readonly Skipped[] = []): string[] {
  const notices = skipped.map((s) => `::error file=${githubProperty(posix(s.file))},title=plan-check::${githubData(s.message)}`);
  return notices.concat(
    rows.map((r) => {
      const props = [
        ['file', posix(r.file)],
        ['line', String(r.line)],
        ['col', String(r.column)],
        ['endLine', String(r.endLine)],
        ['endColumn', String(r.endColumn)],
        ['title', r.code],
      ]
        .map(([k, v]) => `${k}=${githubProperty(v)}`)
        .join(',');
      return `::${GITHUB_LEVEL[r.severity]} ${props}::${githubData(r.message)}`;
    }),
  );
}

// --- GitLab code quality --------------------------------------------------------------------

const GITLAB_SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

/**
 * GitLab's code quality report (a subset of Code Climate's): one issue per finding. The
 * fingerprint is the file, code, message and how many identical findings came before in the
 * file, not the line: a finding keeps it when text above it moves.
 */
export function formatGitlab(rows: readonly Row[]): string {
  const seen = new Map<string, number>();
  const issues = rows.map((r) => {
    const id = `${posix(r.file)}\0${r.code}\0${r.message}`;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return {
      type: 'issue',
      check_name: r.code,
      description: r.message,
      categories: ['Style'],
      severity: GITLAB_SEVERITY[r.severity],
      fingerprint: createHash('sha256').update(`${id}\0${n}`).digest('hex').slice(0, 32),
      location: { path: posix(r.file), lines: { begin: r.line, end: r.endLine } },
    };
  });
  return JSON.stringify(issues, null, 2);
}

// --- SARIF 2.1.0 ----------------------------------------------------------------------------

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const FINDINGS_DOC = 'https://github.com/planverktyg/plan-lsp/blob/main/docs/findings.md';

export interface SarifContext {
  version: string;
  /** The current folder: relative file names are relative to it (`%SRCROOT%`). */
  cwd: string;
  /** Files that could not be checked: the run's notifications, and the run is not successful. */
  skipped: readonly Skipped[];
  /** Whether every input was checked (false: the run's `executionSuccessful` is false). */
  complete: boolean;
}

/** A SARIF artifact location: a relative path as a URI reference under %SRCROOT%, or a file URI. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (/^(?:\/|[A-Za-z]:[\\/]|\\\\)/.test(file)) return { uri: pathToFileURL(file).href };
  return { uri: posix(file).split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/**
 * A SARIF 2.1.0 log with one run: the tool's rules (every code, described in the current
 * language, with its default level), one result per finding with a 1-based region, and a
 * notification per file that could not be checked.
 */
export function formatSarif(rows: readonly Row[], ctx: SarifContext): string {
  const lang = getLocale();
  const index = new Map(ALL_CODES.map((c, i) => [c.code, i]));
  const rules = ALL_CODES.map((c) => ({
    id: c.code,
    shortDescription: { text: c.description[lang] },
    fullDescription: { text: c.description[lang] },
    defaultConfiguration: { level: SARIF_LEVEL[c.severity] },
    helpUri: FINDINGS_DOC,
  }));
  const results = rows.map((r) => ({
    ruleId: r.code,
    ...(index.has(r.code) ? { ruleIndex: index.get(r.code) } : {}),
    level: SARIF_LEVEL[r.severity],
    message: { text: r.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(r.file),
          region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
        },
      },
    ],
  }));
  const root = pathToFileURL(ctx.cwd).href;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'plan-check', version: ctx.version, informationUri: 'https://github.com/planverktyg/plan-lsp', language: lang, rules } },
        invocations: [
          {
            executionSuccessful: ctx.complete,
            toolExecutionNotifications: ctx.skipped.map((s) => ({
              level: 'error',
              message: { text: s.message },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(s.file) } }],
            })),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: root.endsWith('/') ? root : `${root}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
