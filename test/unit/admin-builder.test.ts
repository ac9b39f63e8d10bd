// The admin rule builder's model: conditions round-trip through the builder unchanged, what it can't show is
// refused with a reason (the editor stays in JSON), the kind is derived from the attributes, and reordering.
import { describe, expect, it } from "vitest";
import { deriveKind } from "../../admin/catalog";
import { group, rule, toCondition, toTree } from "../../admin/client/builder/model";
import { reorder } from "../../admin/client/priorities";
import { clausesOf } from "../../admin/client/tester";

const ROUND_TRIPS: Record<string, unknown>[] = [
  {},
  { "geo.country": "DE" },
  { "company.domain": { $in: ["acme.com", "initech.example"] } },
  { "visit.isReturning": true, "device.type": "desktop" },
  { $and: [{ "visit.count": { $gte: 3 } }, { "visit.count": { $lt: 10 } }] },
  { "device.type": "desktop", $or: [{ "visit.isReturning": true }, { "visit.count": { $gte: 3 } }] },
  {
    $or: [
      { "geo.isEU": true, "company.employees": { $gt: 1000 } },
      { $and: [{ "traits.plan": { $in: ["team"] } }, { "utm.campaign": { $regexi: "^spring" } }] },
    ],
  },
  { "company.name": { $exists: true }, referrer: { $exists: false } },
  { pages: "/pricing", "interests.security": { $gte: 3 }, "events.demo_request.count": { $gte: 1 } },
];

describe("builder model", () => {
  it.each(ROUND_TRIPS.map((c) => [JSON.stringify(c), c]))("round-trips %s", (_, condition) => {
    const parsed = toTree(condition);
    expect("tree" in parsed).toBe(true);
    expect(JSON.stringify(toCondition((parsed as { tree: Parameters<typeof toCondition>[0] }).tree))).toBe(JSON.stringify(condition));
  });

  it.each([
    [{ "time.hour": { $gte: 9, $lt: 18 } }, "2 operators on one field"],
    [{ $not: { "geo.country": "DE" } }, 'no "$not"'],
    [{ "Geo.country": "DE" }, "not in the attribute catalog"],
    [{ "geo.country": { $gt: 5 } }, 'no "$gt" for a string field'],
    [{ $or: "x" }, "must hold a list"],
  ])("refuses %j (%s)", (condition, why) => {
    const parsed = toTree(condition);
    expect("unsupported" in parsed && parsed.unsupported).toContain(why);
  });

  it("writes a new AND group in the plain form and an OR group as a list, and skips rules without a field", () => {
    const tree = group(true, [
      rule("geo.country", "is", "DE"),
      rule(),
      group(false, [rule("device.type", "is", "mobile"), rule("device.touch", "exists", null)]),
    ]);
    const paths: Record<string, number> = {};
    expect(toCondition(tree, (p, id) => (paths[p] = id))).toEqual({
      "geo.country": "DE",
      $or: [{ "device.type": "mobile" }, { "device.touch": { $exists: true } }],
    });
    expect(Object.keys(paths)).toEqual(["geo.country", "$or.0.device.type", "$or.1.device.touch"]);
  });

  it("names rules by the path the Worker's field errors use", () => {
    const tree = group(true, [rule("geo.country", "is", "DE"), rule("geo.country", "$ne", "AT")]);
    const paths: string[] = [];
    expect(toCondition(tree, (p) => paths.push(p))).toEqual({ $and: [{ "geo.country": "DE" }, { "geo.country": { $ne: "AT" } }] });
    expect(paths).toEqual(["$and.0.geo.country", "$and.1.geo.country"]);
  });
});

describe("derived kind", () => {
  it.each([
    [{ "geo.country": "DE" }, "geographic"],
    [{ "company.domain": "acme.com", "page.path": "/" }, "firmographic"],
    [{ $or: [{ "visit.count": { $gt: 2 } }, { "utm.source": "ads" }] }, "behavioral"],
    [{ "traits.plan": "team" }, "demographic"],
    [{ "interests.ai": { $gte: 2 } }, "psychographic"],
    [{ "device.type": "mobile", $not: { "geo.isEU": true } }, "mixed"],
    [{ "time.hour": 9 }, "behavioral"], // page context alone: what the visitor does now, as the Worker derives it
  ])("%j is %s", (condition, kind) => expect(deriveKind(condition)).toBe(kind));
});

describe("priorities and tester clauses", () => {
  it("swaps different priorities and renumbers equal ones", () => {
    expect(
      reorder(
        [
          { id: "a", priority: 30 },
          { id: "b", priority: 20 },
        ],
        1,
        -1,
      ),
    ).toEqual(
      new Map([
        ["b", 30],
        ["a", 20],
      ]),
    );
    expect(
      reorder(
        [
          { id: "a", priority: 0 },
          { id: "b", priority: 0 },
          { id: "c", priority: 0 },
        ],
        2,
        -1,
      ),
    ).toEqual(
      new Map([
        ["a", 30],
        ["c", 20],
        ["b", 10],
      ]),
    );
    expect(reorder([{ id: "a", priority: 1 }], 0, -1).size).toBe(0);
  });

  it("splits a condition into its top-level clauses", () => {
    expect(clausesOf({ a: 1, $or: [] })).toEqual({ all: true, clauses: [{ a: 1 }, { $or: [] }] });
    expect(clausesOf({ $or: [{ a: 1 }, { b: 2 }] })).toEqual({ all: false, clauses: [{ a: 1 }, { b: 2 }] });
  });
});
