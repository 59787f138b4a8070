/**
 * plan-publish: a plan as the formal document, as Word or as a web page.
 *   plan-publish FILE.md --format docx|html|pdf [-o OUT] [--force] [--locale sv|en] [--template FILE]… [--registry FILE]
 * PDF needs LibreOffice (from the Word file) or Chromium (the web page printed) on PATH.
 * Exit codes: 0 written; 1 not published (the file cannot be read, is not a governing document,
 * or the output exists without --force or cannot be written); 2 bad usage.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, publication, setLocale, t } from '../core/index';
import { DEFAULT_MAX_FILE_SIZE, skipReason } from '../core/files';
import { ConfigSearch, readRegularFile, unreadMessage } from '../node/config';
import { imageLoader, templateLogo } from '../node/images';
import { convertToPdf, findPdfConverter } from '../node/pdf';
import { formatOfName, publicationDocx, publicationHtml, publishedName, renderPublication } from '../publish/index';
import { escapeLine } from './format';
import { checkOptions, UsageError } from './options';

export const PUBLISH_EXIT = { written: 0, failed: 1, usage: 2 } as const;

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  locale: { type: 'string' },
  template: { type: 'string', multiple: true },
  registry: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type CliFormat = 'docx' | 'html' | 'pdf';
const CLI_FORMATS: readonly CliFormat[] = ['docx', 'html', 'pdf'];

function usage(): string {
  return t('Usage: plan-publish FILE.md --format docx|html|pdf [-o OUT] [--force] [--locale sv|en] [--template FILE]… [--registry FILE]');
}

function environmentLocale(): string {
  return process.env.PLAN_LOCALE ?? (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || 'sv');
}

interface PublishCliOptions {
  file: string;
  format: CliFormat;
  output: string;
  force: boolean;
  templateFiles: string[];
  registryFile?: string;
}

/** Reads the arguments; chooses the language first, so that every complaint is in it. */
function parse(argv: string[]): PublishCliOptions | 'help' {
  const { values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const locale = typeof values.locale === 'string' ? values.locale : environmentLocale();
  setLocale(locale.replace(/[.@].*$/, '').replace(/_/g, '-'));
  checkOptions(tokens, OPTIONS as Record<string, { type: 'string' | 'boolean' }>, values);
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length ? t('plan-publish publishes one file at a time.') : t('Name the plan to publish.'));
  const file = positionals[0];
  const output = typeof values.output === 'string' ? values.output : undefined;
  let format: CliFormat | undefined;
  if (typeof values.format === 'string') {
    if (!(CLI_FORMATS as readonly string[]).includes(values.format)) throw new UsageError(t('Unknown format {0}; use docx, html or pdf.', values.format));
    format = values.format as CliFormat;
  } else format = output ? (/\.pdf$/i.test(output) ? 'pdf' : formatOfName(output)) : undefined;
  if (!format) throw new UsageError(t('Choose a format with --format docx, --format html or --format pdf.'));
  return {
    file,
    format,
    output: output ?? path.join(path.dirname(file), publishedName(path.basename(file), format)),
    force: values.force === true,
    templateFiles: (values.template as string[] | undefined) ?? [],
    registryFile: typeof values.registry === 'string' ? values.registry : undefined,
  };
}

export async function runPublish(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let o: PublishCliOptions | 'help';
  try {
    o = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`plan-publish: ${e.message}`);
    err(usage());
    return PUBLISH_EXIT.usage;
  }
  if (o === 'help') {
    out(usage());
    return PUBLISH_EXIT.written;
  }
  const fail = (message: string) => {
    err(`plan-publish: ${message}`);
    return PUBLISH_EXIT.failed;
  };
  const shown = escapeLine(o.file);
  const read = await readRegularFile(o.file, DEFAULT_MAX_FILE_SIZE);
  if (read.kind !== 'text') return fail(`${shown}: ${unreadMessage(read)}`);
  const skipped = skipReason(read.text, DEFAULT_MAX_FILE_SIZE);
  if (skipped) return fail(`${shown}: ${skipped.message}`);
  if (path.resolve(o.output) === path.resolve(o.file)) return fail(t('{0}: the output would replace the plan itself.', escapeLine(o.output)));
  const scope = await new ConfigSearch({ templateFiles: o.templateFiles, registryFile: o.registryFile }).forFile(o.file);
  const analysis = analyze(read.text, { fileName: o.file, templates: scope.templates, registry: scope.registry });
  if (!analysis.plan.planBy) return fail(t('{0} is not a governing document (no dokumenttyp in its front matter), so there is nothing to publish.', shown));
  const errors = analysis.findings.filter((f) => f.severity === 'error').length;
  if (errors === 1) err(`plan-publish: ${t('{0} has 1 error; see plan-check. It is published as it is.', shown)}`);
  else if (errors > 1) err(`plan-publish: ${t('{0} has {1} errors; see plan-check. It is published as it is.', shown, errors)}`);
  const pub = publication(analysis.plan);
  const images = imageLoader(o.file);
  const logo = templateLogo(pub);
  const exists = () => fail(t('{0} exists; use --force to replace it.', escapeLine(o.output)));
  try {
    if (o.format === 'pdf') {
      const converter = findPdfConverter();
      if (!converter)
        return fail(t('No PDF converter was found: install LibreOffice (soffice) or Chromium, or publish as docx or html and print that to PDF.'));
      if (
        !o.force &&
        (await fs.stat(o.output).then(
          () => true,
          () => false,
        ))
      )
        return exists();
      await convertToPdf(
        converter,
        { docx: () => publicationDocx(pub, { image: images, logo }), html: () => publicationHtml(pub, { image: images, logo }) },
        o.output,
        o.force,
      );
    } else await fs.writeFile(o.output, await renderPublication(pub, o.format, images, logo), { flag: o.force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return exists();
    if (code) return fail(t('{0} cannot be written: {1}', escapeLine(o.output), code));
    return fail(t('{0} could not be published: {1}', shown, e instanceof Error ? e.message : String(e)));
  }
  out(t('plan-publish: wrote {0}.', escapeLine(o.output)));
  return PUBLISH_EXIT.written;
}

export function main(): void {
  runPublish(
    process.argv.slice(2),
    (s) => process.stdout.write(s + '\n'),
    (s) => process.stderr.write(s + '\n'),
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`plan-publish: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = PUBLISH_EXIT.failed;
    },
  );
}
