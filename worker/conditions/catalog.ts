// The attribute catalog (docs/attributes.md) as data: every path a segment condition may name, with its type.
// A condition over a path that is not here would silently never match (`Company.domain`), so saving refuses it.
// Kept free of imports so it can move into a module shared by the Worker, the snippet and an admin UI.

export type AttributeType = "string" | "number" | "boolean" | "string[]" | "object";

/** Fixed paths. Objects are listed too: a condition may test a whole group, like {"company": {"$exists": true}}. */
export const ATTRIBUTES: readonly (readonly [path: string, type: AttributeType])[] = [
  ["visit", "object"],
  ["visit.count", "number"],
  ["visit.sessions", "number"],
  ["visit.pageviews", "number"],
  ["visit.isReturning", "boolean"],
  ["visit.firstSeen", "number"],
  ["visit.lastSeen", "number"],
  ["visit.daysSinceLast", "number"],
  ["visit.timeOnSite", "number"],
  ["pages", "string[]"],
  ["landingPage", "string"],
  ["referrer", "string"],
  ["geo", "object"],
  ["geo.country", "string"],
  ["geo.region", "string"],
  ["geo.regionCode", "string"],
  ["geo.city", "string"],
  ["geo.postalCode", "string"],
  ["geo.continent", "string"],
  ["geo.timezone", "string"],
  ["geo.isEU", "boolean"],
  ["geo.latitude", "number"],
  ["geo.longitude", "number"],
  ["company", "object"],
  ["company.name", "string"],
  ["company.domain", "string"],
  ["company.industry", "string"],
  ["company.employees", "number"],
  ["company.employeesRange", "string"],
  ["company.revenueRange", "string"],
  ["company.type", "string"],
  ["company.asn", "number"],
  ["company.asOrg", "string"],
  ["company.confidence", "number"],
  ["company.source", "string"],
  ["company.inAccountList", "boolean"],
  ["device", "object"],
  ["device.type", "string"],
  ["device.os", "string"],
  ["device.browser", "string"],
  ["device.touch", "boolean"],
  ["device.viewport", "object"],
  ["device.viewport.width", "number"],
  ["device.viewport.height", "number"],
  ["page", "object"],
  ["page.url", "string"],
  ["page.path", "string"],
  ["page.host", "string"],
  ["page.title", "string"],
  ["page.language", "string"],
  ["time", "object"],
  ["time.hour", "number"],
  ["time.weekday", "number"],
];

/** Groups whose members the site names: `traits.<name>`, `events.<name>.count`, `page.query.<name>`… */
export const FREE_PREFIXES = ["traits", "events", "interests", "utm", "page.query"] as const;

const KNOWN = new Map(ATTRIBUTES.map(([path, type]) => [path, type]));
for (const prefix of FREE_PREFIXES) KNOWN.set(prefix, "object");
const BY_LOWER = new Map([...KNOWN.keys()].map((path) => [path.toLowerCase(), path]));

/** Whether `path` names an attribute of the catalog: a fixed path, or a member of a free group. Case matters. */
export function isKnownAttribute(path: string): boolean {
  return KNOWN.has(path) || FREE_PREFIXES.some((prefix) => path.startsWith(`${prefix}.`));
}

/** Why `path` is not in the catalog (with the catalog's spelling when only the case differs), or null. */
export function unknownAttribute(path: string): string | null {
  if (isKnownAttribute(path)) return null;
  const lower = path.toLowerCase();
  const prefix = FREE_PREFIXES.find((p) => lower.startsWith(`${p.toLowerCase()}.`));
  const spelled = BY_LOWER.get(lower) ?? (prefix && prefix + path.slice(prefix.length));
  if (spelled) return `unknown attribute "${path}": names are case-sensitive, did you mean "${spelled}"?`;
  return (
    `unknown attribute "${path}": use one from the catalog (docs/attributes.md); free names only under ` +
    `${FREE_PREFIXES.map((p) => `${p}.`).join(", ")}`
  );
}
