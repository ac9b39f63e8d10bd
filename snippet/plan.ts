// The render planner: given what is on the page, this page view's winners, what is withheld and what is
// cached, says what to revert, hide, fetch and apply. Pure (no DOM, no I/O): render.ts carries it out.
import type { PublishedConfig } from "../contract/wire";
import type { Winner } from "./decide";

/** A winner's name in the withheld set (and in the edge's shown set: edge.ts). */
export const key = (x: Pick<Winner, "experience" | "segment">) => x.experience + " " + x.segment;

/** What a render does, in order (a tuple: no field names in facet.js). */
export type Plan = [
  /** Experiences whose applied segment no longer wins: reverted first. */
  revert: string[],
  /** Winners to bring onto the page: not on it yet (or being replaced), and not withheld for this page view. */
  apply: Winner[],
  /** Their slots: hidden while their content loads, when the render hides; not those the edge already shows. */
  hide: string[],
  /** Segments of the winners to apply whose content isn't cached (a segment may repeat: fetched once). */
  fetch: string[],
];

export const plan = (
  applied: Record<string, { segment: string }>,
  winners: Winner[],
  withheld: Set<string>,
  cached: (x: Winner) => unknown,
  shown?: Set<string>,
): Plan => {
  // Not on the page, or another segment is (the one reverted).
  const apply = winners.filter((x) => applied[x.experience]?.segment != x.segment && !withheld.has(key(x)));
  return [
    Object.keys(applied).filter((e) => applied[e]!.segment != winners.find((x) => x.experience == e)?.segment),
    apply,
    apply.filter((x) => !shown?.has(key(x))).flatMap((x) => x.slots),
    apply.filter((x) => !cached(x)).map((x) => x.segment),
  ];
};

/**
 * The variants request for `segments`. The token goes only with segments whose condition holds a server
 * reference: without it the answer is the same for everyone, and the edge and the browser may cache it.
 * (A "server. string in a value only sends the token needlessly.) The list goes in as an array's string: comma-separated.
 */
export const variantsPath = (c: PublishedConfig, segments: string[], token: string) =>
  `variants?v=${c.v}&segments=${[...new Set(segments)]}` +
  (JSON.stringify(c.segments.filter((s) => segments.includes(s.id))).includes('"server.') ? "&token=" + encodeURIComponent(token) : "");
