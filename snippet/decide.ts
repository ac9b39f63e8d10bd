// Which segments match and, per experience on this page, which segment's variant wins. Pure.
import type { PublishedConfig } from "../contract/wire";
import { evalCondition, REGEX_INPUT_MAX } from "../contract/conditions";
import { regex } from "../contract/compare";

export interface Winner {
  experience: string;
  segment: string;
  slots: string[];
}

/**
 * Whether the page is one of `paths`, the anchored regexes the Worker compiled from page patterns (empty: every
 * page). A RegExp, not URLPattern, so every browser agrees: compiled once, by the evaluator's `$regex` (an invalid
 * one matches nothing). A path longer than the evaluator's regex input bound matches none: the Worker bounds each
 * regex's cost on that many characters. (`path` is a local, not a parameter to pass.)
 */
export const onPage = (paths: string[], url: URL, path = url.pathname): boolean =>
  !paths.length || (path.length <= REGEX_INPUT_MAX && paths.some((p) => regex(path, p)));

/** A config cached before compiled patterns existed has none: its patterns match no page ("$^" needs an empty path)
 * until the fresh config arrives, rather than guess. */
export const pathsOf = (x: { pages: string[]; paths?: string[] }) => x.paths || x.pages.map(() => "$^");

/** `now` (epoch ms) is tested against each experience's schedule: skipped before `from` and from `until` on.
 * The result is a pair, not an object: no field names in facet.js. */
export function decide(
  config: PublishedConfig,
  context: Record<string, unknown>,
  url: URL,
  now: number,
): [matched: string[], winners: Winner[]] {
  const matched = config.segments.filter((s) => evalCondition(context, s.condition)).map((s) => s.id);
  return [
    matched,
    config.experiences.flatMap((e) => {
      // Segments are listed highest priority first, so the first match is the winner.
      // An absent bound compares false both ways (undefined > n, undefined <= n): unbounded, at no bytes for a test.
      const segment = !(e.from! > now || e.until! <= now) && onPage(pathsOf(e), url) && e.segments.find((s) => matched.includes(s));
      return segment ? [{ experience: e.id, segment, slots: e.slots }] : [];
    }),
  ];
}
