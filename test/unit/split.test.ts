// worker/publish/split.ts: server attributes (geo.*, company.*) leave the public condition as references.
import { describe, expect, it } from "vitest";
import { evalCondition, type Condition } from "../../contract/conditions";
import { serverRefs } from "../../contract/server-refs";
import { serverParts, splitCondition } from "../../worker/publish/split";
import { deepFreeze, mulberry32, pick, type Random } from "./prng";

const split = (condition: Condition) => {
  const server = serverParts();
  return { condition: splitCondition(condition, server), parts: server.parts };
};

describe("splitCondition: one condition", () => {
  it.each<[string, Condition, Condition, Record<string, Condition>]>([
    ["a geo field", { "geo.country": "GB" }, { "server.f1": true }, { f1: { "geo.country": "GB" } }],
    [
      "a company list (the secret stays a part)",
      { "company.domain": { $in: ["acme.example", "globex.example"] } },
      { "server.f1": true },
      { f1: { "company.domain": { $in: ["acme.example", "globex.example"] } } },
    ],
    ["company alone is server", { company: { $exists: true } }, { "server.f1": true }, { f1: { company: { $exists: true } } }],
    ["geo alone is server", { geo: { $exists: true } }, { "server.f1": true }, { f1: { geo: { $exists: true } } }],
    ["a deep company path", { "company.address.city": "Leeds" }, { "server.f1": true }, { f1: { "company.address.city": "Leeds" } }],
    ["companyX.y is not server", { "companyX.y": 1 }, { "companyX.y": 1 }, {}],
    ["geography is not server", { geography: "x" }, { geography: "x" }, {}],
    ["company as a later path segment is not server", { "traits.company": "Acme" }, { "traits.company": "Acme" }, {}],
    [
      "client fields are untouched",
      { "visit.count": { $gt: 2 }, "page.path": "/pricing" },
      { "visit.count": { $gt: 2 }, "page.path": "/pricing" },
      {},
    ],
    ["the empty condition", {}, {}, {}],
    [
      "server and client fields side by side keep their order",
      { "visit.count": { $gt: 2 }, "geo.country": "GB", "company.size": { $gte: 500 } },
      { "visit.count": { $gt: 2 }, "server.f1": true, "server.f2": true },
      { f1: { "geo.country": "GB" }, f2: { "company.size": { $gte: 500 } } },
    ],
    [
      "inside $or",
      { $or: [{ "geo.country": "GB" }, { "visit.isReturning": true }] },
      { $or: [{ "server.f1": true }, { "visit.isReturning": true }] },
      { f1: { "geo.country": "GB" } },
    ],
    [
      "inside $and",
      { $and: [{ "company.industry": "Retail", "visit.count": 3 }] },
      { $and: [{ "server.f1": true, "visit.count": 3 }] },
      { f1: { "company.industry": "Retail" } },
    ],
    ["inside $nor", { $nor: [{ "geo.region": "CA" }] }, { $nor: [{ "server.f1": true }] }, { f1: { "geo.region": "CA" } }],
    [
      "inside $not",
      { $not: { "company.size": { $gte: 500 } } },
      { $not: { "server.f1": true } },
      { f1: { "company.size": { $gte: 500 } } },
    ],
    [
      "nested logical operators",
      { $and: [{ $nor: [{ "geo.region": "CA" }] }, { $not: { $or: [{ "company.industry": "Retail" }, { "page.path": "/" }] } }] },
      { $and: [{ $nor: [{ "server.f1": true }] }, { $not: { $or: [{ "server.f2": true }, { "page.path": "/" }] } }] },
      { f1: { "geo.region": "CA" }, f2: { "company.industry": "Retail" } },
    ],
    [
      "the same part twice is one reference",
      {
        $or: [
          { "geo.country": "GB", "visit.a": 1 },
          { "geo.country": "GB", "visit.b": 1 },
        ],
      },
      {
        $or: [
          { "server.f1": true, "visit.a": 1 },
          { "server.f1": true, "visit.b": 1 },
        ],
      },
      { f1: { "geo.country": "GB" } },
    ],
    [
      "a field-level $not is part of the server field",
      { "geo.country": { $not: { $in: ["GB", "FR"] } } },
      { "server.f1": true },
      { f1: { "geo.country": { $not: { $in: ["GB", "FR"] } } } },
    ],
    [
      "$elemMatch contents are not walked (their paths are relative to the element)",
      { "traits.orders": { $elemMatch: { "geo.country": "GB" } } },
      { "traits.orders": { $elemMatch: { "geo.country": "GB" } } },
      {},
    ],
  ])("%s", (_name, condition, expected, parts) => {
    const before = structuredClone(condition);
    const result = split(deepFreeze(condition));
    expect(result.condition).toEqual(expected);
    expect(result.parts).toEqual(parts);
    expect(condition).toEqual(before);
  });
});

