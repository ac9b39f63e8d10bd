// snippet/decide.ts: which segments match and which segment's variant wins each experience on this page.
import { afterEach, describe, expect, it, vi } from "vitest";
import { REGEX_INPUT_MAX } from "../../contract/conditions";
import { decide, onPage, pathsOf } from "../../snippet/decide";
import { compilePagePattern } from "../../worker/pages/pattern";
import { withPaths } from "../../worker/pages/paths";
import type { PublishedConfig } from "../../worker/schemas/published";

const at = (path: string) => new URL(path, "https://shop.example");

// Page patterns as the Worker publishes them: compiled to anchored regexes (worker/pages/pattern.ts).
const on = (patterns: string[], path: string) => onPage(patterns.map(compilePagePattern), at(path));

describe("onPage with compiled page patterns (the same in every browser)", () => {
  it.each([
    ["no patterns: every page", [], "/anything/at/all", true],
    ["/ is the home page", ["/"], "/", true],
    ["/ is only the home page", ["/"], "/pricing", false],
    ["exact path", ["/pricing"], "/pricing", true],
    ["the query string is not part of the path", ["/pricing"], "/pricing?plan=pro#faq", true],
    ["no trailing slash added", ["/pricing"], "/pricing/", false],
    ["no prefix match", ["/pricing"], "/pricing-old", false],
    ["no suffix match", ["/pricing"], "/en/pricing", false],
    ["case-sensitive", ["/pricing"], "/Pricing", false],
    ["wildcard: one level", ["/blog/*"], "/blog/post", true],
    ["wildcard: deeper", ["/blog/*"], "/blog/2024/05/post", true],
    ["wildcard: empty rest", ["/blog/*"], "/blog/", true],
    ["wildcard needs the slash", ["/blog/*"], "/blog", false],
    ["wildcard is not a prefix of another word", ["/blog/*"], "/blogs/post", false],
    ["wildcard in the middle", ["/*/edit"], "/posts/edit", true],
    ["wildcard in the middle, other end", ["/*/edit"], "/posts/view", false],
    ["* alone: every page", ["*"], "/x/y", true],
    ["a dot is a literal dot", ["/a.html"], "/a.html", true],
    ["a dot is not any character", ["/a.html"], "/aXhtml", false],
    ["several patterns: any one", ["/pricing", "/blog/*"], "/blog/post", true],
    ["several patterns: none", ["/pricing", "/blog/*"], "/about", false],
    // What the old `*`-only fallback got wrong in browsers without URLPattern:
    ["a parameter matches one segment", ["/blog/:slug"], "/blog/hello", true],
    ["a parameter does not cross a slash", ["/blog/:slug"], "/blog/a/b", false],
    ["a parameter is not empty", ["/blog/:slug"], "/blog/", false],
    ["alternatives", ["/(en|de)/pricing"], "/de/pricing", true],
    ["alternatives: others are not", ["/(en|de)/pricing"], "/fr/pricing", false],
    ["an optional group: without", ["/pricing{/}?"], "/pricing", true],
    ["an optional group: with", ["/pricing{/}?"], "/pricing/", true],
    ["an optional parameter takes its slash along", ["/blog/:slug?"], "/blog", true],
  ])("%s", (_name, patterns, path, expected) => {
    expect(on(patterns, path)).toBe(expected);
  });

  afterEach(() => vi.unstubAllGlobals());

  it("does not use URLPattern, so browsers with and without it agree", () => {
    vi.stubGlobal(
      "URLPattern",
      class {
        constructor() {
          throw new Error("not used");
        }
      },
    );
    expect(on(["/blog/:slug"], "/blog/x")).toBe(true);
  });

  it("a path longer than the regex input bound matches no pattern (each regex's cost is bounded on that length)", () => {
    const long = `/blog/${"a".repeat(REGEX_INPUT_MAX)}`;
    expect(on(["/blog/*"], long)).toBe(false);
    expect(on(["/blog/*"], long.slice(0, REGEX_INPUT_MAX))).toBe(true);
    expect(onPage([], at(long))).toBe(true);
  });

  it("a source that is not a regex is no match and does not throw; the next is still tried", () => {
    expect(onPage(["^(", "^/pricing$"], at("/pricing"))).toBe(true);
    expect(onPage(["^("], at("/("))).toBe(false);
  });

  it("a config cached before compiled patterns existed: its patterns match no page, no patterns every page", () => {
    expect(onPage(pathsOf({ pages: ["/pricing"] }), at("/pricing"))).toBe(false);
    expect(onPage(pathsOf({ pages: [] }), at("/pricing"))).toBe(true);
  });
});

