/**
 * Node-side loading of workspace templates and registries (files on disk). Shared by the language
 * server and the command line; the pure library only sees their text.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  DEFAULT_REGISTRY,
  loadRegistry,
  loadTemplate,
  Registry,
  t,
  TemplateSet,
  type Finding,
  type Template,
} from '../core/index';

export const TEMPLATE_FILE = /\.planmall\.(json|ya?ml)$/i;
export const REGISTRY_FILE = /\.organisation\.(json|ya?ml)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.code-server']);

export interface ConfigFileReport {
  file: string;
  text: string;
  findings: Finding[];
}

export interface LoadedConfig {
  templates: TemplateSet;
  registry: Registry;
  /** Every template or registry file read, with its findings (empty when fine). */
  files: ConfigFileReport[];
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

export interface ConfigSources {
  /** Folders searched for `*.planmall.*` and `*.organisation.*` files. */
  roots: string[];
  /** Extra template files (from settings or the command line). */
  templateFiles?: string[];
  /** A registry file that replaces the default (from settings or the command line). */
  registryFile?: string;
  /** Open documents' text by absolute path, preferred over the disk. */
  overlay?: Map<string, string>;
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
  const templateFiles = new Set<string>([...(src.templateFiles ?? []), ...(await findFiles(src.roots, (n) => TEMPLATE_FILE.test(n)))]);
  const registryFiles = src.registryFile ? [src.registryFile] : await findFiles(src.roots, (n) => REGISTRY_FILE.test(n));
  const files: ConfigFileReport[] = [];
  const templates: Template[] = [];
  for (const file of templateFiles) {
    const text = await readText(file, src.overlay);
    if (text instanceof Error) {
      files.push({ file, text: '', findings: [unreadable(file, text)] });
      continue;
    }
    const r = loadTemplate(text, file);
    files.push({ file, text, findings: r.findings });
    if (r.template) templates.push(r.template);
  }
  let registry = DEFAULT_REGISTRY;
  for (const file of registryFiles) {
    const text = await readText(file, src.overlay);
    if (text instanceof Error) {
      files.push({ file, text: '', findings: [unreadable(file, text)] });
      continue;
    }
    const r = loadRegistry(text, file);
    files.push({ file, text, findings: r.findings });
    // The first good registry wins; others still get their findings.
    if (r.registry && registry === DEFAULT_REGISTRY) registry = new Registry(r.registry);
  }
  return { templates: new TemplateSet().withOverrides(templates), registry, files };
}

function unreadable(file: string, e: Error): Finding {
  return { code: 'template.syntax', severity: 'error', message: t('The file cannot be read: {0}', `${path.basename(file)}: ${e.message}`), range: { start: 0, end: 0 } };
}
