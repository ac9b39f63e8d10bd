import { describe, expect, it } from "vitest";
import { conditionProblems } from "../../worker/conditions/validate";
import { ApiError } from "../../worker/http/errors";
import { parse } from "../../worker/http/validate";
import { condition } from "../../worker/schemas/common";
import { segmentInput } from "../../worker/schemas/segment";
import { conditionCases } from "./conditions.cases";

// Nested $not around a field condition: `levels` objects deep counting the root (and the field's value, a literal).
function nestedNots(levels: number): Record<string, unknown> {
  let c: Record<string, unknown> = { x: 1 };
  for (let i = 1; i < levels; i++) c = { $not: c };
  return c;
}
const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
const SAFE =
  "Facet allows only a safe subset: no backreferences, lookaround, nested quantifiers or repeated alternatives, and a bounded worst case on 512 characters";

const good: [name: string, condition: Record<string, unknown>][] = [
  ["the empty condition", {}],
  ["a boolean literal", { "visit.isReturning": true }],
  ["a number literal", { seats: 25 }],
  ["a string literal on a server attribute", { "geo.country": "DE" }],
  ["a null literal", { "visit.referrer": null }],
  ["a literal array", { tags: ["a", "b", 3] }],
  ["a literal object without $ keys", { x: { a: 1, b: [1, { c: null }] } }],
  ["an empty literal object", { x: {} }],
  ["$eq and $ne with scalars", { a: { $eq: "x" }, b: { $ne: null }, c: { $eq: false } }],
  ["a numeric range", { age: { $gte: 18, $lt: 65 } }],
  ["$gt and $lte with text", { d: { $gt: "2024-01-01", $lte: "2024-12-31" } }],
  ["$in and $nin", { c: { $in: ["US", "CA", 1, true, null] }, d: { $nin: [] } }],
  ["$ini and $nini", { c: { $ini: ["us"] }, d: { $nini: ["fr"] } }],
  ["$all and $alli", { tags: { $all: ["a", "b"] }, labels: { $alli: ["PRO"] } }],
  ["$exists true and false", { a: { $exists: true }, b: { $exists: false } }],
  [
    "$type with every name GrowthBook supports",
    Object.fromEntries(["string", "number", "boolean", "object", "array", "null", "undefined", "unknown"].map((t) => [t, { $type: t }])),
  ],
  ["$size as a whole number", { tags: { $size: 2 }, empty: { $size: 0 } }],
  ["$size with operators", { tags: { $size: { $gte: 1, $lte: 3 } } }],
  ["$size with $not of an operator", { tags: { $size: { $not: { $eq: 0 } } } }],
  ["$elemMatch with operators", { n: { $elemMatch: { $gt: 5, $lt: 10 } } }],
  ["$elemMatch on the items' fields", { items: { $elemMatch: { sku: "A", qty: { $gt: 1 } } } }],
  ["$elemMatch on fields with $or beside a path", { items: { $elemMatch: { k: 1, $or: [{ a: 1 }, { b: 2 }] } } }],
  ["$elemMatch on a nested field path", { items: { $elemMatch: { "p.id": 7 } } }],
  ["$regex anchored path", { "page.path": { $regex: "^/blog/" } }],
  ["$regex alternation, not repeated", { s: { $regex: "^(?:foo|bar)-\\d+$" } }],
  ["$regex two unbounded repeats that match different characters", { "page.url": { $regex: "utm_source=[^&]*&.*campaign" } }],
  ["$regex two overlapping unbounded repeats, anchored", { "page.url": { $regex: "^https://[^?]*\\?.*utm_source=" } }],
  ["$regexi email domain", { email: { $regexi: "^[a-z.]+@acme\\.com$" } }],
  ["$regexi with a leading unbounded repeat", { email: { $regexi: "[a-z]+@acme\\.com$" } }],
  ["$regex marketer: blog prefix", { "page.path": { $regex: "^/blog/" } }],
  ["$regex marketer: optional www", { "page.url": { $regex: "^https://(www\\.)?acme\\.com/pricing" } }],
  ["$regex marketer: file types", { "page.path": { $regex: "\\.(pdf|docx)$" } }],
  ["$regex marketer: languages", { "page.path": { $regex: "^/(en|de|fr)/" } }],
  ["$regex marketer: query parameter", { "page.url": { $regex: "[?&]utm_source=google" } }],
  ["$regexi marketer: zip code", { "traits.zip": { $regexi: "^\\d{5}$" } }],
  ["$regex bounded repeats that match different characters", { s: { $regex: "^[a-z]{0,99}-\\d{0,99}-[A-Z]{0,99}$" } }],
  ["$regex repeated group without an inner repeat", { s: { $regex: "^(ab)+$" } }],
  ["$regex optional group holding a repeat (repeats at most once)", { "page.path": { $regex: "^/blog(/.*)?$" } }],
  ["$regex group repeated {1} or {0,1}", { s: { $regex: "(a+){1}(b*){0,1}" } }],
  ["$regex + and ( inside a class are literal", { s: { $regex: "[(a+)]+" } }],
  ["$regex escaped parentheses are not a group", { s: { $regex: "\\(a+\\)+" } }],
  ["$regex counted repeat of a digit class", { "page.path": { $regex: "^/products/\\d{3,5}$" } }],
  ["$regex named group without a backreference", { s: { $regex: "^/(?<slug>[a-z-]+)/?$" } }],
  ["$regex escaped digit in a class is not a backreference", { s: { $regex: "[\\1-\\3]" } }],
  ["$regex \\0 is not a backreference", { s: { $regex: "a\\0" } }],
  ["$regex a literal brace", { s: { $regex: "a{b}" } }],
  ["$regex the empty pattern", { s: { $regex: "" } }],
  ["$regex of exactly 200 characters", { s: { $regex: "a".repeat(200) } }],
  ["field-level $not of an operator", { "page.path": { $not: { $regex: "^/admin" } } }],
  ["field-level $not of a literal", { plan: { $not: "free" } }],
  ["field-level $not of $in", { c: { $not: { $in: ["US"] } } }],
  ["version operators", { v: { $vgte: "1.2.3", $vlt: "v2.0.0-beta.1" }, w: { $veq: "1.2.3+build.5" } }],
  ["every other version operator", { v: { $vne: "1.0", $vgt: "0.9.9", $vlte: "3" } }],
  [
    "$and, $or and $nor nested",
    {
      $and: [{ $or: [{ "geo.country": "DE" }, { "company.size": { $gte: 50 } }] }, { $nor: [{ "visit.count": 1 }] }],
    },
  ],
  ["top-level $not of $or", { $not: { $or: [{ a: 1 }, { b: { $in: [1, 2] } }] } }],
  ["paths beside logical operators", { $or: [{ a: 1 }, { b: 1 }], c: "x" }],
  ["nesting of exactly 10 levels", nestedNots(10)],
  ["exactly 200 keys", manyKeys(200)],
  ["a $in list of 1000 items", { x: { $in: Array.from({ length: 1000 }, (_, i) => i) } }],
  ["text of exactly 1000 characters", { x: "a".repeat(1000) }],
];

