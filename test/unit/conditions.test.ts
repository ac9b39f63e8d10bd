import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { evalCondition as growthbookEval } from "@growthbook/growthbook";
import { buildSync } from "esbuild";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Condition, evalCondition } from "../../contract/conditions";
import { conditionCases, type ConditionCase } from "./conditions.cases";

type Context = Record<string, unknown>;
type GrowthBookCondition = Parameters<typeof growthbookEval>[1];

/** GrowthBook's answer, or "throws" (Facet answers false there). Its console.error on unknown operators is muted. */
function growthbook(condition: unknown, context: Context): boolean | "throws" {
  const mute = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return growthbookEval(context, condition as GrowthBookCondition);
  } catch {
    return "throws";
  } finally {
    mute.mockRestore();
  }
}

const facet = (condition: unknown, context: Context) => evalCondition(context, condition as Condition);

describe("evalCondition: conformance table", () => {
  it("has a row for every case name once", () => {
    const names = conditionCases.map((row) => row[0]);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(120);
  });

  it.each(conditionCases)("%s", (...row) => {
    const [, condition, context, expected] = row as unknown as ConditionCase;
    expect(facet(condition, context)).toBe(expected);
  });
});

describe("evalCondition: same answers as @growthbook/growthbook 1.8.0", () => {
  it.each(conditionCases)("GrowthBook: %s", (...row) => {
    const [, condition, context, expected, differs] = row as unknown as ConditionCase;
    expect(growthbook(condition, context)).toBe(differs ?? expected);
  });

  it("agrees on 4,000 random conditions × contexts", () => {
    const random = mulberry32(0xfacade);
    const mismatches: string[] = [];
    let throwing = 0;
    for (let i = 0; i < 4000; i++) {
      const condition = genCondition(random, 0, PATHS);
      const context = genContext(random);
      const theirs = growthbook(condition, context);
      if (theirs === "throws") throwing++;
      const ours = facet(condition, context);
      if (ours !== (theirs === "throws" ? false : theirs)) {
        mismatches.push(`#${i} facet=${ours} growthbook=${theirs}\n  condition ${show(condition)}\n  context   ${show(context)}`);
      }
    }
    expect(mismatches.slice(0, 10).join("\n")).toBe("");
    // The generator must reach GrowthBook's error paths too, but rarely.
    expect(throwing).toBeGreaterThan(0);
    expect(throwing).toBeLessThan(400);
  });
});

