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
import type { RootContent } from 'mdast';
import type { CodeSpec, Finding, FindingData } from './findings';
import { getLocale } from './l10n';
import { offsetOf, type ParsedMarkdown } from './parse';
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

/** What was found by rule, then by the block's start: its end and what was found there. */
type Store = Map<string, Map<number, { end: number; found: unknown }>>;

/** A parse's stores, one per interface language (messages are in it). */
const stores = new WeakMap<ParsedMarkdown, Map<string, Store>>();

function storeOf(md: ParsedMarkdown, locale: string, make: boolean): Store | undefined {
  let byLocale = stores.get(md);
  if (!byLocale) {
    if (!make) return undefined;
    stores.set(md, (byLocale = new Map()));
  }
  let store = byLocale.get(locale);
  if (!store && make) byLocale.set(locale, (store = new Map()));
  return store;
}
/** The memo an analysis made for its parse, for what is derived from the analysis afterwards (the register entry). */
const memos = new WeakMap<ParsedMarkdown, BlockMemo>();

/**
 * Blocks shorter than this (characters) are checked every time: remembering their findings costs
 * more than checking them (a plan of 10,000 one-line ambitions has 40,000 such blocks).
 */
const SMALL_BLOCK = 64;

export class BlockMemo {
  readonly #previous: Store | undefined;
  readonly #next: Store;
  readonly #change: TextChange | undefined;
  readonly #delta: number;
  /** How many blocks were reused and how many read (tests check that an edit reuses most). */
  hits = 0;
  misses = 0;

  /** The memo of `md`, reusing what was found in `previous` (the parse `md` was made from), in the current language. */
  constructor(md: ParsedMarkdown, previous?: ParsedMarkdown) {
    const locale = getLocale();
    this.#next = storeOf(md, locale, true)!;
    this.#previous = previous && previous !== md ? storeOf(previous, locale, false) : undefined;
    this.#change = this.#previous && previous ? changedRange(previous.text, md.text) : undefined;
    this.#delta = this.#change ? this.#change.newEnd - this.#change.oldEnd : 0;
    memos.set(md, this);
  }

  /** The memo of the analysis of `md`, or a new one that reuses nothing. */
  static of(md: ParsedMarkdown): BlockMemo {
    return memos.get(md) ?? new BlockMemo(md);
  }

  /**
   * Reports what `read` reports for the block at `[start, end)` of the document under the name
   * `rule`; when the same rule read the same block in this or the previous version, its findings
   * are reported again, moved to where the block now stands, and `read` is not called.
   */
  block(rule: string, start: number, end: number, report: Report, read: (report: Report) => void): void {
    if (end - start < SMALL_BLOCK) return read(report);
    const hits = this.value<Hit[]>(
      rule,
      start,
      end,
      () => {
        const found: Hit[] = [];
        read((spec, message, range, data, related) => {
          const hit: Hit = { spec, message, range: { start: range.start - start, end: range.end - start } };
          if (data) hit.data = typeof data.insertAt === 'number' ? { ...data, insertAt: data.insertAt - start } : data;
          if (related) hit.related = related.map((r) => ({ ...r, range: { start: r.range.start - start, end: r.range.end - start } }));
          found.push(hit);
        });
        return found;
      },
      (same) => same,
    );
    for (const h of hits) {
      const data = h.data ? (typeof h.data.insertAt === 'number' ? { ...h.data, insertAt: h.data.insertAt + start } : { ...h.data }) : undefined;
      const related = h.related?.map((r) => ({ ...r, range: { start: r.range.start + start, end: r.range.end + start } }));
      report(h.spec, h.message, { start: h.range.start + start, end: h.range.end + start }, data, related);
    }
  }

  /**
   * `block` for a document's top-level blocks, a run at a time (`runsOf`): `read` reads one block
   * of the run. A rule that read block by block looked up every block at every keystroke and read
   * the short ones (headings, one-line paragraphs) again each time; a run is looked up once.
   */
  blocks(rule: string, nodes: readonly RootContent[], report: Report, read: (node: RootContent, report: Report) => void): void {
    for (const [from, to] of runsOf(nodes))
      this.block(rule, offsetOf(nodes[from], 'start'), offsetOf(nodes[to - 1], 'end'), report, (r) => {
        for (let i = from; i < to; i++) read(nodes[i], r);
      });
  }

  /**
   * What `read` makes of the block at `[start, end)` under the name `name` (which must name
   * everything besides the block's text that the result depends on); when the block was read under
   * that name in this or the previous version, that result is given to `move` with how far the block
   * has moved, and `read` is not called.
   */
  value<T>(name: string, start: number, end: number, read: () => T, move: (value: T, by: number) => T): T {
    let next = this.#next.get(name);
    if (!next) this.#next.set(name, (next = new Map()));
    const here = next.get(start);
    if (here && here.end === end) {
      this.hits++;
      return here.found as T;
    }
    const old = this.#oldStart(start, end);
    const before = old === undefined ? undefined : this.#previous?.get(name)?.get(old);
    let found: T;
    if (old !== undefined && before && before.end === old + end - start) {
      this.hits++;
      found = move(before.found as T, start - old);
    } else {
      this.misses++;
      found = read();
    }
    next.set(start, { end, found });
    return found;
  }

  /** Where the block stood in the previous version, when it lies wholly before or after the edit. */
  #oldStart(start: number, end: number): number | undefined {
    const change = this.#change;
    if (!change) return undefined;
    if (end <= change.start) return start;
    if (start >= change.newEnd) return start - this.#delta;
    return undefined;
  }
}

/**
 * Top-level blocks in runs, as `[from, to)` indices into `nodes`: a heading starts a run, and so do
 * the first block and the first after one that `apart` keeps out (which are in no run). Where a run
 * begins and ends follows from its own blocks and the ones right around it, so an edit changes the
 * runs it touches and no others, and the runs before and after it are found again (`block`). A
 * run's text is its blocks' and what lies between them, as the parse reads it from that text alone.
 */
export function runsOf(nodes: readonly RootContent[], apart?: (node: RootContent) => boolean): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let from = -1;
  for (let i = 0; i < nodes.length; i++) {
    if (apart?.(nodes[i])) {
      if (from >= 0) runs.push([from, i]);
      from = -1;
    } else if (from < 0 || nodes[i].type === 'heading') {
      if (from >= 0) runs.push([from, i]);
      from = i;
    }
  }
  if (from >= 0) runs.push([from, nodes.length]);
  return runs;
}

const ids = new WeakMap<object, number>();
let lastId = 0;

/** A number that names an object (a registry, a template) in a memo's names. */
export function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++lastId));
  return id;
}