// [name, condition, the path of its one problem, a fragment of the message]
const bad: [name: string, condition: unknown, path: string, message: string][] = [
  ["a list", [{ a: 1 }], "(condition)", "must be a JSON object"],
  ["text", "geo.country == DE", "(condition)", "must be a JSON object"],
  ["null", null, "(condition)", "must be a JSON object"],
  ["nesting of 11 levels", nestedNots(11), "$not.$not.$not.$not.$not.$not.$not.$not.$not.$not", "nested more than 10 levels"],
  ["201 keys", manyKeys(201), "(condition)", "more than 200 keys"],
  ["a server.* path", { "server.f1": true }, "server.f1", "reserved"],
  ["the server path itself", { server: 1 }, "server", "reserved"],
  ["a server.* path inside $or", { $or: [{ "visit.count": 2 }, { "server.f1": true }] }, "$or.1.server.f1", "reserved"],
  ["a server.* path inside $not", { $not: { "server.x": true } }, "$not.server.x", "reserved"],
  ["an empty $and", { $and: [] }, "$and", "non-empty list"],
  ["$or given an object", { $or: { a: 1 } }, "$or", "non-empty list"],
  ["$nor holding a number", { $nor: [{ a: 1 }, 5] }, "$nor.1", "condition object"],
  ["$and holding null", { $and: [null] }, "$and.0", "condition object"],
  ["top-level $not of a list", { $not: [{ a: 1 }] }, "$not", "$not needs a condition object"],
  ["top-level $not of null", { $not: null }, "$not", "$not needs a condition object"],
  ["mixed $ and plain keys", { x: { $eq: 1, a: 1 } }, "x", "mixes operators ($eq) with plain keys (a)"],
  ["an operator inside a literal", { x: { a: { $gt: 1 } } }, "x.a", "cannot hold operators ($gt)"],
  ["an operator inside a literal list", { x: [1, { $in: [1] }] }, "x.1", "cannot hold operators ($in)"],
  ["a typo'd operator", { x: { $equals: 1 } }, "x.$equals", "unknown operator $equals"],
  ["$inGroup", { id: { $inGroup: "beta" } }, "id.$inGroup", "unknown operator $inGroup"],
  ["$notInGroup", { id: { $notInGroup: "beta" } }, "id.$notInGroup", "unknown operator $notInGroup"],
  ["top-level $savedGroup", { $savedGroup: { id: "beta" } }, "$savedGroup", "unknown operator $savedGroup"],
  ["an unknown top-level $ key", { $foo: null }, "$foo", "unknown operator $foo"],
  ["a field operator at the top level", { $gt: 5 }, "$gt", "must sit under a field"],
  ["$or under a field", { x: { $or: [{ $eq: 1 }] } }, "x.$or", "unknown operator $or"],
  ["an empty path", { "": 1 }, "", "empty part"],
  ["a path with an empty part", { "a..b": 1 }, "a..b", "empty part"],
  ["$in given text", { x: { $in: "a" } }, "x.$in", "$in needs a list"],
  ["$nini given null", { x: { $nini: null } }, "x.$nini", "$nini needs a list"],
  ["$in holding an object", { x: { $in: ["a", { a: 1 }] } }, "x.$in.1", "items must be"],
  ["$alli holding a list", { x: { $alli: [["a"]] } }, "x.$alli.0", "items must be"],
  ["$all holding operators (GrowthBook allows it; Facet keeps lists flat)", { n: { $all: [{ $gt: 5 }] } }, "n.$all.0", "items must be"],
  ["a list of 1001 items", { x: { $nin: Array.from({ length: 1001 }, (_, i) => i) } }, "x.$nin", "1001 items"],
  ["$gt given true", { x: { $gt: true } }, "x.$gt", "a number or text"],
  ["$lte given null", { x: { $lte: null } }, "x.$lte", "a number or text"],
  ["$eq given an object", { x: { $eq: { a: 1 } } }, "x.$eq", "a single value"],
  ["$ne given a list", { x: { $ne: [1] } }, "x.$ne", "a single value"],
  ["$exists given text", { x: { $exists: "true" } }, "x.$exists", "true or false"],
  ["$exists given 0", { x: { $exists: 0 } }, "x.$exists", "true or false"],
  ["$type integer", { x: { $type: "integer" } }, "x.$type", "one of string, number"],
  ["$type bigint", { x: { $type: "bigint" } }, "x.$type", "one of"],
  ["$size negative", { x: { $size: -1 } }, "x.$size", "whole number"],
  ["$size fractional", { x: { $size: 1.5 } }, "x.$size", "whole number"],
  ["$size given text", { x: { $size: "2" } }, "x.$size", "whole number"],
  ["$size given a plain object", { x: { $size: { a: 1 } } }, "x.$size", "whole number"],
  ["$size with an unknown operator", { x: { $size: { $gtt: 1 } } }, "x.$size.$gtt", "unknown operator $gtt"],
  ["$elemMatch given a number", { n: { $elemMatch: 5 } }, "n.$elemMatch", "$elemMatch needs"],
  ["$elemMatch given null", { n: { $elemMatch: null } }, "n.$elemMatch", "$elemMatch needs"],
  ["$elemMatch given {}", { n: { $elemMatch: {} } }, "n.$elemMatch", "$elemMatch needs"],
  [
    "$elemMatch fields with a bad operator",
    { items: { $elemMatch: { sku: "A", qty: { $gtt: 1 } } } },
    "items.$elemMatch.qty.$gtt",
    "unknown operator",
  ],
  [
    "$elemMatch of only $or (an operator there)",
    { items: { $elemMatch: { $or: [{ a: 1 }] } } },
    "items.$elemMatch.$or",
    "unknown operator $or",
  ],
  [
    "$elemMatch fields beside a field operator",
    { items: { $elemMatch: { a: 1, $gt: 1 } } },
    "items.$elemMatch.$gt",
    "must sit under a field",
  ],
  ["field-level $not mixing keys", { x: { $not: { $eq: 1, a: 1 } } }, "x.$not", "mixes operators"],
  ["field-level $not of an unsafe regex", { x: { $not: { $regex: "(a+)+$" } } }, "x.$not.$regex", "nested quantifiers"],
  ["a version as a number", { v: { $vgt: 2 } }, "v.$vgt", "a version as text"],
  ["an empty version", { v: { $veq: "" } }, "v.$veq", "a version as text"],
  ["a version of 65 characters", { v: { $vlt: "1".repeat(65) } }, "v.$vlt", "at most 64"],
  ["a version with a space", { v: { $vgte: "1.2 beta" } }, "v.$vgte", "a version as text"],
  ["a version with a capital V", { v: { $vlte: "V1.2.3" } }, "v.$vlte", "a version as text"],
  ["a regex given a number", { n: { $regex: 123 } }, "n.$regex", "regex must be text"],
  ["a regex of 201 characters", { s: { $regex: "a".repeat(201) } }, "s.$regex", "201 characters"],
  ["an invalid regex", { s: { $regex: "(" } }, "s.$regex", "regex is not valid"],
  ["an invalid $regexi", { s: { $regexi: "[a-" } }, "s.$regexi", "regex is not valid"],
  ["a backreference", { s: { $regex: "(a)\\1" } }, "s.$regex", `regex uses a backreference (\\1); ${SAFE}`],
  ["a backreference \\9", { s: { $regexi: "(a)(b)(c)(d)(e)(f)(g)(h)(i)\\9" } }, "s.$regexi", "backreference (\\9)"],
  ["a named backreference", { s: { $regex: "(?<n>a)\\k<n>" } }, "s.$regex", "backreference (\\k<…>)"],
  ["a lookahead", { s: { $regex: "^(?=.*pro)" } }, "s.$regex", "lookaround ((?=…)"],
  ["a negative lookahead", { s: { $regex: "^(?!/admin)" } }, "s.$regex", "lookaround ((?!…)"],
  ["a lookbehind", { s: { $regex: "(?<=/blog/)x" } }, "s.$regex", "lookaround ((?<=…)"],
  ["a negative lookbehind", { s: { $regex: "(?<!a)b" } }, "s.$regex", "lookaround ((?<!…)"],
  ["(a+)+", { s: { $regex: "^(a+)+$" } }, "s.$regex", "repeats (a+), a group that itself repeats"],
  ["repeated overlapping alternatives (a|aa)+", { s: { $regex: "(a|aa)+b" } }, "s.$regex", "repeats (a|aa), a group of alternatives"],
  ["repeated alternatives (?:foo|bar)+", { s: { $regex: "(?:foo|bar)+" } }, "s.$regex", "a group of alternatives"],
  [
    "three unbounded repeats",
    { "page.url": { $regex: "utm_source=.*(google|bing).*&.*campaign" } },
    "page.url.$regex",
    "could freeze the visitor's page",
  ],
  [
    "bounded repeats of the same characters in a row (the issue's two-minute freeze)",
    { "page.url": { $regex: "\\d{0,99}\\d{0,99}\\d{0,99}\\d{0,99}\\d{0,99}x" } },
    "page.url.$regex",
    "\\d{0,99}, \\d{0,99}, \\d{0,99}, \\d{0,99}, \\d{0,99} can match the same characters one after another",
  ],
  [
    "bounded repeats joined by a character they match",
    { s: { $regex: "\\d{0,99}0\\d{0,99}0\\d{0,99}0\\d{0,99}x" } },
    "s.$regex",
    "can match the same characters",
  ],
  [
    "bounded repeats joined by optional items",
    { s: { $regex: "\\d{0,60}-?\\d{0,60}-?\\d{0,60}x" } },
    "s.$regex",
    "can match the same characters",
  ],
  [
    "two overlapping unbounded repeats, unanchored",
    { "page.url": { $regex: "utm_source=.*&.*campaign" } },
    "page.url.$regex",
    "[^&]* instead of .*",
  ],
  [
    "overlapping repeats under $regexi only (case folds)",
    { s: { $regexi: "^[a-z]{0,200}[A-Z]{0,200}[a-z]{0,200}!" } },
    "s.$regexi",
    "can match the same characters",
  ],
  [
    "a repeated group holding alternatives two groups down",
    { s: { $regex: "((a|a))+" } },
    "s.$regex",
    "repeats ((a|a)), a group that itself repeats or holds alternatives",
  ],
  ["$not of a costly $regexi", { s: { $not: { $regexi: "\\w{0,99}\\w{0,99}\\w{0,99}!" } } }, "s.$not.$regexi", "could freeze"],
  ["a costly regex in $elemMatch", { tags: { $elemMatch: { $regex: ".*a.*a.*a!" } } }, "tags.$elemMatch.$regex", "could freeze"],
  ["(a*)*", { s: { $regex: "(a*)*" } }, "s.$regex", "repeats (a*)"],
  ["(\\w+\\s?)*", { s: { $regex: "^(\\w+\\s?)*$" } }, "s.$regex", "repeats (\\w+\\s?)"],
  ["([a-z]+)*", { s: { $regex: "([a-z]+)*" } }, "s.$regex", "repeats ([a-z]+)"],
  ["(a{2,})+", { s: { $regex: "(a{2,})+" } }, "s.$regex", "repeats (a{2,})"],
  ["(?:a+?)+ lazy inside", { s: { $regex: "(?:a+?)+" } }, "s.$regex", "repeats (?:a+?)"],
  ["(a+){2} counted outside", { s: { $regex: "(a+){2}" } }, "s.$regex", "nested quantifiers"],
  ["a repeat two groups down", { s: { $regex: "((ab)+c)*" } }, "s.$regex", "repeats ((ab)+c)"],
  ["a nested quantifier in $and", { $and: [{ a: 1 }, { "geo.country": { $regex: "(a+)+" } }] }, "$and.1.geo.country.$regex", SAFE],
  ["text over 1000 characters", { x: { $in: ["a".repeat(1001)] } }, "x.$in.0", "1001 characters long"],
  ["undefined (from code, not JSON)", { x: undefined }, "x", "not a JSON value"],
  ["NaN (from code, not JSON)", { x: Number.NaN }, "x", "not a JSON number"],
  ["a Date (from code, not JSON)", { x: new Date(0) }, "x", "not a plain object"],
];

