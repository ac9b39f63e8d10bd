// A tiny seeded PRNG (mulberry32) for generated test cases and the benchmark: a run replays exactly.
export type Random = () => number;

export function mulberry32(seed: number): Random {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

/** `k` distinct items, in random order. */
export function sample<T>(random: Random, items: readonly T[], k: number): T[] {
  const copy = items.slice();
  for (let i = 0; i < Math.min(k, copy.length); i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, k);
}

/** Freezes an object graph, so a function that mutates its input throws (ES modules are strict). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
