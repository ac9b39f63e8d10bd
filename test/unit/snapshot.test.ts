// worker/publish/snapshot.ts: what a publish writes, as a pure function of the site's segments and experiences.
import { describe, expect, it } from "vitest";
import type { Condition } from "../../contract/conditions";
import { buildSnapshot, DEFAULT_TIMEOUT_MS } from "../../worker/publish/snapshot";
import type { Change } from "../../worker/schemas/change";
import type { Experience } from "../../worker/schemas/experience";
import { snapshot as snapshotSchema } from "../../worker/schemas/published";
import type { Segment } from "../../worker/schemas/segment";
import { deepFreeze } from "./prng";

const AT = "2024-05-01T09:00:00.000Z";

const segment = (id: string, priority: number, condition: Condition): Segment => ({
  id,
  siteKey: "shop",
  name: id,
  kind: "mixed",
  condition,
  priority,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
});

const experience = (id: string, variants: Experience["variants"], extra: Partial<Experience> = {}): Experience => ({
  id,
  siteKey: "shop",
  name: id,
  status: "live",
  pages: [],
  variants,
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...extra,
});

const text = (selector: string, value: string): Change => ({ type: "text", selector, value });

// Strings that must never reach the public config: company lists and content.
const SECRETS = [
  "secret-corp.example",
  "hush-inc.example",
  "unused-secret.example",
  "Welcome back",
  "Cheerio",
  "Enterprise offer",
  "big-cta",
];

// Listed as the database returns them: priority desc, then id.
const segments = [
  segment("unused", 99, { "company.domain": { $in: ["unused-secret.example"] } }),
  segment("enterprise", 50, { "company.domain": { $in: ["secret-corp.example", "hush-inc.example"] } }),
  segment("returning", 10, { "visit.isReturning": true }),
  segment("uk", 10, { "geo.country": "GB", "visit.count": { $gt: 1 } }),
  segment("paused-only", 0, { "geo.country": "FR" }),
];

const enterpriseChanges: Change[] = [
  { type: "html", selector: "#hero", value: "<b>Enterprise offer</b>" },
  { type: "class", selector: "#cta", add: ["big-cta"], remove: [] },
];
const returningChanges = [text("#hero h1", "Welcome back")];
const ukChanges: Change[] = [text("#hero h1", "Cheerio"), { type: "hide", selector: ".promo" }];

const experiences = [
  // Variants listed lowest priority first, and the tie (returning/uk at 10) out of id order.
  experience(
    "hero",
    [
      { segment: "uk", changes: ukChanges },
      { segment: "returning", changes: returningChanges },
      { segment: "enterprise", changes: enterpriseChanges },
    ],
    { pages: ["/", "/home"] },
  ),
  experience(
    "old",
    [
      { segment: "paused-only", changes: [text("h1", "Bonjour")] },
      { segment: "uk", changes: [text("h1", "Old")] },
    ],
    { status: "paused" },
  ),
  // A variant whose segment was deleted is dropped.
  experience("ghost", [
    { segment: "deleted", changes: [text("p", "Gone")] },
    { segment: "returning", changes: [text("footer", "Welcome back")] },
  ]),
];

const build = () => buildSnapshot("shop", 4, segments, experiences, AT);

