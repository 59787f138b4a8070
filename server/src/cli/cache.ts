/**
 * plan-check's result cache (`--cache`), like ESLint's: one JSON file, by default
 * `.plan-check-cache` in the current folder, holding each checked document's result under a key
 * made of everything the result depends on: the document's text, the texts of the templates and
 * registry that apply to it, the options (language, style, switches, size limit) and the tool
 * itself (its version and a hash of its bundle). Any change to one of these misses; a hit gives
 * the findings without parsing the document. The file is replaced whole (written beside it and
 * renamed), so a reader never sees half of it; one that cannot be read is started anew.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FileResult } from './check';

export const DEFAULT_CACHE_FILE = '.plan-check-cache';
const FORMAT = 1;

interface CacheFile {
  planCheckCache: number;
  tool: string;
  entries: Record<string, [key: string, result: FileResult]>;
}

/** A hash of the parts, each length-prefixed so that no two lists of parts give the same input. */
export function hashParts(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(`${p.length}:`).update(p);
  return hash.digest('hex');
}

export class ResultCache {
  readonly file: string;
  readonly #tool: string;
  readonly #entries: Map<string, [string, FileResult]>;
  #changed = false;
  /** The file existed but could not be used (unreadable, not JSON, another format): it is replaced. */
  readonly discarded: boolean;

  private constructor(file: string, tool: string, entries: Map<string, [string, FileResult]>, discarded: boolean) {
    this.file = file;
    this.#tool = tool;
    this.#entries = entries;
    this.discarded = discarded;
  }

  /**
   * Opens the cache file (which need not exist). `tool` identifies the build: a file written by
   * another build is ignored whole. A folder as `file` holds `.plan-check-cache`.
   */
  static async open(file: string, tool: string): Promise<ResultCache> {
    let target = path.resolve(file);
    const st = await fs.stat(target).catch(() => undefined);
    if (st?.isDirectory()) target = path.join(target, DEFAULT_CACHE_FILE);
    let entries = new Map<string, [string, FileResult]>();
    let discarded = false;
    try {
      const data = JSON.parse(await fs.readFile(target, 'utf8')) as CacheFile;
      if (data.planCheckCache === FORMAT && data.tool === tool && data.entries && typeof data.entries === 'object')
        entries = new Map(Object.entries(data.entries));
      else discarded = data.planCheckCache !== FORMAT;
    } catch (e) {
      discarded = (e as NodeJS.ErrnoException).code !== 'ENOENT';
    }
    return new ResultCache(target, tool, entries, discarded);
  }

  /** The result stored for a document, if its key is unchanged. */
  get(file: string, key: string): FileResult | undefined {
    const hit = this.#entries.get(file);
    return hit && hit[0] === key ? hit[1] : undefined;
  }

  set(file: string, key: string, result: FileResult): void {
    this.#entries.set(file, [key, result]);
    this.#changed = true;
  }

  /** Writes the cache if anything changed. Documents not checked this time keep their entries. */
  async save(): Promise<void> {
    if (!this.#changed) return;
    const data: CacheFile = { planCheckCache: FORMAT, tool: this.#tool, entries: Object.fromEntries(this.#entries) };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await fs.writeFile(tmp, JSON.stringify(data));
      await fs.rename(tmp, this.file);
    } catch (e) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
    this.#changed = false;
  }
}
