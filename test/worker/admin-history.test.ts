// Optimistic concurrency, version detail, the publish diff, rollback and the audit log.
import { describe, expect, it } from "vitest";
import { admin, adminOk, createExperience, createSegment, createSite, expectRejected, publish, visit } from "./helpers";
import { asSession, asSessionOk, session } from "./sessions";

const seg = (site: string, id: string) => `/sites/${site}/segments/${id}`;

describe("optimistic concurrency", () => {
  it("a stale segment edit gets 412 and overwrites nothing; the fresh one passes", async () => {
    const site = await createSite();
    const s = await createSegment(site.key, { name: "DE", condition: { "geo.country": "DE" } });
    const get = await admin("GET", seg(site.key, s.id));
    expect(get.headers.get("etag")).toBe('"v1"');
    const alice = await session("editor");
    const bob = await session("editor");
    const edit = (name: string) => ({ name, condition: { "geo.country": "DE" } });
    const saved = await asSessionOk<{ version: number }>(alice, "PUT", seg(site.key, s.id), {
      body: edit("Alice's"),
      headers: { "if-match": '"v1"' },
    });
    expect(saved.version).toBe(2);
    const error = await expectRejected(
      () => asSession(bob, "PUT", seg(site.key, s.id), { body: edit("Bob's"), headers: { "if-match": '"v1"' } }),
      412,
      "version_conflict",
    );
    expect(error.message).toMatch(/changed by someone else.*Nothing was saved/);
    await expectRejected(
      () => asSession(bob, "PUT", seg(site.key, s.id), { body: { ...edit("Bob's"), version: 1 } }),
      412,
      "version_conflict",
    );
    expect((await adminOk<{ name: string }>("GET", seg(site.key, s.id))).name).toBe("Alice's");
    await asSessionOk(bob, "PUT", seg(site.key, s.id), { body: { ...edit("Bob's"), version: 2 } });
  });

  it("a session must say which version it edited (428); the owner token may leave it out", async () => {
    const site = await createSite();
    const s = await createSegment(site.key, { condition: { "geo.country": "DE" } });
    const editor = await session("editor");
    await expectRejected(
      () => asSession(editor, "PUT", seg(site.key, s.id), { body: { name: "x", condition: { "geo.country": "DE" } } }),
      428,
      "precondition_required",
    );
    await adminOk("PUT", seg(site.key, s.id), { name: "x", condition: { "geo.country": "DE" } });
    await expectRejected(
      () => admin("PUT", seg(site.key, s.id), { body: { name: "y", condition: { "geo.country": "DE" }, version: 1 } }),
      412,
      "version_conflict",
    );
  });

  it("experiences and sites too", async () => {
    const site = await createSite();
    const s = await createSegment(site.key, { condition: { "geo.country": "DE" } });
    const e = await createExperience(site.key, { variants: [{ segment: s.id, changes: [{ type: "hide", selector: "h1" }] }] });
    const body = { name: "E2", variants: [{ segment: s.id, changes: [{ type: "hide", selector: "h2" }] }] };
    await adminOk("PUT", `/sites/${site.key}/experiences/${e.id}`, { ...body, version: 1 });
    await expectRejected(
      () => admin("PUT", `/sites/${site.key}/experiences/${e.id}`, { body: { ...body, version: 1 } }),
      412,
      "version_conflict",
    );
    await adminOk("PATCH", `/sites/${site.key}`, { name: "A", version: 1 });
    await expectRejected(() => admin("PATCH", `/sites/${site.key}`, { body: { name: "B", version: 1 } }), 412, "version_conflict");
    expect((await adminOk<{ name: string }>("GET", `/sites/${site.key}`)).name).toBe("A");
  });
});

