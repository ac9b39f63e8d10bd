import { describe, expect, it } from "vitest";
import { kindOf, pageContextOnly } from "../../worker/conditions/kind";

describe("a segment's kind, derived from its condition", () => {
  const table: [condition: unknown, kind: string][] = [
    [{ "visit.isReturning": true }, "behavioral"],
    [{ "events.signup.count": { $gte: 1 } }, "behavioral"],
    [{ "utm.last.source": "google" }, "behavioral"],
    [{ "geo.country": "DE" }, "geographic"],
    [{ $or: [{ "geo.country": "DE" }, { "geo.isEU": true }] }, "geographic"],
    [{ "company.domain": { $in: ["acme.com"] } }, "firmographic"],
    [{ "device.type": "mobile" }, "technographic"],
    [{ "traits.plan": "pro" }, "demographic"],
    [{ "interests.security": { $gt: 2 } }, "psychographic"],
    [{ "geo.country": "DE", "company.type": "business" }, "mixed"],
    [{ $and: [{ "device.type": "mobile" }, { $not: { "traits.role": "cto" } }] }, "mixed"],
    // Page context decides no kind: with a geo clause it stays geographic; alone it is what the visitor does now.
    [{ "geo.country": "DE", "page.path": "/pricing" }, "geographic"],
    [{ "page.path": "/pricing" }, "behavioral"],
    [{}, "behavioral"],
    // $elemMatch's inner keys are the items' fields, not attributes.
    [{ pages: { $elemMatch: { $regex: "^/blog" } } }, "behavioral"],
  ];
  for (const [condition, kind] of table) {
    it(`${JSON.stringify(condition)} → ${kind}`, () => expect(kindOf(condition)).toBe(kind));
  }
});

describe("whether the page view alone decides a condition (page.* and time.* only)", () => {
  const table: [condition: unknown, pageView: boolean][] = [
    [{ "page.path": "/pricing" }, true],
    [{ "page.query.utm_campaign": "spring", "time.hour": { $gte: 9 } }, true],
    [{ $or: [{ "page.path": "/a" }, { $not: { "time.weekday": 0 } }] }, true],
    [{}, true],
    [{ "page.path": "/pricing", "visit.isReturning": true }, false],
    [{ $or: [{ "page.path": "/a" }, { "server.r1": true }] }, false],
    [{ $and: [{ "page.path": "/a" }, { $not: { "device.type": "mobile" } }] }, false],
    [{ "utm.last.source": "google" }, false],
    [{ "constructor.x": 1 }, false],
  ];
  for (const [condition, pageView] of table) {
    it(`${JSON.stringify(condition)} → ${pageView}`, () => expect(pageContextOnly(condition)).toBe(pageView));
  }
});
