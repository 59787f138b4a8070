/**
 * Loading a bundle through V8's code cache, so that a server started before skips compiling its
 * code (Node 20 has no `module.enableCompileCache`; this is the same thing by hand). The server's
 * entry (main.ts) loads dist/server-main.js and, in each analysis worker, dist/analysis-worker.js
 * with it. Without a folder for the cache the bundle is simply required.
 *
 * The cache is code that will run, so it is read only from a folder that only this user can write
 * to (owned by the user, not writable by group or others; the VS Code client gives its own storage
 * folder, `--code-cache=<folder>`), and only from a file of the user's that no one else can write.
 * A file is named by the bundle's content hash and the Node version and holds a checksum of its
 * data: a cache of another build or Node, or a damaged one, is never given to V8 (which checks only
 * the source's length and its own version, not the data), and one V8 rejects anyway is written anew.
 * The data is written once the code has run (once the first analyses are done and no analysis has
 * run and no open document changed for a second: the pool's `whenIdle`, and for a worker the pool's
 * `IdleNotice`, lsp/quiet.ts), so that it holds the functions compiled by then, not only the top
 * level, and is not written between keystrokes.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, type Stats, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

/** The argument that names the cache's folder: `--code-cache=<folder>`. */
export const CODE_CACHE_ARG = '--code-cache=';

/** The cache's folder given on the command line, if any. */
export function codeCacheDir(argv: readonly string[]): string | undefined {
  const arg = argv.find((a) => a.startsWith(CODE_CACHE_ARG));
  const dir = arg?.slice(CODE_CACHE_ARG.length);
  return dir && path.isAbsolute(dir) ? dir : undefined;
}

/**
 * What happened to the cache at load: `off` (no folder given), `absent` (no cache of this build
 * yet), `used`, `rejected` (by V8: another V8 or other flags), `invalid` (damaged, or not the
 * user's own), `unsafe` (the folder can be written by others: neither read nor written).
 */
export type CacheState = 'off' | 'absent' | 'used' | 'rejected' | 'invalid' | 'unsafe';

export interface CodeCache {
  readonly state: CacheState;
  /**
   * Writes the cache, once, unless the loaded one was used (or none may be written): what was done,
   * for the trace (undefined when no folder was given, or the second time).
   */
  save(): string | undefined;
}

export interface LoadedBundle<T> {
  exports: T;
  cache: CodeCache;
}

const MAGIC = Buffer.from('PLANCC01');
const SUM_BYTES = 32;
const NO_CACHE: CodeCache = { state: 'off', save: () => undefined };

const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

/** Why the folder (or a file in it) is not private to this user; undefined when it is. Not checked on Windows (no owner or mode bits). */
function notPrivate(st: { uid: number; mode: number }): string | undefined {
  if (process.platform === 'win32') return undefined;
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return 'owned by another user';
  if (st.mode & 0o022) return 'writable by others';
  return undefined;
}

/** The cache file's data, or why it cannot be used; undefined when there is none. */
function readCache(file: string): { data?: Buffer; invalid?: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return {};
  }
  try {
    const st = fstatSync(fd);
    const unsafe = st.isFile() ? notPrivate(st) : 'not a file';
    if (unsafe) return { invalid: unsafe };
    const all = readFileSync(fd);
    const head = MAGIC.length + SUM_BYTES;
    if (all.length <= head || !all.subarray(0, MAGIC.length).equals(MAGIC)) return { invalid: 'not a cache file' };
    const data = all.subarray(head);
    if (!sha256(data).equals(all.subarray(MAGIC.length, head))) return { invalid: 'damaged (checksum)' };
    return { data };
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` as the cache file (through a temporary file, so that a reader never sees half of it) and removes the bundle's older caches. */
function writeCache(dir: string, file: string, prefix: string, data: Buffer): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const unsafe = notPrivate(statSync(dir));
  if (unsafe) throw new Error(`the folder is ${unsafe}`);
  const temp = `${file}.${process.pid}-${threadId}.tmp`;
  writeFileSync(temp, Buffer.concat([MAGIC, sha256(data), data]), { mode: 0o600, flag: 'wx' });
  try {
    renameSync(temp, file);
  } catch (e) {
    unlinkSync(temp);
    throw e;
  }
  for (const name of readdirSync(dir)) {
    if (name.startsWith(prefix) && name.endsWith('.cache') && path.join(dir, name) !== file) {
      try {
        unlinkSync(path.join(dir, name));
      } catch {
        // another server may have removed it first
      }
    }
  }
}

/**
 * Loads the CommonJS bundle `file` as `require` would, through the code cache in `dir` when one is
 * given. Throws as `require` does when the bundle is missing or fails.
 */
export function loadBundle<T>(file: string, dir: string | undefined): LoadedBundle<T> {
  if (!dir) return { exports: createRequire(__filename)(file) as T, cache: NO_CACHE };
  const source = readFileSync(file);
  const base = path.basename(file, '.js');
  const prefix = `${base}.`;
  const cacheFile = path.join(dir, `${prefix}${sha256(source).toString('hex').slice(0, 24)}.${process.version}-${process.arch}.cache`);
  let state: CacheState = 'absent';
  let cachedData: Buffer | undefined;
  let dirStat: Stats | undefined;
  try {
    dirStat = statSync(dir);
  } catch {
    // no folder yet: it is made when the cache is written
  }
  if (dirStat && (!dirStat.isDirectory() || notPrivate(dirStat))) state = 'unsafe';
  else if (dirStat) {
    const read = readCache(cacheFile);
    if (read.invalid) state = 'invalid';
    cachedData = read.data;
  }
  // The wrapper Node puts around a CommonJS module (its first line only, so line numbers stay).
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source.toString('utf8')}\n});`, {
    filename: file,
    cachedData,
    // import() of a module outside the bundle (node/apart.ts: from the sources only) goes to Node's loader.
    importModuleDynamically: vmConstants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cachedData) state = script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (exports: T, require: NodeJS.Require, module: { exports: T }, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  let done = false;
  return {
    exports: module.exports,
    cache: {
      state,
      save: () => {
        if (done) return undefined;
        done = true;
        if (state === 'used') return `plan: code cache used: ${cacheFile}`;
        if (state === 'unsafe') return `plan: code cache not used: ${dir} is not a folder that only this user can write to`;
        try {
          writeCache(dir, cacheFile, prefix, script.createCachedData());
          return `plan: code cache written: ${cacheFile} (it was ${state})`;
        } catch (e) {
          return `plan: the code cache could not be written to ${dir}: ${e instanceof Error ? e.message : String(e)}`;
        }
      },
    },
  };
}
