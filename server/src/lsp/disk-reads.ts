/**
 * Reads of the workspace's files on disk, shared between the register's scan (register.ts) and
 * the workspace check (workspace.ts): right after the start both read every file of the
 * workspace at the same time. A read that one of them starts is handed to the other once, if it
 * asks for the same file with the same size limit within a short time, instead of the file being
 * read a second time. A change on disk (the file watcher) drops the file's read.
 */
import type { FileRead } from '../config-files';

/** How long (ms) a read is kept for the other reader. */
export const SHARE_MS = 20_000;
/** The most reads kept at once; the oldest go first. */
const MAX_KEPT = 5000;

interface Kept {
  read: Promise<FileRead | undefined>;
  maxChars: number;
  at: number;
}

export class SharedReads {
  readonly #readFile: (file: string, maxChars: number) => Promise<FileRead>;
  readonly #now: () => number;
  /** Reads not yet taken by a second reader, oldest first. */
  readonly #kept = new Map<string, Kept>();

  constructor(readFile: (file: string, maxChars: number) => Promise<FileRead>, now: () => number = Date.now) {
    this.#readFile = readFile;
    this.#now = now;
  }

  /** The file's contents (undefined when it cannot be read): a recent read of it not yet shared, or a new one. */
  read(file: string, maxChars: number): Promise<FileRead | undefined> {
    const now = this.#now();
    const kept = this.#kept.get(file);
    if (kept) {
      this.#kept.delete(file);
      if (kept.maxChars === maxChars && now - kept.at <= SHARE_MS) return kept.read;
    }
    const read = this.#readFile(file, maxChars).catch(() => undefined);
    for (const [f, k] of this.#kept) {
      if (this.#kept.size < MAX_KEPT && now - k.at <= SHARE_MS) break;
      this.#kept.delete(f);
    }
    this.#kept.set(file, { read, maxChars, at: now });
    return read;
  }

  /** The file changed on disk: the next read reads it. */
  forget(file: string): void {
    this.#kept.delete(file);
  }

  /** How many reads are kept (for the tests). */
  get size(): number {
    return this.#kept.size;
  }
}
