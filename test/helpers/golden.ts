/** Golden fixtures: each `*.md` under test/fixtures has a `*.expected.json` beside it listing its findings. */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyze, LineIndex, loadTemplate, setLocale, TemplateSet, type AnalyzeOptions } from '../../server/src/core/index';

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  /** The data quick fixes read back (insertText, insertAt, replacement …). */
  data?: Record<string, unknown>;
}

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** The Markdown files under examples/, in every folder. */
export function exampleFiles(dir = join(__dirname, '..', '..', 'examples')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? exampleFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

export function fixtureFiles(dir = FIXTURES): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...fixtureFiles(p));
    else if (/\.md$/.test(name)) out.push(p);
  }
  return out;
}

/** The templates of a fixture's folder: its `*.planmall.json` files over the built-in ones, if it has any. */
function folderTemplates(file: string): TemplateSet | undefined {
  const dir = dirname(file);
  const files = readdirSync(dir).filter((n) => n.endsWith('.planmall.json'));
  if (!files.length) return undefined;
  return new TemplateSet().withOverrides(
    files.map((n) => {
      const loaded = loadTemplate(readFileSync(join(dir, n), 'utf8'), n);
      if (!loaded.template) throw new Error(`${n}: ${JSON.stringify(loaded.findings)}`);
      return loaded.template;
    }),
  );
}

export function actualFindings(file: string, options: AnalyzeOptions = {}): ExpectedFinding[] {
  setLocale('sv');
  const text = readFileSync(file, 'utf8');
  const lines = new LineIndex(text);
  return analyze(text, { fileName: file, templates: folderTemplates(file), ...options }).findings.map((f) => {
    const p = lines.positionAt(f.range.start);
    const e = lines.positionAt(f.range.end);
    const out: ExpectedFinding = {
      line: p.line + 1,
      column: p.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      severity: f.severity,
      code: f.code,
      message: f.message,
    };
    if (f.data) out.data = JSON.parse(JSON.stringify(f.data)) as Record<string, unknown>;
    return out;
  });
}

export function expectedPath(file: string): string {
  return file.replace(/\.md$/, '.expected.json');
}

/** Reads the expected findings; with UPDATE_GOLDEN=1 (never in CI) writes them from the actual ones. */
export function expectedFindings(file: string, actual: ExpectedFinding[]): ExpectedFinding[] | undefined {
  const path = expectedPath(file);
  if (process.env.UPDATE_GOLDEN === '1') {
    if (process.env.CI) throw new Error('UPDATE_GOLDEN is refused in CI: golden files are never written silently.');
    writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
  }
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as ExpectedFinding[];
}
