// The operator table is the language's one list: each operator in it has an example that matches, so the
// evaluator must implement it; an operator missing from the table is unknown, so false.
import { describe, expect, it } from "vitest";
import { evalCondition } from "../../contract/conditions";
import { FIELD_OPERATORS, LOGICAL_LISTS } from "../../contract/operators";
import { conditionProblems } from "../../worker/conditions/validate";

/** For each field operator: an argument and an attribute value it matches, and one it does not. */
const EXAMPLES: Record<string, [arg: unknown, yes: unknown, no: unknown]> = {
  $eq: ["a", "a", "b"],
  $ne: ["a", "b", "a"],
  $gt: [5, 6, 5],
  $gte: [5, 5, 4],
  $lt: [5, 4, 5],
  $lte: [5, 5, 6],
  $veq: ["1.2.3", "v1.2.3", "1.2.4"],
  $vne: ["1.2.3", "1.2.4", "1.2.3"],
  $vgt: ["1.2.3", "1.10.0", "1.2.3"],
  $vgte: ["1.2.3", "1.2.3", "1.2.2"],
  $vlt: ["1.2.3", "1.2.3-beta", "1.2.3"],
  $vlte: ["1.2.3", "1.2.3", "1.2.4"],
  $in: [["a", "b"], "b", "c"],
  $nin: [["a", "b"], "c", "a"],
  $all: [["a", "b"], ["b", "a", "c"], ["a"]],
  $ini: [["A"], "a", "b"],
  $nini: [["A"], "b", "a"],
  $alli: [["A"], ["a"], ["b"]],
  $exists: [true, 0, undefined],
  $type: ["array", [], "x"],
  $regex: ["^/blog", "/blog/x", "/BLOG"],
  $regexi: ["^/blog", "/BLOG", "/news"],
  $size: [2, [1, 2], [1]],
  $elemMatch: [{ $gt: 5 }, [1, 6], [1, 2]],
  $not: [{ $eq: "a" }, "b", "a"],
};

describe("operator table", () => {
  it("has an example for every field operator, and no example for an operator it lacks", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(FIELD_OPERATORS).sort());
  });

  for (const [op, [arg, yes, no]] of Object.entries(EXAMPLES)) {
    it(`the evaluator implements ${op}`, () => {
      expect(evalCondition({ x: yes }, { x: { [op]: arg } })).toBe(true);
      expect(evalCondition({ x: no }, { x: { [op]: arg } })).toBe(false);
    });
  }

  it("logical lists combine conditions", () => {
    const results = LOGICAL_LISTS.map((op) => evalCondition({ a: 1 }, { [op]: [{ a: 1 }, { a: 2 }] }));
    expect(results).toEqual([false, true, false]); // $and, $or, $nor
  });

  it("an operator outside the table is unknown, so false", () => {
    expect(evalCondition({ x: 1 }, { x: { $inGroup: "g" } })).toBe(false);
    expect(evalCondition({ x: 1 }, { x: { $where: "1" } })).toBe(false);
  });

  // The Worker's validator reads the same table: what the evaluator implements, a saved segment may use.
  it("the validator accepts every operator of the table with its example argument, and refuses one outside it", () => {
    for (const [op, [arg]] of Object.entries(EXAMPLES)) expect(conditionProblems({ x: { [op]: arg } }), op).toEqual([]);
    expect(conditionProblems({ x: { $where: "1" } })).toEqual([{ path: "x.$where", message: "unknown operator $where" }]);
  });
});