describe("buildSnapshot", () => {
  it("is a valid snapshot for this version and site", () => {
    const snap = build();
    expect(snapshotSchema.safeParse(snap).success).toBe(true);
    expect(snap).toMatchObject({ v: 4, site: "shop", publishedAt: AT, config: { v: 4, site: "shop", timeout: DEFAULT_TIMEOUT_MS } });
  });

  it("leaves paused experiences out", () => {
    const snap = build();
    expect(snap.config.experiences.map((e) => e.id)).toEqual(["hero", "ghost"]);
    expect(Object.keys(snap.content).sort()).toEqual(["ghost", "hero"]);
  });

  it("publishes only the segments a live experience uses", () => {
    expect(
      build()
        .config.segments.map((s) => s.id)
        .sort(),
    ).toEqual(["enterprise", "returning", "uk"]);
  });

  it("orders each experience's segments by priority, highest first, then by id", () => {
    const { config } = build();
    expect(config.experiences.find((e) => e.id === "hero")).toEqual({
      id: "hero",
      pages: ["/", "/home"],
      paths: ["^\\/$", "^\\/home$"],
      slots: expect.any(Array),
      segments: ["enterprise", "returning", "uk"],
    });
    expect(config.experiences.find((e) => e.id === "ghost")?.segments).toEqual(["returning"]);
  });

  it.each([
    ["uk, returning, enterprise", [2, 1, 0]],
    ["enterprise, uk, returning", [0, 2, 1]],
    ["returning, enterprise, uk", [1, 0, 2]],
  ])("gives the same order whatever the variants' order (%s)", (_name, order) => {
    const variants = [
      { segment: "enterprise", changes: enterpriseChanges },
      { segment: "returning", changes: returningChanges },
      { segment: "uk", changes: ukChanges },
    ];
    const snap = buildSnapshot(
      "shop",
      1,
      segments,
      [
        experience(
          "hero",
          order.map((i) => variants[i]!),
        ),
      ],
      AT,
    );
    expect(snap.config.experiences[0]?.segments).toEqual(["enterprise", "returning", "uk"]);
  });

  it("compiles page patterns of experiences and topics to anchored regexes the snippet tests (the same in every browser)", () => {
    const topics = [{ topic: "blog", pages: ["/blog/:slug", "/(en|de)/blog{/}?"] }];
    const snap = buildSnapshot("shop", 4, segments, experiences, AT, topics);
    expect(snap.config.topics).toEqual([
      { topic: "blog", pages: topics[0]!.pages, paths: ["^\\/blog(?:\\/[^/]+)$", "^(?:\\/(?:en|de))\\/blog(?:\\/)?$"] },
    ]);
  });

  it("slots are the experience's selectors, each once", () => {
    const hero = build().config.experiences.find((e) => e.id === "hero")!;
    expect(hero.slots).toHaveLength(new Set(hero.slots).size);
    expect([...hero.slots].sort()).toEqual(["#cta", "#hero", "#hero h1", ".promo"]);
    expect(build().config.experiences.find((e) => e.id === "ghost")?.slots).toEqual(["footer"]);
  });

  it("content maps experience → segment → changes", () => {
    expect(build().content).toEqual({
      hero: { enterprise: enterpriseChanges, returning: returningChanges, uk: ukChanges },
      ghost: { returning: [text("footer", "Welcome back")] },
    });
  });

  it("replaces server attributes with references and keeps their parts in server", () => {
    const snap = build();
    const byId = Object.fromEntries(snap.config.segments.map((s) => [s.id, s.condition]));
    expect(byId.returning).toEqual({ "visit.isReturning": true });

    const [ukRef, ...ukRest] = Object.keys(byId.uk!).filter((k) => k.startsWith("server."));
    const [entRef, ...entRest] = Object.keys(byId.enterprise!).filter((k) => k.startsWith("server."));
    expect(ukRest).toEqual([]);
    expect(entRest).toEqual([]);
    expect(byId.uk).toEqual({ [ukRef!]: true, "visit.count": { $gt: 1 } });
    expect(byId.enterprise).toEqual({ [entRef!]: true });

    expect(snap.server).toEqual({
      [ukRef!.slice(7)]: { "geo.country": "GB" },
      [entRef!.slice(7)]: { "company.domain": { $in: ["secret-corp.example", "hush-inc.example"] } },
    });
  });

  it.each(SECRETS)("the public config does not contain %j", (secret) => {
    const snap = build();
    expect(JSON.stringify(snap.config)).not.toContain(secret);
    // ...while the snapshot does, so the check above is not vacuous (the unused segment's list is nowhere).
    if (secret !== "unused-secret.example") expect(JSON.stringify(snap)).toContain(secret);
    else expect(JSON.stringify(snap)).not.toContain(secret);
  });

  it("server has no parts of unpublished segments", () => {
    expect(JSON.stringify(build().server)).not.toContain("FR");
  });

  it("does not change its inputs and gives the same snapshot twice", () => {
    // Frozen copies: any write to an input throws.
    const frozen = deepFreeze(structuredClone({ segments, experiences }));
    const first = buildSnapshot("shop", 4, frozen.segments, frozen.experiences, AT);
    expect(frozen).toEqual({ segments, experiences });
    expect(JSON.stringify(build())).toBe(JSON.stringify(first));
  });

  it("nothing live: an empty config", () => {
    const snap = buildSnapshot("shop", 2, segments, [experiences[1]!], AT);
    expect(snap.config.segments).toEqual([]);
    expect(snap.config.experiences).toEqual([]);
    expect(snap.server).toEqual({});
    expect(snap.content).toEqual({});
  });
});
