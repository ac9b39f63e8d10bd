// Runs the benchmarks in order (in-process first, so workerd's CPU use cannot disturb them) and returns
// every figure for bench/results.json, printing each section as it completes.
import { benchBundles, type BundlesResult } from "./bundles";
import { benchClassify, type ClassifyResult } from "./classify";
import { benchFlicker, type FlickerResult } from "./flicker";
import { applyReport, flickerReport } from "./flicker-report";
import { benchApply, type ApplyResult } from "./apply";
import { benchLookup, type LookupResult } from "./lookup";
import { benchProvider, providerReport, type ProviderResult } from "./provider";
import { benchRegex, benchRegexChromium, type RegexResult } from "./regex";
import { bundlesReport, classifyReport, lookupReport, regexReport, workerReport } from "./report";
import { sinkValue } from "./stats";
import { benchWorker, type WorkerResult } from "./worker";

export const SECTIONS = ["bundles", "lookup", "segments", "regex", "worker", "provider", "flicker", "apply"] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchResults {
  bundles?: BundlesResult;
  lookup?: LookupResult;
  segments?: ClassifyResult;
  regex?: RegexResult;
  worker?: WorkerResult;
  provider?: ProviderResult;
  flicker?: FlickerResult;
  apply?: ApplyResult;
  sink: number;
}

export async function runBench(
  only: ReadonlySet<Section>,
  print: (text: string) => void,
  log: (line: string) => void,
): Promise<BenchResults> {
  const out: BenchResults = { sink: 0 };
  if (only.has("bundles")) {
    out.bundles = benchBundles(log);
    print(bundlesReport(out.bundles));
  }
  if (only.has("lookup")) {
    log("lookup: generating 100,000 ranges, building the index, timing lookups");
    out.lookup = benchLookup();
    print(lookupReport(out.lookup));
  }
  if (only.has("segments")) {
    log("segments: timing Facet and GrowthBook evaluators, then decide()");
    out.segments = benchClassify();
    print(classifyReport(out.segments));
  }
  if (only.has("regex")) {
    const node = benchRegex({ log });
    log("regex: the worst patterns again in headless Chromium at 4x CPU throttling");
    out.regex = { ...node, chromium: await benchRegexChromium(node.worst) };
    print(regexReport(out.regex));
  }
  if (only.has("worker")) {
    out.worker = await benchWorker({ log });
    print(workerReport(out.worker));
  }
  if (only.has("provider")) {
    out.provider = await benchProvider(log);
    print(providerReport(out.provider));
  }
  if (only.has("flicker")) {
    out.flicker = await benchFlicker({ log });
    print(flickerReport(out.flicker));
  }
  if (only.has("apply")) {
    out.apply = await benchApply(log);
    print(applyReport(out.apply));
  }
  out.sink = sinkValue();
  return out;
}
