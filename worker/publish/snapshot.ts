// Builds the immutable snapshot a publish writes: a pure function of the site's segments and experiences.
import { sanitizeChange } from "../content/sanitize-change";
import type { Experience } from "../schemas/experience";
import type { Segment } from "../schemas/segment";
import type { Snapshot } from "../schemas/published";
import type { Topic } from "../schemas/topic";
import { compilePages } from "../pages/paths";
import { partsNeedCompany } from "./needs-company";
import { serverParts, splitCondition } from "./split";

export const DEFAULT_TIMEOUT_MS = 1000;

export function buildSnapshot(
  siteKey: string,
  v: number,
  segments: Segment[],
  experiences: Experience[],
  publishedAt: string,
  topics: Topic[] = [],
): Snapshot {
  const server = serverParts();
  const priority = new Map(segments.map((s) => [s.id, s.priority]));
  const live = experiences.filter((e) => e.status === "live");
  // Only segments some live experience uses are published: the rest would be bytes for nothing.
  const used = new Set(live.flatMap((e) => e.variants.map((v) => v.segment)));
  const content: Snapshot["content"] = {};

  const experiencesOut = live.map((e) => {
    const variants = e.variants.filter((v) => priority.has(v.segment));
    // Highest priority first; ties broken by id so every publish orders them the same way.
    variants.sort((a, b) => priority.get(b.segment)! - priority.get(a.segment)! || (a.segment < b.segment ? -1 : 1));
    // html and insert markup is sanitized again: content saved under an older, weaker sanitizer must not stay live.
    content[e.id] = Object.fromEntries(variants.map((v) => [v.segment, v.changes.map(sanitizeChange)]));
    return {
      id: e.id,
      pages: e.pages,
      paths: compilePages(e.pages),
      slots: [...new Set(variants.flatMap((v) => v.changes.flatMap((c) => ("selector" in c ? [c.selector] : []))))],
      segments: variants.map((v) => v.segment),
      // Epoch ms, so the snippet compares with Date.now() without parsing dates (bytes).
      ...(e.start ? { from: Date.parse(e.start) } : {}),
      ...(e.end ? { until: Date.parse(e.end) } : {}),
    };
  });

  return {
    v,
    site: siteKey,
    publishedAt,
    config: {
      v,
      site: siteKey,
      timeout: DEFAULT_TIMEOUT_MS,
      segments: segments.filter((s) => used.has(s.id)).map((s) => ({ id: s.id, condition: splitCondition(s.condition, server) })),
      topics: topics.map((t) => ({ ...t, paths: compilePages(t.pages) })),
      experiences: experiencesOut,
    },
    server: server.parts,
    needsCompany: partsNeedCompany(server.parts),
    content,
  };
}