describe("evalCondition: never logs, never throws", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("never calls console on invalid regexes, unknown operators or anything else in the table", () => {
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    const noisy = conditionCases.filter(([name]) => /invalid regex|unknown/i.test(name));
    expect(noisy.length).toBeGreaterThanOrEqual(6);
    for (const [, condition, context] of [...noisy, ...conditionCases]) facet(condition, context);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it("never throws on malformed conditions or contexts", () => {
    const weird: unknown[] = [null, undefined, 0, "", "x", [], [null], true, () => 1, Symbol("s"), BigInt(1)];
    const shapes = (w: unknown): unknown[] => [
      w,
      { x: w },
      { x: { $eq: w, $in: w, $all: w, $elemMatch: w, $size: w, $not: w, $regex: w, $vgt: w } },
      { $or: w },
      { $and: w },
      { $nor: w },
      { $not: w },
      { $or: [w] },
      { "x.y": { $type: w } },
    ];
    const contexts: unknown[] = [null, undefined, {}, { x: Symbol("s") }, { x: BigInt(2) }, { x: Object.create(null) }];
    for (const w of weird) {
      for (const condition of shapes(w)) {
        for (const context of contexts) expect(() => facet(condition, context as Context)).not.toThrow();
      }
    }
  });
});

describe("evalCondition: minified build", () => {
  let minified: typeof evalCondition;
  beforeAll(async () => {
    const entry = fileURLToPath(new URL("../../contract/conditions.ts", import.meta.url));
    const built = buildSync({ entryPoints: [entry], bundle: true, minify: true, format: "esm", write: false });
    const file = join(mkdtempSync(join(tmpdir(), "facet-conditions-")), "conditions.min.mjs");
    writeFileSync(file, built.outputFiles[0]?.text ?? "");
    minified = ((await import(pathToFileURL(file).href)) as { evalCondition: typeof evalCondition }).evalCondition;
  });

  it("answers the whole table like the source", () => {
    for (const [name, condition, context, expected] of conditionCases) {
      expect(minified(context, condition as Condition), name).toBe(expected);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Random conditions and contexts from a small vocabulary, so that paths hit and values collide often.

type Random = () => number;

// mulberry32: a tiny seeded PRNG, so a failure replays exactly.
function mulberry32(seed: number): Random {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const listOf = <T>(r: Random, max: number, gen: () => T): T[] => Array.from({ length: Math.floor(r() * (max + 1)) }, gen);

const SCALARS = [null, 0, 1, 5, -1, 2.5, 25, "25", "5", "a", "A", "b", "ab", "", "null", "true", "1,2", true, false];
const VERSIONS = [
  "1.2.3",
  "v1.2.3",
  "1.2.3-beta",
  "1.2.3-alpha.1",
  "1.2.3-beta.2",
  "1.2.3-beta.11",
  "1.10.0",
  "1.9.0",
  "1.2.3+build.7",
  "1.2",
  "1.2.3.4",
  "2",
  "",
  "v",
  "0.0.0",
  "10.0.0-rc.1",
  "1.2.3-1",
];
// String patterns only; non-string operands come from NON_STRING_PATTERNS, whose string forms ("42", "true",
// "null", "[object Object]") must never appear here (GrowthBook's regex cache is keyed by that string form).
const PATTERNS = [
  "^a",
  "a",
  "(",
  "^[ab]+$",
  "\\d",
  "^1\\.2",
  "A",
  "[",
  "ll",
  "constructor",
  "toString",
  "^$",
  "/",
  "b$",
  "^/p/",
  "1,2",
  "^v?1",
  "(a|b",
  "a{2}",
];
const NON_STRING_PATTERNS = [42, true, null, { a: 1 }];
const TYPES = ["string", "number", "boolean", "array", "object", "null", "undefined", "unknown", "integer"];
const PATHS = ["a", "b", "n", "s", "v", "arr", "nums", "obj", "obj.x", "obj.y", "obj.x.z", "items", "arr.length", "missing"];
const ITEM_PATHS = ["x", "y", "x.z", "missing"];

function genScalarOrList(r: Random): unknown {
  const k = r();
  if (k < 0.7) return pick(r, SCALARS);
  if (k < 0.85) return listOf(r, 3, () => pick(r, SCALARS));
  return { x: pick(r, SCALARS), ...(r() < 0.5 ? { y: pick(r, SCALARS) } : {}) };
}

function genContext(r: Random): Context {
  const ctx: Context = {};
  const maybe = (key: string, gen: () => unknown) => {
    if (r() < 0.8) ctx[key] = gen();
  };
  maybe("a", () => genScalarOrList(r));
  maybe("b", () => genScalarOrList(r));
  maybe("n", () => pick(r, [0, 1, 5, 25, -1, 2.5, "5", "25", null, true]));
  maybe("s", () => pick(r, ["a", "A", "ab", "Acme", "", "null", "1,2", "/p/x", "constructor", "aa"]));
  maybe("v", () => (r() < 0.9 ? pick(r, VERSIONS) : pick(r, [2, null, 1.5])));
  maybe("arr", () => listOf(r, 3, () => pick(r, SCALARS)));
  maybe("nums", () => listOf(r, 3, () => pick(r, [0, 1, 2, 5, 25, null])));
  maybe("obj", () => (r() < 0.8 ? { x: genScalarOrList(r), y: pick(r, SCALARS) } : pick(r, [null, "obj", []])));
  maybe("items", () => listOf(r, 3, () => (r() < 0.8 ? { x: pick(r, SCALARS), y: pick(r, SCALARS) } : pick(r, [null, 0, "x"]))));
  return ctx;
}

function genCondition(r: Random, depth: number, paths: readonly string[]): unknown {
  if (r() < 0.005) return pick(r, [null, 5, "a", []]); // malformed sub-condition
  const cond: Record<string, unknown> = {};
  // Mostly one key: every extra key is an AND, which would push most answers to false and hide the others.
  const k = r();
  const keys = k < 0.65 ? 1 : k < 0.92 ? 2 : 3;
  for (let i = 0; i < keys; i++) {
    if (depth < 3 && r() < 0.25) {
      const op = pick(r, ["$and", "$or", "$nor", "$not"]);
      cond[op] =
        op === "$not"
          ? genCondition(r, depth + 1, paths)
          : r() < 0.01
            ? pick(r, [null, 3, {}])
            : listOf(r, 3, () => genCondition(r, depth + 1, paths));
    } else {
      cond[pick(r, paths)] = genValue(r, depth + 1);
    }
  }
  return cond;
}

function genValue(r: Random, depth: number): unknown {
  if (depth > 4 || r() < 0.3) return genScalarOrList(r);
  const ops: Record<string, unknown> = {};
  const count = r() < 0.8 ? 1 : 2;
  for (let i = 0; i < count; i++) {
    const op = r() < 0.03 ? pick(r, ["$foo", "$or"]) : pick(r, OPERATORS); // rarely an unknown operator
    ops[op] = genOperand(r, op, depth);
  }
  return ops;
}

const OPERATORS = [
  "$eq",
  "$ne",
  "$gt",
  "$gte",
  "$lt",
  "$lte",
  "$in",
  "$nin",
  "$ini",
  "$nini",
  "$all",
  "$alli",
  "$elemMatch",
  "$size",
  "$exists",
  "$type",
  "$regex",
  "$regexi",
  "$not",
  "$veq",
  "$vne",
  "$vgt",
  "$vgte",
  "$vlt",
  "$vlte",
];

function genOperand(r: Random, op: string, depth: number): unknown {
  switch (op) {
    case "$in":
    case "$nin":
    case "$ini":
    case "$nini":
      return r() < 0.9 ? listOf(r, 3, () => pick(r, SCALARS)) : pick(r, SCALARS);
    case "$all":
    case "$alli":
      return r() < 0.9 ? listOf(r, 2, () => genValue(r, depth + 1)) : pick(r, SCALARS);
    case "$elemMatch": {
      const k = r();
      if (k < 0.45) return genValue(r, depth + 1);
      if (k < 0.9) return genCondition(r, depth + 1, ITEM_PATHS);
      return pick(r, [5, "x", null, []]);
    }
    case "$size":
      return r() < 0.6 ? Math.floor(r() * 4) : genValue(r, depth + 1);
    case "$exists":
      return pick(r, [true, false, 0, 1, "x", null]);
    case "$type":
      return pick(r, TYPES);
    case "$regex":
    case "$regexi":
      return r() < 0.9 ? pick(r, PATTERNS) : pick(r, NON_STRING_PATTERNS);
    case "$not":
      return genValue(r, depth + 1);
    case "$veq":
    case "$vne":
    case "$vgt":
    case "$vgte":
    case "$vlt":
    case "$vlte":
      return r() < 0.9 ? pick(r, VERSIONS) : pick(r, [1, null, []]);
    case "$or":
      return [genValue(r, depth + 1)];
    default:
      return r() < 0.15 ? pick(r, VERSIONS) : pick(r, SCALARS);
  }
}

const show = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (v === undefined ? "<undefined>" : typeof v === "bigint" ? `${v}n` : v));

describe("evalCondition: bounded regex input (SPEC §3)", () => {
  it("tests only the first 512 characters of a string, so a crafted long value can't stall a page", () => {
    const long = `${"a".repeat(600)}X`;
    expect(evalCondition({ u: long }, { u: { $regex: "X" } })).toBe(false);
    expect(evalCondition({ u: long }, { u: { $regex: "^a{512}$" } })).toBe(true);
    expect(evalCondition({ u: "short X" }, { u: { $regex: "X" } })).toBe(true);
  });
});
