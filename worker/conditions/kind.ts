// A segment's kind (SPEC §2's six kinds of segmentation) is derived from the attributes its condition names,
// never guessed by the marketer: the admin shows it, and the API refuses a `kind` that says otherwise.
// It labels the segment for people; nothing evaluates it.
import { isLogicalList, NOT } from "../../contract/operators";

export const SEGMENT_KINDS = [
  "behavioral",
  "geographic",
  "firmographic",
  "technographic",
  "demographic",
  "psychographic",
  "mixed",
] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** The kind of each attribute group (the first part of a path). Page context (page.*, time.*) is there for every kind: it decides none. */
export const GROUP_KINDS: Readonly<Record<string, SegmentKind | "context">> = {
  visit: "behavioral",
  pages: "behavioral",
  landingPage: "behavioral",
  referrer: "behavioral",
  utm: "behavioral",
  events: "behavioral",
  geo: "geographic",
  company: "firmographic",
  device: "technographic",
  traits: "demographic",
  interests: "psychographic",
  page: "context",
  time: "context",
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v == "object" && v !== null && !Array.isArray(v);

function collectKinds(condition: unknown, into: Set<SegmentKind>): void {
  if (!isObject(condition)) return;
  for (const [key, value] of Object.entries(condition)) {
    if (isLogicalList(key)) for (const c of Array.isArray(value) ? value : []) collectKinds(c, into);
    else if (key == NOT) collectKinds(value, into);
    else if (!key.startsWith("$")) {
      const kind = Object.hasOwn(GROUP_KINDS, key.split(".")[0]!) ? GROUP_KINDS[key.split(".")[0]!] : undefined;
      if (kind && kind != "context") into.add(kind);
    }
  }
}

/**
 * The one kind every attribute of the condition belongs to; "mixed" when they belong to several. A condition
 * over page context alone (the page's URL, the time) describes what the visitor is doing now: behavioral.
 */
export function kindOf(condition: unknown): SegmentKind {
  const kinds = new Set<SegmentKind>();
  collectKinds(condition, kinds);
  if (kinds.size > 1) return "mixed";
  return [...kinds][0] ?? "behavioral";
}
