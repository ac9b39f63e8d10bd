// Plain-text tables for the terminal. Numbers are right-aligned; every figure carries its unit.
import type { BundlesResult } from "./bundles";
import type { ClassifyResult } from "./classify";
import type { LookupResult } from "./lookup";
import { FRAME_MS, THROTTLE, type RegexResult } from "./regex";
import type { WorkerResult } from "./worker";

const n0 = (x: number) => Math.round(x).toLocaleString("en-US");
const n1 = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const n2 = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const n3 = (x: number) => x.toLocaleString("en-US", { minimumFractionDigits: 3, maximumFractionDigits: 3 });

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const ROLE: [RegExp, string][] = [
  [/facet\.js$/, "snippet, every visitor (budget 7 KB gzip)"],
  [/facet-preview\.js$/, "preview links only"],
  [/facet-editor\.js$/, "editor links (element picker) only"],
  [/admin\.[0-9a-f]+\.js$/, "admin page script"],
  [/admin\.[0-9a-f]+\.css$/, "admin page stylesheet"],
];

export function bundlesReport(r: BundlesResult): string {
  return [
    "0. Bundles (fresh build; gzip level 9)",
    table(
      ["file", "bytes", "gzip bytes", "gzip KB", "loaded by"],
      r.bundles.map((b) => [b.file, n0(b.bytes), n0(b.gzipBytes), n2(b.gzipBytes / 1024), ROLE.find(([re]) => re.test(b.file))?.[1] ?? ""]),
    ),
  ].join("\n");
}

export function lookupReport(r: LookupResult): string {
  return [
    `1. Company lookup: ${n0(r.ranges)} ranges (${n0(r.ipv6Ranges)} IPv6), flattened to ${n0(r.spans)} spans, packed index ${n1(r.indexBytes / 1048576)} MiB`,
    table(
      ["one-time, per import", "median ms", "min ms", "max ms", "runs"],
      [
        [
          "flattenRanges + packSpans",
          n1(r.flattenPackMs.median),
          n1(r.flattenPackMs.min),
          n1(r.flattenPackMs.max),
          String(r.flattenPackMs.n),
        ],
        ["  flattenRanges", n1(r.flattenMs.median), n1(r.flattenMs.min), n1(r.flattenMs.max), String(r.flattenMs.n)],
        ["  packSpans", n1(r.packMs.median), n1(r.packMs.min), n1(r.packMs.max), String(r.packMs.n)],
      ],
    ),
    `first (cold) flatten+pack: ${n1(r.flattenPackColdMs)} ms; CIDR → hex (cidrToRange, not part of the above): ${n1(r.cidrToHexMs)} ms`,
    "",
    table(
      ["per request (µs per lookup)", "median µs", "p99 µs", "lookups"],
      [
        ["findCompanyIndex (hex given)", n3(r.findCompanyIndexUs.median), n3(r.findCompanyIndexUs.p99), n0(r.lookups)],
        ["ipToHex + findCompanyIndex", n3(r.ipToHexPlusFindUs.median), n3(r.ipToHexPlusFindUs.p99), n0(r.lookups)],
        ["ipToHex alone", n3(r.ipToHexUs.median), n3(r.ipToHexUs.p99), n0(r.lookups)],
      ],
    ),
    `addresses: 50,000 distinct, cycled; ${n1(r.hitRate * 100)}% inside a range; median/p99 over ${r.findCompanyIndexUs.n} batches of ${n0(r.lookups / r.findCompanyIndexUs.n)}`,
  ].join("\n");
}

export function classifyReport(r: ClassifyResult): string {
  const d = r.decide;
  return [
    `2. Classification: ${r.segments} segments (${r.serverSegments} over geo/company) against one visitor context; ${r.matched} match`,
    table(
      ["µs per pass of 100 conditions", "median µs", "p99 µs", "µs/condition"],
      [
        ["Facet evalCondition", n2(r.facetUs.median), n2(r.facetUs.p99), n3(r.facetUs.median / r.segments)],
        [
          "@growthbook/growthbook 1.8.0 evalCondition",
          n2(r.growthbookUs.median),
          n2(r.growthbookUs.p99),
          n3(r.growthbookUs.median / r.segments),
        ],
        [`Facet decide() (${d.publishedSegments} published segments, ${d.experiences} experiences)`, n2(d.us.median), n2(d.us.p99), ""],
      ],
    ),
    `GrowthBook ÷ Facet (median): ${n2(r.speedup)}× — Facet is ${r.speedup >= 1 ? `${n2(r.speedup)}× faster` : `${n2(1 / r.speedup)}× slower`}`,
    `answers agree on ${r.segments - r.disagreements.length}/${r.segments} conditions${r.disagreements.length ? ` (differ: ${r.disagreements.join(", ")})` : ""}; ` +
      `${n0(r.passes)} passes each, median/p99 over ${r.facetUs.n} batches of ${n0(r.passes / r.facetUs.n)}`,
    `decide(): ${d.serverRefs} server references answered as /context would; ${d.matched} segments match, ${d.winners} experiences get a winner; ` +
      "page patterns matched by their compiled regexes, as in browsers",
  ].join("\n");
}

