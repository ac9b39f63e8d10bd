// Segment conditions are checked when saved (worker/conditions/validate.ts): what GrowthBook would accept
// but Facet refuses (SPEC §3) comes back as a 400 whose `fields` name the offending path, and nothing is stored.
import { describe, expect, it } from "vitest";
import type { Segment } from "../../worker/schemas/segment";
import { admin, adminOk, createSegment, createSite, expectRejected } from "./helpers";

const segments = (site: string) => `/sites/${site}/segments`;

const REFUSED: [string, Record<string, unknown>, string, RegExp][] = [
  ["an unknown operator", { "visit.count": { $gte: 2, $foo: 1 } }, "condition.visit.count.$foo", /unknown operator \$foo/],
  ["a saved group", { "traits.id": { $inGroup: "vips" } }, "condition.traits.id.$inGroup", /saved groups are not part of Facet/],
  ["a regex with a backreference", { "page.path": { $regex: "^/(\\w+)/\\1$" } }, "condition.page.path.$regex", /backreference/],
  ["a regex with a named backreference", { "page.path": { $regexi: "(?<x>a)\\k<x>" } }, "condition.page.path.$regexi", /backreference/],
  [
    "a regex with a nested quantifier",
    { $and: [{ "visit.count": 1 }, { "geo.country": { $regex: "(a+)+" } }] },
    "condition.$and.1.geo.country.$regex",
    /repeats \(a\+\)/,
  ],
  ["a nested quantifier in braces", { "page.path": { $regex: "^(?:ab*){2,}$" } }, "condition.page.path.$regex", /exponential/],
  ["a regex with a lookahead", { "page.path": { $regex: "^/(?!admin)" } }, "condition.page.path.$regex", /lookaround/],
  ["a regex with a lookbehind", { $or: [{ "page.path": { $regex: "(?<=/blog)/x" } }] }, "condition.$or.0.page.path.$regex", /lookaround/],
  ["a regex that does not compile", { "page.path": { $regex: "([a-z]" } }, "condition.page.path.$regex", /not valid/],
  ["a regex over 200 characters", { "page.path": { $regex: "a".repeat(201) } }, "condition.page.path.$regex", /at most 200/],
  ["$in that is not a list", { "geo.country": { $in: "DE" } }, "condition.geo.country.$in", /needs a list/],
  [
    "$in with an object item",
    { "company.domain": { $nin: ["a.example", { $regex: "x" }] } },
    "condition.company.domain.$nin.1",
    /items must be/,
  ],
  ["$and that is not a list", { $and: { "geo.country": "DE" } }, "condition.$and", /non-empty list/],
  ["a field operator at the top", { $regex: "x" }, "condition.$regex", /must sit under a field/],
  ["$exists that is not true or false", { "traits.plan": { $exists: "yes" } }, "condition.traits.plan.$exists", /true or false/],
  ["an operator inside a literal", { company: { name: { $eq: "Acme" } } }, "condition.company.name", /literal value cannot hold operators/],
  ["operators mixed with plain keys", { "traits.plan": { $eq: "pro", tier: 1 } }, "condition.traits.plan", /mixes operators/],
  ["an empty path part", { "traits..plan": "pro" }, "condition.traits..plan", /empty part/],
  ["a reserved server.* path deep inside", { $nor: [{ $not: { "server.f9": true } }] }, "condition.$nor.0.$not.server.f9", /reserved/],
  [
    "a path in the wrong case",
    { "Company.domain": { $in: ["acme.example"] } },
    "condition.Company.domain",
    /case-sensitive, did you mean "company.domain"/,
  ],
  ["a free name under a group in the wrong case", { "Traits.plan": "pro" }, "condition.Traits.plan", /did you mean "traits.plan"/],
  ["a path not in the catalog", { "visitor.count": { $gt: 1 } }, "condition.visitor.count", /unknown attribute "visitor.count".*catalog/],
  [
    "a misspelt attribute inside $or",
    { $or: [{ "visit.count": 2 }, { "geo.contry": "DE" }] },
    "condition.$or.1.geo.contry",
    /unknown attribute/,
  ],
  ["an unknown member of a fixed group", { "company.revenue": { $gt: 1 } }, "condition.company.revenue", /unknown attribute/],
  ["a top-level name outside the catalog", { plan: "pro" }, "condition.plan", /free names only under traits\., events\./],
  ["a name with a lone surrogate", { "traits.\ud800": 1 }, "condition.traits.\ud800", /lone UTF-16 surrogate/],
  ["a value with a lone surrogate", { "page.title": { $regex: "a\udc00" } }, "condition.page.title.$regex", /lone UTF-16 surrogate/],
];

