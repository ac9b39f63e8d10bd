// The flicker bench's table: per CPU and visit, each variant's medians with 95% bootstrap intervals, and the
// ratio Facet / GrowthBook (ratio of medians, 95% bootstrap interval: "behind" means it lies wholly above 1).
import type { ApplyResult } from "./apply";
import type { FlickerResult, Visit } from "./flicker";
import { table } from "./report";

const B = 2000;
// A fixed-seed generator: the intervals of one run are reproducible from its samples.
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const median = (xs: number[]) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const resample = (xs: number[]) => xs.map(() => xs[Math.floor(rand() * xs.length)]!);
const interval = (stats: number[]): [number, number] => {
  const s = stats.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return [s[Math.floor(0.025 * (s.length - 1))] ?? NaN, s[Math.ceil(0.975 * (s.length - 1))] ?? NaN];
};
export const medianCI = (xs: number[]) => ({ m: median(xs), ci: interval(Array.from({ length: B }, () => median(resample(xs)))) });
/** Ratio of medians a/b; when both medians are 0 the ratio is 1 (equal), when only b's is 0 it is ∞. */
const ratio = (a: number, b: number) => (a === b ? 1 : a / b);
export const ratioCI = (a: number[], b: number[]) => ({
  r: ratio(median(a), median(b)),
  ci: interval(Array.from({ length: B }, () => ratio(median(resample(a)), median(resample(b))))),
});

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toString() : x > 0 ? "∞" : "–");
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : x > 0 ? "∞" : "–");
const cell = (xs: number[], f = f0) => {
  const { m, ci } = medianCI(xs);
  return `${f(m)} [${f(ci[0])}–${f(ci[1])}]`;
};
const rcell = (a: number[], b: number[]) => {
  const { r, ci } = ratioCI(a, b);
  return `${f2(r)} [${f2(ci[0])}–${f2(ci[1])}]`;
};

const METRICS: [string, (v: Visit) => number, (x: number) => string][] = [
  ["time to first byte, ms", (v) => v.ttfb, f0],
  ["time to personalized, ms", (v) => v.ttp, f0],
  ["frames of default content", (v) => v.defaultFrames, f0],
  ["hidden, ms", (v) => v.hiddenMs, f0],
  ["sequential requests before content", (v) => v.sequential, f0],
  ["layout shift (CLS)", (v) => v.cls, f2],
];

export function flickerReport(r: FlickerResult): string {
  const variants = [...new Set(r.cells.map((c) => c.variant))];
  const peer = variants.at(-1)!;
  const out = [
    `Flicker — ${r.runs} interleaved runs per cell, ${r.rttMs} ms emulated round trip; medians [95% bootstrap interval]; ratio = Facet / ${peer}`,
  ];
  for (const cpu of [...new Set(r.cells.map((c) => c.cpu))])
    for (const visit of [...new Set(r.cells.map((c) => c.visit))]) {
      const of = (v: string) => r.cells.find((c) => c.variant === v && c.cpu === cpu && c.visit === visit)!.visits;
      const rows: string[][] = [];
      for (const [name, get, f] of METRICS) {
        rows.push([name, ...variants.map((v) => cell(of(v).map(get), f))]);
        rows.push([`  ratio`, ...variants.slice(0, -1).map((v) => rcell(of(v).map(get), of(peer).map(get))), ""]);
      }
      const what = (v: string) => [...new Set(of(v).map((x) => x.hidden))].join("/");
      rows.push(["what is hidden", ...variants.map(what)]);
      const missed = (v: string) => `${of(v).filter((x) => Number.isNaN(x.ttp)).length}`;
      rows.push(["runs never personalized", ...variants.map(missed)]);
      const red = (v: string) => `${of(v).filter((x) => x.screencastDefault > 0).length}/${of(v).length}`;
      rows.push(["runs with a default screencast frame", ...variants.map(red)]);
      const agrees = (v: string) => `${of(v).filter((x) => !(x.screencastDefault > 0 && x.defaultFrames === 0)).length}/${of(v).length}`;
      rows.push(["screencast agrees", ...variants.map(agrees)]);
      out.push(`\n${visit} visit, CPU ${cpu === 1 ? "normal" : `${cpu}× throttled`}\n${table(["", ...variants], rows)}`);
    }
  out.push(
    "\nscreencast agrees: runs where no DevTools screencast frame showed the default while the rAF sampling counted 0 frames of it" +
      " (one-sided: the screencast sends only new compositor frames and may skip some)",
  );
  out.push(
    "\nscript bytes, gzip -9\n" +
      table(
        ["script", "bytes"],
        Object.entries(r.scriptGzip).map(([k, v]) => [k, String(v)]),
      ),
  );
  return out.join("\n");
}

export function applyReport(r: ApplyResult): string {
  const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "–");
  const rows = (["facet", "dom-mutator"] as const).map((e) => [e, cell(r.ms[e], f3)]);
  rows.push(["ratio facet / dom-mutator", rcell(r.ms.facet, r.ms["dom-mutator"])]);
  return `Applying ${r.changes} changes (html, class, attribute) on ${r.elements.toLocaleString("en-US")} elements, headless Chromium at ${r.cpuThrottle}× CPU, ${r.rounds} alternating rounds; ms, median [95% bootstrap interval]\n${table(["engine", "ms"], rows)}`;
}
