// Server references (SPEC §3): at publish, each condition part over a server-side attribute is replaced by
// `{ "server.<ref>": true }`; the Worker evaluates the part and hands the browser only its result. The
// splitter writes these keys, the content gate and the Worker's context read them, the validator reserves
// the `server` prefix: all of them through these helpers.
import type { Condition } from "./conditions";
import { isLogicalList, NOT } from "./operators";

const PREFIX = "server.";

/** Attributes only the Worker knows: geography and the company behind the IP. */
export const isServerAttribute = (path: string): boolean => /^(geo|company)(\.|$)/.test(path);

/** Paths under `server` belong to references; a saved condition may not use them. */
export const isReservedPath = (path: string): boolean => /^server(\.|$)/.test(path);

/** The condition key of reference `id`. */
export const refKey = (id: string): string => PREFIX + id;

/** The reference id of a condition key, or null when the key is no reference. */
export const refId = (key: string): string | null => (key.startsWith(PREFIX) ? key.slice(PREFIX.length) : null);

const isObject = (v: unknown): v is Condition => typeof v == "object" && v !== null && !Array.isArray(v);

/** The reference ids a (split) condition uses. */
export function serverRefs(condition: Condition, into: Set<string> = new Set()): Set<string> {
  for (const [key, value] of Object.entries(condition)) {
    const id = refId(key);
    if (id !== null) into.add(id);
    else if (isLogicalList(key) && Array.isArray(value)) value.forEach((c) => isObject(c) && serverRefs(c, into));
    else if (key == NOT && isObject(value)) serverRefs(value, into);
  }
  return into;
}
