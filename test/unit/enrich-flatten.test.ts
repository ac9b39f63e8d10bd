// worker/enrich/flatten.ts: overlapping company ranges → sorted, non-overlapping spans; the most specific
// range wins shared addresses, the later input wins a tie. Checked on cases, against a brute-force oracle
// over small address spaces, and on 100,000 ranges.
import { describe, expect, it } from "vitest";
import { findSpan, flattenRanges, type Span } from "../../worker/enrich/flatten";
import { cidrToRange, ipToHex } from "../../worker/net/ip";
import { mulberry32, type Random } from "./prng";

/** An address as 32 hex digits from a small number (the bottom of the address space). */
const h = (n: number | bigint) => BigInt(n).toString(16).padStart(32, "0");
const r = (start: number, end: number) => ({ start: h(start), end: h(end) });
const span = (start: number, end: number, company: number): Span => ({ start: h(start), end: h(end), company });
const LAST = 2n ** 128n - 1n;
const top = (n: number) => h(LAST - BigInt(n)); // n addresses below the last one

/** Spans are sorted, non-overlapping, and a range's contiguous pieces are merged. */
function expectWellFormed(spans: Span[]) {
  for (const s of spans) expect(s.start <= s.end).toBe(true);
  for (let i = 1; i < spans.length; i++) {
    const [a, b] = [spans[i - 1]!, spans[i]!];
    expect(a.end < b.start).toBe(true);
    if (a.company === b.company) expect(BigInt(`0x${a.end}`) + 1n < BigInt(`0x${b.start}`)).toBe(true);
  }
}

