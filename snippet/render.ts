// The render pipeline: decides for the current URL, asks plan.ts what to change, and carries it out on the
// page (revert, hide, fetch, apply). Owns what is on the page and what is withheld from it.
import type { ServerContext, VariantsResponse } from "../contract/wire";
import { activate, type Revert } from "./changes";
import { visitorContext } from "./context";
import { decide, type Winner } from "./decide";
import { device } from "./device";
import { hideSlots, releasePrehide } from "./flicker";
import { interestValues } from "./interests";
import { getJson } from "./net";
import { key, plan, variantsPath } from "./plan";
import { config, content, ctx, doc, forgotten, keep, profile, warn, type Config, type Visitor } from "./session";

export interface ReadyInfo {
  segments: string[];
  applied: { experience: string; segment: string }[];
  /** Where the content came from: the device's cache, the network, or nowhere (original page). */
  source: "cache" | "network" | "none";
}

/** What is on the page now: experience id → the segment whose changes are applied, and their revert (the
 * edge's provisional winners start here, snippet/edge.ts). */
export let applied: Record<string, { segment: string; revert_: Revert }> = {};
/** What is on the page now, as ReadyInfo's `applied` lists it. */
export const appliedNow = () => Object.keys(applied).map((e) => ({ experience: e, segment: applied[e]!.segment }));
/** Winners whose content came too late for this page view: not swapped in until the next one. */
export const withheld = new Set<string>();
/** Each render's number: a render overtaken by a newer one stops where it is. */
let generation = 0;

/** Without a profile (boot.ts's decision by the page view alone), only page context is there to match. */
export const contextFor = (url: URL, x: ServerContext, now: number, p = profile || ({} as Visitor)) =>
  visitorContext(p, x, url, doc, now, {
    device: device(x.device, navigator, window),
    interests: interestValues(p.interests, now),
  });

export const variants = async (segments: string[], c: Config, x: ServerContext) =>
  (await getJson<VariantsResponse>(variantsPath(c, segments, x.token))).changes;

const has = (x: Winner) => content?.changes[x.experience]?.[x.segment];

/** Puts the original page back (forget()). */
export const revertAll = () => {
  for (const e in applied) applied[e]!.revert_();
  applied = {};
};

/**
 * Decides for the current URL and brings the page in line: experiences whose winner changed are reverted,
 * new winners applied (from the cache, or fetched). With `hide`, the slots about to change are hidden
 * until `deadline` at most, and content arriving after it is only cached.
 */
export const render = async (deadline: number, hide?: boolean, shown?: Set<string>): Promise<ReadyInfo | undefined> => {
  const my = ++generation;
  const url = new URL(location.href);
  const now = Date.now();
  const cfg = config!;
  const [matched, winners] = decide(cfg, contextFor(url, ctx!, now), url, now);
  const [revert, apply, slots, missing] = plan(applied, winners, withheld, has, shown);
  for (const e of revert) applied[e]!.revert_(), delete applied[e];
  const release = hideSlots(hide ? slots : []);
  // Without a profile, this is the decision by the page view alone (boot.ts): the other experiences' slots stay hidden.
  releasePrehide(cfg, !profile);
  const timer = hide && setTimeout(release, deadline - now);
  try {
    if (missing.length) {
      try {
        const got = await variants(missing, cfg, ctx!);
        if (forgotten || cfg != config) return;
        for (const e in got) content!.changes[e] = { ...content!.changes[e], ...got[e] };
        keep({ content });
      } catch (e) {
        // What the cache holds still applies; only the missing content stays original.
        warn(e);
      }
    }
    if (my != generation) return;
    for (const x of apply) {
      // Content that arrives after the timeout is kept for the next page view, never swapped into a
      // page the visitor is already reading.
      // (What the edge already shows is taken up whatever the time: it is on the page already.)
      if (Date.now() > deadline && !shown?.has(key(x))) withheld.add(key(x));
      else if (!applied[x.experience])
        try {
          const changes = has(x);
          if (changes) applied[x.experience] = { segment: x.segment, revert_: activate(changes, doc, warn, contextFor(url, ctx!, now)) };
        } catch (e) {
          // An invalid selector (or any DOM error) leaves this experience's slots original.
          warn(e);
        }
    }
  } finally {
    // Slots that aren't parsed yet stay hidden until they are, or until the deadline.
    if (doc.readyState == "loading") doc.addEventListener("DOMContentLoaded", release);
    else release(), clearTimeout(timer as unknown as number); // false clears nothing: no timer has id 0
  }
  // forget() while the content was fetched (even in vain): the original page is what is reported (api.ts).
  if (forgotten) return;
  const list = appliedNow();
  return { segments: matched, applied: list, source: !list.length ? "none" : missing.length ? "network" : "cache" };
};
