// snippet/interests.ts: decaying per-topic interest scores, kept on the device. Pure, so tested with tables.
// Topics as published: page patterns with their compiled regexes (worker/pages/paths.ts).
import { describe, expect, it } from "vitest";
import type { Topic } from "../../contract/wire";
import { HALF_LIFE_DAYS, interestValues, recordInterests, type InterestScores } from "../../snippet/interests";
import { compilePages } from "../../worker/pages/paths";
import { deepFreeze } from "./prng";

const topic = (name: string, pages: string[]): Topic => ({ topic: name, pages, paths: compilePages(pages) });

const T0 = Date.UTC(2024, 4, 1, 9, 0, 0);
const DAY = 86_400_000;
const HALF_LIFE = HALF_LIFE_DAYS * DAY;
const at = (path: string) => new URL(path, "https://shop.example");

const TOPICS: Topic[] = deepFreeze([
  topic("security", ["/blog/security/*", "/solutions/security"]),
  topic("pricing", ["/pricing", "/plans/*"]),
  topic("blog", ["/blog/*"]),
]);

/** Page views of `paths`, one after another at the given times, from no scores. */
const views = (...v: [string, number][]) =>
  v.reduce<InterestScores | undefined>((s, [path, t]) => recordInterests(s, TOPICS, at(path), t), undefined);

describe("recordInterests: which topics a page view counts for", () => {
  it.each([
    ["/blog/security/zero-trust", { security: 1, blog: 1 }],
    ["/solutions/security", { security: 1 }],
    ["/solutions/security?ref=nav#top", { security: 1 }],
    ["/pricing", { pricing: 1 }],
    ["/plans/enterprise/annual", { pricing: 1 }],
    ["/blog/", { blog: 1 }],
    ["/blog/news", { blog: 1 }],
    ["/", {}],
    ["/blog", {}],
    ["/blog/securityx", { blog: 1 }],
    ["/solutions/security/more", {}],
    ["/pricing-old", {}],
    ["/en/pricing", {}],
    ["/Pricing", {}],
  ])("%s → %j", (path, expected) => {
    expect(interestValues(recordInterests(undefined, TOPICS, at(path), T0), T0)).toEqual(expected);
  });

  it("stamps every score with the time of the view", () => {
    expect(recordInterests(undefined, TOPICS, at("/blog/security/x"), T0)).toEqual({ security: { s: 1, t: T0 }, blog: { s: 1, t: T0 } });
  });

  it("counts a page once per topic, however many of the topic's patterns match", () => {
    const topics: Topic[] = [topic("docs", ["/docs/*", "/docs/api/*", "*"])];
    expect(recordInterests(undefined, topics, at("/docs/api/x"), T0)).toEqual({ docs: { s: 1, t: T0 } });
  });

  it("a topic without pages matches no page (onPage([]) would match every page)", () => {
    expect(recordInterests(undefined, [topic("empty", [])], at("/anything"), T0)).toEqual({});
  });

  it("no topics: no scores", () => {
    expect(recordInterests(undefined, [], at("/pricing"), T0)).toEqual({});
  });

  it("a topic named like an Object.prototype member is plain data", () => {
    const s = recordInterests(undefined, [topic("constructor", ["/c"])], at("/c"), T0);
    expect(recordInterests(s, [topic("constructor", ["/c"])], at("/c"), T0)).toEqual({ constructor: { s: 2, t: T0 } });
  });
});

