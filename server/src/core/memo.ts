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
 * The memo of a parse holds only that parse's blocks: a block's source is a slice of the parse's own
 * text, which the parse keeps anyway, and results of earlier versions are not carried further than
 * the next one.
 */
import type { CodeSpec, Finding, FindingData } from './findings';
import { getLocale } from './l10n';
import type { ParsedMarkdown } from './parse';
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

/** Findings by rule and language, then by the block's source text (a slice of the parse's text, hashed without a copy). */
type Store = Map<string, Map<string, Hit[]>>;

const stores = new WeakMap<ParsedMarkdown, Store>();

export class BlockMemo {
  readonly #previous: Store | undefined;
  readonly #next: Store;
  readonly #text: string;
  readonly #locale: string;
  hits = 0;
  misses = 0;

  /** The memo of `md`, reusing what was found in `previous` (the parse `md` was made from). */
  constructor(md: ParsedMarkdown, previous?: ParsedMarkdown) {
    this.#previous = previous ? stores.get(previous) : undefined;
    let next = stores.get(md);
    if (!next) stores.set(md, (next = new Map()));
    this.#next = next;
    this.#text = md.text;
    this.#locale = getLocale();
  }

  /**
   * Reports what `read` reports for the block at `[start, end)` of the document under the name
   * `rule`; when the same rule read the same source text in this or the previous version, its
   * findings are reported again, moved to where the block now stands, and `read` is not called.
   */
  block(rule: string, start: number, end: number, report: Report, read: (report: Report) => void): void {
    const source = this.#text.slice(start, end);
    const name = `${rule}\u0000${this.#locale}`;
    let next = this.#next.get(name);
    if (!next) this.#next.set(name, (next = new Map()));
    let hits = next.get(source);
    if (!hits) {
      hits = this.#previous?.get(name)?.get(source);
      if (hits) next.set(source, hits);
    }
    if (hits) this.hits++;
    else {
      this.misses++;
      const found: Hit[] = [];
      read((spec, message, range, data, related) => {
        const hit: Hit = { spec, message, range: { start: range.start - start, end: range.end - start } };
        if (data) hit.data = typeof data.insertAt === 'number' ? { ...data, insertAt: data.insertAt - start } : data;
        if (related) hit.related = related.map((r) => ({ ...r, range: { start: r.range.start - start, end: r.range.end - start } }));
        found.push(hit);
      });
      next.set(source, (hits = found));
    }
    for (const h of hits) {
      const data = h.data ? (typeof h.data.insertAt === 'number' ? { ...h.data, insertAt: h.data.insertAt + start } : { ...h.data }) : undefined;
      const related = h.related?.map((r) => ({ ...r, range: { start: r.range.start + start, end: r.range.end + start } }));
      report(h.spec, h.message, { start: h.range.start + start, end: h.range.end + start }, data, related);
    }
  }
}
