// Per-site API tokens and role enforcement.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, adminOk, createSite, expectRejected, uniqueKey } from "./helpers";
import { asSession, asSessionOk, session, withToken } from "./sessions";

const siteToken = async (site: string, role: string) =>
  adminOk<{ id: string; token: string }>("POST", `/sites/${site}/tokens`, { name: "CI", role });

describe("per-site API tokens", () => {
  it("are shown once, stored hashed, listed without the secret", async () => {
    const site = await createSite();
    const created = await siteToken(site.key, "editor");
    expect(created.token).toMatch(/^fct_[\w-]{40,}$/);
    const row = await env.DB.prepare("SELECT token_hash FROM api_tokens WHERE id = ?1").bind(created.id).first<{ token_hash: string }>();
    expect(row!.token_hash).not.toContain(created.token);
    const { tokens } = await adminOk<{ tokens: object[] }>("GET", `/sites/${site.key}/tokens`);
    expect(JSON.stringify(tokens)).not.toContain(created.token);
    expect(tokens).toEqual([expect.objectContaining({ id: created.id, name: "CI", role: "editor", site: site.key })]);
  });

  it("work on their own site, with their role, and nowhere else", async () => {
    const site = await createSite();
    const other = await createSite();
    const { token } = await siteToken(site.key, "editor");
    expect((await withToken(token, "GET", `/sites/${site.key}/segments`)).status).toBe(200);
    expect((await withToken(token, "POST", `/sites/${site.key}/segments`, { name: "x", condition: { "geo.country": "DE" } })).status).toBe(
      201,
    );
    expect((await withToken(token, "POST", `/sites/${site.key}/publish`)).status).toBe(201);
    await expectRejected(() => withToken(token, "GET", `/sites/${other.key}/segments`), 403, "forbidden");
    await expectRejected(() => withToken(token, "POST", `/sites/${other.key}/publish`), 403, "forbidden");
    await expectRejected(() => withToken(token, "GET", "/sites"), 403, "forbidden");
    await expectRejected(() => withToken(token, "GET", "/users"), 403, "forbidden");
    await expectRejected(() => withToken(token, "GET", "/company-ranges"), 403, "forbidden");
    await expectRejected(() => withToken(token, "PATCH", `/sites/${site.key}`, { name: "y" }), 403, "forbidden");
    await expectRejected(() => withToken(token, "POST", `/sites/${site.key}/tokens`, { name: "more", role: "owner" }), 403, "forbidden");
  });

  it("a viewer token reads but never writes", async () => {
    const site = await createSite();
    const { token } = await siteToken(site.key, "viewer");
    expect((await withToken(token, "GET", `/sites/${site.key}`)).status).toBe(200);
    await expectRejected(
      () => withToken(token, "POST", `/sites/${site.key}/segments`, { name: "x", condition: { "geo.country": "DE" } }),
      403,
      "forbidden",
    );
  });

  it("stop working when revoked or when made up", async () => {
    const site = await createSite();
    const created = await siteToken(site.key, "viewer");
    expect((await admin("DELETE", `/sites/${site.key}/tokens/${created.id}`)).status).toBe(204);
    await expectRejected(() => withToken(created.token, "GET", `/sites/${site.key}`), 401, "unauthorized");
    await expectRejected(() => withToken(`fct_${uniqueKey()}`, "GET", `/sites/${site.key}`), 401, "unauthorized");
  });
});

describe("roles", () => {
  it("viewer reads; editor edits content and publishes; only an owner changes sites, users and company ranges", async () => {
    const site = await createSite();
    const viewer = await session("viewer");
    const editor = await session("editor");
    const owner = await session("owner");
    await asSessionOk(viewer, "GET", `/sites/${site.key}/segments`);
    await expectRejected(() => asSession(viewer, "PUT", `/sites/${site.key}/topics`, { body: { topics: [] } }), 403, "forbidden");
    const seg = await asSessionOk<{ id: string }>(editor, "POST", `/sites/${site.key}/segments`, {
      body: { name: "DE", condition: { "geo.country": "DE" } },
    });
    await asSessionOk(editor, "PUT", `/sites/${site.key}/topics`, { body: { topics: [] } });
    await asSessionOk(editor, "PUT", `/sites/${site.key}/accounts`, { body: { accounts: [{ domain: "acme.example" }] } });
    await asSessionOk(editor, "POST", `/sites/${site.key}/experiences`, {
      body: { name: "E", variants: [{ segment: seg.id, changes: [{ type: "hide", selector: "h1" }] }] },
    });
    await asSessionOk(editor, "POST", `/sites/${site.key}/publish`);
    await expectRejected(() => asSession(editor, "PATCH", `/sites/${site.key}`, { body: { name: "x", version: 1 } }), 403, "forbidden");
    await expectRejected(() => asSession(editor, "POST", "/sites", { body: { key: uniqueKey(), name: "x" } }), 403, "forbidden");
    await expectRejected(
      () => asSession(editor, "POST", "/users", { body: { email: "a@example.test", password: "long enough password", role: "owner" } }),
      403,
      "forbidden",
    );
    await expectRejected(() => asSession(editor, "DELETE", "/company-ranges"), 403, "forbidden");
    await expectRejected(() => asSession(editor, "GET", "/audit"), 403, "forbidden");
    await asSessionOk(editor, "GET", `/audit?site=${site.key}`);
    await asSessionOk(owner, "PATCH", `/sites/${site.key}`, { body: { name: "Renamed", version: 1 } });
    await asSessionOk(owner, "GET", "/audit");
    expect((await admin("GET", "/users")).status).toBe(200);
  });
});