describe("conditionProblems", () => {
  it.each(good)("accepts %s", (_, c) => {
    expect(conditionProblems(c)).toEqual([]);
  });

  it.each(bad)("refuses %s", (_, c, path, message) => {
    const problems = conditionProblems(c);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0]!.message).toContain(message);
  });

  it("reports every problem, each at its own path, up to max", () => {
    const c = { a: { $foo: 1 }, $or: [], b: { $regex: "(?=x)" }, "server.x": 1 };
    expect(conditionProblems(c).map((p) => p.path)).toEqual(["a.$foo", "$or", "b.$regex", "server.x"]);
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, { $nope: i }]));
    expect(conditionProblems(many)).toHaveLength(20);
    expect(conditionProblems(many, 3).map((p) => p.path)).toEqual(["f0.$nope", "f1.$nope", "f2.$nope"]);
  });

  it("stays bounded on a deep or shared structure built in code", () => {
    let deep: Record<string, unknown> = { x: 1 };
    for (let i = 0; i < 100_000; i++) deep = { $not: deep };
    expect(conditionProblems(deep)).toHaveLength(1);
    const row = Array(1000).fill(1);
    let wide: unknown[] = row;
    for (let i = 0; i < 8; i++) wide = Array(1000).fill(wide); // 1000^9 values by reference
    expect(conditionProblems({ x: wide })).toEqual([{ path: "(condition)", message: expect.stringContaining("too large") }]);
  });

  it("never crashes on the evaluator's conformance conditions (it may refuse them)", () => {
    const objects = conditionCases.filter(([, c]) => typeof c == "object" && c !== null && !Array.isArray(c));
    expect(objects.length).toBeGreaterThan(200);
    for (const [name, c] of objects) {
      const problems = conditionProblems(c);
      expect(Array.isArray(problems), name).toBe(true);
      for (const p of problems) expect(p, name).toEqual({ path: expect.any(String), message: expect.any(String) });
    }
  });
});

