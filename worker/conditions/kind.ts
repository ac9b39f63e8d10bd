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

/** Every attribute path a condition names, through its logical lists and negations (operators are skipped). */
export function attributePaths(condition: unknown, into: Set<string> = new Set()): Set<string> {
  if (!isObject(condition)) return into;
  for (const [key, value] of Object.entries(condition)) {
    if (isLogicalList(key)) for (const c of Array.isArray(value) ? value : []) attributePaths(c, into);
    else if (key == NOT) attributePaths(value, into);
    else if (!key.startsWith("$")) into.add(key);
  }
  return into;
}

const groupOf = (path: string) => path.split(".")[0]!;

/** Whether a condition names only page context (page.*, time.*): the page view alone decides it, on any device. */
export const pageContextOnly = (condition: unknown): boolean =>
  [...attributePaths(condition)].every((p) => GROUP_KINDS[groupOf(p)] == "context");

/**
 * Page context the script may read before the page holds it: the install puts the tag first in the <head>, so a
 * <title> is often parsed after the script ran (`page` names the whole object, title included).
 */
const readLate = (path: string) => path == "page" || path == "page.title" || path.startsWith("page.title.");

/**
 * Whether the page view alone decides an experience (README "Decided by the page view"): each of its segments'
 * conditions names only page context that is there when the script runs (not page.title), no change holds a
 * token (the snippet fills those from the profile), and none is a redirect (which would leave before the page
 * view is recorded on the device).
 * Publishing inlines such experiences' content in the upgraded script; the admin marks them.
 */
export const decidedByPageView = (conditions: unknown[], changes: unknown): boolean =>
  conditions.every((c) => pageContextOnly(c) && ![...attributePaths(c)].some(readLate)) &&
  !/\{\{|"type":"redirect"/.test(JSON.stringify(changes));

function collectKinds(condition: unknown, into: Set<SegmentKind>): void {
  for (const path of attributePaths(condition)) {
    const kind = Object.hasOwn(GROUP_KINDS, groupOf(path)) ? GROUP_KINDS[groupOf(path)] : undefined;
    if (kind && kind != "context") into.add(kind);
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
