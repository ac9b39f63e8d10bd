// snippet/plan.ts: the render planner and the variants request, pure, so tested with tables: what is applied,
// the winners, what is withheld and what is cached in, what to revert, hide, fetch and apply out.
import { describe, expect, it } from "vitest";
import type { PublishedConfig } from "../../contract/wire";
import type { Winner } from "../../snippet/decide";
import { key, type Plan, plan, variantsPath } from "../../snippet/plan";

const w = (experience: string, segment: string, slots = [`#${experience}`]): Winner => ({ experience, segment, slots });

type Row = [
  name: string,
  applied: Record<string, string>,
  winners: Winner[],
  withheld: string[],
  cached: string[],
  out: { revert: string[]; apply: string[]; hide: string[]; fetch: string[] },
];

const ROWS: Row[] = [
  ["nothing applied, nothing wins: nothing to do", {}, [], [], [], { revert: [], apply: [], hide: [], fetch: [] }],
  [
    "a new winner, not cached: hide its slots, fetch, apply",
    {},
    [w("hero", "de")],
    [],
    [],
    { revert: [], apply: ["hero de"], hide: ["#hero"], fetch: ["de"] },
  ],
  [
    "a new winner, cached: hide and apply, nothing fetched",
    {},
    [w("hero", "de")],
    [],
    ["hero de"],
    { revert: [], apply: ["hero de"], hide: ["#hero"], fetch: [] },
  ],
  [
    "the same winner already applied: left alone",
    { hero: "de" },
    [w("hero", "de")],
    [],
    [],
    { revert: [], apply: [], hide: [], fetch: [] },
  ],
  [
    "an applied experience with no winner any more: reverted",
    { hero: "de" },
    [],
    [],
    [],
    { revert: ["hero"], apply: [], hide: [], fetch: [] },
  ],
  [
    "the winner changed: revert the old one, apply the new one",
    { hero: "de" },
    [w("hero", "mobile")],
    [],
    ["hero mobile"],
    { revert: ["hero"], apply: ["hero mobile"], hide: ["#hero"], fetch: [] },
  ],
  [
    "a withheld winner (came too late for this page view): not applied, not fetched",
    {},
    [w("hero", "de")],
    ["hero de"],
    [],
    { revert: [], apply: [], hide: [], fetch: [] },
  ],
  [
    "the winner changed to a withheld one: the old one is still reverted",
    { hero: "de" },
    [w("hero", "mobile")],
    ["hero mobile"],
    [],
    { revert: ["hero"], apply: [], hide: [], fetch: [] },
  ],
  [
    "withheld is per experience and segment",
    {},
    [w("hero", "de"), w("cta", "de")],
    ["hero de"],
    [],
    { revert: [], apply: ["cta de"], hide: ["#cta"], fetch: ["de"] },
  ],
  [
    "several experiences: only the missing content is fetched, every slot about to change hidden",
    { banner: "de" },
    [w("hero", "de", ["#hero", ".sub"]), w("cta", "vip"), w("banner", "de")],
    [],
    ["hero de"],
    { revert: [], apply: ["hero de", "cta vip"], hide: ["#hero", ".sub", "#cta"], fetch: ["vip"] },
  ],
  [
    "two experiences missing the same segment: listed twice (the request names it once)",
    {},
    [w("hero", "de"), w("cta", "de")],
    [],
    [],
    { revert: [], apply: ["hero de", "cta de"], hide: ["#hero", "#cta"], fetch: ["de", "de"] },
  ],
];

// The plan's fields end in "_" (the build shortens such internal names); winners to apply by key.
const readable = ([revert, apply, hide, fetch]: Plan) => ({ revert, apply: apply.map(key), hide, fetch });

describe("plan", () => {
  it.each(ROWS)("%s", (_, applied, winners, withheld, cached, out) => {
    const a = Object.fromEntries(Object.entries(applied).map(([e, segment]) => [e, { segment }]));
    const p = plan(a, winners, new Set(withheld), (x) => cached.includes(key(x)));
    expect(readable(p)).toEqual(out);
  });

  it("does not hide the slots of winners the edge already shows (docs/edge.md), and still applies them", () => {
    const p = plan({}, [w("hero", "de"), w("cta", "vip")], new Set(), (x) => x.segment == "de", new Set(["hero de"]));
    expect(readable(p)).toEqual({ revert: [], apply: ["hero de", "cta vip"], hide: ["#cta"], fetch: ["vip"] });
  });

  it("changes none of its inputs", () => {
    const applied = { hero: { segment: "de" } };
    const winners = [w("hero", "mobile")];
    const withheld = new Set(["cta vip"]);
    plan(applied, winners, withheld, () => false);
    expect(applied).toEqual({ hero: { segment: "de" } });
    expect(winners).toEqual([w("hero", "mobile")]);
    expect([...withheld]).toEqual(["cta vip"]);
  });
});

const config = (segments: PublishedConfig["segments"]): PublishedConfig => ({
  v: 3,
  site: "s",
  timeout: 1000,
  segments,
  topics: [],
  experiences: [],
});
const CFG = config([
  { id: "mobile", condition: { "device.type": "mobile" } },
  { id: "de", condition: { "server.r1": true } },
  { id: "either", condition: { $or: [{ "traits.role": "dev" }, { "server.r2": true }] } },
  { id: "odd", condition: { "traits.note": "server.x" } },
]);

describe("variantsPath", () => {
  it.each([
    ["device-only segments: no token (cacheable by the edge and the browser)", ["mobile"], "variants?v=3&segments=mobile"],
    ["a gated segment: the token goes along", ["de"], "variants?v=3&segments=de&token=t%2Fk%3D"],
    ["a server reference nested in $or: the token goes along", ["mobile", "either"], "variants?v=3&segments=mobile,either&token=t%2Fk%3D"],
    ["each segment once, in order", ["mobile", "mobile", "de", "mobile"], "variants?v=3&segments=mobile,de&token=t%2Fk%3D"],
    [
      "an ungated segment named like a server string in a value: token sent needlessly, never missing",
      ["odd"],
      "variants?v=3&segments=odd&token=t%2Fk%3D",
    ],
    ["a segment not in the config: no token", ["gone"], "variants?v=3&segments=gone"],
  ])("%s", (_, segments, path) => {
    expect(variantsPath(CFG, segments, "t/k=")).toBe(path);
  });
});