describe("serverParts: references shared across segments", () => {
  it("identical parts get one reference; different parts get the next id", () => {
    const server = serverParts();
    const uk = splitCondition({ "geo.country": "GB" }, server);
    const ukReturning = splitCondition({ "geo.country": "GB", "visit.isReturning": true }, server);
    const fr = splitCondition({ $or: [{ "geo.country": "FR" }, { "geo.country": "GB" }] }, server);
    expect(uk).toEqual({ "server.f1": true });
    expect(ukReturning).toEqual({ "server.f1": true, "visit.isReturning": true });
    expect(fr).toEqual({ $or: [{ "server.f2": true }, { "server.f1": true }] });
    expect(server.parts).toEqual({ f1: { "geo.country": "GB" }, f2: { "geo.country": "FR" } });
  });

  it("ref returns the same id for the same part", () => {
    const server = serverParts();
    expect(server.ref({ "company.size": { $gt: 10 } })).toBe("f1");
    expect(server.ref({ "company.size": { $gt: 100 } })).toBe("f2");
    expect(server.ref({ "company.size": { $gt: 10 } })).toBe("f1");
    expect(Object.keys(server.parts)).toEqual(["f1", "f2"]);
  });
});

describe("serverRefs", () => {
  it.each<[string, Condition, string[]]>([
    ["none", { "visit.count": 2 }, []],
    ["top level", { "server.f1": true, "page.path": "/" }, ["f1"]],
    [
      "inside every logical operator",
      { $and: [{ "server.f1": true }], $or: [{ x: 1 }, { "server.f2": true }], $nor: [{ "server.f3": true }], $not: { "server.f4": true } },
      ["f1", "f2", "f3", "f4"],
    ],
    ["nested, repeated once", { $or: [{ $not: { $and: [{ "server.f7": true }] } }, { "server.f7": true }] }, ["f7"]],
    ["not inside $elemMatch", { list: { $elemMatch: { "server.f1": true } } }, []],
  ])("%s", (_name, condition, refs) => {
    expect([...serverRefs(condition)].sort()).toEqual(refs);
  });

  it("collects into a given set across conditions", () => {
    const into = new Set<string>(["f9"]);
    serverRefs({ "server.f1": true }, into);
    serverRefs({ $not: { "server.f2": true } }, into);
    expect([...into].sort()).toEqual(["f1", "f2", "f9"]);
  });

  it("finds exactly the parts splitCondition made", () => {
    const { condition, parts } = split({ $and: [{ "geo.country": "GB" }, { $nor: [{ "company.size": { $lt: 10 } }] }], "visit.count": 2 });
    expect([...serverRefs(condition)].sort()).toEqual(Object.keys(parts).sort());
  });
});

