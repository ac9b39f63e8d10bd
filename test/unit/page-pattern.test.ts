// worker/pages: the page pattern subset, its compilation to anchored regexes, and old snapshots compiled on read.
import { describe, expect, it } from "vitest";
import { regexCost, REGEX_STEP_BUDGET } from "../../worker/conditions/regex-safety";
import { NO_PAGE, compilePages, withPaths } from "../../worker/pages/paths";
import { compilePagePattern, pagePatternProblem } from "../../worker/pages/pattern";
import type { PublishedConfig } from "../../worker/schemas/published";
import { experienceInput } from "../../worker/schemas/experience";
import { PAGE_PATTERN_CASES } from "./page-pattern.cases";

describe("compilePagePattern", () => {
  it.each(PAGE_PATTERN_CASES)("%s", (pattern, yes, no) => {
    const re = new RegExp(compilePagePattern(pattern));
    for (const p of yes) expect(re.test(p), p).toBe(true);
    for (const p of no) expect(re.test(p), p).toBe(false);
  });

  it("compiles to anchored sources within the regex cost bound", () => {
    for (const [pattern] of PAGE_PATTERN_CASES) {
      const source = compilePagePattern(pattern);
      expect(source).toMatch(/^\^.*\$$/);
      expect(regexCost(source, false).steps).toBeLessThanOrEqual(REGEX_STEP_BUDGET);
    }
  });
});

describe("pagePatternProblem", () => {
  it.each([
    ["blog", "must start with"],
    ["/x?", `"?" may only follow a parameter`],
    ["/x+", "write \\+ for a plus sign"],
    ["/:a+", "only ? may follow"],
    ["/:a*", "only ? may follow"],
    ["/(a.b)", "only list words"],
    ["/(\\d+)", "only list words"],
    ["/(en|)", "only list words"],
    ["/:a/:a", ":a is used twice"],
    ["/{}", "an empty group"],
    ["/{:a?}", "put ? after the }"],
    ["/{:a:b}", "only one :name"],
    ["/{{a}}", "cannot be nested"],
    ["/{a", "never closed"],
    ["/a b", `" " is not allowed`],
    ["/é", `"é" is not allowed`],
    ["/x#y", `"#" is not allowed`],
    ["/a/../b", `"." or ".."`],
    ["/./b", `"." or ".."`],
    ["/a/%2e%2E/b", `"." or ".."`],
    ["/%zz", "%20"],
    ["/\\d", "may only escape"],
    [":", "must start with"],
    ["/:", "parameter name"],
    ["/*/*/*/*", "could freeze the visitor's page"],
    ["/:a:b:c", "could freeze the visitor's page"],
    [`/${"a".repeat(300)}`, "at most 300"],
  ])("refuses %s", (pattern, message) => {
    expect(pagePatternProblem(pattern)).toContain(message);
  });

  it("answers a save with a 400-ready issue naming the pattern", () => {
    const result = experienceInput.safeParse({
      name: "x",
      pages: ["/ok", "/blog/:slug+"],
      variants: [{ segment: "s", changes: [{ type: "text", selector: "h1", text: "x" }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.filter((i) => i.path[0] == "pages").map((i) => [i.path, i.message])).toEqual([
      [["pages", 1], expect.stringContaining("only ? may follow a parameter")],
    ]);
  });
});

describe("compilePages and withPaths (snapshots published before compiled patterns)", () => {
  it("a stored pattern outside the subset matches no page", () => {
    expect(compilePages(["/ok", "/bad+"])).toEqual(["^\\/ok$", NO_PAGE]);
    expect(new RegExp(NO_PAGE).test("/bad+")).toBe(false);
  });

  it("fills in compiled patterns an old config lacks and keeps those it has", () => {
    const old = {
      v: 1,
      site: "s",
      timeout: 1000,
      segments: [],
      topics: [{ topic: "t", pages: ["/blog/*"] }],
      experiences: [
        { id: "e", pages: ["/p"], slots: [], segments: [] },
        { id: "f", pages: ["/q"], paths: ["^x$"], slots: [], segments: [] },
      ],
    } as PublishedConfig;
    const config = withPaths(old);
    expect(config.topics[0]!.paths).toEqual(["^\\/blog(?:\\/.*)$"]);
    expect(config.experiences.map((e) => e.paths)).toEqual([["^\\/p$"], ["^x$"]]);
  });
});
