/**
 * Workspace templates and registries, loaded through a file system given to it (`ConfigFs`), with
 * no Node API: the Node build gives it the disk (server/src/node/config.ts), the browser build the
 * VS Code client's file system (server/src/browser-host.ts, through custom requests). The pure
 * library only sees the files' text.
 */
import { defaultSeverity, DEFAULT_REGISTRY, loadRegistry, loadTemplate, Registry, t, TemplateSet, type Finding, type Template } from './core/index';
import { DEFAULT_MAX_FILE_SIZE, isMarkdownFile, skipReason } from './core/files';

export const TEMPLATE_FILE = /\.planmall\.(json|ya?ml)$/i;
export const REGISTRY_FILE = /\.organisation\.(json|ya?ml)$/i;

/** Which files to find: a test of a file's name, and the same as a glob for a client's file search. */
export interface NamePattern {
  readonly glob: string;
  test(name: string): boolean;
}
export const TEMPLATE_NAMES: NamePattern = { glob: '*.planmall.{json,yaml,yml}', test: (n) => TEMPLATE_FILE.test(n) };
export const REGISTRY_NAMES: NamePattern = { glob: '*.organisation.{json,yaml,yml}', test: (n) => REGISTRY_FILE.test(n) };
export const CONFIG_NAMES: NamePattern = { glob: '*.{planmall,organisation}.{json,yaml,yml}', test: (n) => TEMPLATE_FILE.test(n) || REGISTRY_FILE.test(n) };
export const MARKDOWN_NAMES: NamePattern = { glob: '*.{md,markdown,mdown,mkd}', test: isMarkdownFile };

/** An error reading a file: a Node error (`code` such as EACCES) or a message from the client. */
export interface ReadError {
  code?: string;
  message: string;
}

/** What reading a file gave: its text, or why it was not read. */
export type FileRead =
  | { kind: 'text'; text: string }
  /** A folder, pipe (FIFO), socket or device: never read, so a pipe cannot hang the reader. */
  | { kind: 'not-file' }
  /** Larger than any text of `maxChars` characters can be: not read at all. */
  | { kind: 'too-large'; bytes: number; maxChars: number }
  | { kind: 'error'; error: ReadError };

/**
 * The files a configuration is read from. Names are what the host uses: paths on disk (Node) or
 * URIs (the browser); `dirname`, `within`, `resolve` and `basename` work on them.
 */
export interface ConfigFs {
  /** The files under the folders whose name matches, in a stable order; at most `limit`. */
  findFiles(roots: string[], names: NamePattern, limit?: number): Promise<string[]>;
  /** A file's text, unless it is larger than `maxChars` characters can be, or not a regular file. */
  readFile(file: string, maxChars: number): Promise<FileRead>;
  /** The name made absolute (a path from the settings). */
  resolve(file: string): string;
  dirname(file: string): string;
  basename(file: string): string;
  /** Whether `file` is in the folder `dir` or below it. */
  within(dir: string, file: string): boolean;
}

export interface ConfigFileReport {
  file: string;
  text: string;
  findings: Finding[];
}

export interface LoadedConfig {
  /** Built-ins plus templates from settings: what applies where no folder brings its own. */
  templates: TemplateSet;
  registry: Registry;
  /** Every template or registry file read, with its findings (empty when fine). */
  files: ConfigFileReport[];
  /** The templates and registry for one file: files in its folder or above it apply, the nearest first. */
  forFile(file: string): { templates: TemplateSet; registry: Registry };
}

export interface ConfigSources {
  /** Folders searched for `*.planmall.*` and `*.organisation.*` files. */
  roots: string[];
  /** Extra template files (from settings or the command line). */
  templateFiles?: string[];
  /** A registry file that replaces the default (from settings or the command line). */
  registryFile?: string;
  /** Open documents' text by file name, preferred over the file system. */
  overlay?: Map<string, string>;
  /** Template and registry files longer than this (in characters) are not read; `plan.maxFileSize`. */
  maxFileSize?: number;
}

/** Why a file was not read, for the user (an `error` gives its code, such as EACCES). */
export function unreadMessage(r: Exclude<FileRead, { kind: 'text' }>): string {
  switch (r.kind) {
    case 'not-file':
      return t('The file is not a regular file (it is a folder, device or pipe) and is not read.');
    case 'too-large':
      return t('The file is too large to check ({0} bytes; the limit is {1} characters).', r.bytes, r.maxChars);
    case 'error':
      return t('The file cannot be read: {0}', r.error.code ?? r.error.message);
  }
}