describe("publish history", () => {
  it("diffs drafts against the live version, field by field", async () => {
    const site = await createSite();
    const de = await createSegment(site.key, { id: "de", name: "Germany", condition: { "geo.country": "DE" } });
    await createExperience(site.key, {
      id: "hero",
      name: "Hero",
      variants: [{ segment: de.id, changes: [{ type: "text", selector: "h1", value: "Hallo" }] }],
    });
    const first = await adminOk<{ baseline: string; segments: { added: { id: string }[] }; unchanged: boolean }>(
      "GET",
      `/sites/${site.key}/diff`,
    );
    expect(first.baseline).toBe("none");
    expect(first.segments.added.map((a) => a.id)).toEqual(["de"]);
    await publish(site.key);
    expect((await adminOk<{ unchanged: boolean }>("GET", `/sites/${site.key}/diff`)).unchanged).toBe(true);
    await adminOk("PUT", `/sites/${site.key}/experiences/hero`, {
      name: "Hero",
      variants: [{ segment: "de", changes: [{ type: "text", selector: "h1", value: "Servus" }] }],
    });
    await createSegment(site.key, { id: "fr", condition: { "geo.country": "FR" } });
    const diff = await adminOk<any>("GET", `/sites/${site.key}/diff`);
    expect(diff).toMatchObject({
      live: 1,
      baseline: "live",
      unchanged: false,
      segments: { added: [{ id: "fr" }], removed: [], changed: [] },
    });
    expect(diff.experiences.changed).toEqual([
      {
        id: "hero",
        name: "Hero",
        fields: {
          "variants.de": {
            from: [{ type: "text", selector: "h1", value: "Hallo" }],
            to: [{ type: "text", selector: "h1", value: "Servus" }],
          },
        },
      },
    ]);
  });

  it("shows a version with who published it, and rolls back as a new version that visitors get", async () => {
    const site = await createSite();
    await createSegment(site.key, { id: "all", condition: { "page.path": { $exists: true } } });
    await createExperience(site.key, {
      id: "hero",
      variants: [{ segment: "all", changes: [{ type: "text", selector: "h1", value: "Old" }] }],
    });
    const editor = await session("editor");
    await asSessionOk(editor, "POST", `/sites/${site.key}/publish`);
    await adminOk("PUT", `/sites/${site.key}/experiences/hero`, {
      name: "Experience",
      variants: [{ segment: "all", changes: [{ type: "text", selector: "h1", value: "New" }] }],
    });
    await publish(site.key);

    const v1 = await adminOk<any>("GET", `/sites/${site.key}/versions/1`);
    expect(v1).toMatchObject({ version: 1, publishedBy: `user:${editor.userId} ${editor.email}`, live: false });
    expect(v1.source.experiences[0].variants[0].changes[0].value).toBe("Old");
    await expectRejected(() => admin("GET", `/sites/${site.key}/versions/9`), 404, "not_found");

    const rolled = await asSessionOk<{ version: number; restoredFrom: number }>(editor, "POST", `/sites/${site.key}/rollback`, {
      body: { version: 1 },
    });
    expect(rolled).toMatchObject({ version: 3, restoredFrom: 1 });
    const variants = await visit(`/v1/sites/${site.key}/variants?segments=all`);
    expect(await variants.json()).toMatchObject({ v: 3, changes: { hero: { all: [{ value: "Old" }] } } });
    // The draft is version 1's content again, and an editor open on the newer draft gets a conflict.
    const hero = await adminOk<{ version: number; variants: { changes: { value: string }[] }[] }>(
      "GET",
      `/sites/${site.key}/experiences/hero`,
    );
    expect(hero.variants[0]!.changes[0]!.value).toBe("Old");
    expect(hero.version).toBe(3);
    await expectRejected(() => admin("POST", `/sites/${site.key}/rollback`, { body: { version: 42 } }), 404, "not_found");

    const { entries } = await adminOk<{ entries: { action: string; actor: string }[] }>("GET", `/audit?site=${site.key}`);
    expect(entries.map((e) => e.action)).toEqual([
      "rollback",
      "publish",
      "experience.update",
      "publish",
      "experience.create",
      "segment.create",
      "site.create",
    ]);
    expect(entries[0]!.actor).toBe(`user:${editor.userId} ${editor.email}`);
  });
});
