/**
 * Segment conditions: the MongoDB-style targeting language of GrowthBook's SDKs, evaluated with exactly the
 * semantics of `evalCondition` in @growthbook/growthbook 1.8.0, quirks included (SPEC §3), so a condition written
 * for one works unchanged in the other. test/unit/conditions.test.ts checks this against the real package.
 * Deliberate differences (the table marks each row): saved groups are not part of Facet, so `$inGroup`,
 * `$notInGroup` and a top-level `$savedGroup` are unknown operators, false (GrowthBook, given no groups, makes
 * `$notInGroup` true); where GrowthBook throws (a null condition, `$or: null`, `$elemMatch: null`…) the condition
 * is false, so the snippet never throws into the page; nothing logs (GrowthBook logs each unknown operator);
 * `$regex` with a non-string pattern is false (GrowthBook's answer depends on which patterns it compiled before).
 */
import { get, isIn, isOps, regex, typeName, ver } from "./compare";

export { REGEX_INPUT_MAX } from "./compare";

export type Condition = Record<string, unknown>;

type Obj = Record<string, unknown>;
export const evalCondition = (context: Record<string, unknown>, condition: Condition): boolean => {
  // The inner functions throw exactly where GrowthBook does; one catch here turns all of those into false.
  try {
    return matches(context, condition);
  } catch {
    return false;
  }
};

// Every key must hold: a logical operator, else a dotted path whose value must satisfy the key's value.
// Object.keys lists what GrowthBook's Object.entries does (own keys, same order), so even a string or array used
// as a condition behaves the same, and null/undefined throw as they would there.
const matches = (ctx: unknown, cond: unknown): boolean =>
  Object.keys(cond as Obj).every((k) => {
    const v = (cond as Obj)[k];
    return k == "$or"
      ? anyOf(ctx, v)
      : k == "$nor"
        ? !anyOf(ctx, v)
        : k == "$and"
          ? anyOf(ctx, v, true)
          : k == "$not"
            ? !matches(ctx, v)
            : k != "$savedGroup" && test(v, get(ctx, k));
  });

// $or is true when its list is empty, as in GrowthBook. The lists are read as array-likes with indexed loops,
// as GrowthBook does: `.length` of null throws like its code, and a number or object (no length) is empty.
// With `all` ($and): whether every entry matches (an empty list too); else whether one does.
function anyOf(ctx: unknown, list: unknown, all?: boolean): boolean {
  const l = list as ArrayLike<unknown>;
  for (let i = 0; i < l.length; i++) if (matches(ctx, l[i]) == !all) return !all;
  return all || !l.length;
}

// One attribute value against a condition value. Literals coerce the attribute (`25` matches "25", a missing
// attribute even matches "null" and 0); objects and arrays compare as JSON, so key order matters, as in
// GrowthBook. `fold` (from $alli only) compares a literal string case-insensitively. An operator object holds
// when each of its operators does, read in GrowthBook's order (its own keys, as Object.entries lists them).
const test = (c: unknown, v: unknown, fold?: boolean): boolean =>
  typeof c == "string"
    ? fold
      ? String(v).toLowerCase() == c.toLowerCase()
      : v + "" == c
    : typeof c == "number"
      ? +(v as number) === c
      : typeof c == "boolean"
        ? v !== null && !!v == c
        : c === null
          ? v === null
          : !isOps(c)
            ? JSON.stringify(v) === JSON.stringify(c)
            : Object.keys(c).every((op) => operator(op, v, c[op]));

const operator = (op: string, v: unknown, x: unknown): boolean =>
  // $veq…$vgte: the relational operator on both sides' padded version strings (=== and == agree on strings).
  /^\$v([lg]te?|eq|ne)$/.test(op)
    ? operator(op.replace("v", ""), ver(v), ver(x))
    : // An unknown operator (including $inGroup/$notInGroup, see the header) is false. An operator's name starts
      // with "$" (isOps), which no Object.prototype member's does.
      !!OPERATORS[op]?.(v, x);

// $all/$alli: every listed condition matches some element. Spread, so holes are visited as undefined, like
// GrowthBook's indexed loops (every and some alone would skip them).
const allIn = (v: unknown, x: unknown, fold?: boolean) =>
  Array.isArray(x) && Array.isArray(v) && [...x].every((c) => [...v].some((e) => test(c, e, fold)));

// The field operators (contract/operators.ts lists them). Relational operators use JavaScript's own coercions
// (null < 5 is true, "a" < 5 is false), as GrowthBook does. Declared after allIn, which it holds.
const OPERATORS: Record<string, (v: unknown, x: unknown) => boolean> = {
  $eq: (v, x) => v === x,
  $ne: (v, x) => v !== x,
  $lt: (v, x) => (v as number) < (x as number),
  $lte: (v, x) => (v as number) <= (x as number),
  $gt: (v, x) => (v as number) > (x as number),
  $gte: (v, x) => (v as number) >= (x as number),
  $exists: (v, x) => (v != null) == !!x,
  $in: (v, x) => Array.isArray(x) && isIn(v, x),
  $nin: (v, x) => Array.isArray(x) && !isIn(v, x),
  $ini: (v, x) => Array.isArray(x) && isIn(v, x, true),
  $nini: (v, x) => Array.isArray(x) && !isIn(v, x, true),
  $all: allIn,
  $alli: (v, x) => allIn(v, x, true),
  $not: (v, x) => !test(x, v),
  $size: (v, x) => Array.isArray(v) && test(x, v.length),
  $type: (v, x) => typeName(v) === x,
  $regex: regex,
  $regexi: (v, x) => regex(v, x, true),
  // Decided once, before the loop, so `$elemMatch: null` throws even on an empty array, as in GrowthBook
  // (not when the attribute is no array). `some` skips holes: they are undefined, skipped all the same.
  $elemMatch: (v, x) => {
    const ops = Array.isArray(v) && isOps(x);
    return Array.isArray(v) && v.some((e) => e != null && (ops ? test(x, e) : matches(e, x)));
  },
};