describe("recordInterests: scores add up and decay", () => {
  it("three reads of a topic give 3", () => {
    const s = views(["/blog/security/a", T0], ["/blog/security/b", T0], ["/solutions/security", T0]);
    expect(interestValues(s, T0)).toEqual({ security: 3, blog: 2 });
  });

  it("one half-life later a score is halved", () => {
    const s = views(["/pricing", T0], ["/pricing", T0]);
    expect(interestValues(s, T0 + HALF_LIFE)).toEqual({ pricing: 1 });
    expect(interestValues(s, T0 + 2 * HALF_LIFE)).toEqual({ pricing: 0.5 });
  });

  it("a new view adds 1 to the decayed score and restamps it", () => {
    const s = views(["/pricing", T0], ["/pricing", T0], ["/pricing", T0 + HALF_LIFE]);
    expect(s).toEqual({ pricing: { s: 2, t: T0 + HALF_LIFE } });
  });

  it("a view decays the other topics' scores to now too", () => {
    const s = views(["/pricing", T0], ["/blog/security/a", T0 + HALF_LIFE]);
    expect(s).toEqual({ pricing: { s: 0.5, t: T0 + HALF_LIFE }, security: { s: 1, t: T0 + HALF_LIFE }, blog: { s: 1, t: T0 + HALF_LIFE } });
  });

  it("several topics are scored independently", () => {
    const s = views(
      ["/pricing", T0],
      ["/blog/news", T0 + DAY],
      ["/blog/security/a", T0 + 2 * DAY],
      ["/plans/pro", T0 + 3 * DAY],
      ["/", T0 + 4 * DAY],
    );
    const now = T0 + 4 * DAY;
    const decayed = (views: number[]) => Math.round(views.reduce((sum, t) => sum + 0.5 ** ((now - t) / HALF_LIFE), 0) * 100) / 100;
    expect(interestValues(s, now)).toEqual({
      pricing: decayed([T0, T0 + 3 * DAY]),
      blog: decayed([T0 + DAY, T0 + 2 * DAY]),
      security: decayed([T0 + 2 * DAY]),
    });
    // pricing 0.5^(4/14) + 0.5^(1/14) = 1.772…, blog 0.5^(3/14) + 0.5^(2/14) = 1.767…, security 0.5^(2/14) = 0.905…
    expect(interestValues(s, now)).toEqual({ pricing: 1.77, blog: 1.77, security: 0.91 });
  });

  it("keeps scores of topics no longer configured, decaying", () => {
    const old: InterestScores = { retired: { s: 4, t: T0 } };
    expect(recordInterests(old, TOPICS, at("/pricing"), T0 + HALF_LIFE)).toEqual({
      retired: { s: 2, t: T0 + HALF_LIFE },
      pricing: { s: 1, t: T0 + HALF_LIFE },
    });
  });

  it("a clock set back does not grow a score", () => {
    const old: InterestScores = { pricing: { s: 2, t: T0 } };
    expect(recordInterests(old, TOPICS, at("/"), T0 - DAY)).toEqual({ pricing: { s: 2, t: T0 - DAY } });
    expect(interestValues(old, T0 - DAY)).toEqual({ pricing: 2 });
  });
});

describe("recordInterests is pure", () => {
  it("never changes the old scores or the topics (frozen inputs would throw)", () => {
    const old = deepFreeze<InterestScores>({ pricing: { s: 1, t: T0 }, blog: { s: 3, t: T0 - DAY } });
    const copy = structuredClone(old);
    const next = recordInterests(old, TOPICS, at("/pricing"), T0 + DAY);
    expect(old).toEqual(copy);
    expect(next).not.toBe(old);
    expect(next.pricing).not.toBe(old.pricing);
  });

  it("the same inputs give the same scores", () => {
    const old: InterestScores = { blog: { s: 1.5, t: T0 } };
    const a = recordInterests(old, TOPICS, at("/blog/security/a"), T0 + DAY);
    const b = recordInterests(old, TOPICS, at("/blog/security/a"), T0 + DAY);
    expect(a).toEqual(b);
  });
});

describe("interestValues", () => {
  it("no scores yet: an empty object", () => {
    expect(interestValues(undefined, T0)).toEqual({});
    expect(interestValues({}, T0)).toEqual({});
  });

  it.each([
    [0, 3],
    [HALF_LIFE, 1.5],
    [HALF_LIFE / 2, 2.12], // 3 / √2 = 2.1213…
    [DAY, 2.86], // 3 · 0.5^(1/14) = 2.8551…
    [10 * HALF_LIFE, 0], // 0.0029… rounds to 0
  ])("3 points, %d ms later → %d", (elapsed, value) => {
    expect(interestValues({ topic: { s: 3, t: T0 } }, T0 + elapsed)).toEqual({ topic: value });
  });

  it("never changes the scores", () => {
    const scores = deepFreeze<InterestScores>({ pricing: { s: 1, t: T0 } });
    interestValues(scores, T0 + HALF_LIFE);
    expect(scores).toEqual({ pricing: { s: 1, t: T0 } });
  });
});