export function workerReport(r: WorkerResult): string {
  const health = r.routes[0]!;
  const rows = r.routes.map((x) => [
    x.route,
    n0(x.latencyUs.median),
    n0(x.latencyUs.p95),
    n0(x.latencyUs.p99),
    `${n2(x.latencyUs.median / health.latencyUs.median)}×`,
    n0(x.rps),
    `${n2(health.rps / x.rps)}×`,
    x.cpuUsPerRequest.workerd === null ? "n/a" : n0(x.cpuUsPerRequest.workerd),
    x.cpuUsPerRequest.workerd === null || health.cpuUsPerRequest.workerd === null
      ? "n/a"
      : n0(x.cpuUsPerRequest.workerd - health.cpuUsPerRequest.workerd),
    n0(x.cpuUsPerRequest.client),
    n0(x.responseBytes),
  ]);
  const imp = r.importResponse as { spans?: number; companies?: number };
  return [
    `3. Worker on workerd (wrangler dev): site with ${r.segments} segments (${r.serverSegments} over geo/company) and 1 experience, config v${r.version}; ` +
      `${n0(r.importRanges)} company ranges imported`,
    `setup: wrangler dev ready in ${n1(r.wranglerStartMs / 1000)} s; seed + publish ${n0(r.seedMs)} ms; ` +
      `range import (one ${n1(r.importBytes / 1e6)} MB CSV request → ${n0(imp.spans ?? 0)} spans, ${n0(imp.companies ?? 0)} companies) ${n1(r.importMs / 1000)} s`,
    table(
      [
        "route",
        "p50 µs",
        "p95 µs",
        "p99 µs",
        "p50 vs healthz",
        "req/s",
        "healthz req/s ÷",
        "workerd CPU µs/req",
        "Δ vs healthz",
        "client CPU µs/req",
        "bytes",
      ],
      rows,
    ),
    `latency: ${n0(r.sequentialRequests)} sequential requests per route after ${r.warmup} warm-up; ` +
      `req/s: ${r.concurrency} in flight for ${n1(r.throughputMs / 1000)} s per route (Node fetch, keep-alive); ` +
      `routes take turns in ${r.rounds} rounds for both, so drift in background load is shared. ` +
      `"healthz req/s ÷" is the do-nothing route's throughput over the route's (SPEC §9: config/variants ≤ 2×, context ≤ 4×).`,
    "CPU columns: process CPU during the throughput runs ÷ requests. workerd includes wrangler's proxy worker and HTTP handling, " +
      "so it bounds the Worker's own CPU from above; Δ vs healthz estimates what the route adds to a do-nothing request. " +
      "client is this Node process; client and server share the machine's cores.",
    `variants asks for ${r.requestedSegments.length} segments (${r.requestedSegments.join(",")}); context simulates ip=… with country=DE, city=Berlin.`,
  ].join("\n");
}

export function regexReport(r: RegexResult): string {
  const bound = FRAME_MS / THROTTLE;
  const worst = r.worst[0];
  const chromium = r.chromium ? Math.max(...r.chromium.map((c) => c.ms)) : null;
  return [
    `Regex safety fuzz: ${n0(r.generated)} patterns generated, ${n0(r.accepted)} accepted (budget ${n0(r.budget)} estimated steps), ` +
      `each on ${r.inputsPerPattern} adversarial inputs of the evaluator's bounded length, in V8's regex interpreter (a page's first runs)`,
    table(
      ["slowest accepted patterns", "Node ms", "Chromium 4x ms", "estimate"],
      r.worst.map((t, i) => [
        JSON.stringify(t.pattern) + (t.foldCase ? " (i)" : ""),
        n3(t.ms),
        r.chromium?.[i] ? n1(r.chromium[i]!.ms) : "",
        n0(t.estimate),
      ]),
    ),
    `worst accepted: ${worst ? n3(worst.ms) : "-"} ms in Node against ${n1(bound)} ms (${FRAME_MS} ms frame ÷ ${THROTTLE}× throttling): ` +
      `${worst && worst.ms < bound ? "within" : "OVER"} the bound; ` +
      (chromium === null
        ? "no Chromium found"
        : `in Chromium at ${THROTTLE}× CPU throttling ${n1(chromium)} ms against ${FRAME_MS} ms: ${chromium < FRAME_MS ? "within" : "OVER"} one frame`),
  ].join("\n");
}
