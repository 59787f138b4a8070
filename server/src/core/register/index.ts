/**
 * The register of governing documents: every document's entry by URI, and the questions on it —
 * which document a reference names (by diarienummer, title or relative path), which titles the
 * body names, who replaces whom, who links to whom. Pure: the server and plan-check fill it.
 */
import { textRunsOf, type LinkRef, type RegisterEntry } from './entry';

export interface RegisterDocument {
  /** The document's URI (`file:///…`), or any URL the relative paths resolve against. */
  uri: string;
  entry: RegisterEntry;
}

/** A reference and what it names: none, one, or several documents (ambiguous). */
export interface ResolvedRef {
  ref: LinkRef;
  targets: RegisterDocument[];
}

/** A title or diarienummer as compared: case, white space, dashes and a leading "Dnr" do not matter. */
export function normalizeName(s: string): string {
  return (
    s
      .normalize('NFC')
      // Swedish has no casing rules of its own: the plain (and much faster) lower case is the same.
      .toLowerCase()
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/^(?:dnr|diarienummer)\.?:?\s*/, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

function diarienummerKey(s: string): string {
  return normalizeName(s).replace(/[\s.:/-]/g, '');
}

/** A word as titles are matched: letters and digits, with hyphens inside ("2025-2028", "barn-"). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}-]*/gu;

/** Titles shorter than this (characters) are not looked for in the text: too many false matches. */
const MIN_BODY_TITLE = 12;

export class DocumentRegister {
  readonly #docs = new Map<string, RegisterDocument>();
  readonly #byTitle = new Map<string, RegisterDocument[]>();
  readonly #byDnr = new Map<string, RegisterDocument[]>();
  /** The titles looked for in running text, and the most words a title has after each first word. */
  readonly #bodyTitles = new Map<string, RegisterDocument[]>();
  readonly #maxWords = new Map<string, number>();
  #replacedBy: Map<string, RegisterDocument[]> | undefined;
  #vocabularyKey: string | undefined;
  #linkers: Map<string, Set<string>> | undefined;
  #byDecodedUri: Map<string, RegisterDocument> | undefined;

  constructor(docs: Iterable<RegisterDocument>) {
    const add = (map: Map<string, RegisterDocument[]>, key: string, d: RegisterDocument) => {
      if (!key) return;
      const list = map.get(key);
      if (list) list.push(d);
      else map.set(key, [d]);
    };
    for (const d of docs) {
      this.#docs.set(d.uri, d);
      if (d.entry.title) add(this.#byTitle, normalizeName(d.entry.title), d);
      if (d.entry.diarienummer) add(this.#byDnr, diarienummerKey(d.entry.diarienummer), d);
    }
    for (const [title, list] of this.#byTitle) {
      if (title.length < MIN_BODY_TITLE) continue;
      const words = title.match(WORD)?.length ?? 0;
      const first = title.match(WORD)?.[0];
      if (!first) continue;
      // A title's closing punctuation ("… (2025)") is not a word: the match ends before it.
      this.#bodyTitles.set(title.replace(/[^\p{L}\p{N}]+$/u, ''), list);
      this.#maxWords.set(first, Math.max(words, this.#maxWords.get(first) ?? 0));
    }
  }

  get size(): number {
    return this.#docs.size;
  }

  get(uri: string): RegisterDocument | undefined {
    return this.#docs.get(uri);
  }

  all(): RegisterDocument[] {
    return [...this.#docs.values()];
  }

  /** The documents a reference names, seen from the document `from`: a relative path, a diarienummer or a title. */
  resolve(text: string, from: string): RegisterDocument[] {
    const path = this.#byPath(text, from);
    if (path) return [path];
    const dnr = this.#byDnr.get(diarienummerKey(text));
    if (dnr?.length) return dnr;
    return this.#byTitle.get(normalizeName(text)) ?? [];
  }

  #byPath(text: string, from: string): RegisterDocument | undefined {
    const path = text.replace(/#.*$/, '').trim();
    if (!/\.(?:md|markdown)$/i.test(path)) return undefined;
    const target = resolvePath(safeDecode(from), safeDecode(path));
    if (!target) return undefined;
    this.#byDecodedUri ??= new Map([...this.#docs.values()].map((d) => [safeDecode(d.uri), d]));
    return this.#byDecodedUri.get(target);
  }

  /** Every reference of a document: its front-matter ties, its links, and the known titles its body names. */
  references(doc: RegisterDocument): ResolvedRef[] {
    const out: ResolvedRef[] = [];
    for (const ref of [...doc.entry.links, ...doc.entry.bodyLinks]) out.push({ ref, targets: this.resolve(ref.url ?? ref.text, doc.uri) });
    const linked = new Set(doc.entry.bodyLinks.map((l) => `${l.range.start}`));
    for (const m of this.titlesIn(doc)) if (!linked.has(`${m.ref.range.start}`) && !out.some((r) => overlaps(r.ref.range, m.ref.range))) out.push(m);
    return out.sort((a, b) => a.ref.range.start - b.ref.range.start);
  }

  /**
   * Known titles of other documents named in a document's body text, longest first at each word:
   * at most as many map lookups per word as the longest title that begins with it has words.
   */
  titlesIn(doc: RegisterDocument): ResolvedRef[] {
    const out: ResolvedRef[] = [];
    if (!this.#bodyTitles.size || this.#onlyOwnTitles(doc.uri)) return out;
    const cache = titleMatches(this.#vocabulary);
    for (const run of textRunsOf(doc.entry.textRuns)) {
      let found = cache.get(run.text);
      if (!found) {
        found = this.#matchesIn(run.text);
        if (cache.size >= RUN_CACHE_SIZE) cache.clear();
        cache.set(run.text, found);
      }
      for (const m of found) {
        const docs = this.#bodyTitles.get(m.title)!;
        const targets = docs.filter((d) => d.uri !== doc.uri);
        // The document's own title is no reference.
        if (targets.length === docs.length)
          out.push({ ref: { role: 'body', text: run.text.slice(m.start, m.end), range: { start: run.start + m.start, end: run.start + m.end } }, targets });
      }
    }
    return out;
  }

  /**
   * Whether every known title is (also) the document's own, so that its body can name no other
   * document: a document alone in the register (the first one opened, before the workspace is
   * read) is not read word by word (on the server's thread, before its first diagnostics).
   */
  #onlyOwnTitles(uri: string): boolean {
    for (const list of this.#bodyTitles.values()) if (!list.some((d) => d.uri === uri)) return false;
    return true;
  }

  /** The known titles in a run of text, longest first at each word, and the words after a title go on after it. */
  #matchesIn(text: string): TitleMatch[] {
    const out: TitleMatch[] = [];
    const read = wordsOf(text);
    if (!read) return out;
    const { folded, words } = read;
    for (let i = 0; i < words.length; i++) {
      const max = this.#maxWords.get(words[i].word);
      if (!max) continue;
      for (let k = Math.min(max, words.length - i); k >= 1; k--) {
        const end = words[i + k - 1].end;
        const title = folded.slice(words[i].start, end).replace(/ {2,}/g, ' ');
        if (!this.#bodyTitles.has(title)) continue;
        out.push({ start: words[i].start, end, title });
        i += k - 1; // the document's own title, or a match: go on after it
        break;
      }
    }
    return out;
  }

  /** The titles looked for, as one key: registers made again with the same titles share their matches. */
  get #vocabulary(): string {
    return (this.#vocabularyKey ??= [...this.#bodyTitles.keys()].sort().join('\u0000'));
  }

  /** The documents that say they replace `uri` (in `ersätter`). */
  replacedBy(uri: string): RegisterDocument[] {
    if (!this.#replacedBy) {
      this.#replacedBy = new Map();
      for (const d of this.#docs.values())
        for (const l of d.entry.links) {
          if (l.role !== 'supersedes') continue;
          for (const t of this.resolve(l.text, d.uri)) {
            if (t.uri === d.uri) continue;
            const list = this.#replacedBy.get(t.uri) ?? [];
            if (!list.includes(d)) list.push(d);
            this.#replacedBy.set(t.uri, list);
          }
        }
    }
    return this.#replacedBy.get(uri) ?? [];
  }

  /** The documents whose front-matter ties name `uri`. */
  linkersOf(uri: string): string[] {
    if (!this.#linkers) {
      this.#linkers = new Map();
      for (const d of this.#docs.values())
        for (const l of d.entry.links)
          for (const t of this.resolve(l.text, d.uri)) {
            const set = this.#linkers.get(t.uri) ?? new Set<string>();
            set.add(d.uri);
            this.#linkers.set(t.uri, set);
          }
    }
    return [...(this.#linkers.get(uri) ?? [])];
  }

  /** The document's parents (`överordnat`) that resolve to one document each. */
  parentsOf(doc: RegisterDocument): RegisterDocument[] {
    const out: RegisterDocument[] = [];
    for (const l of doc.entry.links) {
      if (l.role !== 'parent') continue;
      const t = this.resolve(l.text, doc.uri);
      if (t.length === 1 && t[0].uri !== doc.uri && !out.includes(t[0])) out.push(t[0]);
    }
    return out;
  }
}

interface TitleMatch {
  start: number;
  end: number;
  title: string;
}

/**
 * The titles found in runs of text, by run, for the titles looked for last: the register is made
 * again at every edit of an open document, with the same titles, and an edit changes one run.
 */
let matches: { vocabulary: string; byRun: Map<string, TitleMatch[]> } | undefined;

function titleMatches(vocabulary: string): Map<string, TitleMatch[]> {
  if (matches?.vocabulary !== vocabulary) matches = { vocabulary, byRun: new Map() };
  return matches.byRun;
}

/**
 * A run's folded text and its words, by text: the register is made again whenever an open
 * document's entry changes, and an edit changes one run of the document's text, not the others.
 * Undefined when folding changes the run's length (the ranges would be misplaced). Emptied when it
 * grows past a bound.
 */
const runCache = new Map<string, { folded: string; words: Array<{ start: number; end: number; word: string }> } | undefined>();
const RUN_CACHE_SIZE = 50_000;

function wordsOf(text: string): { folded: string; words: Array<{ start: number; end: number; word: string }> } | undefined {
  if (runCache.has(text)) return runCache.get(text);
  const folded = normalizeRun(text);
  const read =
    folded.length === text.length
      ? { folded, words: [...folded.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] })) }
      : undefined;
  if (runCache.size >= RUN_CACHE_SIZE) runCache.clear();
  runCache.set(text, read);
  return read;
}

function normalizeRun(s: string): string {
  return s
    .toLocaleLowerCase('sv')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s/g, ' ');
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * A relative path (`../riktlinjer/sociala-medier.md`, `./a.md`, or from the root: `/a.md`) against
 * the URI of the document it stands in; undefined for an absolute URI or a path that leaves the root.
 */
export function resolvePath(from: string, path: string): string | undefined {
  const rel = path.replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(rel)) return rel.startsWith('file:') ? rel : undefined;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/.*)?$/i.exec(from);
  if (!m) return undefined;
  const base = rel.startsWith('/') ? [] : (m[2] ?? '/').split('/').slice(1, -1);
  for (const part of rel.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!base.length) return undefined;
      base.pop();
    } else base.push(part);
  }
  return `${m[1]}/${base.join('/')}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s);
  } catch {
    return s;
  }
}
