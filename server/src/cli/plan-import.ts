/**
 * plan-import: a Word document (.docx) as a plan in Markdown, beside it or where `-o` says.
 *   plan-import FILE.docx [-o FILE.plan.md] [--template ID|FILE] [--locale sv|en] [--force] [--quiet]
 * Exit codes: 0 written (the notes, if any, on standard error); 2 bad usage, an unknown template or
 * a file that does not exist; 3 the file is not a readable Word document (not a .docx, damaged or
 * too large); 4 the plan or an image file exists already (give --force to overwrite).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadTemplate, local, setLocale, t, type TemplateSet } from '../core/index';
import { plural } from '../core/l10n';
import { ConfigSearch } from '../node/config';
import { readDocxFile } from '../word/file';
import { DocxError, importDocx, planFileName } from '../word/import';
import { checkOptions, UsageError } from './options';

export const IMPORT_EXIT = { written: 0, usage: 2, unreadable: 3, exists: 4 } as const;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  template: { type: 'string' },
  locale: { type: 'string' },
  force: { type: 'boolean', short: 'f' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

function usage(): string {
  return t('Usage: plan-import FILE.docx [-o FILE.plan.md] [--template ID|FILE] [--locale sv|en] [--force] [--quiet]');
}

function environmentLocale(): string {
  return process.env.PLAN_LOCALE ?? (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || 'sv');
}

interface ImportCliOptions {
  input: string;
  output?: string;
  template?: string;
  force: boolean;
  quiet: boolean;
  help: boolean;
}

function parse(argv: string[]): ImportCliOptions {
  const { values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  setLocale((typeof values.locale === 'string' ? values.locale : environmentLocale()).replace(/[.@].*$/, '').replace(/_/g, '-'));
  checkOptions(tokens, OPTIONS as Record<string, { type: 'string' | 'boolean' }>, values);
  if (values.help) return { input: '', force: false, quiet: false, help: true };
  if (positionals.length !== 1) throw new UsageError(t('Name one Word document (.docx).'));
  return {
    input: positionals[0],
    output: typeof values.output === 'string' ? values.output : undefined,
    template: typeof values.template === 'string' ? values.template : undefined,
    force: values.force === true,
    quiet: values.quiet === true,
    help: false,
  };
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/** Runs the import; returns the exit code. */
export async function runImport(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let options: ImportCliOptions;
  try {
    options = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`plan-import: ${e.message}`);
    err(usage());
    return IMPORT_EXIT.usage;
  }
  if (options.help) {
    out(usage());
    return IMPORT_EXIT.written;
  }
  const input = path.resolve(options.input);
  if (!(await exists(input))) {
    err(t('plan-import: {0}: no such file.', options.input));
    return IMPORT_EXIT.usage;
  }
  // The templates: built-ins, those found upward from the document, and a template file given by name.
  const templateFile = options.template && /\.planmall\.(?:json|ya?ml)$/i.test(options.template) ? path.resolve(options.template) : undefined;
  const search = new ConfigSearch({ templateFiles: templateFile ? [templateFile] : [] });
  const outputDir = path.dirname(path.resolve(options.output ?? input));
  const scope = await search.forFile(path.join(outputDir, 'plan.md'));
  for (const report of search.reports)
    for (const f of report.findings) err(`plan-import: ${path.relative(process.cwd(), report.file) || report.file}: ${f.message}`);
  const templates: TemplateSet = scope.templates;
  let templateId = options.template;
  if (templateFile) {
    const loaded = search.reports.find((r) => r.file === templateFile);
    const id = loaded && !loaded.findings.length ? loadTemplate(loaded.text, loaded.file).template?.id : undefined;
    if (!id) {
      err(t('plan-import: the template file {0} cannot be used.', options.template!));
      return IMPORT_EXIT.usage;
    }
    templateId = id;
  }
  if (templateId && !templates.get(templateId)) {
    err(t('plan-import: unknown template {0}; the templates are: {1}.', templateId, templates.ids().join(', ')));
    return IMPORT_EXIT.usage;
  }
  let data: Uint8Array;
  try {
    data = await readDocxFile(input);
  } catch (e) {
    if (!(e instanceof DocxError)) throw e;
    err(`plan-import: ${options.input}: ${e.message}`);
    return IMPORT_EXIT.unreadable;
  }
  // The images' folder is named after the plan given with -o, else after the Word document.
  const planName = options.output ? path.basename(options.output) : path.basename(input).replace(/\.docx$/i, '') + '.md';
  let result;
  try {
    result = await importDocx(data, { templates, templateId, planName });
  } catch (e) {
    if (!(e instanceof DocxError)) throw e;
    err(`plan-import: ${options.input}: ${e.message}`);
    return IMPORT_EXIT.unreadable;
  }
  const output = options.output ? path.resolve(options.output) : path.join(outputDir, planFileName(path.basename(input), result.template));
  const targets = [output, ...result.images.map((i) => path.join(path.dirname(output), ...i.path.split('/')))];
  if (!options.force) {
    const taken = [];
    for (const f of targets) if (await exists(f)) taken.push(path.relative(process.cwd(), f) || f);
    if (taken.length) {
      err(t('plan-import: already there: {0}. Give --force to overwrite.', taken.join(', ')));
      return IMPORT_EXIT.exists;
    }
  }
  for (const img of result.images) {
    const file = path.join(path.dirname(output), ...img.path.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, img.data);
  }
  await fs.writeFile(output, result.markdown, 'utf8');
  const rel = path.relative(process.cwd(), output) || output;
  if (!options.quiet) {
    out(
      t('plan-import: wrote {0} (template {1}, {2}).', rel, result.template.id, local(result.template.name)) +
        (result.images.length
          ? ' ' + plural(result.images.length, t('{0} image saved.', result.images.length), t('{0} images saved.', result.images.length))
          : ''),
    );
    if (result.notes.length) {
      err(plural(result.notes.length, t('{0} thing to look at:', result.notes.length), t('{0} things to look at:', result.notes.length)));
      for (const n of result.notes) err(`  - ${n}`);
    }
    out(t('Check it with: npx plan-check {0}', JSON.stringify(rel).slice(1, -1).includes(' ') ? JSON.stringify(rel) : rel));
  }
  return IMPORT_EXIT.written;
}

export function importMain(): void {
  const out = (s: string) => process.stdout.write(s + '\n');
  const err = (s: string) => process.stderr.write(s + '\n');
  runImport(process.argv.slice(2), out, err).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      err(`plan-import: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = IMPORT_EXIT.unreadable;
    },
  );
}
