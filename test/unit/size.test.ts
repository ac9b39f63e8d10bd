// The snippet's bytes are a budget (SPEC §9): at most 7 KB gzipped (the aim stays 6 KB), checked on every
// test run against the build that visitors download.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { expect, it } from "vitest";

const BUDGET = 7168;

it(`dist/facet.js is at most ${BUDGET} bytes gzipped`, () => {
  const js = readFileSync("dist/facet.js");
  const gz = gzipSync(js, { level: 9 }).length;
  expect(gz).toBeGreaterThan(500); // a real build, not an empty file
  expect(gz).toBeLessThanOrEqual(BUDGET);
});

it("the Worker serves exactly that build (its static asset copy, worker/http/snippet-asset.ts)", () => {
  expect(readFileSync("dist/assets/_facet/facet.js", "utf8")).toBe(readFileSync("dist/facet.js", "utf8"));
});

it("uses no eval or new Function (CSP-friendly)", () => {
  const js = readFileSync("dist/facet.js", "utf8");
  expect(js).not.toMatch(/\beval\(|new Function\(/);
});
