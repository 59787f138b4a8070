/**
 * Which files the checker looks at, written once for the language server, the command line and the
 * workspace loaders: Markdown file names, files skipped before parsing (too large, binary), and the
 * cheap pre-check for a governing document. Pure functions on names and text: no Node API.
 */
import { t } from './l10n';

/** The default of `plan.maxFileSize`: larger files (in characters) are not checked. */
export const DEFAULT_MAX_FILE_SIZE = 2_000_000;

/** How many leading characters are searched for a NUL character to call a file binary. */
export const BINARY_PROBE_LENGTH = 8000;

const MARKDOWN = /\.(md|markdown|mdown|mkd)$/i;

/** True for a file name, path or URI with a Markdown extension: .md, .markdown, .mdown, .mkd. */
export function isMarkdownFile(name: string): boolean {
  return MARKDOWN.test(name);
}

export type SkipCode = 'too-large' | 'binary';

export interface SkipReason {
  code: SkipCode;
  /** Localised, for the user: why the file is not checked. */
  message: string;
}

/**
 * Why a file's text is not checked at all, or `undefined` when it is: longer than `maxSize`
 * characters, or binary (a NUL character among the first 8000). The size is tested first, so a
 * huge file is never searched.
 */
export function skipReason(text: string, maxSize: number): SkipReason | undefined {
  if (text.length > maxSize)
    return { code: 'too-large', message: t('The file is too large to check ({0} characters; the limit is {1}).', text.length, maxSize) };
  if (text.slice(0, BINARY_PROBE_LENGTH).includes('\u0000')) return { code: 'binary', message: t('The file looks binary and is not checked.') };
  return undefined;
}

/** A template as `mayBePlan` needs it: its id, and the file-name ending that selects it (`.<id>.md` when absent). */
export type TemplateNaming = string | { id: string; filePattern?: string };

const OPENING_FENCE = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING_FENCE = /^(?:---|\.\.\.)[ \t]*\r?$/m;
const TYPE_KEY = /(?:^|[\s{,])["']?dokumenttyp["']?[ \t]*:/i;
/** Without templates: any `.<word>.md` ending, as `.plan.md` or `.riktlinje.md`. */
const ANY_TYPE_ENDING = /\.[\p{L}\p{N}_-]+\.md$/iu;
/** A front matter longer than this is not searched to its end. */
const FRONT_MATTER_PROBE = 64_000;

/**
 * A quick, conservative test before parsing: could this text be a governing document? True when
 * the front matter names a `dokumenttyp` key or the file name ends the way one of the templates
 * asks (`.plan.md`). `templates` are ids or templates (`TemplateSet.ids()` or `.all()`); without
 * them any `.<word>.md` ending counts. False means `analyze` would find no plan in the text unless
 * the caller makes it one itself (the user's `plan.planFiles` patterns), so it may skip parsing;
 * true only means it is worth parsing.
 */
export function mayBePlan(text: string, fileName: string, templates?: Iterable<TemplateNaming>): boolean {
  return hasTypeKey(text) || hasPlanName(fileName, templates);
}

function hasTypeKey(text: string): boolean {
  const open = OPENING_FENCE.exec(text);
  if (!open) return false;
  const body = text.slice(open[0].length, open[0].length + FRONT_MATTER_PROBE);
  const close = CLOSING_FENCE.exec(body);
  return TYPE_KEY.test(close ? body.slice(0, close.index) : body);
}

function hasPlanName(fileName: string, templates: Iterable<TemplateNaming> | undefined): boolean {
  if (!templates) return ANY_TYPE_ENDING.test(fileName);
  const name = fileName.toLocaleLowerCase('sv');
  for (const tpl of templates) {
    const ending = typeof tpl === 'string' ? `.${tpl}.md` : (tpl.filePattern ?? `.${tpl.id}.md`);
    if (name.endsWith(ending.toLocaleLowerCase('sv'))) return true;
  }
  return false;
}
