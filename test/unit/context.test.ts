// snippet/context.ts: the object segment conditions are evaluated against. Pure, so tested with tables.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { visitorContext } from "../../snippet/context";
import type { Profile } from "../../snippet/profile";
import type { ServerContext } from "../../worker/schemas/published";

const DAY = 86_400_000;
// A local-time instant, so hour and weekday do not depend on the machine's time zone: Wednesday 3 Jan 2024, 14:05.
const NOW = new Date(2024, 0, 3, 14, 5, 0).getTime();
const doc = { title: "Pricing – Shop", documentElement: { lang: "en-GB" } };
const url = new URL("https://shop.example/pricing?plan=pro");

function profile(extra: Partial<Profile> = {}): Profile {
  return {
    id: "v1",
    visits: 1,
    pageviews: 1,
    firstSeen: NOW,
    lastSeen: NOW,
    visitStart: NOW,
    landingPage: "/pricing",
    referrer: "",
    pages: ["/pricing"],
    events: {},
    traits: {},
    ...extra,
  };
}

const server: ServerContext = {
  v: 3,
  server: { f1: true, f2: false },
  token: "signed",
  expires: NOW + 1_800_000,
  device: { type: "desktop", os: "linux", browser: "chrome" },
};

type Visit = Record<string, unknown>;
const visitOf = (c: Record<string, unknown>) => c.visit as Visit;

describe("visitorContext: visit", () => {
  it("a first visit is not returning and has no daysSinceLast", () => {
    const visit = visitOf(visitorContext(profile(), undefined, url, doc, NOW));
    expect(visit).toEqual({ count: 1, sessions: 1, pageviews: 1, isReturning: false, firstSeen: NOW, lastSeen: NOW, timeOnSite: 0 });
    expect(visit).not.toHaveProperty("daysSinceLast");
  });

  it("a later visit is returning and counts whole days since the previous one", () => {
    const p = profile({ visits: 4, pageviews: 20, firstSeen: NOW - 30 * DAY, prevSeen: NOW - 3.5 * DAY, visitStart: NOW - 60_000 });
    expect(visitOf(visitorContext(p, undefined, url, doc, NOW))).toEqual({
      count: 4,
      sessions: 4,
      pageviews: 20,
      isReturning: true,
      firstSeen: NOW - 30 * DAY,
      lastSeen: NOW,
      timeOnSite: 60,
      daysSinceLast: 3,
    });
  });

  it.each([
    ["40 minutes", 40 * 60_000, 0],
    ["a day less 1 ms", DAY - 1, 0],
    ["exactly a day", DAY, 1],
    ["7.9 days", 7.9 * DAY, 7],
    ["a year", 365 * DAY, 365],
  ])("daysSinceLast after %s is %i", (_name, gap, days) => {
    const p = profile({ visits: 2, prevSeen: NOW - gap });
    expect(visitOf(visitorContext(p, undefined, url, doc, NOW)).daysSinceLast).toBe(days);
  });

  it.each([
    [0, 0],
    [1_499, 1],
    [1_500, 2],
    [90_400, 90],
    [3_600_000, 3600],
  ])("timeOnSite %i ms after the visit started is %i seconds", (elapsed, seconds) => {
    const p = profile({ visitStart: NOW - elapsed });
    expect(visitOf(visitorContext(p, undefined, url, doc, NOW)).timeOnSite).toBe(seconds);
  });
});

describe("visitorContext: page", () => {
  it("describes the page: path, host, query, title, language", () => {
    const u = new URL("https://shop.example:8080/blog/post?q=a%20b&q=c&empty=&utm_source=x#top");
    const ctx = visitorContext(profile(), undefined, u, { title: "My post", documentElement: { lang: "fr" } }, NOW);
    expect(ctx.page).toEqual({
      url: "https://shop.example:8080/blog/post?q=a%20b&q=c&empty=&utm_source=x#top",
      path: "/blog/post",
      host: "shop.example:8080",
      // A repeated parameter keeps its last value.
      query: { q: "c", empty: "", utm_source: "x" },
      title: "My post",
      language: "fr",
    });
  });

  it("a page without a query has an empty query object", () => {
    const ctx = visitorContext(profile(), undefined, new URL("https://shop.example/"), doc, NOW);
    expect(ctx.page).toMatchObject({ path: "/", host: "shop.example", query: {} });
  });
});

describe("visitorContext: time", () => {
  // The visitor's own clock: run in a zone away from UTC (no DST) so a UTC reading would be caught.
  const tz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = "Asia/Kolkata";
  });
  afterAll(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it("runs away from UTC", () => {
    expect(new Date(Date.UTC(2024, 0, 3, 12, 0)).getHours()).toBe(17);
  });

  it.each([
    ["Wednesday 14:05", [2024, 0, 3, 14, 5], 14, 3],
    ["Sunday midnight", [2024, 0, 7, 0, 0], 0, 0],
    ["Saturday 23:59", [2024, 0, 6, 23, 59], 23, 6],
  ] as const)("%s (local time)", (_name, [y, m, d, h, min], hour, weekday) => {
    const now = new Date(y, m, d, h, min).getTime();
    expect(visitorContext(profile(), undefined, url, doc, now).time).toEqual({ hour, weekday });
  });
});

describe("visitorContext: server attributes", () => {
  it("copies the server references' results from the server context, and no geo or company", () => {
    const ctx = visitorContext(profile(), server, url, doc, NOW);
    expect(ctx.server).toEqual({ f1: true, f2: false });
    expect(ctx).not.toHaveProperty("geo");
    expect(ctx).not.toHaveProperty("company");
  });

  it("ignores geo and company in a context cached before /context stopped sending them", () => {
    const old = { ...server, geo: { country: "GB", latitude: 53.8 }, company: { name: "Acme", inAccountList: true } } as ServerContext;
    const ctx = visitorContext(profile(), old, url, doc, NOW);
    expect(ctx).not.toHaveProperty("geo");
    expect(ctx).not.toHaveProperty("company");
    expect(ctx.server).toEqual({ f1: true, f2: false });
  });

  it("without a server context there are no server attributes", () => {
    const ctx = visitorContext(profile(), undefined, url, doc, NOW);
    expect(ctx.server).toBeUndefined();
  });
});

describe("visitorContext: profile attributes", () => {
  it("has first and last UTM touches, the last also at the top of utm", () => {
    const p = profile({ utmFirst: { source: "newsletter", medium: "email" }, utmLast: { source: "ads", campaign: "spring" } });
    expect(visitorContext(p, undefined, url, doc, NOW).utm).toEqual({
      first: { source: "newsletter", medium: "email" },
      last: { source: "ads", campaign: "spring" },
      source: "ads",
      campaign: "spring",
    });
  });

  it("without UTM touches, utm has no values", () => {
    expect(visitorContext(profile(), undefined, url, doc, NOW).utm).toEqual({ first: undefined, last: undefined });
  });

  it("passes pages, referrer, landing page, events and traits through", () => {
    const p = profile({
      pages: ["/", "/pricing"],
      referrer: "https://google.com/",
      landingPage: "/",
      events: { signup: { count: 2, last: NOW - 1000 } },
      traits: { plan: "pro" },
    });
    expect(visitorContext(p, undefined, url, doc, NOW)).toMatchObject({
      pages: ["/", "/pricing"],
      referrer: "https://google.com/",
      landingPage: "/",
      events: { signup: { count: 2, last: NOW - 1000 } },
      traits: { plan: "pro" },
    });
  });
});