describe("the condition schema", () => {
  /** The `fields` of the Worker's 400 for a segment with this condition. */
  function fields(c: unknown): Record<string, string> | undefined {
    try {
      parse(segmentInput, { name: "x", condition: c }, "body");
    } catch (e) {
      if (e instanceof ApiError) return e.fields;
      throw e;
    }
    return undefined;
  }

  it("gives one issue per problem, at the problem's path", () => {
    const result = condition.safeParse({ $and: [{ "traits.a": 1 }, { "geo.country": { $regex: "(a+)+" } }], $or: [] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path)).toEqual([["$and", 1, "geo", "country", "$regex"], ["$or"]]);
  });

  it("names the offending path in the Worker's 400", () => {
    expect(fields({ $and: [{ "traits.a": 1 }, { "geo.country": { $regex: "\\1(a)" } }] })).toEqual({
      "condition.$and.1.geo.country.$regex": expect.stringContaining("backreference"),
    });
    expect(Object.keys(fields({ "server.f1": true }) ?? {})).toEqual(["condition.server.f1"]);
    expect(Object.keys(fields({ "traits.x": { $inGroup: "beta" } }) ?? {})).toEqual(["condition.traits.x.$inGroup"]);
    expect(fields({ "geo.country": { $in: ["DE", "AT"] }, "visit.count": { $gte: 2 } })).toBeUndefined();
  });

  it("names paths outside the attribute catalog, after the language's own problems", () => {
    expect(fields({ x: { $inGroup: "beta" }, "Geo.country": "DE" })).toEqual({
      "condition.x.$inGroup": expect.stringContaining("saved groups"),
      "condition.x": expect.stringContaining('unknown attribute "x"'),
      "condition.Geo.country": expect.stringContaining('did you mean "geo.country"'),
    });
  });

  it("answers the whole condition for one that is not an object or over 20,000 characters", () => {
    expect(Object.keys(fields([{ a: 1 }]) ?? {})).toEqual(["condition"]);
    const big = { "page.path": { $in: Array(3000).fill("/pricing") } };
    expect(fields(big)).toEqual({ condition: "condition is larger than 20,000 characters" });
  });
});