/** Reads and loads one template or registry file; its report holds its findings, or why it was not read. */
export async function readConfigFile<T>(
  fs: ConfigFs,
  file: string,
  load: (text: string, origin: string) => { findings: Finding[] } & T,
  maxFileSize: number,
  overlay?: Map<string, string>,
): Promise<{ report: ConfigFileReport; loaded?: T }> {
  const open = overlay?.get(file);
  const read: FileRead = open !== undefined ? { kind: 'text', text: open } : await fs.readFile(file, maxFileSize);
  if (read.kind === 'too-large') return { report: { file, text: '', findings: [skippedFinding(unreadMessage(read))] } };
  if (read.kind !== 'text') return { report: { file, text: '', findings: [unreadable(fs, file, read)] } };
  const skipped = skipReason(read.text, maxFileSize);
  if (skipped) return { report: { file, text: '', findings: [skippedFinding(skipped.message)] } };
  const loaded = load(read.text, file);
  return { report: { file, text: read.text, findings: loaded.findings }, loaded };
}

function skippedFinding(message: string): Finding {
  return { code: 'plan.file.skipped', severity: defaultSeverity('plan.file.skipped'), message, range: { start: 0, end: 0 } };
}

function unreadable(fs: ConfigFs, file: string, r: Exclude<FileRead, { kind: 'text' | 'too-large' }>): Finding {
  return {
    code: 'template.syntax',
    severity: 'error',
    message: r.kind === 'error' ? t('The file cannot be read: {0}', `${fs.basename(file)}: ${r.error.message}`) : unreadMessage(r),
    range: { start: 0, end: 0 },
  };
}

/**
 * Loads the templates and registries of the folders (and those the settings name): every file is
 * read once; a folder's files apply to the documents in it and below it, the nearest winning.
 */
export async function loadConfigFrom(fs: ConfigFs, src: ConfigSources): Promise<LoadedConfig> {
  const settingsTemplates = new Set((src.templateFiles ?? []).map((f) => fs.resolve(f)));
  const templateFiles = new Set<string>([...settingsTemplates, ...(await fs.findFiles(src.roots, TEMPLATE_NAMES))]);
  const registryFiles = src.registryFile ? [fs.resolve(src.registryFile)] : [...new Set(await fs.findFiles(src.roots, REGISTRY_NAMES))];
  const files: ConfigFileReport[] = [];
  /** Reads and loads one file; its findings (or why it cannot be read) go into `files`. */
  const read = async <T>(file: string, load: (text: string, origin: string) => { findings: Finding[] } & T): Promise<T | undefined> => {
    const { report, loaded } = await readConfigFile(fs, file, load, src.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, src.overlay);
    files.push(report);
    return loaded;
  };
  const global: Template[] = [];
  const scopedTemplates: Array<{ dir: string; template: Template }> = [];
  for (const file of templateFiles) {
    const template = (await read(file, loadTemplate))?.template;
    if (!template) continue;
    if (settingsTemplates.has(file)) global.push(template);
    else scopedTemplates.push({ dir: fs.dirname(file), template });
  }
  let registry = DEFAULT_REGISTRY;
  const scopedRegistries: Array<{ dir: string; registry: Registry }> = [];
  for (const file of registryFiles) {
    const data = (await read(file, loadRegistry))?.registry;
    if (!data) continue;
    if (src.registryFile) registry = new Registry(data);
    else scopedRegistries.push({ dir: fs.dirname(file), registry: new Registry(data) });
  }
  const templates = new TemplateSet().withOverrides(global);
  const cache = new Map<string, { templates: TemplateSet; registry: Registry }>();
  const forFile = (file: string) => {
    const dir = fs.dirname(fs.resolve(file));
    let hit = cache.get(dir);
    if (hit) return hit;
    // Farther folders first, so nearer ones override them.
    const tpls = scopedTemplates
      .filter((x) => fs.within(x.dir, dir))
      .sort((a, b) => a.dir.length - b.dir.length)
      .map((x) => x.template);
    const reg = scopedRegistries.filter((x) => fs.within(x.dir, dir)).sort((a, b) => b.dir.length - a.dir.length)[0]?.registry;
    hit = { templates: tpls.length ? templates.withOverrides(tpls) : templates, registry: src.registryFile ? registry : (reg ?? registry) };
    cache.set(dir, hit);
    return hit;
  };
  return { templates, registry, files, forFile };
}
