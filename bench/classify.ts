// Benchmark 2: classification. 100 segment conditions against one visitor context, with Facet's
// evaluator and with GrowthBook's (the peer SPEC §9 names), then Facet's decide() over the published
// config those 100 segments and 10 experiences produce.
import { evalCondition as growthbookEval } from "@growthbook/growthbook";
import { evalCondition, type Condition } from "../contract/conditions";
import { decide } from "../snippet/decide";
import { conditionProblems } from "../worker/conditions/validate";
import { buildSnapshot } from "../worker/publish/snapshot";
import type { Experience } from "../worker/schemas/experience";
import type { Segment } from "../worker/schemas/segment";
import { generateExperiences, generateSegments, usesServer } from "./segments";
import { compareBatches, summarize, type Summary } from "./stats";
import { visitorContext } from "./visitor";

export interface ClassifyResult {
  segments: number;
  serverSegments: number;
  matched: number;
  /** Conditions where the two evaluators disagree (0 expected: both must answer alike for the comparison to be fair). */
  disagreements: string[];
  passes: number;
  /** µs per pass over all 100 conditions. */
  facetUs: Summary;
  growthbookUs: Summary;
  /** GrowthBook's median ÷ Facet's: above 1 means Facet is faster. */
  speedup: number;
  decide: {
    experiences: number;
    publishedSegments: number;
    serverRefs: number;
    matched: number;
    winners: number;
    us: Summary;
    passes: number;
  };
}

const SITE = "bench";
const STAMP = "2026-06-17T12:00:00.000Z";

export function benchClassify(opts: { batches?: number; reps?: number } = {}): ClassifyResult {
  const batches = opts.batches ?? 300;
  const reps = opts.reps ?? 20;
  const defs = generateSegments(100);
  for (const d of defs) {
    const problems = conditionProblems(d.condition);
    if (problems.length) throw new Error(`benchmark segment ${d.id} would be refused when saved: ${JSON.stringify(problems)}`);
  }
  const conditions: Condition[] = defs.map((d) => d.condition);
  const context = visitorContext();

  const disagreements = defs
    .filter((d) => evalCondition(context, d.condition) !== growthbookEval(context, d.condition as never))
    .map((d) => d.id);
  const matched = defs.filter((d) => evalCondition(context, d.condition)).length;

  const pass = (evaluate: (c: Record<string, unknown>, cond: Condition) => boolean) => (r: number) => {
    let s = 0;
    for (let i = 0; i < r; i++) for (let j = 0; j < conditions.length; j++) if (evaluate(context, conditions[j]!)) s++;
    return s;
  };
  const samples = compareBatches(
    { facet: pass(evalCondition), growthbook: pass((c, cond) => growthbookEval(c, cond as never)) },
    { reps, batches, warmup: 300 },
  );
  const facetUs = summarize(samples.facet!);
  const growthbookUs = summarize(samples.growthbook!);

  // decide() over what a publish would produce: conditions split into browser parts and server references,
  // the references answered as the Worker's /context answers them.
  const segments: Segment[] = defs.map((d) => ({ ...d, siteKey: SITE, version: 1, createdAt: STAMP, updatedAt: STAMP }));
  // Built in code from valid parts (the change shapes of schemas/change.ts), not a request body.
  const experiences = generateExperiences(defs, 10).map((e) => ({
    ...e,
    siteKey: SITE,
    createdAt: STAMP,
    updatedAt: STAMP,
  })) as unknown as Experience[];
  const snap = buildSnapshot(SITE, 1, segments, experiences, STAMP);
  const facts = { geo: context.geo, company: context.company };
  const server = Object.fromEntries(Object.entries(snap.server).map(([ref, part]) => [ref, evalCondition(facts, part)]));
  const decideContext = { ...context, server };
  const url = new URL(String((context.page as { url: string }).url));
  const [matchedOnce, winnersOnce] = decide(snap.config, decideContext, url, Date.now());
  const decideSamples = compareBatches(
    {
      decide: (r) => {
        let s = 0;
        for (let i = 0; i < r; i++) s += decide(snap.config, decideContext, url, Date.now())[1].length;
        return s;
      },
    },
    { reps, batches, warmup: 300 },
  );

  return {
    segments: defs.length,
    serverSegments: defs.filter((d) => usesServer(d.condition)).length,
    matched,
    disagreements,
    passes: batches * reps,
    facetUs,
    growthbookUs,
    speedup: growthbookUs.median / facetUs.median,
    decide: {
      experiences: experiences.length,
      publishedSegments: snap.config.segments.length,
      serverRefs: Object.keys(snap.server).length,
      matched: matchedOnce.length,
      winners: winnersOnce.length,
      us: summarize(decideSamples.decide!),
      passes: batches * reps,
    },
  };
}
