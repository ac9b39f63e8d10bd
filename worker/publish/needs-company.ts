// Whether a published config needs the visitor's company at all. The company waterfall costs range
// lookups and, above all, calls to a paid IP-data provider: a site whose conditions never look at
// company.* must not spend any of that. (When content tokens such as {{company.name}} exist, they count too.)
import type { Snapshot } from "../schemas/published";

const COMPANY_PATH = /^company(\.|$)/;

/** True when any key anywhere in the server parts is a company.* path (malformed parts are walked whole). */
export function partsNeedCompany(parts: Snapshot["server"]): boolean {
  const walk = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(walk);
    if (typeof value !== "object" || value === null) return false;
    return Object.entries(value).some(([key, inner]) => COMPANY_PATH.test(key) || walk(inner));
  };
  return walk(parts);
}

/** The snapshot's flag, or for one published before the flag existed, derived from its server parts. */
export const needsCompany = (snap: Pick<Snapshot, "needsCompany" | "server">): boolean =>
  snap.needsCompany ?? partsNeedCompany(snap.server);
