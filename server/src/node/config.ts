/**
 * Node-side loading of workspace templates and registries (files on disk). Shared by the language
 * server and the command line; the pure library only sees their text.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { defaultSeverity, DEFAULT_REGISTRY, loadRegistry, loadTemplate, Registry, t, TemplateSet, type Finding, type Template } from '../core/index';
import { DEFAULT_MAX_FILE_SIZE, isMarkdownFile, skipReason } from '../core/files';

export const TEMPLATE_FILE = /\.planmall\.(json|ya?ml)$/i;
export const REGISTRY_FILE = /\.organisation\.(json|ya?ml)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.code-server']);

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

/** Walks folders for files matching `match`, skipping build and dependency folders; bounded. */
export async function findFiles(roots: string[], match: (name: string) => boolean, limit = 10000): Promise<string[]> {
  const out: string[] = [];
  const queue = [...roots];
  while (queue.length && out.length < limit) {
    const dir = queue.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) queue.push(path.join(dir, e.name));
      } else if (e.isFile() && match(e.name)) out.push(path.join(dir, e.name));
    }
  }
  return out.sort();
}

/** The Markdown files (`isMarkdownFile`) under the folders, as `findFiles` walks them. */
export function findMarkdownFiles(roots: string[], limit?: number): Promise<string[]> {
  return findFiles(roots, isMarkdownFile, limit);
}

export interface ConfigSources {
  /** Folders searched for `*.planmall.*` and `*.organisation.*` files. */
  roots: string[];
  /** Extra template files (from settings or the command line). */
  templateFiles?: string[];
  /** A registry file that replaces the default (from settings or the command line). */
  registryFile?: string;
  /** Open documents' text by absolute path, preferred over the disk. */
  overlay?: Map<string, string>;
  /** Template and registry files longer than this (in characters) are not read; `plan.maxFileSize`. */
  maxFileSize?: number;
}

async function readText(file: string, overlay?: Map<string, string>): Promise<string | Error> {
  const open = overlay?.get(file);
  if (open !== undefined) return open;
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    return e as Error;
  }
}

export async function loadConfig(src: ConfigSources): Promise<LoadedConfig> {
  const settingsTemplates = new Set((src.templateFiles ?? []).map((f) => path.resolve(f)));
  const templateFiles = new Set<string>([...settingsTemplates, ...(await findFiles(src.roots, (n) => TEMPLATE_FILE.test(n)))]);
  const registryFiles = src.registryFile ? [path.resolve(src.registryFile)] : await findFiles(src.roots, (n) => REGISTRY_FILE.test(n));
  const files: ConfigFileReport[] = [];
  /** Reads and loads one file; its findings (or why it cannot be read) go into `files`. */
  const read = async <T>(file: string, load: (text: string, origin: string) => { findings: Finding[] } & T): Promise<T | undefined> => {
    const text = await readText(file, src.overlay);
    if (text instanceof Error) {
      files.push({ file, text: '', findings: [unreadable(file, text)] });
      return undefined;
    }
    const skipped = skipReason(text, src.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (skipped) {
      files.push({
        file,
        text: '',
        findings: [{ code: 'plan.file.skipped', severity: defaultSeverity('plan.file.skipped'), message: skipped.message, range: { start: 0, end: 0 } }],
      });
      return undefined;
    }
    const r = load(text, file);
    files.push({ file, text, findings: r.findings });
    return r;
  };
  const global: Template[] = [];
  const scopedTemplates: Array<{ dir: string; template: Template }> = [];
  for (const file of templateFiles) {
    const template = (await read(file, loadTemplate))?.template;
    if (!template) continue;
    if (settingsTemplates.has(file)) global.push(template);
    else scopedTemplates.push({ dir: path.dirname(file), template });
  }
  let registry = DEFAULT_REGISTRY;
  const scopedRegistries: Array<{ dir: string; registry: Registry }> = [];
  for (const file of registryFiles) {
    const data = (await read(file, loadRegistry))?.registry;
    if (!data) continue;
    if (src.registryFile) registry = new Registry(data);
    else scopedRegistries.push({ dir: path.dirname(file), registry: new Registry(data) });
  }
  const templates = new TemplateSet().withOverrides(global);
  const cache = new Map<string, { templates: TemplateSet; registry: Registry }>();
  const within = (dir: string, file: string) => {
    const rel = path.relative(dir, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  const forFile = (file: string) => {
    const dir = path.dirname(path.resolve(file));
    let hit = cache.get(dir);
    if (hit) return hit;
    // Farther folders first, so nearer ones override them.
    const tpls = scopedTemplates
      .filter((x) => within(x.dir, dir))
      .sort((a, b) => a.dir.length - b.dir.length)
      .map((x) => x.template);
    const reg = scopedRegistries.filter((x) => within(x.dir, dir)).sort((a, b) => b.dir.length - a.dir.length)[0]?.registry;
    hit = { templates: tpls.length ? templates.withOverrides(tpls) : templates, registry: src.registryFile ? registry : (reg ?? registry) };
    cache.set(dir, hit);
    return hit;
  };
  return { templates, registry, files, forFile };
}

function unreadable(file: string, e: Error): Finding {
  return {
    code: 'template.syntax',
    severity: 'error',
    message: t('The file cannot be read: {0}', `${path.basename(file)}: ${e.message}`),
    range: { start: 0, end: 0 },
  };
}
