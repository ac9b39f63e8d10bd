// The admin page at /admin: the Worker answers every screen path with one static shell (security headers,
// hashed assets, no data), and the browser renders the screen from the admin API (admin/pages/render.tsx).
// The screens are rendered here the way the browser does it, reading the real API with a session's cookie,
// so a viewer sees no owner-only parts and a refusal becomes the error screen.
import { SELF, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { PUBLIC_PATHS, SCREEN_PATHS } from "../../admin/paths";
import { ADMIN_ASSET_NAMES } from "../../worker/generated/admin-assets";
import { ADMIN_CSP } from "../../worker/http/security-headers";
import { BASE, createExperience, createSegment, createSite } from "./helpers";
import { renderAdmin, screenHtml } from "./screens";
import { session, type SessionAuth } from "./sessions";

const get = (path: string, s?: SessionAuth) =>
  SELF.fetch(`${BASE}${path}`, { redirect: "manual", headers: s ? { cookie: `facet_session=${s.cookie}` } : {} });

const INLINE = /<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i;

describe("GET /admin (the shell)", () => {
  it("answers every screen path with the same static shell and the security headers, session or not", async () => {
    const s = await session("owner");
    const paths = [...PUBLIC_PATHS, ...SCREEN_PATHS].map((p) => `/admin${p === "/" ? "" : p.replace(/:\w+/g, "x")}?a=1`);
    for (const path of paths) {
      for (const who of [undefined, s]) {
        const res = await get(path, who);
        const html = await res.text();
        expect(res.status, path).toBe(200);
        expect(res.headers.get("content-type"), path).toContain("text/html");
        expect(res.headers.get("content-security-policy"), path).toBe(ADMIN_CSP);
        expect(res.headers.get("cache-control"), path).toBe("no-store");
        expect(res.headers.get("x-frame-options"), path).toBe("DENY");
        expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
        expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
        expect(html, path).toMatch(/^<!DOCTYPE html>/);
        expect(html, path).toContain(`<script defer src="/admin/assets/${ADMIN_ASSET_NAMES.js}"></script>`);
        expect(html, path).toContain(`<link rel="stylesheet" href="/admin/assets/${ADMIN_ASSET_NAMES.css}">`);
        expect(html, path).toContain('<meta charset="utf-8">');
        expect(html, path).toContain("<noscript>");
        expect(html, path).not.toMatch(INLINE);
        // No data in it: not even the CSRF token, which only the API's GET /me hands out.
        expect(html, path).not.toContain("facet-csrf");
      }
    }
  });

  it("answers an unknown admin path with the 404 envelope, as before (no shell)", async () => {
    for (const path of ["/admin/nope", "/admin/sites/x/nope", "/admin/sites/x/segments/a/b"]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-security-policy"), path).toBe(ADMIN_CSP);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe("not_found");
    }
  });
});

describe("admin screens (rendered in the browser from the API)", () => {
  it("sends a visitor without a session to the login screen, which renders without one", async () => {
    expect(await renderAdmin("/admin/sites/x/segments?a=1")).toEqual({
      redirect: "/admin/login?next=%2Fadmin%2Fsites%2Fx%2Fsegments%3Fa%3D1",
    });
    const login = await renderAdmin("/admin/login");
    const html = screenHtml(login);
    expect(html).toContain('data-api="POST /login"');
    expect(html).toContain('<label for="f-email">Email</label>');
    expect(login).toMatchObject({ title: "Log in", csrfToken: undefined });
    // A session's CSRF token goes to the page (api.ts sends it with every write).
    const s = await session("owner");
    expect(await renderAdmin("/admin", s)).toMatchObject({ status: 200, title: "Sites", csrfToken: s.csrf });
  });

  it("renders no inline script or style (the CSP would block them)", async () => {
    const s = await session("owner");
    const site = (await createSite()).key;
    const segment = (await createSegment(site, { condition: { "geo.country": "DE" } })).id;
    const e = await createExperience(site, { variants: [{ segment, changes: [{ type: "html", selector: "h1", value: "<b>Hi</b>" }] }] });
    for (const path of [
      "/admin",
      `/admin/sites/${site}`,
      `/admin/sites/${site}/segments`,
      `/admin/sites/${site}/segments/new`,
      `/admin/sites/${site}/segments/${segment}`,
      `/admin/sites/${site}/experiences`,
      `/admin/sites/${site}/experiences/new`,
      `/admin/sites/${site}/experiences/${e.id}`,
      `/admin/sites/${site}/publish`,
      "/admin/users",
      "/admin/account",
      `/admin/audit?site=${site}`,
    ]) {
      const html = screenHtml(await renderAdmin(path, s));
      expect(html, path).toContain('<main id="main" tabindex="-1">');
      expect(html, path).not.toMatch(INLINE);
    }
  });

  it("shows a logged-in owner the sites list with the install tag of a site", async () => {
    const s = await session("owner");
    const site = await createSite({ name: "Shop <main>" });
    const list = screenHtml(await renderAdmin("/admin", s));
    expect(list).toContain(`href="/admin/sites/${site.key}"`);
    expect(list).toContain("Shop &lt;main&gt;");
    const html = screenHtml(await renderAdmin(`/admin/sites/${site.key}`, s));
    expect(html).toContain(`&lt;script async src=&quot;${BASE}/facet.js&quot; data-site=&quot;${site.key}&quot;&gt;&lt;/script&gt;`);
    expect(html).toContain('data-copy="install-tag"');
    // The flicker-free install: the pre-hide snippet inline, then the site's upgraded tag.
    expect(html).toContain('data-copy="install-fast"');
    expect(html).toContain(`&lt;script async src=&quot;${BASE}/v1/sites/${site.key}/facet.js&quot;&gt;&lt;/script&gt;`);
    expect(html).toContain("facet-prehide");
    expect(html).toContain("API tokens");
  });

  it("shows an experience's schedule: labeled Starts/Ends inputs in the editor, and Scheduled: in the list (UTC)", async () => {
    const s = await session("owner");
    const site = (await createSite()).key;
    const segment = (await createSegment(site, { condition: { "geo.country": "DE" } })).id;
    const e = await createExperience(site, {
      start: "2026-12-01T09:00:00Z",
      end: "2026-12-24T00:00:00+01:00",
      variants: [{ segment, changes: [{ type: "text", selector: "h1", value: "Sale" }] }],
    });
    const editor = screenHtml(await renderAdmin(`/admin/sites/${site}/experiences/${e.id}`, s));
    expect(editor).toContain('<label for="f-start">Starts (optional)</label>');
    expect(editor).toContain('<label for="f-end">Ends (optional)</label>');
    expect(editor).toMatch(/<input id="f-start" name="start" type="datetime-local" data-iso="2026-12-01T09:00:00Z"/);
    expect(editor).toContain("local timezone");
    const list = screenHtml(await renderAdmin(`/admin/sites/${site}/experiences`, s));
    expect(list).toContain("Scheduled: from 2026-12-01 09:00 UTC until 2026-12-23 23:00 UTC");
  });

  it("reads through the API's roles: a viewer gets no owner forms, and an owner-only screen says not allowed", async () => {
    const s = await session("viewer");
    const site = await createSite();
    const html = screenHtml(await renderAdmin(`/admin/sites/${site.key}`, s));
    expect(html).not.toContain("API tokens");
    expect(html).toContain("Only owners change site settings.");
    const users = await renderAdmin("/admin/users", s);
    expect(screenHtml(users, 403)).toContain("Not allowed");
    expect(users).toMatchObject({ title: "Not available" });
    expect(screenHtml(await renderAdmin("/admin/sites/no-such-site", s), 404)).toContain("Not found");
  });
});

// The files are Workers Static Assets (wrangler.toml [assets], dist/assets), answered before the Worker runs.
// The pool's SELF calls the Worker directly, so these read them through the assets binding, the same asset
// service (with dist/assets/_headers) that answers in production; the e2e suite loads them through wrangler dev.
describe("admin assets", () => {
  it("serves the hashed script and stylesheet as static assets, with a year of caching and nosniff", async () => {
    for (const [name, type, start] of [
      [ADMIN_ASSET_NAMES.js, "javascript", '"use strict";'],
      [ADMIN_ASSET_NAMES.css, "text/css", ""],
    ] as const) {
      const res = await (env as unknown as { ASSETS: Fetcher }).ASSETS.fetch(`${BASE}/admin/assets/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain(type);
      expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const body = await res.text();
      expect(body.startsWith(start) && body.length > 1000).toBe(true);
    }
    expect(ADMIN_ASSET_NAMES.js).toMatch(/^admin\.[0-9a-f]{12}\.js$/);
    expect(ADMIN_ASSET_NAMES.css).toMatch(/^admin\.[0-9a-f]{12}\.css$/);
  });

  it("answers an unknown asset from the Worker, with a 404 envelope that no one caches", async () => {
    const res = await get("/admin/assets/admin.000000000000.js");
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toBe(ADMIN_CSP);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("holds no index.html nor any file outside /admin/assets/, so / and the API reach the Worker", async () => {
    const assets = (env as unknown as { ASSETS: Fetcher }).ASSETS;
    for (const path of ["/", "/index.html", "/_headers", "/healthz", "/admin", "/admin/login"])
      expect((await assets.fetch(`${BASE}${path}`)).status, path).toBe(404);
    expect(await (await get("/healthz")).json()).toEqual({ ok: true });
  });
});
