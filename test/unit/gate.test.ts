// worker/visitor/gate.ts: may a segment's content be served, knowing only the signed server results?
// Browser attributes are unknown to the Worker, so only the server results may rule a segment out.
import { describe, expect, it } from "vitest";
import { evalCondition, type Condition } from "../../contract/conditions";
import { mayMatch } from "../../worker/visitor/gate";
import { mulberry32, pick } from "./prng";

const f1 = { "server.f1": true };
const f2 = { "server.f2": true };
const client = { "visit.count": { $gt: 3 } };

describe("mayMatch", () => {
  it.each<[string, Condition, string[], boolean]>([
    ["the empty condition", {}, [], true],
    ["only client attributes", client, [], true],
    ["only client attributes, whatever the references", { "visit.isReturning": true, "page.path": "/" }, ["f1"], true],
    ["a true reference", f1, ["f1"], true],
    ["a false reference", f1, [], false],
    ["another reference being true does not help", f1, ["f2"], false],
    ["a false reference beside client attributes", { ...client, ...f1 }, [], false],
    ["a true reference beside client attributes", { ...client, ...f1 }, ["f1"], true],

    ["$and: all references true", { $and: [f1, f2] }, ["f1", "f2"], true],
    ["$and: one reference false", { $and: [f1, f2] }, ["f1"], false],
    ["$and: a true reference and a client attribute", { $and: [f1, client] }, ["f1"], true],
    ["$and: a false reference and a client attribute", { $and: [f1, client] }, [], false],
    ["$and: empty", { $and: [] }, [], true],

    ["$or: one reference true", { $or: [f1, f2] }, ["f2"], true],
    ["$or: all references false", { $or: [f1, f2] }, [], false],
    ["$or: a false reference or a client attribute", { $or: [f1, client] }, [], true],
    ["$or: empty (true, as in GrowthBook)", { $or: [] }, [], true],
    ["$or: all false, beside a client attribute", { $or: [f1, f2], ...client }, [], false],

    ["$nor: a true reference", { $nor: [f1] }, ["f1"], false],
    ["$nor: a false reference", { $nor: [f1] }, [], true],
    ["$nor: a client attribute", { $nor: [client] }, [], true],
    ["$nor: a false reference and a client attribute", { $nor: [f1, client] }, [], true],
    ["$nor: a true reference and a client attribute", { $nor: [f1, client] }, ["f1"], false],
    ["$nor: empty (never true)", { $nor: [] }, [], false],

    ["$not: a true reference", { $not: f1 }, ["f1"], false],
    ["$not: a false reference", { $not: f1 }, [], true],
    ["$not: a client attribute", { $not: client }, [], true],
    ["$not $and: a true reference and a client attribute", { $not: { $and: [f1, client] } }, ["f1"], true],
    ["$not $or: a true reference or a client attribute", { $not: { $or: [f1, client] } }, ["f1"], false],
    ["$not $not: a false reference", { $not: { $not: f1 } }, [], false],

    ["nested: ($or f1 client) and not f2, f2 true", { $or: [f1, client], $not: f2 }, ["f2"], false],
    ["nested: ($or f1 client) and not f2, nothing true", { $or: [f1, client], $not: f2 }, [], true],
    ["nested: $and of $or, one $or impossible", { $and: [{ $or: [f1, client] }, { $or: [f2] }] }, ["f1"], false],
  ])("%s", (_name, condition, trueRefs, expected) => {
    expect(mayMatch(condition, new Set(trueRefs))).toBe(expected);
  });
});

// Soundness: if some values of the browser's attributes make the whole condition true, content must not be
// refused. Exactness: a condition of server references only gets the evaluator's own answer.
describe("mayMatch against the evaluator, on generated conditions", () => {
  const clientLeaves: Condition[] = [{ a: true }, { a: false }, { b: true }, { b: false }];
  const serverLeaves: Condition[] = [f1, f2, { "server.f3": true }];
  const refSets = [[], ["f1"], ["f2"], ["f1", "f2"], ["f1", "f3"], ["f1", "f2", "f3"]];
  const assignments = [true, false].flatMap((a) => [true, false].map((b) => ({ a, b })));
  const results = (refs: string[]) => Object.fromEntries(["f1", "f2", "f3"].map((r) => [r, refs.includes(r)]));

  function generator(seed: number, leaves: Condition[]) {
    const r = mulberry32(seed);
    const gen = (depth: number): Condition => {
      const k = r();
      if (depth >= 3 || k < 0.35) return pick(r, leaves);
      const list = () => Array.from({ length: Math.floor(r() * 4) }, () => gen(depth + 1));
      if (k < 0.5) return { $and: list() };
      if (k < 0.65) return { $or: list() };
      if (k < 0.8) return { $nor: list() };
      if (k < 0.9) return { $not: gen(depth + 1) };
      return { ...pick(r, leaves), $or: list() };
    };
    return () => gen(0);
  }

  it("is sound: never refuses a condition the browser's attributes could still make true", () => {
    const next = generator(0x6a7e, [...clientLeaves, ...serverLeaves, { ...f1, a: true }]);
    const unsound: string[] = [];
    let refused = 0;
    let possible = 0;
    for (let i = 0; i < 1500; i++) {
      const condition = next();
      for (const refs of refSets) {
        const canBeTrue = assignments.some((attrs) => evalCondition({ ...attrs, server: results(refs) }, condition));
        const may = mayMatch(condition, new Set(refs));
        if (canBeTrue && !may) unsound.push(`${JSON.stringify(condition)} with [${refs}]`);
        if (!may) refused++;
        if (canBeTrue) possible++;
      }
    }
    expect(unsound.slice(0, 5)).toEqual([]);
    // Not vacuous: the cases include both outcomes in quantity.
    expect(refused).toBeGreaterThan(1000);
    expect(possible).toBeGreaterThan(1000);
  });

  it("is exact when the condition has server references only", () => {
    const next = generator(0xe6ac7, serverLeaves);
    const wrong: string[] = [];
    for (let i = 0; i < 1500; i++) {
      const condition = next();
      for (const refs of refSets) {
        if (mayMatch(condition, new Set(refs)) !== evalCondition({ server: results(refs) }, condition))
          wrong.push(`${JSON.stringify(condition)} with [${refs}]`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
