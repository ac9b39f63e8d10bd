// Timing helpers. Micro-benchmarks time batches of calls (a single call is shorter than the timer's own
// cost) and report the median and p99 of the per-call time over batches; competitors run in alternating
// rounds so that background load and CPU frequency drift hit each of them alike.

export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = samples.slice().sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
    min: sorted[0] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

export const nowNs = (): bigint => process.hrtime.bigint();
export const elapsedUs = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1000;

/**
 * A body that runs `reps` operations. Each returns a number that goes into a sink, so V8 cannot drop
 * the work as dead code.
 */
export type Body = (reps: number) => number;

export interface BatchPlan {
  /** Operations per timed batch. */
  reps: number;
  batches: number;
  /** Untimed operations per body before timing starts (lets V8 optimize each body). */
  warmup: number;
}

let sink = 0;
/** Read once at the end so the sink is observable. */
export const sinkValue = () => sink;

/** Per-operation µs of each batch, for each body; bodies alternate batch by batch. */
export function compareBatches(bodies: Record<string, Body>, plan: BatchPlan): Record<string, number[]> {
  const names = Object.keys(bodies);
  for (const name of names) sink += bodies[name]!(plan.warmup);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let b = 0; b < plan.batches; b++) {
    // Rotate who goes first, so no body always follows the same other body.
    for (let k = 0; k < names.length; k++) {
      const name = names[(b + k) % names.length]!;
      const start = nowNs();
      sink += bodies[name]!(plan.reps);
      samples[name]!.push(elapsedUs(start) / plan.reps);
    }
  }
  return samples;
}

/** Wall time of one call in ms. */
export function timeMs<T>(fn: () => T): { ms: number; value: T } {
  const start = nowNs();
  const value = fn();
  return { ms: elapsedUs(start) / 1000, value };
}
