// snippet/profile.ts: `touch` records one page view in the device-only profile. Pure, so tested with tables.
import { describe, expect, it } from "vitest";
import { SESSION_GAP_MS, touch, type Profile } from "../../snippet/profile";
import { deepFreeze } from "./prng";

const T0 = Date.UTC(2024, 4, 1, 9, 0, 0);
const MIN = 60_000;
const page = (pathAndQuery: string) => new URL(pathAndQuery, "https://shop.example");

/** A visitor first seen at T0 on /home from google, last seen at `lastSeen`. */
function returning(lastSeen: number, extra: Partial<Profile> = {}): Profile {
  return {
    id: "visitor-1",
    visits: 3,
    pageviews: 12,
    firstSeen: T0 - 10 * 86_400_000,
    lastSeen,
    prevSeen: T0 - 2 * 86_400_000,
    visitStart: lastSeen - 5 * MIN,
    landingPage: "/home",
    referrer: "https://google.com/",
    pages: ["/home", "/pricing"],
    events: { signup: { count: 1, last: lastSeen } },
    traits: { plan: "pro" },
    ...extra,
  };
}

describe("touch: a new visitor", () => {
  it("starts visit 1, page view 1, on the landing page", () => {
    const p = touch(undefined, T0, page("/pricing?x=1"), "");
    expect(p).toMatchObject({
      visits: 1,
      pageviews: 1,
      firstSeen: T0,
      lastSeen: T0,
      visitStart: T0,
      landingPage: "/pricing",
      referrer: "",
      pages: ["/pricing"],
      events: {},
      traits: {},
    });
    expect(p.prevSeen).toBeUndefined();
    expect(p.utmFirst).toBeUndefined();
    expect(p.utmLast).toBeUndefined();
  });

  it("gets a random id that differs between visitors", () => {
    const ids = Array.from({ length: 20 }, () => touch(undefined, T0, page("/"), "").id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ["an external referrer is kept", "https://www.google.com/search?q=shoes", "https://www.google.com/search?q=shoes"],
    ["another site on another port is external", "https://shop.example:8443/x", "https://shop.example:8443/x"],
    ["internal navigation (same host) is no referrer", "https://shop.example/home", ""],
    ["no referrer", "", ""],
    ["an invalid referrer is ignored", "not a url", ""],
    ["a relative referrer is ignored", "/home", ""],
  ])("%s", (_name, referrer, expected) => {
    expect(touch(undefined, T0, page("/"), referrer).referrer).toBe(expected);
  });
});

describe("touch: the 30-minute visit boundary", () => {
  it("uses a 30-minute gap", () => {
    expect(SESSION_GAP_MS).toBe(30 * MIN);
  });

  it.each([
    ["1 ms later", 1],
    ["10 minutes later", 10 * MIN],
    ["exactly 30 minutes later", 30 * MIN],
  ])("%s continues the visit", (_name, gap) => {
    const old = returning(T0);
    const p = touch(old, T0 + gap, page("/blog/post"), "https://news.example/");
    expect(p.visits).toBe(3);
    expect(p.pageviews).toBe(13);
    expect(p.prevSeen).toBe(old.prevSeen);
    expect(p.visitStart).toBe(old.visitStart);
    // The visit was started from /home by google: a later page or referrer does not change that.
    expect(p.landingPage).toBe("/home");
    expect(p.referrer).toBe("https://google.com/");
    expect(p.lastSeen).toBe(T0 + gap);
    expect(p.firstSeen).toBe(old.firstSeen);
    expect(p.id).toBe("visitor-1");
  });

  it.each([
    ["30 minutes and 1 ms later", 30 * MIN + 1, "https://news.example/", "https://news.example/"],
    ["2 hours later, from another site", 120 * MIN, "https://news.example/a", "https://news.example/a"],
    ["3 days later, typed in", 3 * 86_400_000, "", ""],
    ["3 days later, from an internal link (restored tab)", 3 * 86_400_000, "https://shop.example/home", ""],
  ])("%s starts a new visit", (_name, gap, referrer, expectedReferrer) => {
    const old = returning(T0);
    const p = touch(old, T0 + gap, page("/blog/post?utm_source=x"), referrer);
    expect(p.visits).toBe(4);
    expect(p.pageviews).toBe(13);
    expect(p.prevSeen).toBe(T0); // the old lastSeen
    expect(p.visitStart).toBe(T0 + gap);
    expect(p.landingPage).toBe("/blog/post");
    expect(p.referrer).toBe(expectedReferrer);
    expect(p.lastSeen).toBe(T0 + gap);
    expect(p.firstSeen).toBe(old.firstSeen);
    expect(p.id).toBe("visitor-1");
    expect(p.events).toEqual(old.events);
    expect(p.traits).toEqual(old.traits);
  });
});

describe("touch: UTM parameters", () => {
  it("keeps the first touch and updates the last touch", () => {
    const first = touch(undefined, T0, page("/?utm_source=newsletter&utm_medium=email"), "");
    expect(first.utmFirst).toEqual({ source: "newsletter", medium: "email" });
    expect(first.utmLast).toEqual({ source: "newsletter", medium: "email" });

    const second = touch(first, T0 + 3 * 86_400_000, page("/pricing?utm_source=ads&utm_campaign=spring&utm_term=shoes&utm_content=b"), "");
    expect(second.utmFirst).toEqual({ source: "newsletter", medium: "email" });
    expect(second.utmLast).toEqual({ source: "ads", campaign: "spring", term: "shoes", content: "b" });

    // A page without UTM parameters changes neither.
    const third = touch(second, T0 + 3 * 86_400_000 + MIN, page("/about?ref=x"), "");
    expect(third.utmFirst).toEqual(second.utmFirst);
    expect(third.utmLast).toEqual(second.utmLast);
  });

  it.each([
    ["empty values are ignored", "/?utm_source=&utm_medium=cpc", { medium: "cpc" }],
    ["other parameters are ignored", "/?utm_source=a&utm_id=7&source=b", { source: "a" }],
    ["values are decoded", "/?utm_campaign=Spring%20Sale%20%E2%82%AC", { campaign: "Spring Sale €" }],
    [
      "values are cut to 200 characters",
      `/?utm_campaign=${"c".repeat(300)}&utm_term=${"t".repeat(200)}`,
      { campaign: "c".repeat(200), term: "t".repeat(200) },
    ],
  ])("%s", (_name, url, expected) => {
    const p = touch(undefined, T0, page(url), "");
    expect(p.utmLast).toEqual(expected);
    expect(p.utmFirst).toEqual(expected);
  });

  it("a URL whose UTM values are all empty is no touch", () => {
    expect(touch(undefined, T0, page("/?utm_source=&utm_medium="), "").utmLast).toBeUndefined();
  });
});

describe("touch: pages", () => {
  const visit = (paths: string[]) => paths.reduce<Profile | undefined>((p, path, i) => touch(p, T0 + i * MIN, page(path), ""), undefined)!;

  it.each([
    ["one page", ["/a"], ["/a"]],
    ["in visit order", ["/a", "/b", "/c"], ["/a", "/b", "/c"]],
    ["a revisited page moves to the end, once", ["/a", "/b", "/a"], ["/b", "/a"]],
    ["reloads count once", ["/a", "/a", "/a"], ["/a"]],
    ["query strings are not part of the page", ["/a?x=1", "/b", "/a?x=2"], ["/b", "/a"]],
  ])("%s", (_name, paths, expected) => {
    const p = visit(paths);
    expect(p.pages).toEqual(expected);
    expect(p.pageviews).toBe(paths.length);
  });

  it("keeps the 50 most recent pages", () => {
    const paths = Array.from({ length: 60 }, (_, i) => `/p${i}`);
    const p = visit(paths);
    expect(p.pages).toHaveLength(50);
    expect(p.pages[0]).toBe("/p10");
    expect(p.pages.at(-1)).toBe("/p59");
    expect(p.pageviews).toBe(60);
  });

  it("revisiting one of 50 stored pages drops nothing", () => {
    const full = visit(Array.from({ length: 50 }, (_, i) => `/p${i}`));
    const p = touch(full, T0 + 60 * MIN, page("/p0"), "");
    expect(p.pages).toHaveLength(50);
    expect(p.pages[0]).toBe("/p1");
    expect(p.pages.at(-1)).toBe("/p0");
  });
});

describe("touch: purity", () => {
  it.each([
    ["continuing the visit", 5 * MIN],
    ["starting a new visit", 2 * 86_400_000],
  ])("does not change the old profile when %s", (_name, gap) => {
    const old = returning(T0, { utmFirst: { source: "a" }, utmLast: { source: "a" } });
    const before = structuredClone(old);
    // Frozen: any write to the old profile or its arrays and objects throws.
    deepFreeze(old);
    const p = touch(old, T0 + gap, page("/new?utm_source=b"), "https://other.example/");
    expect(old).toEqual(before);
    expect(p.pages).toEqual(["/home", "/pricing", "/new"]);
    expect(p.utmLast).toEqual({ source: "b" });
    expect(p.pages).not.toBe(old.pages);
  });
});
