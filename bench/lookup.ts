// Benchmark 1: the Worker's per-request company lookup over 100,000 imported ranges. The index is built
// exactly as an import builds it (flattenRanges, then packSpans); a lookup is findCompanyIndex, with and
// without ipToHex, since the Worker converts the visitor's address string on every request.
import { flattenRanges } from "../worker/enrich/flatten";
import { findCompanyIndex, packSpans } from "../worker/enrich/range-index";
import { cidrToRange, ipToHex } from "../worker/net/ip";
import { mulberry32 } from "../test/unit/prng";
import { addressIn, generateRanges, randomPublicAddress } from "./ranges";
import { compareBatches, summarize, timeMs, type Summary } from "./stats";

export interface LookupResult {
  ranges: number;
  ipv6Ranges: number;
  spans: number;
  cidrToHexMs: number;
  /** flattenRanges + packSpans: the one-time cost of each import; median of `runs`, and the first (cold) run. */
  flattenMs: Summary;
  packMs: Summary;
  flattenPackMs: Summary;
  flattenPackColdMs: number;
  indexBytes: number;
  lookups: number;
  hitRate: number;
  /** µs per lookup, from batches. */
  findCompanyIndexUs: Summary;
  ipToHexPlusFindUs: Summary;
  ipToHexUs: Summary;
}

export function benchLookup(opts: { ranges?: number; builds?: number; batches?: number; reps?: number } = {}): LookupResult {
  const count = opts.ranges ?? 100_000;
  const builds = opts.builds ?? 5;
  const batches = opts.batches ?? 200;
  const reps = opts.reps ?? 2_000;

  const generated = generateRanges(count, 1);
  const cidr = timeMs(() => generated.map((g) => cidrToRange(g.network)!));
  const hexRanges = cidr.value;

  const flattenMs: number[] = [];
  const packMs: number[] = [];
  const totalMs: number[] = [];
  let packed = packSpans([]);
  let spans = 0;
  for (let i = 0; i < builds; i++) {
    const f = timeMs(() => flattenRanges(hexRanges));
    const p = timeMs(() => packSpans(f.value));
    flattenMs.push(f.ms);
    packMs.push(p.ms);
    totalMs.push(f.ms + p.ms);
    packed = p.value;
    spans = f.value.length;
  }

  // A third of the addresses fall inside an imported range; the rest are anywhere in public space, as
  // most visitors come from consumer networks no company range covers.
  const random = mulberry32(99);
  const addresses = Array.from({ length: 50_000 }, () =>
    random() < 1 / 3 ? addressIn(random, generated[Math.floor(random() * generated.length)]!.block) : randomPublicAddress(random),
  );
  const hexes = addresses.map((a) => ipToHex(a)!);
  const hits = hexes.filter((h) => findCompanyIndex(packed, h) >= 0).length;

  const n = addresses.length;
  let at = 0;
  const samples = compareBatches(
    {
      find: (r) => {
        let s = 0;
        for (let i = 0; i < r; i++) {
          at = at + 1 === n ? 0 : at + 1;
          s += findCompanyIndex(packed, hexes[at]!);
        }
        return s;
      },
      ipToHexAndFind: (r) => {
        let s = 0;
        for (let i = 0; i < r; i++) {
          at = at + 1 === n ? 0 : at + 1;
          s += findCompanyIndex(packed, ipToHex(addresses[at]!)!);
        }
        return s;
      },
      ipToHex: (r) => {
        let s = 0;
        for (let i = 0; i < r; i++) {
          at = at + 1 === n ? 0 : at + 1;
          s += ipToHex(addresses[at]!)!.length;
        }
        return s;
      },
    },
    { reps, batches, warmup: 20_000 },
  );

  return {
    ranges: count,
    ipv6Ranges: generated.filter((g) => !g.block.v4).length,
    spans,
    cidrToHexMs: cidr.ms,
    flattenMs: summarize(flattenMs),
    packMs: summarize(packMs),
    flattenPackMs: summarize(totalMs),
    flattenPackColdMs: totalMs[0]!,
    indexBytes: packed.words.byteLength,
    lookups: batches * reps,
    hitRate: hits / n,
    findCompanyIndexUs: summarize(samples.find!),
    ipToHexPlusFindUs: summarize(samples.ipToHexAndFind!),
    ipToHexUs: summarize(samples.ipToHex!),
  };
}
