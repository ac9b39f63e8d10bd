import { describe, expect, it } from "vitest";
import { REGEX_INPUT_MAX } from "../../contract/conditions";
import { REGEX_STEP_BUDGET, regexCost, regexProblem } from "../../worker/conditions/regex-safety";

// The estimate's properties, not its numbers: timings belong to `npm run bench` (section regex).
const steps = (src: string, foldCase = false) => regexCost(src, foldCase).steps;

describe("the regex cost estimate", () => {
  it("grows with every bounded repeat of the same characters added in a row", () => {
    const costs = [1, 2, 3, 4, 5].map((k) => steps(`${"\\d{0,99}".repeat(k)}x`));
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeGreaterThan(costs[i - 1]! * 10);
  });

  it("grows with a repeat's upper bound, up to the input bound", () => {
    const costs = [2, 9, 99, 400].map((m) => steps(`^\\d{0,${m}}\\d{0,${m}}x`));
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeGreaterThan(costs[i - 1]!);
    expect(steps(`^\\d{0,${REGEX_INPUT_MAX * 4}}\\d{0,${REGEX_INPUT_MAX * 4}}x`)).toBe(
      steps(`^\\d{0,${REGEX_INPUT_MAX}}\\d{0,${REGEX_INPUT_MAX}}x`),
    );
  });

  it("is lower anchored than unanchored", () => {
    for (const p of ["\\d+x", "[a-z]*-\\d+", "a.*b"]) expect(steps(`^${p}`)).toBeLessThan(steps(p));
  });

  it("multiplies repeats only when they can match the same characters", () => {
    expect(steps("^\\d{0,99}\\d{0,99}\\d{0,99}x")).toBeGreaterThan(1000 * steps("^\\d{0,99}[a-z]\\d{0,99}[a-z]\\d{0,99}x"));
    expect(steps("^\\d{0,99}-\\d{0,99}-\\d{0,99}x")).toBeLessThan(steps("^\\d{0,99}0\\d{0,99}0\\d{0,99}x"));
    // Optional items between do not separate them; case folding can join them.
    expect(steps("^\\d{0,99}a?\\d{0,99}a?\\d{0,99}x")).toBeGreaterThan(steps("^\\d{0,99}a\\d{0,99}a\\d{0,99}x"));
    expect(steps("^[a-z]{0,99}[A-Z]{1,99}!", true)).toBeGreaterThan(steps("^[a-z]{0,99}[A-Z]{1,99}!"));
  });

  it("adds alternatives that can start alike, and takes the largest of those that cannot", () => {
    expect(steps("^(?:a\\d{0,50}|a\\d{0,50})\\d{0,50}x")).toBeGreaterThan(steps("^(?:a\\d{0,50}|b\\d{0,50})\\d{0,50}x"));
  });

  it("never decreases when an item is appended before a failing end", () => {
    const atoms = ["a", "\\d", "[a-z]*", "\\w{0,20}", ".*", "(ab)?", "(x|y)"];
    for (const a of atoms) for (const b of atoms) expect(steps(`^${a}${b}!`), `${a}${b}`).toBeGreaterThanOrEqual(steps(`^${a}!`) - 1);
  });
});

describe("regexProblem", () => {
  it("refuses the issue's pattern and says what to change", () => {
    const problem = regexProblem("\\d{0,99}\\d{0,99}\\d{0,99}\\d{0,99}\\d{0,99}x", false)!;
    expect(problem).toContain("can match the same characters one after another");
    expect(problem).toContain(`Facet allows ${REGEX_STEP_BUDGET.toLocaleString("en-US")}`);
    expect(problem).toContain("smaller bounds");
  });

  it("accepts the patterns marketers write", () => {
    for (const p of [
      "^/blog/",
      "^https://(www\\.)?acme\\.com/pricing",
      "\\.(pdf|docx)$",
      "^/(en|de|fr)/",
      "[?&]utm_source=google",
      "^\\d{5}$",
    ]) {
      expect(regexProblem(p, false), p).toBeNull();
      expect(regexProblem(p, true), p).toBeNull();
    }
  });
});