describe("decide", () => {
  const config: PublishedConfig = withPaths({
    v: 7,
    site: "shop",
    timeout: 1000,
    topics: [],
    segments: [
      { id: "returning", condition: { "visit.isReturning": true } },
      { id: "pro", condition: { "page.query.plan": "pro" } },
      { id: "uk", condition: { "server.f1": true } },
      { id: "everyone", condition: {} },
    ],
    experiences: [
      { id: "hero", pages: ["/"], slots: ["#hero", "#cta"], segments: ["uk", "returning", "everyone"] },
      // Same segments, other priority order: the experience's own list decides, not the config's segment order.
      { id: "footer", pages: ["/"], slots: ["footer"], segments: ["returning", "uk"] },
      { id: "pricing", pages: ["/pricing"], slots: [".price"], segments: ["pro", "everyone"] },
      { id: "banner", pages: [], slots: ["#banner"], segments: ["returning"] },
      { id: "blog", pages: ["/blog/*"], slots: ["aside"], segments: ["uk"] },
    ],
  });

  type Ctx = { returning?: boolean; plan?: string; server?: Record<string, boolean> };
  const context = ({ returning = false, plan, server }: Ctx): Record<string, unknown> => ({
    visit: { isReturning: returning },
    page: { query: plan ? { plan } : {} },
    ...(server ? { server } : {}),
  });
  const slotsOf = Object.fromEntries(config.experiences.map((e) => [e.id, e.slots]));

  it.each<[string, Ctx, string, string[], Record<string, string>]>([
    ["a new visitor on the home page sees the catch-all", {}, "/", ["everyone"], { hero: "everyone" }],
    [
      "a returning visitor: returning beats everyone",
      { returning: true },
      "/",
      ["returning", "everyone"],
      { hero: "returning", footer: "returning", banner: "returning" },
    ],
    [
      "a returning UK visitor: the first segment in each experience's list wins",
      { returning: true, server: { f1: true } },
      "/",
      ["returning", "uk", "everyone"],
      { hero: "uk", footer: "returning", banner: "returning" },
    ],
    ["a UK visitor on a blog post", { server: { f1: true } }, "/blog/post", ["uk", "everyone"], { blog: "uk" }],
    [
      "experiences on other pages are skipped",
      { returning: true, server: { f1: true } },
      "/pricing",
      ["returning", "uk", "everyone"],
      { pricing: "everyone", banner: "returning" },
    ],
    ["a pro visitor on pricing", { plan: "pro" }, "/pricing", ["pro", "everyone"], { pricing: "pro" }],
    // "pro" matches, but no experience on / has a variant for it: no winner from it there.
    ["a matched segment without a variant here wins nothing", { plan: "pro" }, "/", ["pro", "everyone"], { hero: "everyone" }],
    ["banner (no pages) runs on any page", { returning: true }, "/some/deep/page", ["returning", "everyone"], { banner: "returning" }],
    ["a false server reference does not match", { server: { f1: false } }, "/blog/post", ["everyone"], {}],
    ["no server results: server references do not match", {}, "/blog/post", ["everyone"], {}],
    ["another reference's result does not count", { server: { f2: true } }, "/blog/post", ["everyone"], {}],
  ])("%s", (_name, ctx, path, matched, winners) => {
    const [matchedNow, winnersNow] = decide(config, context(ctx), at(path), 0);
    expect(matchedNow).toEqual(matched);
    expect(winnersNow).toEqual(
      Object.entries(winners).map(([experience, segment]) => ({ experience, segment, slots: slotsOf[experience] })),
    );
  });

  it("no segments match: no winners", () => {
    const none: PublishedConfig = { ...config, segments: config.segments.filter((s) => s.id !== "everyone") };
    expect(decide(none, context({}), at("/"), 0)).toEqual([[], []]);
  });

  it("an experience whose segments are not in the config never wins", () => {
    const orphan: PublishedConfig = { ...config, experiences: [{ id: "x", pages: [], slots: ["p"], segments: ["gone"] }] };
    expect(decide(orphan, context({ returning: true }), at("/"), 0)[1]).toEqual([]);
  });
});

describe("decide with a schedule (from inclusive, until exclusive, epoch ms)", () => {
  const FROM = Date.parse("2026-12-01T09:00:00Z");
  const UNTIL = Date.parse("2026-12-24T00:00:00Z");
  const scheduled = (from?: number, until?: number): PublishedConfig => ({
    v: 1,
    site: "shop",
    timeout: 1000,
    topics: [],
    segments: [{ id: "everyone", condition: {} }],
    experiences: [
      { id: "sale", pages: [], paths: [], slots: ["h1"], segments: ["everyone"], ...(from ? { from } : {}), ...(until ? { until } : {}) },
    ],
  });
  const wins = (config: PublishedConfig, now: number) => decide(config, {}, at("/"), now)[1].map((w) => w.experience);

  it.each([
    ["before from: skipped", FROM - 1, []],
    ["at from: shown", FROM, ["sale"]],
    ["inside: shown", FROM + 1000, ["sale"]],
    ["just before until: shown", UNTIL - 1, ["sale"]],
    ["at until: skipped", UNTIL, []],
    ["after until: skipped", UNTIL + 1000, []],
  ])("%s", (_name, now, expected) => {
    expect(wins(scheduled(FROM, UNTIL), now)).toEqual(expected);
  });

  it("one bound only, or none: the other side is unbounded", () => {
    expect(wins(scheduled(FROM), UNTIL + 1e9)).toEqual(["sale"]);
    expect(wins(scheduled(FROM), FROM - 1)).toEqual([]);
    expect(wins(scheduled(undefined, UNTIL), 0)).toEqual(["sale"]);
    expect(wins(scheduled(undefined, UNTIL), UNTIL)).toEqual([]);
    expect(wins(scheduled(), 0)).toEqual(["sale"]);
  });
});
