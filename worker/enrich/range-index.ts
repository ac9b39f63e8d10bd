// The flattened company ranges packed for KV and memory: per span, 9 little-endian uint32 words
// (start address as 4 words, end as 4, company index), sorted by start. 36 bytes a span, so even
// 400,000 spans stay far under KV's 25 MiB value limit, and a lookup is one binary search over
// typed-array words (no strings, no allocation).
import type { Span } from "./flatten";

const WORDS = 9;

export interface PackedSpans {
  words: Uint32Array;
  count: number;
}

const wordsOf = (hex: string, out: Uint32Array, at: number) => {
  for (let i = 0; i < 4; i++) out[at + i] = parseInt(hex.slice(i * 8, i * 8 + 8), 16);
};

export function packSpans(spans: readonly Span[]): PackedSpans {
  const words = new Uint32Array(spans.length * WORDS);
  spans.forEach((s, i) => {
    wordsOf(s.start, words, i * WORDS);
    wordsOf(s.end, words, i * WORDS + 4);
    words[i * WORDS + 8] = s.company;
  });
  return { words, count: spans.length };
}

export function unpackSpans(buffer: ArrayBuffer): PackedSpans {
  const words = new Uint32Array(buffer);
  return { words, count: Math.floor(words.length / WORDS) };
}

/** -1, 0, 1 comparing the 4-word address at `words[at]` with `ip`. */
function compare(words: Uint32Array, at: number, ip: Uint32Array): number {
  for (let i = 0; i < 4; i++) {
    const a = words[at + i]!;
    const b = ip[i]!;
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

const ipWords = new Uint32Array(4);

/** The company index of the span holding this address (32 hex digits), or -1. */
export function findCompanyIndex(packed: PackedSpans, hex: string): number {
  wordsOf(hex, ipWords, 0);
  const { words } = packed;
  // The last span whose start ≤ ip.
  let lo = 0;
  let hi = packed.count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(words, mid * WORDS, ipWords) <= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && compare(words, found * WORDS + 4, ipWords) >= 0 ? words[found * WORDS + 8]! : -1;
}
