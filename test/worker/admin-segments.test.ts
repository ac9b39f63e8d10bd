// /admin/api/sites/:site/segments: CRUD, validation, and the refusal to delete a segment in use.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Segment } from "../../worker/schemas/segment";
import {
  admin,
  adminOk,
  createExperience,
  createSegment,
  createSite,
  expectInvalidField,
  expectRejected,
  expectWriteGuards,
  uniqueKey,
} from "./helpers";

const path = (site: string, id = "") => `/sites/${site}/segments${id ? `/${id}` : ""}`;
const validSegment = () => ({ id: uniqueKey("seg"), name: "Returning", condition: { "visit.isReturning": true } });

describe("POST /admin/api/sites/:site/segments", () => {
  it("stores the segment with defaults (kind derived from its attributes) and returns it", async () => {
    const site = await createSite();
    const id = uniqueKey("seg");
    const created = await adminOk<Segment>("POST", path(site.key), { id, name: "Germany", condition: { "geo.country": "DE" } });
    expect(created).toMatchObject({
      id,
      siteKey: site.key,
      name: "Germany",
      kind: "geographic",
      priority: 0,
      condition: { "geo.country": "DE" },
    });
    const row = await env.DB.prepare("SELECT * FROM segments WHERE id = ?1").bind(id).first();
    expect(row).toMatchObject({ site_key: site.key, kind: "geographic", priority: 0, condition: '{"geo.country":"DE"}' });
    expect(await adminOk<Segment>("GET", path(site.key, id))).toEqual(created);
  });

  it("mints a readable id when none is given", async () => {
    const site = await createSite();
    const created = await adminOk<Segment>("POST", path(site.key), { name: "Anyone", kind: "behavioral", condition: {}, priority: -3 });
    expect(created.id).toMatch(/^seg-[a-z0-9]{8}$/);
    expect(created).toMatchObject({ kind: "behavioral", priority: -3, condition: {} });
  });

  it("refuses a request without the token, with the wrong content type or malformed JSON", async () => {
    const site = await createSite();
    await expectWriteGuards("POST", path(site.key), validSegment());
  });

  it.each([
    ["a missing name", { condition: {} }, "name"],
    ["a name of the wrong type", { name: 42, condition: {} }, "name"],
    ["a missing condition", { name: "x" }, "condition"],
    ["a condition that is a list", { name: "x", condition: [{ "geo.country": "DE" }] }, "condition"],
    ["a condition that is a string", { name: "x", condition: "geo.country == DE" }, "condition"],
    ["a condition over 20,000 characters", { name: "x", condition: { "page.path": { $in: Array(3000).fill("/pricing") } } }, "condition"],
    ["a fractional priority", { name: "x", condition: {}, priority: 1.5 }, "priority"],
    ["a priority of the wrong type", { name: "x", condition: {}, priority: "high" }, "priority"],
    ["a priority out of range", { name: "x", condition: {}, priority: 5000 }, "priority"],
    ["an unknown kind", { name: "x", condition: {}, kind: "astrological" }, "kind"],
    ["a kind the condition does not have", { name: "x", condition: { "geo.country": "DE" }, kind: "firmographic" }, "kind"],
    [
      "a single kind for a condition of several",
      { name: "x", condition: { "geo.country": "DE", "device.type": "mobile" }, kind: "geographic" },
      "kind",
    ],
    ["an id that is not a slug", { id: "Not A Slug", name: "x", condition: {} }, "id"],
    ["a condition on the reserved server.* paths", { name: "x", condition: { "server.f1": true } }, "condition.server.f1"],
    [
      "a reserved server.* path inside $or",
      { name: "x", condition: { $or: [{ "visit.count": 2 }, { "server.f1": true }] } },
      "condition.$or.1.server.f1",
    ],
    ["a name with a lone surrogate", { name: "VIP \ud800", condition: {} }, "name"],
    [
      "an $in item with a lone surrogate",
      { name: "x", condition: { "traits.city": { $in: ["Zürich", "\udc00"] } } },
      "condition.traits.city.$in.1",
    ],
  ])("refuses %s with 400 naming the field", async (_, body, field) => {
    const site = await createSite();
    await expectInvalidField(() => admin("POST", path(site.key), { body }), field);
  });

  it("answers 404 for an unknown site", async () => {
    await expectRejected(() => admin("POST", path(uniqueKey()), { body: validSegment() }), 404, "not_found");
  });

  it("refuses a duplicate id on the same site with 409; another site may use the id", async () => {
    const site = await createSite();
    const other = await createSite();
    const segment = await createSegment(site.key, { name: "Original", condition: { "traits.a": 1 } });
    await expectRejected(
      () => admin("POST", path(site.key), { body: { id: segment.id, name: "Copy", condition: { "traits.b": 2 } } }),
      409,
      "conflict",
    );
    expect(await adminOk<Segment>("GET", path(site.key, segment.id))).toEqual(segment);
    const theirs = await adminOk<Segment>("POST", path(other.key), { id: segment.id, name: "Theirs", condition: { "traits.b": 2 } });
    expect(theirs).toMatchObject({ id: segment.id, siteKey: other.key, name: "Theirs" });
    expect(await adminOk<Segment>("GET", path(site.key, segment.id))).toEqual(segment);
  });
});

