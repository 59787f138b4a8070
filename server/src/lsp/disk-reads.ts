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
/** The most reads kept at once, and the most text they may hold together (characters); the oldest go first. */
const MAX_KEPT = 5000;
export const MAX_KEPT_CHARS = 32_000_000;

interface Kept {
  read: Promise<FileRead | undefined>;
  maxChars: number;
  at: number;
  /** The text's length, once read. */
  chars: number;
}

export class SharedReads {
  readonly #readFile: (file: string, maxChars: number) => Promise<FileRead>;
  readonly #now: () => number;
  /** Reads not yet taken by a second reader, oldest first. */
  readonly #kept = new Map<string, Kept>();
  /** The characters of the kept reads' texts. */
  #chars = 0;

  constructor(readFile: (file: string, maxChars: number) => Promise<FileRead>, now: () => number = Date.now) {
    this.#readFile = readFile;
    this.#now = now;
  }

  /** The file's contents (undefined when it cannot be read): a recent read of it not yet shared, or a new one. */
  read(file: string, maxChars: number): Promise<FileRead | undefined> {
    const now = this.#now();
    const kept = this.#kept.get(file);
    if (kept) {
      this.forget(file);
      if (kept.maxChars === maxChars && now - kept.at <= SHARE_MS) return kept.read;
    }
    const read = this.#readFile(file, maxChars).catch(() => undefined);
    this.#trim(now);
    const entry: Kept = { read, maxChars, at: now, chars: 0 };
    this.#kept.set(file, entry);
    void read.then((r) => {
      if (r?.kind !== 'text' || this.#kept.get(file) !== entry) return;
      entry.chars = r.text.length;
      this.#chars += entry.chars;
      this.#trim(now);
    });
    return read;
  }

  /** The file changed on disk: the next read reads it. */
  forget(file: string): void {
    const kept = this.#kept.get(file);
    if (!kept) return;
    this.#kept.delete(file);
    this.#chars -= kept.chars;
  }

  /** Lets the oldest reads go while too many are kept, they hold too much text, or they are too old to be handed on. */
  #trim(now: number): void {
    for (const [f, k] of this.#kept) {
      if (this.#kept.size < MAX_KEPT && this.#chars <= MAX_KEPT_CHARS && now - k.at <= SHARE_MS) break;
      this.forget(f);
    }
  }

  /** How many reads are kept (for the tests). */
  get size(): number {
    return this.#kept.size;
  }
}
