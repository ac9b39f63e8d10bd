// Which content a visitor may be served: the changes of the requested segments, except those whose condition
// depends on server results that can't match for this visitor. One rule for the variants endpoint (results
// proven by a signed token) and the context endpoint (results it has just computed itself).
import { serverRefs } from "../../contract/server-refs";
import type { ExperienceContent, Snapshot } from "../schemas/published";
import { mayMatch } from "./gate";

export interface Served {
  changes: ExperienceContent;
  /** Requested segments whose content needs server results this visitor doesn't have (or didn't prove). */
  denied: string[];
  /** Whether a requested segment depends on server results at all (the answer is then not the same for everyone). */
  gated: boolean;
}

/** `trueRefs`: the server references true for this visitor, or null when none are known (no valid token). */
export function servedContent(snap: Snapshot, segments: string[], trueRefs: ReadonlySet<string> | null): Served {
  const conditions = new Map(snap.config.segments.map((s) => [s.id, s.condition]));
  const allowed = new Set<string>();
  const denied: string[] = [];
  let gated = false;
  for (const id of segments) {
    const condition = conditions.get(id);
    if (!condition) continue; // not in this version: nothing to serve, not an error
    const needsToken = serverRefs(condition).size > 0;
    gated ||= needsToken;
    if (needsToken && !(trueRefs && mayMatch(condition, trueRefs))) denied.push(id);
    else allowed.add(id);
  }
  const changes: ExperienceContent = {};
  for (const [experience, bySegment] of Object.entries(snap.content)) {
    for (const [segment, list] of Object.entries(bySegment)) {
      if (!allowed.has(segment)) continue;
      changes[experience] ??= {};
      changes[experience][segment] = list;
    }
  }
  return { changes, denied, gated };
}
