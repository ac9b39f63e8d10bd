// The leaf comparisons of the condition evaluator (conditions.ts): list membership, type names, versions
// and bounded regexes, with the caches that make evaluation fast. None of them evaluates a condition.

// $in/$nin: the attribute, or any element of an array attribute, is in the list. Without `fold` this is
// `includes` (NaN finds NaN); with it, strings are lowercased and compared with === (NaN finds nothing).
// `some` skips holes and `includes` does not, exactly as in GrowthBook.
// `has` is a local, not a parameter to pass.
export const isIn = (
  v: unknown,
  list: unknown[],
  fold?: boolean,
  has = (a: unknown) => (fold ? list.some((b) => lower(a) === lower(b)) : list.includes(a)),
): boolean => (Array.isArray(v) ? v.some(has) : has(v));

const lower = (a: unknown) => (typeof a == "string" ? a.toLowerCase() : a);

// `t` is a local, not a parameter to pass.
export const typeName = (v: unknown, t = typeof v): string =>
  v === null ? "null" : Array.isArray(v) ? "array" : "bigint symbol function".includes(t) ? "unknown" : t;

// GrowthBook's padded version string, compared as plain strings: drop a leading "v" and "+build" metadata, split
// on "." and "-", mark a release (exactly three parts) with "~" so it sorts after its pre-releases ("~" is the
// highest printable ASCII), and left-pad all-digit parts to width 5 so "    9" < "   10". Anything that is not a
// number or a non-empty string reads as "0".
export const ver = (x: unknown): string =>
  memo(versions, typeof x == "number" || (x && typeof x == "string") ? x + "" : "0", (s) => {
    const parts = s.replace(/^v|\+.*$/g, "").split(/[-.]/);
    if (parts.length == 3) parts.push("~");
    return parts.map((p) => (/^\d+$/.test(p) ? p.padStart(5) : p)).join("-");
  });

/** How much of an attribute a `$regex` tests (SPEC §3: bounded input); the Worker bounds each regex's cost on it. */
export const REGEX_INPUT_MAX = 512;

export function regex(v: unknown, p: unknown, i?: boolean): boolean {
  if (typeof p != "string") return false;
  const re = memo(i ? foldedRegexes : regexes, p, () => {
    // GrowthBook caches in a plain object, so a case-sensitive pattern named like an Object.prototype member
    // ("constructor", "toString", "__proto__"...) finds that member instead of a RegExp and is always false.
    if (!i && p in {}) return null;
    try {
      return new RegExp(p, i ? "i" : "");
    } catch {
      return null;
    }
  });
  // The attribute is stringified (a missing one is "null"); a value that cannot be (a symbol) is false.
  // Only the first REGEX_INPUT_MAX characters are tested (SPEC §3: bounded input), so a crafted long URL can't make
  // a regex take seconds. This is the one place Facet may answer differently from GrowthBook.
  try {
    return !!re && typeof v != "symbol" && re.test(String(v).slice(0, REGEX_INPUT_MAX));
  } catch {
    return false;
  }
}

// Split paths, compiled regexes (null for an invalid one, so it is not recompiled on every page view) and padded
// versions: one map per kind, keyed by the raw string, which JSON parsing already hashed (a composite key would be
// a new string to hash on every lookup). They make evaluation about 3x faster than GrowthBook's. A config holds a
// few dozen of each; clearing past 256 only bounds a pathological config or context.
const regexes = new Map<string, RegExp | null>();
const foldedRegexes = new Map<string, RegExp | null>();
const versions = new Map<string, string>();
export const paths = new Map<string, string[]>();

export function memo<T>(cache: Map<string, T>, key: string, make: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size > 255) cache.clear();
    cache.set(key, (value = make(key)));
  }
  return value;
}

// A missing path reads as null. `in` walks the prototype chain like GrowthBook's lookup does, so `tags.length`
// reads an array's length while a string's `name.length` reads null. The split parts are cached: read only.
export const get = (o: unknown, path: string): unknown =>
  memo(paths, path, (p) => p.split(".")).reduce<unknown>(
    (x, k) => (x && typeof x == "object" && k in x ? (x as Record<string, unknown>)[k] : null),
    o,
  );

// An operator object has at least one key and only `$` keys; any other object or array is a literal.
export const isOps = (c: unknown): c is Record<string, unknown> => {
  const keys = Object.keys(c as object); // throws on null, as GrowthBook's does
  return keys.length > 0 && keys.every((k) => k[0] == "$");
};