describe("flattenRanges: cases", () => {
  it.each<[string, { start: string; end: string }[], Span[]]>([
    ["nothing", [], []],
    ["one range", [r(10, 20)], [span(10, 20, 0)]],
    ["one address", [r(7, 7)], [span(7, 7, 0)]],
    ["a range nested inside another", [r(0, 99), r(10, 19)], [span(0, 9, 0), span(10, 19, 1), span(20, 99, 0)]],
    ["the inner range listed first", [r(10, 19), r(0, 99)], [span(0, 9, 1), span(10, 19, 0), span(20, 99, 1)]],
    ["nested sharing the start", [r(0, 99), r(0, 9)], [span(0, 9, 1), span(10, 99, 0)]],
    ["nested sharing the end", [r(0, 99), r(90, 99)], [span(0, 89, 0), span(90, 99, 1)]],
    ["three levels", [r(0, 99), r(10, 49), r(20, 29)], [span(0, 9, 0), span(10, 19, 1), span(20, 29, 2), span(30, 49, 1), span(50, 99, 0)]],
    ["a partial overlap, the first smaller", [r(0, 49), r(30, 99)], [span(0, 49, 0), span(50, 99, 1)]],
    ["a partial overlap, the second smaller", [r(0, 69), r(50, 99)], [span(0, 49, 0), span(50, 99, 1)]],
    ["a partial overlap of equal sizes: the later wins", [r(0, 49), r(25, 74)], [span(0, 24, 0), span(25, 74, 1)]],
    ["the same, listed the other way round", [r(25, 74), r(0, 49)], [span(0, 49, 1), span(50, 74, 0)]],
    ["identical ranges: the later wins", [r(10, 20), r(10, 20)], [span(10, 20, 1)]],
    ["three identical ranges", [r(10, 20), r(10, 20), r(10, 20)], [span(10, 20, 2)]],
    ["adjacent ranges stay apart", [r(0, 9), r(10, 19)], [span(0, 9, 0), span(10, 19, 1)]],
    ["a gap between ranges", [r(0, 9), r(20, 29)], [span(0, 9, 0), span(20, 29, 1)]],
    [
      "a range split by others' boundaries is one span",
      [r(100, 199), r(150, 300), r(0, 9), r(120, 280)],
      [span(0, 9, 2), span(100, 199, 0), span(200, 300, 1)],
    ],
    [
      "a chain of partial overlaps",
      [r(0, 30), r(20, 60), r(50, 70), r(65, 100)],
      [span(0, 30, 0), span(31, 49, 1), span(50, 70, 2), span(71, 100, 3)],
    ],
    [
      "a small range straddling the end of a middle one",
      [r(0, 100), r(40, 60), r(55, 65)],
      [span(0, 39, 0), span(40, 54, 1), span(55, 65, 2), span(66, 100, 0)],
    ],
  ])("%s", (_name, ranges, spans) => {
    const flat = flattenRanges(ranges);
    expect(flat).toStrictEqual(spans);
    expectWellFormed(flat);
  });

  it("reaches both ends of the address space", () => {
    const everything = { start: h(0), end: h(LAST) };
    expect(flattenRanges([everything, r(0, 0), { start: top(0), end: top(0) }])).toStrictEqual([
      span(0, 0, 1),
      { start: h(1), end: top(1), company: 0 },
      { start: top(0), end: top(0), company: 2 },
    ]);
    expect(
      flattenRanges([
        { start: top(9), end: top(0) },
        { start: top(5), end: top(0) },
      ]),
    ).toStrictEqual([
      { start: top(9), end: top(6), company: 0 },
      { start: top(5), end: top(0), company: 1 },
    ]);
  });

  it("mixes IPv4 and IPv6", () => {
    const ranges = [
      cidrToRange("10.0.0.0/8")!,
      cidrToRange("10.1.0.0/16")!,
      cidrToRange("2001:db8::/32")!,
      cidrToRange("2001:db8:1::/48")!,
      cidrToRange("::/0")!,
    ];
    const spans = flattenRanges(ranges);
    expectWellFormed(spans);
    const at = (ip: string) => findSpan(spans, ipToHex(ip)!)?.company;
    expect(at("10.0.0.1")).toBe(0);
    expect(at("10.1.2.3")).toBe(1);
    expect(at("10.2.0.0")).toBe(0);
    expect(at("11.0.0.0")).toBe(4);
    expect(at("2001:db8::1")).toBe(2);
    expect(at("2001:db8:1::1")).toBe(3);
    expect(at("2001:db9::")).toBe(4);
    expect(at("::")).toBe(4);
    expect(at("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).toBe(4);
  });

  it("finds the first and last address of every range, and nothing just outside", () => {
    const ranges = [
      cidrToRange("192.0.2.0/24")!,
      cidrToRange("198.51.100.0/24")!,
      { start: ipToHex("203.0.113.10")!, end: ipToHex("203.0.113.20")! },
      cidrToRange("2001:db8::/126")!,
    ];
    const spans = flattenRanges(ranges);
    ranges.forEach((range, company) => {
      expect(findSpan(spans, range.start)?.company).toBe(company);
      expect(findSpan(spans, range.end)?.company).toBe(company);
      expect(findSpan(spans, h(BigInt(`0x${range.start}`) - 1n))).toBeNull();
      expect(findSpan(spans, h(BigInt(`0x${range.end}`) + 1n))).toBeNull();
    });
  });

  it("findSpan on no spans", () => {
    expect(findSpan([], h(1))).toBeNull();
  });

  it("does not change its input", () => {
    const ranges = Object.freeze([Object.freeze(r(0, 99)), Object.freeze(r(10, 19))]);
    expect(() => flattenRanges(ranges)).not.toThrow();
  });

  it.each([
    ["start after end", [r(5, 4)]],
    ["a short address", [{ start: "0a", end: h(1) }]],
    ["upper-case hex", [{ start: h(0), end: h(255).toUpperCase() }]],
  ])("rejects %s", (_name, ranges) => {
    expect(() => flattenRanges(ranges)).toThrow(RangeError);
  });
});

/** The winner at one address by definition: smallest covering range, the later one on a tie. */
function oracle(ranges: { start: bigint; end: bigint }[], address: bigint): number | null {
  let best: number | null = null;
  ranges.forEach((range, i) => {
    if (range.start > address || range.end < address) return;
    const size = range.end - range.start;
    if (best === null || size <= ranges[best]!.end - ranges[best]!.start) best = i;
  });
  return best;
}

describe("flattenRanges: against a brute-force oracle", () => {
  // Small spaces make overlaps, shared boundaries and identical ranges common; one sits at address 0,
  // one at the very top, where "the address after the end" does not exist.
  it.each([
    ["a /120 at the bottom", 0n],
    ["a /120 inside 2001:db8::", BigInt(`0x20010db8${"0".repeat(24)}`)],
    ["a /120 at the top", LAST - 255n],
  ])("%s", (_name, base) => {
    for (let seed = 1; seed <= 300; seed++) {
      const random: Random = mulberry32(seed);
      const count = 1 + Math.floor(random() * 25);
      const ranges = Array.from({ length: count }, () => {
        const a = Math.floor(random() * 256);
        const b = random() < 0.3 ? a + Math.floor(random() * 4) : Math.floor(random() * 256);
        return { start: base + BigInt(Math.min(a, b, 255)), end: base + BigInt(Math.min(Math.max(a, b), 255)) };
      });
      const spans = flattenRanges(ranges.map((x) => ({ start: h(x.start), end: h(x.end) })));
      expectWellFormed(spans);
      for (let offset = 0n; offset < 256n; offset++) {
        const want = oracle(ranges, base + offset);
        const got = findSpan(spans, h(base + offset))?.company ?? null;
        if (got !== want) expect({ seed, offset, got }).toStrictEqual({ seed, offset, got: want });
      }
      if (base > 0n) expect(findSpan(spans, h(base - 1n))).toBeNull();
      if (base + 255n < LAST) expect(findSpan(spans, h(base + 256n))).toBeNull();
    }
  });
});

describe("flattenRanges: 100,000 ranges", () => {
  it("answers sampled lookups like the oracle", () => {
    const random = mulberry32(100_000);
    // IPv4 ranges, as plain numbers for a fast oracle: CIDR blocks from /8 to /32 and arbitrary start-end ranges.
    const n = 100_000;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (random() < 0.7) {
        const bits = 8 + Math.floor(random() * 25);
        const block = 2 ** (32 - bits);
        starts[i] = Math.floor((random() * 2 ** 32) / block) * block;
        ends[i] = starts[i]! + block - 1;
      } else {
        starts[i] = Math.floor(random() * 2 ** 32);
        ends[i] = Math.min(2 ** 32 - 1, starts[i]! + Math.floor(random() ** 4 * 2 ** 24));
      }
    }
    const v4 = (x: number) => `00000000000000000000ffff${x.toString(16).padStart(8, "0")}`;
    const ranges = Array.from({ length: n }, (_, i) => ({ start: v4(starts[i]!), end: v4(ends[i]!) }));
    const spans = flattenRanges(ranges);
    expectWellFormed(spans.slice(0, 2000));

    const samples: number[] = [];
    for (let k = 0; k < 600; k++) samples.push(Math.floor(random() * 2 ** 32));
    for (let k = 0; k < 200; k++) {
      const i = Math.floor(random() * n);
      samples.push(starts[i]!, ends[i]!, Math.max(0, starts[i]! - 1), Math.min(2 ** 32 - 1, ends[i]! + 1));
    }
    for (const address of samples) {
      let best = -1;
      for (let i = 0; i < n; i++) {
        if (starts[i]! <= address && address <= ends[i]! && (best < 0 || ends[i]! - starts[i]! <= ends[best]! - starts[best]!)) best = i;
      }
      const got = findSpan(spans, v4(address))?.company ?? -1;
      if (got !== best) expect({ address, got }).toStrictEqual({ address, got: best });
    }
  }, 60_000);
});