describe("GET /admin/api/sites/:site/segments", () => {
  it("lists only this site's segments, highest priority first", async () => {
    const site = await createSite();
    const other = await createSite();
    const low = await createSegment(site.key, { condition: {}, priority: -5 });
    const high = await createSegment(site.key, { condition: {}, priority: 50 });
    const mid = await createSegment(site.key, { condition: {}, priority: 7 });
    await createSegment(other.key, { condition: {}, priority: 100 });
    const { segments } = await adminOk<{ segments: Segment[] }>("GET", path(site.key));
    expect(segments.map((s) => s.id)).toEqual([high.id, mid.id, low.id]);
  });

  it("answers 404 for an unknown site or segment, and for another site's segment", async () => {
    const site = await createSite();
    const other = await createSite();
    const theirs = await createSegment(other.key, { condition: {} });
    await expectRejected(() => admin("GET", path(uniqueKey())), 404, "not_found");
    await expectRejected(() => admin("GET", path(site.key, "no-such-segment")), 404, "not_found");
    await expectRejected(() => admin("GET", path(site.key, theirs.id)), 404, "not_found");
    await expectRejected(() => admin("GET", path(site.key), { token: null }), 401, "unauthorized");
  });
});

describe("PUT /admin/api/sites/:site/segments/:id", () => {
  it("replaces the segment, keeping its creation time", async () => {
    const site = await createSite();
    const segment = await createSegment(site.key, { name: "Before", kind: "geographic", condition: { "geo.country": "DE" }, priority: 5 });
    const updated = await adminOk<Segment>("PUT", path(site.key, segment.id), {
      name: "After",
      condition: { "geo.country": { $in: ["AT", "CH"] } },
      priority: 9,
    });
    expect(updated).toMatchObject({
      id: segment.id,
      name: "After",
      kind: "geographic",
      priority: 9,
      condition: { "geo.country": { $in: ["AT", "CH"] } },
    });
    expect(updated.createdAt).toBe(segment.createdAt);
    expect(updated.updatedAt >= segment.updatedAt).toBe(true);
    expect(await adminOk<Segment>("GET", path(site.key, segment.id))).toEqual(updated);
  });

  it("accepts the id in the body when it matches the URL", async () => {
    const site = await createSite();
    const segment = await createSegment(site.key, { condition: {} });
    expect((await adminOk<Segment>("PUT", path(site.key, segment.id), { id: segment.id, name: "Same", condition: {} })).name).toBe("Same");
  });

  it("refuses a request without the token, with the wrong content type or malformed JSON", async () => {
    const site = await createSite();
    const segment = await createSegment(site.key, { condition: {} });
    await expectWriteGuards("PUT", path(site.key, segment.id), { name: "x", condition: {} });
  });

  it.each([
    ["a missing condition", { name: "x" }, "condition"],
    ["a condition of the wrong type", { name: "x", condition: 7 }, "condition"],
    ["a priority of the wrong type", { name: "x", condition: {}, priority: "1" }, "priority"],
    ["an id that differs from the URL's", { id: "someone-else", name: "x", condition: {} }, "id"],
  ])("refuses %s with 400 naming the field", async (_, body, field) => {
    const site = await createSite();
    const segment = await createSegment(site.key, { condition: { "traits.a": 1 } });
    await expectInvalidField(() => admin("PUT", path(site.key, segment.id), { body }), field);
  });

  it("answers 404 for an unknown site or segment, and leaves another site's segment alone", async () => {
    const site = await createSite();
    const other = await createSite();
    const theirs = await createSegment(other.key, { condition: { "traits.a": 1 } });
    const body = { name: "Hijack", condition: {} };
    await expectRejected(() => admin("PUT", path(uniqueKey(), theirs.id), { body }), 404, "not_found");
    await expectRejected(() => admin("PUT", path(site.key, "no-such-segment"), { body }), 404, "not_found");
    await expectRejected(() => admin("PUT", path(site.key, theirs.id), { body }), 404, "not_found");
  });
});

describe("DELETE /admin/api/sites/:site/segments/:id", () => {
  it("deletes an unused segment", async () => {
    const site = await createSite();
    const segment = await createSegment(site.key, { condition: {} });
    expect((await admin("DELETE", path(site.key, segment.id))).status).toBe(204);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM segments WHERE id = ?1").bind(segment.id).first("n")).toBe(0);
    await expectRejected(() => admin("GET", path(site.key, segment.id)), 404, "not_found");
  });

  it("refuses with 409 segment_in_use while an experience (live or paused) has a variant for it", async () => {
    const site = await createSite();
    const segment = await createSegment(site.key, { condition: {} });
    const change = { type: "hide", selector: "#banner" };
    const live = await createExperience(site.key, { variants: [{ segment: segment.id, changes: [change] }] });
    const paused = await createExperience(site.key, { status: "paused", variants: [{ segment: segment.id, changes: [change] }] });

    const error = await expectRejected(() => admin("DELETE", path(site.key, segment.id)), 409, "segment_in_use");
    expect(error.message).toContain(live.id);
    expect(error.message).toContain(paused.id);

    expect((await admin("DELETE", `/sites/${site.key}/experiences/${live.id}`)).status).toBe(204);
    await expectRejected(() => admin("DELETE", path(site.key, segment.id)), 409, "segment_in_use");
    expect((await admin("DELETE", `/sites/${site.key}/experiences/${paused.id}`)).status).toBe(204);
    expect((await admin("DELETE", path(site.key, segment.id))).status).toBe(204);
  });

  it("refuses a request without the token, and answers 404 for an unknown site or segment", async () => {
    const site = await createSite();
    const other = await createSite();
    const segment = await createSegment(site.key, { condition: {} });
    const theirs = await createSegment(other.key, { condition: {} });
    await expectWriteGuards("DELETE", path(site.key, segment.id));
    await expectRejected(() => admin("DELETE", path(uniqueKey(), segment.id)), 404, "not_found");
    await expectRejected(() => admin("DELETE", path(site.key, "no-such-segment")), 404, "not_found");
    await expectRejected(() => admin("DELETE", path(site.key, theirs.id)), 404, "not_found");
  });
});
