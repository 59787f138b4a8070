/**
 * Node-side loading of workspace templates and registries (files on disk). Shared by the language
 * server and the command line; the pure library only sees their text.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_REGISTRY, loadRegistry, loadTemplate, Registry, TemplateSet, type Finding, type RegistryData, type Template } from '../core/index';
import { DEFAULT_MAX_FILE_SIZE, isMarkdownFile } from '../core/files';
import {
  loadConfigFrom,
  readConfigFile,
  REGISTRY_FILE,
  TEMPLATE_FILE,
  type ConfigFileReport,
  type ConfigFs,
  type ConfigSources,
  type FileRead,
  type LoadedConfig,
} from '../config-files';

export { REGISTRY_FILE, TEMPLATE_FILE, unreadMessage } from '../config-files';
export type { ConfigFileReport, ConfigSources, FileRead, LoadedConfig } from '../config-files';
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.code-server']);

/**
 * Walks folders for files matching `match`, skipping build and dependency folders; bounded. Only
 * regular files are taken (no pipes, devices or symbolic links); a folder that cannot be read is
 * passed to `onUnreadable`, if given, and skipped.
 */
export async function findFiles(
  roots: string[],
  match: (name: string) => boolean,
  limit = 10000,
  onUnreadable?: (dir: string, error: NodeJS.ErrnoException) => void,
): Promise<string[]> {
  const out: string[] = [];
  const queue = [...roots];
  for (let next = 0; next < queue.length && out.length < limit; next++) {
    const dir = queue[next];
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      onUnreadable?.(dir, e as NodeJS.ErrnoException);
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
export function findMarkdownFiles(roots: string[], limit?: number, onUnreadable?: (dir: string, error: NodeJS.ErrnoException) => void): Promise<string[]> {
  return findFiles(roots, isMarkdownFile, limit, onUnreadable);
}

/**
 * Reads a regular file as UTF-8. The file is opened without blocking (a FIFO would otherwise wait
 * for a writer) and examined through the open handle before it is read, so what is checked is
 * what is read. A file of more than 3 × `maxChars` bytes holds more than `maxChars` characters
 * whatever its encoding, and is not read.
 */
export async function readRegularFile(file: string, maxChars = Infinity): Promise<FileRead> {
  let handle: import('node:fs/promises').FileHandle;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { kind: 'error', error: e as NodeJS.ErrnoException };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { kind: 'not-file' };
    if (st.size > 3 * maxChars) return { kind: 'too-large', bytes: st.size, maxChars };
    return { kind: 'text', text: await handle.readFile('utf8') };
  } catch (e) {
    return { kind: 'error', error: e as NodeJS.ErrnoException };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The disk, for `loadConfigFrom`: names are absolute paths. */
export const NODE_FS: ConfigFs = {
  findFiles: (roots, names, limit) => findFiles(roots, (n) => names.test(n), limit),
  readFile: readRegularFile,
  resolve: (file) => path.resolve(file),
  dirname: (file) => path.dirname(file),
  basename: (file) => path.basename(file),
  within: (dir, file) => {
    const rel = path.relative(dir, file);
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  },
};

/** Loads the workspace's templates and registries from disk (`loadConfigFrom` over `NODE_FS`). */
export function loadConfig(src: ConfigSources): Promise<LoadedConfig> {
  return loadConfigFrom(NODE_FS, src);
}

/** A template or registry file as read: where it is and its text. */
export interface ConfigSource {
  file: string;
  text: string;
}

/**
 * The templates and registry that apply to one folder, as data: the files' texts, in the order
 * they apply (explicit templates first, then the folders' from the farthest to the nearest).
 * A worker thread rebuilds the same `Scope` from it (`scopeFromSpec`); `key` names it (a hash of
 * the paths and texts), for the worker's memory and the command line's cache.
 */
export interface ScopeSpec {
  templates: ConfigSource[];
  /** The registry file that applies; none: the built-in registry. */
  registry?: ConfigSource;
  key: string;
}

/** What applies to a document: the templates and registry, and the same as data. */
export interface Scope {
  templates: TemplateSet;
  registry: Registry;
  spec: ScopeSpec;
}

function specKey(templates: ConfigSource[], registry: ConfigSource | undefined): string {
  const hash = createHash('sha256');
  for (const s of [...templates, ...(registry ? [registry] : [])]) hash.update(`${s.file}\0${s.text.length}\0`).update(s.text);
  return hash.digest('hex').slice(0, 32);
}

/** Rebuilds a scope from its data (in a worker thread). The files loaded before; a broken one is left out as it was there. */
export function scopeFromSpec(spec: ScopeSpec): { templates: TemplateSet; registry: Registry } {
  const templates = spec.templates.flatMap((s) => loadTemplate(s.text, s.file).template ?? []);
  const data = spec.registry && loadRegistry(spec.registry.text, spec.registry.file).registry;
  return { templates: new TemplateSet().withOverrides(templates), registry: data ? new Registry(data) : DEFAULT_REGISTRY };
}

export interface SearchOptions {
  /** Template files that apply everywhere (the command line's `--template`). */
  templateFiles?: string[];
  /** A registry file that applies everywhere instead of any found (`--registry`). */
  registryFile?: string;
  /** Template and registry files longer than this (in characters) are not read. */
  maxFileSize?: number;
}

interface Listing {
  templates: string[];
  registries: string[];
  /** The folder holds `.git` (a folder, or a file in a work tree): the search stops here. */
  boundary: boolean;
}

/**
 * Finds the templates and registry for documents by searching upward from each document, as the
 * editor applies them: `*.planmall.*` and `*.organisation.*` files in the document's folder and
 * in every folder above it apply, the nearest last (a nearer template with the same id wins; the
 * nearest registry that loads is the one). The search stops at the first folder holding `.git`
 * (the repository's root, included) or at the file system's root. Nothing else is read: no folder
 * is walked downward, and a registry farther up than the one that applies is never opened.
 * Every folder is listed once and every file read once, however many documents share them.
 */
export class ConfigSearch {
  readonly #options: SearchOptions;
  readonly #maxFileSize: number;
  readonly #listings = new Map<string, Promise<Listing>>();
  readonly #chains = new Map<string, Promise<string[]>>();
  readonly #scopes = new Map<string, Promise<Scope>>();
  readonly #templates = new Map<string, Promise<{ source?: ConfigSource; template?: Template }>>();
  readonly #registries = new Map<string, Promise<{ source?: ConfigSource; registry?: Registry }>>();
  readonly #reports = new Map<string, ConfigFileReport>();
  /** Folders above a document that could not be listed (their templates, if any, are not seen). */
  readonly unlistable: string[] = [];

  constructor(options: SearchOptions = {}) {
    this.#options = options;
    this.#maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  /** Every template and registry file read so far, with its findings, in the order read. */
  get reports(): ConfigFileReport[] {
    return [...this.#reports.values()];
  }

  /** The scope of a document (a path; relative to the current folder if not absolute). */
  forFile(file: string): Promise<Scope> {
    const dir = path.dirname(path.resolve(file));
    let scope = this.#scopes.get(dir);
    if (!scope) this.#scopes.set(dir, (scope = this.#scope(dir)));
    return scope;
  }

  async #scope(dir: string): Promise<Scope> {
    const chain = await this.#chain(dir);
    const listings = await Promise.all(chain.map((d) => this.#listing(d)));
    const templateFiles = [...(this.#options.templateFiles ?? []).map((f) => path.resolve(f))];
    for (let i = chain.length - 1; i >= 0; i--) templateFiles.push(...listings[i].templates);
    const loaded = await Promise.all([...new Set(templateFiles)].map((f) => this.#template(f)));
    let registry: { source?: ConfigSource; registry?: Registry } | undefined;
    if (this.#options.registryFile) registry = await this.#registry(path.resolve(this.#options.registryFile));
    else {
      search: for (const listing of listings)
        for (const file of listing.registries) {
          const r = await this.#registry(file);
          if (r.registry) {
            registry = r;
            break search;
          }
        }
    }
    const sources = loaded.flatMap((l) => (l.template && l.source ? [l.source] : []));
    const templates = loaded.flatMap((l) => l.template ?? []);
    const regSource = registry?.registry ? registry.source : undefined;
    return {
      templates: new TemplateSet().withOverrides(templates),
      registry: registry?.registry ?? DEFAULT_REGISTRY,
      spec: { templates: sources, registry: regSource, key: specKey(sources, regSource) },
    };
  }

  /** The folder and those above it, up to the boundary, the nearest first. */
  #chain(dir: string): Promise<string[]> {
    let chain = this.#chains.get(dir);
    if (!chain) {
      chain = (async () => {
        const parent = path.dirname(dir);
        if ((await this.#listing(dir)).boundary || parent === dir) return [dir];
        return [dir, ...(await this.#chain(parent))];
      })();
      this.#chains.set(dir, chain);
    }
    return chain;
  }

  #listing(dir: string): Promise<Listing> {
    let listing = this.#listings.get(dir);
    if (!listing) {
      listing = (async () => {
        const out: Listing = { templates: [], registries: [], boundary: false };
        let entries: import('node:fs').Dirent[];
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.unlistable.push(dir);
          return out;
        }
        for (const e of entries) {
          if (e.name === '.git') out.boundary = true;
          // A link may point at a file; readRegularFile looks before it reads.
          if (!e.isFile() && !e.isSymbolicLink()) continue;
          if (TEMPLATE_FILE.test(e.name)) out.templates.push(path.join(dir, e.name));
          else if (REGISTRY_FILE.test(e.name)) out.registries.push(path.join(dir, e.name));
        }
        out.templates.sort();
        out.registries.sort();
        return out;
      })();
      this.#listings.set(dir, listing);
    }
    return listing;
  }

  #template(file: string): Promise<{ source?: ConfigSource; template?: Template }> {
    let got = this.#templates.get(file);
    if (!got) {
      got = this.#read(file, loadTemplate).then((r) => ({ source: r.source, template: r.loaded?.template }));
      this.#templates.set(file, got);
    }
    return got;
  }

  #registry(file: string): Promise<{ source?: ConfigSource; registry?: Registry }> {
    let got = this.#registries.get(file);
    if (!got) {
      got = this.#read(file, loadRegistry).then((r) => {
        const data: RegistryData | undefined = r.loaded?.registry;
        return { source: r.source, registry: data ? new Registry(data) : undefined };
      });
      this.#registries.set(file, got);
    }
    return got;
  }

  async #read<T>(file: string, load: (text: string, origin: string) => { findings: Finding[] } & T): Promise<{ source?: ConfigSource; loaded?: T }> {
    const { report, loaded } = await readConfigFile(NODE_FS, file, load, this.#maxFileSize);
    this.#reports.set(file, report);
    return { source: loaded ? { file, text: report.text } : undefined, loaded };
  }
}
