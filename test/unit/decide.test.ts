// snippet/decide.ts: which segments match and which segment's variant wins each experience on this page.
import { afterEach, describe, expect, it, vi } from "vitest";
import { decide, onPage } from "../../snippet/decide";
import type { PublishedConfig } from "../../worker/schemas/published";

const at = (path: string) => new URL(path, "https://shop.example");

describe("onPage without URLPattern (Node 20: the `*` wildcard fallback)", () => {
  it("runs where there is no global URLPattern", () => {
    expect(typeof (globalThis as { URLPattern?: unknown }).URLPattern).toBe("undefined");
  });

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
  ])("%s", (_name, patterns, path, expected) => {
    expect(onPage(patterns, at(path))).toBe(expected);
  });
});

describe("onPage with URLPattern (browsers, Workers)", () => {
  // A stand-in that records how onPage calls it and answers what the test says: enough to show that onPage
  // delegates to URLPattern when it exists and survives a pattern URLPattern rejects.
  const calls: { init: unknown; input: unknown }[] = [];
  class FakeURLPattern {
    static answer = false;
    constructor(readonly init: { pathname: string }) {
      if (init.pathname.includes("(")) throw new TypeError("invalid pattern");
    }
    test(input: string) {
      calls.push({ init: this.init, input });
      return FakeURLPattern.answer;
    }
  }
  afterEach(() => {
    vi.unstubAllGlobals();
    calls.length = 0;
  });

  it("asks URLPattern with the pathname pattern and the full URL", () => {
    vi.stubGlobal("URLPattern", FakeURLPattern);
    FakeURLPattern.answer = true;
    expect(onPage(["/pricing"], at("/pricing?plan=pro"))).toBe(true);
    expect(calls).toEqual([{ init: { pathname: "/pricing" }, input: "https://shop.example/pricing?plan=pro" }]);
  });

  it("URLPattern's answer wins over the wildcard fallback", () => {
    vi.stubGlobal("URLPattern", FakeURLPattern);
    FakeURLPattern.answer = false;
    // The fallback would match "*" everywhere.
    expect(onPage(["*"], at("/x"))).toBe(false);
  });

  it("a pattern URLPattern rejects is no match and does not throw; the next pattern is still tried", () => {
    vi.stubGlobal("URLPattern", FakeURLPattern);
    FakeURLPattern.answer = true;
    expect(onPage(["/bad(", "/pricing"], at("/pricing"))).toBe(true);
    expect(calls.map((c) => c.init)).toEqual([{ pathname: "/pricing" }]);
    expect(onPage(["/bad("], at("/bad("))).toBe(false);
  });

  it("an empty pattern list is every page without asking URLPattern", () => {
    vi.stubGlobal("URLPattern", FakeURLPattern);
    FakeURLPattern.answer = false;
    expect(onPage([], at("/x"))).toBe(true);
    expect(calls).toEqual([]);
  });
});

describe("decide", () => {
  const config: PublishedConfig = {
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
  };

  type Ctx = { returning?: boolean; plan?: string; server?: Record<string, boolean> };
  const context = ({ returning = false, plan, server }: Ctx): Record<string, unknown> => ({
    visit: { isReturning: returning },
    page: { query: plan ? { plan } : {} },
    ...(server ? { server } : {}),
  });
  const slotsOf = Object.fromEntries(config.experiences.map((e) => [e.id, e.slots]));

  it.each<[string, Ctx, string, string[], Record<string, string>]>([
    ["a new visitor on the home page sees the catch-all", {}, "/", ["everyone"], { hero: "everyone" }],
    ["a returning visitor: returning beats everyone", { returning: true }, "/", ["returning", "everyone"], { hero: "returning", footer: "returning", banner: "returning" }],
    [
      "a returning UK visitor: the first segment in each experience's list wins",
      { returning: true, server: { f1: true } },
      "/",
      ["returning", "uk", "everyone"],
      { hero: "uk", footer: "returning", banner: "returning" },
    ],
    ["a UK visitor on a blog post", { server: { f1: true } }, "/blog/post", ["uk", "everyone"], { blog: "uk" }],
    ["experiences on other pages are skipped", { returning: true, server: { f1: true } }, "/pricing", ["returning", "uk", "everyone"], { pricing: "everyone", banner: "returning" }],
    ["a pro visitor on pricing", { plan: "pro" }, "/pricing", ["pro", "everyone"], { pricing: "pro" }],
    // "pro" matches, but no experience on / has a variant for it: no winner from it there.
    ["a matched segment without a variant here wins nothing", { plan: "pro" }, "/", ["pro", "everyone"], { hero: "everyone" }],
    ["banner (no pages) runs on any page", { returning: true }, "/some/deep/page", ["returning", "everyone"], { banner: "returning" }],
    ["a false server reference does not match", { server: { f1: false } }, "/blog/post", ["everyone"], {}],
    ["no server results: server references do not match", {}, "/blog/post", ["everyone"], {}],
    ["another reference's result does not count", { server: { f2: true } }, "/blog/post", ["everyone"], {}],
  ])("%s", (_name, ctx, path, matched, winners) => {
    const result = decide(config, context(ctx), at(path));
    expect(result.matched).toEqual(matched);
    expect(result.winners).toEqual(
      Object.entries(winners).map(([experience, segment]) => ({ experience, segment, slots: slotsOf[experience] })),
    );
  });

  it("no segments match: no winners", () => {
    const none: PublishedConfig = { ...config, segments: config.segments.filter((s) => s.id !== "everyone") };
    expect(decide(none, context({}), at("/"))).toEqual({ matched: [], winners: [] });
  });

  it("an experience whose segments are not in the config never wins", () => {
    const orphan: PublishedConfig = { ...config, experiences: [{ id: "x", pages: [], slots: ["p"], segments: ["gone"] }] };
    expect(decide(orphan, context({ returning: true }), at("/")).winners).toEqual([]);
  });
});
