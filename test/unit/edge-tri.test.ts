// worker/edge/tri.ts and facts.ts: the edge decides a condition only when every way the device's attributes
// could turn out gives the same answer. An unknown attribute is not a missing one.
import { describe, expect, it } from "vitest";
import { evalCondition, type Condition } from "../../contract/conditions";
import { edgeFacts } from "../../worker/edge/facts";
import { evalTri, type Tri } from "../../worker/edge/tri";
import { int, mulberry32, pick } from "./prng";

const url = new URL("https://shop.example/pricing?plan=pro&utm_source=news&utm_medium=email");
const facts = edgeFacts(url, { de: true, acme: false });
const tri = (c: Condition) => evalTri(facts.context, c, facts.unknown);

describe("evalTri", () => {
  it.each<[string, Condition, Tri]>([
    ["a true server reference", { "server.de": true }, true],
    ["a false server reference", { "server.acme": true }, false],
    ["the path", { "page.path": "/pricing" }, true],
    ["the path, by regex", { "page.path": { $regex: "^/pri" } }, true],
    ["a query parameter", { "page.query.plan": "pro" }, true],
    ["a missing query parameter reads null", { "page.query.nope": { $exists: false } }, true],
    ["the host", { "page.host": "shop.example" }, true],
    ["UTM source of this URL", { "utm.source": "news" }, true],
    ["UTM last touch", { "utm.last.medium": "email" }, true],
    ["UTM absent from this URL reads null", { "utm.campaign": { $exists: true } }, false],
    ["UTM first touch is history", { "utm.first.source": "news" }, undefined],
    ["visit.count < 5 is unknown, not null < 5", { "visit.count": { $lt: 5 } }, undefined],
    ["visit.count missing would be true: still unknown", { "visit.count": { $exists: false } }, undefined],
    ["events", { "events.signup.count": { $gte: 1 } }, undefined],
    ["traits", { "traits.plan": "pro" }, undefined],
    ["interests", { "interests.pricing": { $gt: 0.5 } }, undefined],
    ["pages", { pages: "/pricing" }, undefined],
    ["device", { "device.type": "mobile" }, undefined],
    ["time", { "time.hour": { $gte: 9 } }, undefined],
    ["referrer", { referrer: "" }, undefined],
    ["page.url carries the #fragment the server never sees", { "page.url": { $regex: "pricing" } }, undefined],
    ["page.title comes from the document", { "page.title": "Pricing" }, undefined],
    ["the whole page object", { page: { $exists: true } }, undefined],
    ["an attribute nobody sets is unknown too (the snippet may gain it)", { foo: null }, undefined],
    ["a false reference beside an unknown", { "server.acme": true, "visit.count": 1 }, false],
    ["a true reference beside an unknown", { "server.de": true, "visit.count": 1 }, undefined],
    ["$or: a true reference or an unknown", { $or: [{ "server.de": true }, { "visit.count": 1 }] }, true],
    ["$or: a false reference or an unknown", { $or: [{ "server.acme": true }, { "visit.count": 1 }] }, undefined],
    ["$or: empty is true", { $or: [] }, true],
    ["$and: a false reference and an unknown", { $and: [{ "visit.count": 1 }, { "server.acme": true }] }, false],
    ["$nor: a true reference and an unknown", { $nor: [{ "visit.count": 1 }, { "server.de": true }] }, false],
    ["$nor: only false ones", { $nor: [{ "server.acme": true }, { "page.path": "/" }] }, true],
    ["$not of a true reference", { $not: { "server.de": true } }, false],
    ["$not of an unknown", { $not: { "visit.isReturning": true } }, undefined],
    ["$not of (true reference or unknown)", { $not: { $or: [{ "server.de": true }, { "traits.x": 1 }] } }, false],
    ["a field-level $not on a known path", { "page.path": { $not: { $regex: "^/blog" } } }, true],
    ["$elemMatch conditions are about elements, not paths", { "page.query.plan": { $elemMatch: { visit: 1 } } }, false],
    // A throw anywhere makes GrowthBook's answer false, wherever it sits: with unknowns around, not decided.
    ["$not over a malformed $or beside an unknown", { $not: { "visit.count": 1, $or: null } }, undefined],
    ["a malformed condition without unknowns: the evaluator's own answer", { $not: { $or: null } }, false],
  ])("%s", (_name, condition, expected) => {
    expect(tri(condition)).toBe(expected);
  });

  it.each<[string, Condition, Tri]>([
    ["a phone's type", { "device.type": "mobile" }, true],
    ["its OS", { "device.os": { $in: ["android", "ios"] } }, true],
    ["its browser", { "device.browser": "chrome" }, true],
    ["touch and viewport are the browser's", { "device.touch": true }, undefined],
  ])("device from the request: %s", (_name, condition, expected) => {
    const phone = edgeFacts(url, {}, { type: "mobile", os: "android", browser: "chrome" });
    expect(evalTri(phone.context, condition, phone.unknown)).toBe(expected);
  });

  it("leaves desktop and macOS to the device (an iPad asks for desktop sites with a Mac UA)", () => {
    const mac = edgeFacts(url, {}, { type: "desktop", os: "macos", browser: "safari" });
    expect(evalTri(mac.context, { "device.type": "desktop" }, mac.unknown)).toBeUndefined();
    expect(evalTri(mac.context, { "device.os": "macos" }, mac.unknown)).toBeUndefined();
    expect(evalTri(mac.context, { "device.browser": "safari" }, mac.unknown)).toBe(true);
  });

  it("knows no UTM at all on a URL without UTM parameters", () => {
    const plain = edgeFacts(new URL("https://shop.example/"), {});
    expect(evalTri(plain.context, { "utm.source": { $exists: false } }, plain.unknown)).toBeUndefined();
  });

  // Soundness, generated: whenever the edge answers, the device (with any values for what the edge didn't
  // know) answers the same.
  it("never contradicts the device's own evaluation (4000 generated cases)", () => {
    const random = mulberry32(10);
    const known = [
      { "server.de": true },
      { "server.acme": true },
      { "page.path": "/pricing" },
      { "page.query.plan": { $in: ["pro", "team"] } },
      { "utm.source": "ads" },
    ];
    const unknown = () =>
      pick(random, [
        { "visit.count": { $lt: int(random, 0, 4) } },
        { "traits.plan": "pro" },
        { "visit.count": { $exists: false } },
        { "device.type": "mobile" },
      ]);
    const gen = (depth: number): Condition => {
      const r = random();
      if (depth > 2 || r < 0.4) return random() < 0.5 ? pick(random, known) : unknown();
      const kids = Array.from({ length: int(random, 0, 3) }, () => gen(depth + 1));
      return r < 0.55 ? { $and: kids } : r < 0.75 ? { $or: kids } : r < 0.9 ? { $nor: kids } : { $not: gen(depth + 1) };
    };
    const devices = [
      {},
      { visit: { count: 0 } },
      { visit: { count: 3 }, traits: { plan: "pro" }, device: { type: "mobile" } },
      { visit: { count: 9 }, traits: { plan: "x" }, device: { type: "desktop" } },
    ];
    let decided = 0;
    for (let i = 0; i < 4000; i++) {
      const c = gen(0);
      const answer = tri(c);
      if (answer === undefined) continue;
      decided++;
      for (const d of devices) expect(evalCondition({ ...facts.context, ...d }, c), JSON.stringify(c)).toBe(answer);
    }
    expect(decided).toBeGreaterThan(1000);
  });
});
