/** The webview script's decisions as pure functions (unit-tested): no DOM here. */
import type { SortState } from '../overview/messages';

/**
 * The index of the item the cursor is in: the one with the greatest start at or before `line`,
 * unless a stop (the start of a section or part that ends it) lies after that start and at or
 * before `line`. -1 when none. Starts need not be sorted (the matrix rows may be).
 */
export function pickCurrent(starts: readonly number[], line: number, stops: readonly number[] = []): number {
  let best = -1;
  for (let i = 0; i < starts.length; i++) if (starts[i] <= line && (best < 0 || starts[i] >= starts[best])) best = i;
  if (best < 0) return -1;
  const start = starts[best];
  return stops.some((s) => s > start && s <= line) ? -1 : best;
}

/** A click on a body's header: descending first, then ascending, then the document's order. */
export function nextSort(current: SortState | undefined, body: string): SortState | undefined {
  if (current?.body !== body) return { body, descending: true };
  return current.descending ? { body, descending: false } : undefined;
}

/**
 * The rows' new order, as indices into `rows`: by count in the sort's direction, ties (and no sort)
 * in the document's order.
 */
export function sortedOrder(rows: ReadonlyArray<{ order: number; count: number }>, sort: SortState | undefined): number[] {
  const idx = rows.map((_, i) => i);
  return idx.sort((a, b) => {
    const ra = rows[a];
    const rb = rows[b];
    const byCount = sort ? (sort.descending ? rb.count - ra.count : ra.count - rb.count) : 0;
    return byCount || ra.order - rb.order;
  });
}
