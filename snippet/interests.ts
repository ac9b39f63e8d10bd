// Psychographic scores (SPEC §2 `interests.<topic>`): each page view on a topic's pages adds 1 to a score
// that halves every HALF_LIFE_DAYS, so an interest fades unless renewed. Kept on the device. Pure.
import type { Topic } from "../contract/wire";
import { onPage, pathsOf } from "./decide";

/** Per topic, score `s` as it was at time `t` (epoch ms). */
export type InterestScores = Record<string, { s: number; t: number }>;

export const HALF_LIFE_DAYS = 14;

// Math.max: a device clock set back must not grow a score.
// 12096e5 ms is HALF_LIFE_DAYS (interests.test.ts checks it), written out: esbuild keeps a product of two constants.
const decay = (x: { s: number; t: number }, now: number) => x.s * 0.5 ** (Math.max(0, now - x.t) / 12096e5);

// Plain objects indexed by topic name are safe because topic names are validated as /^[a-z][a-z0-9_]*$/
// (worker/schemas/topic.ts): never "__proto__", and `?.s` of an inherited member is undefined.

/** Scores after a page view of `url` at `now`: old scores decayed to `now`, +1 per topic whose pages match. */
export function recordInterests(old: InterestScores | undefined, topics: Topic[], url: URL, now: number): InterestScores {
  const out: InterestScores = {};
  for (const k in old) out[k] = { s: decay(old[k]!, now), t: now };
  // onPage([]) is true on every page, so a topic without pages must match none.
  for (const x of topics) if (x.pages.length && onPage(pathsOf(x), url)) out[x.topic] = { s: (out[x.topic]?.s || 0) + 1, t: now };
  return out;
}

/** The `interests` context attribute: each score decayed to `now`, rounded to 2 decimals. */
export const interestValues = (scores: InterestScores | undefined, now: number): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const k in scores) out[k] = Math.round(decay(scores[k]!, now) * 100) / 100;
  return out;
};
