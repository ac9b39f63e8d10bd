// Which segments match and, per experience on this page, which segment's variant wins. Pure.
import type { PublishedConfig } from "../contract/wire";
import { evalCondition } from "../contract/conditions";

export interface Winner {
  experience: string;
  segment: string;
  slots: string[];
}

/** URLPattern pathname test; browsers without URLPattern get a plain `*` wildcard match. */
export function onPage(patterns: string[], url: URL): boolean {
  return (
    !patterns.length ||
    patterns.some((p) => {
      try {
        return typeof URLPattern == "function"
          ? new URLPattern({ pathname: p }).test(url.href)
          : new RegExp("^" + p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*") + "$").test(url.pathname);
      } catch {
        return false;
      }
    })
  );
}

export function decide(config: PublishedConfig, context: Record<string, unknown>, url: URL): { matched: string[]; winners: Winner[] } {
  const matched = config.segments.filter((s) => evalCondition(context, s.condition)).map((s) => s.id);
  const winners: Winner[] = [];
  for (const e of config.experiences) {
    // Segments are listed highest priority first, so the first match is the winner.
    const segment = onPage(e.pages, url) && e.segments.find((s) => matched.includes(s));
    if (segment) winners.push({ experience: e.id, segment, slots: e.slots });
  }
  return { matched, winners };
}