/** Raw JSON bodies: JSON.stringify could not send an own "__proto__" key. */
const RESERVED: [string, string, string][] = [
  ["a top-level __proto__", '{"__proto__": {"geo.country": "DE"}}', "condition.__proto__"],
  ["__proto__ inside $and", '{"$and": [{"visit.count": 1}, {"__proto__": {"a": 1}}]}', "condition.$and.1.__proto__"],
  ["__proto__ as a path part", '{"traits.__proto__": 1}', "condition.traits.__proto__"],
  ["constructor at the top", '{"constructor": {"prototype": {}}}', "condition.constructor"],
  ["prototype in a literal", '{"traits.plan": {"prototype": 1}}', "condition.traits.plan.prototype"],
];

describe("segment conditions the Worker refuses", () => {
  it.each(REFUSED)("refuses %s on create with 400 naming the path, storing nothing", async (_, condition, field, reason) => {
    const site = await createSite();
    const error = await expectRejected(() => admin("POST", segments(site.key), { body: { name: "Bad", condition } }), 400, "invalid_input");
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
    expect(error.fields![field]).toMatch(reason);
    expect(error.message).toContain(field);
    expect(await adminOk("GET", segments(site.key))).toEqual({ segments: [] });
  });

  it.each(RESERVED)("refuses %s sent as raw JSON with 400 naming the key, storing nothing", async (_, condition, field) => {
    const site = await createSite();
    const raw = `{"name": "Bad", "condition": ${condition}}`;
    const error = await expectRejected(() => admin("POST", segments(site.key), { raw }), 400, "invalid_input");
    expect(error.fields?.[field]).toMatch(/reserved by JavaScript/);
    expect(await adminOk("GET", segments(site.key))).toEqual({ segments: [] });
  });

  it("refuses them on update too, keeping the saved condition", async () => {
    const site = await createSite();
    const segment = await createSegment(site.key, { condition: { "geo.country": "DE" } });
    for (const [, condition, field] of REFUSED.slice(0, 6)) {
      const error = await expectRejected(
        () => admin("PUT", `${segments(site.key)}/${segment.id}`, { body: { name: "Bad", condition } }),
        400,
        "invalid_input",
      );
      expect(Object.keys(error.fields ?? {})).toEqual([field]);
    }
    expect(await adminOk<Segment>("GET", `${segments(site.key)}/${segment.id}`)).toEqual(segment);
  });

  it("names every problem of a condition, each at its own path", async () => {
    const site = await createSite();
    const condition = { $or: [{ "page.path": { $regex: "(x+)*" } }, { "geo.country": { $in: "DE" } }], "server.f1": true };
    const error = await expectRejected(() => admin("POST", segments(site.key), { body: { name: "Bad", condition } }), 400, "invalid_input");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual([
      "condition.$or.0.page.path.$regex",
      "condition.$or.1.geo.country.$in",
      "condition.server.f1",
    ]);
  });

  it("accepts every catalog path, free names under traits, events, interests, utm and page.query, and items' fields in $elemMatch", async () => {
    const site = await createSite();
    const condition = {
      "visit.daysSinceLast": { $exists: true, $lt: 5 },
      "device.viewport.width": { $lt: 768 },
      "company.inAccountList": { $ne: true },
      company: { $exists: true },
      "traits.Plan_Tier": "pro",
      "events.demo_request.count": { $gte: 1 },
      "interests.security": { $gte: 2.5 },
      "utm.first.source": "google",
      "page.query.ref": "partner",
      pages: { $elemMatch: { $regex: "^/pricing" } },
      $nor: [{ "time.weekday": { $in: [0, 6] } }],
      "traits.orders": { $elemMatch: { sku: "A", "p.id": 7 } },
      "traits.city": "Zürich 🚀",
    };
    expect((await createSegment(site.key, { condition })).condition).toEqual(condition);
  });

  it("accepts the safe subset: anchors, classes, alternation, bounded and single-repeat groups", async () => {
    const site = await createSite();
    const condition = {
      $and: [
        { "page.path": { $regex: "^/blog(/.*)?$" } },
        { "page.query.ref": { $regexi: "^(news|mail)[a-z0-9_-]{0,20}$" } },
        { "page.host": { $regex: "\\.example\\.(com|org)$" } },
        { "geo.country": { $in: ["DE", "AT"] } },
      ],
    };
    const saved = await createSegment(site.key, { condition });
    expect(saved.condition).toEqual(condition);
  });
});
