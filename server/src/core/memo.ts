/**
 * What rules found in one block of a document, kept with the parse it came from, so that the
 * analysis of the document's next version reuses it for every block whose source text has not
 * changed. An edit changes one paragraph; rules that read a block at a time (plain language,
 * writing conventions, images, a section's LIX) then read that paragraph again, not the whole plan.
 *
 * A rule may use it only where its findings in a block follow from the block's source text and the
 * interface language alone: the plan around it, the template and the settings must decide only
 * *whether* the block is read, outside the memo. Severities and switches apply when the findings are
 * reported, as for every finding. Ranges (and an `insertAt` in the data) are kept relative to the
 * block, so a block that moved is found at its new place.
 *
 * A block is known again by where it stands: one that lies wholly before or after the edit between
 * the two versions has the same source text as the block at its old place of the same length, so
 * no text is compared or hashed. The memo of a parse holds only that parse's blocks, and results of
 * earlier versions are not carried further than the next one.
 */
import type { CodeSpec, Finding, FindingData } from './findings';
import { getLocale } from './l10n';
import type { ParsedMarkdown } from './parse';
import { changedRange, type TextChange } from './pending';
import type { OffsetRange } from './text';

/** A finding as a rule reports it. */
export type Report = (spec: CodeSpec, message: string, range: OffsetRange, data?: FindingData, related?: Finding['related']) => void;

interface Hit {
  spec: CodeSpec;
  message: string;
  range: OffsetRange;
  data?: FindingData;
  related?: Finding['related'];
}

/** Findings by rule and language, then by the block's start: its end and what was found there. */
type Store = Map<string, Map<number, { end: number; hits: Hit[] }>>;

const stores = new WeakMap<ParsedMarkdown, Store>();

export class BlockMemo {
  readonly #previous: Store | undefined;
  readonly #next: Store;
  readonly #change: TextChange | undefined;
  readonly #delta: number;
  readonly #locale: string;
  hits = 0;
  misses = 0;

  /** The memo of `md`, reusing what was found in `previous` (the parse `md` was made from). */
  constructor(md: ParsedMarkdown, previous?: ParsedMarkdown) {
    let next = stores.get(md);
    if (!next) stores.set(md, (next = new Map()));
    this.#next = next;
    this.#previous = previous && previous !== md ? stores.get(previous) : undefined;
    this.#change = this.#previous && previous ? changedRange(previous.text, md.text) : undefined;
    this.#delta = this.#change ? this.#change.newEnd - this.#change.oldEnd : 0;
    this.#locale = getLocale();
  }

  /**
   * Reports what `read` reports for the block at `[start, end)` of the document under the name
   * `rule`; when the same rule read the same block in this or the previous version, its findings
   * are reported again, moved to where the block now stands, and `read` is not called.
   */
  block(rule: string, start: number, end: number, report: Report, read: (report: Report) => void): void {
    const name = `${rule}\u0000${this.#locale}`;
    let next = this.#next.get(name);
    if (!next) this.#next.set(name, (next = new Map()));
    let hits = this.#known(next, start, end) ?? this.#fromPrevious(name, start, end);
    if (hits) {
      this.hits++;
      next.set(start, { end, hits });
    } else {
      this.misses++;
      const found: Hit[] = [];
      read((spec, message, range, data, related) => {
        const hit: Hit = { spec, message, range: { start: range.start - start, end: range.end - start } };
        if (data) hit.data = typeof data.insertAt === 'number' ? { ...data, insertAt: data.insertAt - start } : data;
        if (related) hit.related = related.map((r) => ({ ...r, range: { start: r.range.start - start, end: r.range.end - start } }));
        found.push(hit);
      });
      next.set(start, { end, hits: (hits = found) });
    }
    for (const h of hits) {
      const data = h.data ? (typeof h.data.insertAt === 'number' ? { ...h.data, insertAt: h.data.insertAt + start } : { ...h.data }) : undefined;
      const related = h.related?.map((r) => ({ ...r, range: { start: r.range.start + start, end: r.range.end + start } }));
      report(h.spec, h.message, { start: h.range.start + start, end: h.range.end + start }, data, related);
    }
  }

  #known(store: Map<number, { end: number; hits: Hit[] }> | undefined, start: number, end: number): Hit[] | undefined {
    const at = store?.get(start);
    return at && at.end === end ? at.hits : undefined;
  }

  /** The block's findings in the previous version, when the block lies wholly before or after the edit. */
  #fromPrevious(name: string, start: number, end: number): Hit[] | undefined {
    const change = this.#change;
    if (!change) return undefined;
    let old: number;
    if (end <= change.start) old = start;
    else if (start >= change.newEnd) old = start - this.#delta;
    else return undefined;
    return this.#known(this.#previous?.get(name), old, old + end - start);
  }
}