// The split is safe only if it changes nothing: the original condition on the full context must equal the split
// condition on the browser's context plus the server's results for each part. The browser context here has no
// geo or company at all, which also shows no server attribute is left in the public condition.
describe("splitCondition preserves the answer", () => {
  const leaves: Condition[] = [
    { "geo.country": "GB" },
    { "geo.country": { $in: ["GB", "FR"] } },
    { "geo.eu": true },
    { "geo.eu": { $exists: false } },
    { "company.domain": { $in: ["acme.example", "globex.example"] } },
    { "company.size": { $gte: 500 } },
    { company: null },
    { company: { $exists: true } },
    { "visit.count": { $gt: 2 } },
    { "visit.isReturning": true },
    { "page.path": "/pricing" },
    { "traits.plan": { $in: ["pro", "team"] } },
    { "geo.country": "GB", "visit.isReturning": true },
  ];

  const conditions: Condition[] = [
    ...leaves,
    { $or: [{ "geo.country": "GB" }, { "company.size": { $gte: 500 } }] },
    { $and: [{ "company.domain": "acme.example" }, { "visit.count": { $gt: 2 } }] },
    { $nor: [{ "geo.country": "GB" }, { "page.path": "/pricing" }] },
    { $not: { "company.size": { $gte: 500 } } },
    { $not: { $or: [{ company: null }, { "visit.isReturning": true }] } },
    { "geo.eu": true, $or: [{ "traits.plan": "pro" }, { "company.size": { $gte: 500 } }] },
    { $or: [] },
    { $nor: [] },
  ];

  type Ctx = Record<string, unknown>;
  const geos = [{ country: "GB", eu: false }, { country: "FR", eu: true }, { country: "US", eu: false }, {}];
  const companies = [null, { domain: "acme.example", size: 800 }, { domain: "small.example", size: 5 }];
  const context = (r: Random): Ctx => ({
    geo: pick(r, geos),
    company: pick(r, companies),
    visit: { count: 1 + Math.floor(r() * 5), isReturning: r() < 0.5 },
    page: { path: pick(r, ["/", "/pricing"]) },
    traits: pick(r, [{}, { plan: "pro" }, { plan: "free" }]),
  });
  const contexts: Ctx[] = geos.flatMap((geo, i) =>
    companies.map((company, j) => ({
      geo,
      company,
      visit: { count: i + j, isReturning: (i + j) % 2 === 0 },
      page: { path: j % 2 ? "/pricing" : "/" },
      traits: { plan: i % 2 ? "pro" : "free" },
    })),
  );

  /** [original answer, split answer] for one condition and one full context. */
  function answers(condition: Condition, ctx: Ctx): [boolean, boolean] {
    const { condition: publicCondition, parts } = split(condition);
    const results = Object.fromEntries(Object.entries(parts).map(([ref, part]) => [ref, evalCondition(ctx, part)]));
    const { geo: _geo, company: _company, ...browser } = ctx;
    return [evalCondition(ctx, condition), evalCondition({ ...browser, server: results }, publicCondition)];
  }

  it.each(conditions.map((c) => [JSON.stringify(c), c] as const))("%s", (_name, condition) => {
    const seen = new Set<boolean>();
    for (const ctx of contexts) {
      const [original, splitAnswer] = answers(condition, ctx);
      expect(splitAnswer, JSON.stringify(ctx)).toBe(original);
      seen.add(original);
    }
    // The table's contexts are varied enough that most conditions are sometimes true and sometimes false.
    if (!['{"$or":[]}', '{"$nor":[]}'].includes(JSON.stringify(condition))) expect(seen.size).toBe(2);
  });

  it("on 3,000 generated conditions × contexts", () => {
    const r = mulberry32(0x5917);
    const gen = (depth: number): Condition => {
      const k = r();
      if (depth >= 3 || k < 0.4) return pick(r, leaves);
      const list = () => Array.from({ length: Math.floor(r() * 4) }, () => gen(depth + 1));
      if (k < 0.55) return { $and: list() };
      if (k < 0.7) return { $or: list() };
      if (k < 0.8) return { $nor: list() };
      if (k < 0.9) return { $not: gen(depth + 1) };
      return { ...gen(depth + 1), $or: list() };
    };
    const mismatches: string[] = [];
    let refs = 0;
    for (let i = 0; i < 3000; i++) {
      const condition = gen(0);
      const ctx = context(r);
      const [original, splitAnswer] = answers(condition, ctx);
      if (original !== splitAnswer)
        mismatches.push(`${JSON.stringify(condition)} on ${JSON.stringify(ctx)}: ${original} became ${splitAnswer}`);
      refs += serverRefs(split(condition).condition).size;
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(refs).toBeGreaterThan(1000); // the generated conditions really do use server attributes
  });
});
