// The attribute catalog as the rule builder shows it: every field of worker/conditions/catalog.ts (the one
// list of names and types) grouped by the six kinds of segment, plus page and time context; and the kind a
// segment gets from the attributes its condition uses. Pure: the client bundles it, tests import it.
import { ATTRIBUTES, type AttributeType } from "../worker/conditions/catalog";
import { GROUP_KINDS, kindOf, type SegmentKind } from "../worker/conditions/kind";

export type FieldType = AttributeType | "any";
export type Group = "behavioral" | "geographic" | "firmographic" | "technographic" | "demographic" | "psychographic" | "context";
export type { SegmentKind };

export const GROUPS: readonly (readonly [Group, string])[] = [
  ["behavioral", "Behavioral"],
  ["geographic", "Geographic"],
  ["firmographic", "Firmographic"],
  ["technographic", "Technographic"],
  ["demographic", "Demographic / first-party"],
  ["psychographic", "Psychographic"],
  ["context", "Page and time"],
];

/** Groups whose member the marketer names: the picker shows `traits.…` and asks for the name. */
export const FREE_FIELDS: readonly { prefix: string; type: FieldType; hint: string }[] = [
  { prefix: "utm", type: "string", hint: "source, medium, campaign, term, content, first.source…" },
  { prefix: "events", type: "number", hint: "<event>.count or <event>.last" },
  { prefix: "traits", type: "any", hint: "a trait your site sets with facet.identify" },
  { prefix: "interests", type: "number", hint: "a topic name" },
  { prefix: "page.query", type: "string", hint: "a query parameter" },
];

export const groupOf = (path: string): Group | undefined => {
  const root = path.split(".")[0]!;
  return Object.hasOwn(GROUP_KINDS, root) ? (GROUP_KINDS[root] as Group) : undefined;
};

export const freeFieldOf = (path: string) => FREE_FIELDS.find((f) => path.startsWith(`${f.prefix}.`));

const TYPES = new Map<string, AttributeType>(ATTRIBUTES.map(([p, t]) => [p, t]));

/** The type of a catalog path, or undefined when it is not in the catalog. */
export function typeOf(path: string): FieldType | undefined {
  return TYPES.get(path) ?? freeFieldOf(path)?.type;
}

/** The fixed fields of each group, in catalog order. */
export function fieldsByGroup(): Map<Group, { path: string; type: AttributeType }[]> {
  const out = new Map<Group, { path: string; type: AttributeType }[]>(GROUPS.map(([g]) => [g, []]));
  for (const [path, type] of ATTRIBUTES) out.get(groupOf(path)!)!.push({ path, type });
  return out;
}

/** Every attribute path a condition names, under $and/$or/$nor/$not at any depth. */
export function pathsOf(condition: unknown, out = new Set<string>()): Set<string> {
  if (!condition || typeof condition !== "object") return out;
  for (const [key, value] of Object.entries(condition)) {
    if (key === "$and" || key === "$or" || key === "$nor") for (const c of Array.isArray(value) ? value : []) pathsOf(c, out);
    else if (key === "$not") pathsOf(value, out);
    else if (!key.startsWith("$")) out.add(key);
  }
  return out;
}

/** The kind the Worker stores for this condition (worker/conditions/kind.ts): the admin shows the same. */
export const deriveKind = kindOf;
