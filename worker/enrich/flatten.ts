// Company IP ranges flattened once per import into sorted, non-overlapping spans, so that a visitor's
// lookup is one binary search. Where ranges overlap the most specific (smallest) one wins the shared
// addresses, and between equal sizes the later input wins, so a re-import overrides what it repeats.
// Addresses are 32 lower-case hex digits (worker/visitor/ip.ts): they compare as plain strings.

/** Addresses start..end (inclusive) belong to `company`, an index into the caller's array. */
export interface Span { start: string; end: string; company: number }

const HEX = "0123456789abcdef";
const LAST = "f".repeat(32);
const ADDRESS = /^[0-9a-f]{32}$/;

/** The next address, or null after the last one. String arithmetic: cheaper than a BigInt round trip. */
function successor(hex: string): string | null {
  let i = 31;
  while (i >= 0 && hex[i] === "f") i--;
  return i < 0 ? null : hex.slice(0, i) + HEX[HEX.indexOf(hex[i]!) + 1] + "0".repeat(31 - i);
}

/** The previous address; never called with address 0. */
function predecessor(hex: string): string {
  let i = 31;
  while (hex[i] === "0") i--;
  return hex.slice(0, i) + HEX[HEX.indexOf(hex[i]!) - 1] + "f".repeat(31 - i);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A sweep over the points where some range starts or stops, holding the ranges that cover the current
 * point in a min-heap ordered by specificity. Partial overlaps are why this is a heap rather than a stack
 * of nested ranges: the winner can change where a range ends inside another. Ranges that have ended are
 * dropped lazily, when they reach the top. O(n log n).
 */
export function flattenRanges(ranges: readonly { start: string; end: string }[]): Span[] {
  const n = ranges.length;
  const size: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { start, end } = ranges[i]!;
    if (!ADDRESS.test(start) || !ADDRESS.test(end) || start > end) {
      throw new RangeError(`range ${i}: start and end must be 32 lower-case hex digits with start <= end`);
    }
    size[i] = BigInt("0x" + end) - BigInt("0x" + start);
  }
  const indices = () => Array.from({ length: n }, (_, i) => i);
  // Rank 0 is the most specific range; equal sizes rank the later input first.
  const rank = new Int32Array(n);
  indices()
    .sort((a, b) => (size[a]! < size[b]! ? -1 : size[a]! > size[b]! ? 1 : b - a))
    .forEach((r, k) => (rank[r] = k));
  const byStart = indices().sort((a, b) => byString(ranges[a]!.start, ranges[b]!.start));
  const stops = ranges.map((r) => successor(r.end)).filter((s): s is string => s !== null).sort(byString);

  const heap = new RankHeap(rank);
  const spans: Span[] = [];
  let s = 0;
  let e = 0;
  let afterLast = ""; // the address right after the last span, to merge a contiguous span of the same range
  let at = n > 0 ? ranges[byStart[0]!]!.start : "";
  while (n > 0) {
    while (s < n && ranges[byStart[s]!]!.start === at) heap.push(byStart[s++]!);
    while (e < stops.length && stops[e]! <= at) e++;
    while (heap.size > 0 && ranges[heap.top]!.end < at) heap.pop();
    if (heap.size === 0) {
      if (s === n) break;
      at = ranges[byStart[s]!]!.start;
      continue;
    }
    // No range starts or stops strictly between `at` and `next`, so the winner holds for all of it.
    const nextStart = s < n ? ranges[byStart[s]!]!.start : null;
    const nextStop = e < stops.length ? stops[e]! : null;
    const next = nextStart === null ? nextStop : nextStop === null || nextStart < nextStop ? nextStart : nextStop;
    const end = next === null ? LAST : predecessor(next);
    const last = spans[spans.length - 1];
    if (last && last.company === heap.top && afterLast === at) last.end = end;
    else spans.push({ start: at, end, company: heap.top });
    if (next === null) break;
    afterLast = at = next;
  }
  return spans;
}

/** The span holding this address (32 hex digits), by binary search; null if none does. */
export function findSpan<S extends Span>(spans: readonly S[], hex: string): S | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const span = spans[mid]!;
    if (hex < span.start) hi = mid - 1;
    else if (hex > span.end) lo = mid + 1;
    else return span;
  }
  return null;
}

/** A binary min-heap of range indices, ordered by a precomputed rank (a plain integer compare). */
class RankHeap {
  private items: number[] = [];
  constructor(private readonly rank: Int32Array) {}

  get size(): number {
    return this.items.length;
  }

  get top(): number {
    return this.items[0]!;
  }

  push(item: number): void {
    const { items, rank } = this;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (rank[items[parent]!]! <= rank[item]!) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  pop(): void {
    const { items, rank } = this;
    const last = items.pop()!;
    if (items.length === 0) return;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= items.length) break;
      if (child + 1 < items.length && rank[items[child + 1]!]! < rank[items[child]!]!) child++;
      if (rank[items[child]!]! >= rank[last]!) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
  }
}
