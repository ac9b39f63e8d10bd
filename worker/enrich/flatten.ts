// Company IP ranges flattened once per import into sorted, non-overlapping spans, so that a visitor's
// lookup is one binary search. Where ranges overlap the most specific (smallest) one wins the shared
// addresses, and between equal sizes the later input wins, so a re-import overrides what it repeats.
// Addresses are 32 lower-case hex digits (worker/net/ip.ts): they compare as plain strings.
import { Heap } from "./heap";

/** Addresses start..end (inclusive) belong to `company`, an index into the caller's array. */
export interface Span {
  start: string;
  end: string;
  company: number;
}

const HEX = "0123456789abcdef";
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

/**
 * `before(a, b)` for the heap: the smaller range first, and the later input on equal sizes. Sizes are
 * computed only for ranges that meet in the heap, so disjoint ranges never pay for the BigInts.
 */
function moreSpecific(starts: string[], ends: string[]): (a: number, b: number) => boolean {
  const sizes: (bigint | undefined)[] = new Array(starts.length);
  const size = (i: number) => (sizes[i] ??= BigInt(`0x${ends[i]!}`) - BigInt(`0x${starts[i]!}`));
  return (a, b) => {
    const sa = size(a);
    const sb = size(b);
    return sa < sb || (sa === sb && a > b);
  };
}

/**
 * A sweep over range starts, holding the ranges that cover the current address in a heap ordered by
 * specificity. The winner can only change where a range starts or where the winner itself ends, so those
 * are the only stops. Partial overlaps are why this is a heap rather than a stack of nested ranges: a
 * range can end inside another one that outlives it. Ranges that ended earlier are dropped lazily, when
 * they reach the top. O(n log n): one sort by start, heap operations, and a span per change of winner.
 */
export function flattenRanges(ranges: readonly { start: string; end: string }[]): Span[] {
  const n = ranges.length;
  const starts: string[] = new Array(n);
  const ends: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { start, end } = ranges[i]!;
    if (!ADDRESS.test(start) || !ADDRESS.test(end) || start > end) {
      throw new RangeError(`range ${i}: start and end must be 32 lower-case hex digits with start <= end`);
    }
    starts[i] = start;
    ends[i] = end;
  }
  const byStart = Array.from({ length: n }, (_, i) => i).sort((a, b) => (starts[a]! < starts[b]! ? -1 : starts[a]! > starts[b]! ? 1 : 0));
  const heap = new Heap(moreSpecific(starts, ends));
  const spans: Span[] = [];
  const emit = (start: string, end: string, company: number) => {
    const last = spans[spans.length - 1];
    // The same range again right after its last piece (another range started inside it and lost): extend.
    if (last && last.company === company && successor(last.end) === start) last.end = end;
    else spans.push({ start, end, company });
  };
  let s = 0;
  let at = n > 0 ? starts[byStart[0]!]! : "";
  while (s < n || heap.size > 0) {
    while (s < n && starts[byStart[s]!] === at) heap.push(byStart[s++]!);
    while (heap.size > 0 && ends[heap.top]! < at) heap.pop();
    if (heap.size === 0) {
      if (s === n) break;
      at = starts[byStart[s]!]!;
      continue;
    }
    const winner = heap.top;
    const nextStart = s < n ? starts[byStart[s]!]! : null;
    if (nextStart !== null && nextStart <= ends[winner]!) {
      emit(at, predecessor(nextStart), winner);
      at = nextStart;
    } else {
      emit(at, ends[winner]!, winner);
      const after = successor(ends[winner]!);
      if (after === null) break;
      at = after;
    }
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
