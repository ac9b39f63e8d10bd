// Every admin endpoint, taken from the app's own route table (a new one cannot be forgotten): refused
// without credentials, refused to a viewer when it writes, refused to a session without its CSRF token;
// guarded by requireRole; served with the admin security headers and never with CORS headers.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../worker/index";
import { ADMIN_CSP } from "../../worker/http/security-headers";
import { ROLE_GUARD } from "../../worker/http/auth";
import { BASE, createExperience, createSegment, createSite, expectRejected } from "./helpers";
import { asSession, session, type SessionAuth } from "./sessions";

/** Reached before authentication, by design: they are how one gets a session. */
const PUBLIC = new Set(["POST /admin/api/login", "POST /admin/api/invites/accept"]);
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

const adminRoutes = () => {
  const seen = new Map<string, { method: string; path: string; guarded: boolean }>();
  for (const r of app.routes) {
    if (!r.path.startsWith("/admin/api") || r.method === "ALL") continue;
    const id = `${r.method} ${r.path}`;
    const entry = seen.get(id) ?? { method: r.method, path: r.path, guarded: false };
    entry.guarded ||= ROLE_GUARD in (r.handler as object);
    seen.set(id, entry);
  }
  return [...seen.values()];
};

let site = "";
let segment = "";
let experience = "";
const concrete = (path: string) =>
  path
    .replace(":site", site)
    .replace("segments/:id", `segments/${segment}`)
    .replace("experiences/:id", `experiences/${experience}`)
    .replace(":id", "x")
    .replace(":v", "1");

beforeAll(async () => {
  site = (await createSite()).key;
  segment = (await createSegment(site, { condition: { "geo.country": "DE" } })).id;
  experience = (await createExperience(site, { variants: [{ segment, changes: [{ type: "text", selector: "h1", value: "Hi" }] }] })).id;
});

describe("the admin route table", () => {
  const routes = adminRoutes();

  it("has the endpoints this file expects to cover", () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([...PUBLIC, "GET /admin/api/sites", "POST /admin/api/sites/:site/rollback"]),
    );
  });

  it("guards every route but login and invite acceptance with requireRole", () => {
    const unguarded = routes.filter((r) => !r.guarded && !PUBLIC.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`);
    expect(unguarded).toEqual([]);
  });

  it.each(routes.filter((r) => !PUBLIC.has(`${r.method} ${r.path}`)).map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: 401 without a session or token; security headers; no CORS",
    async (_, r) => {
      const path = concrete(r.path);
      await expectRejected(
        () =>
          SELF.fetch(`${BASE}${path}`, {
            method: r.method,
            headers: { origin: "https://evil.example", "content-type": "application/json" },
            body: SAFE.has(r.method) ? null : "{}",
          }),
        401,
        "unauthorized",
      );
      const res = await SELF.fetch(`${BASE}${path}`, { method: r.method, headers: { origin: "https://evil.example" } });
      expect(res.headers.get("content-security-policy")).toBe(ADMIN_CSP);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    },
  );

  describe("writes", () => {
    let viewer: SessionAuth;
    let owner: SessionAuth;
    beforeAll(async () => {
      viewer = await session("viewer");
      owner = await session("owner");
    });
    const writes = routes.filter(
      (r) => !SAFE.has(r.method) && !PUBLIC.has(`${r.method} ${r.path}`) && !/\/(logout|me\/password)$/.test(r.path),
    );

    it.each(writes.map((r) => [`${r.method} ${r.path}`, r] as const))(
      "%s: 403 for a viewer, 403 for a session without CSRF",
      async (_, r) => {
        const path = concrete(r.path).replace("/admin/api", "");
        await expectRejected(() => asSession(viewer, r.method, path, { body: {} }), 403, "forbidden");
        await expectRejected(() => asSession(owner, r.method, path, { body: {}, csrf: false }), 403, "csrf_failed");
      },
    );

    it("logout and password change, open to every role, still need the CSRF token", async () => {
      await expectRejected(() => asSession(viewer, "POST", "/logout", { csrf: false }), 403, "csrf_failed");
      await expectRejected(() => asSession(viewer, "POST", "/me/password", { body: {}, csrf: false }), 403, "csrf_failed");
    });
  });

  it("puts the security headers on the admin page path and its 404s too", async () => {
    for (const path of ["/admin", "/admin/nothing"]) {
      const res = await SELF.fetch(`${BASE}${path}`);
      expect(res.headers.get("content-security-policy")).toBe(ADMIN_CSP);
    }
  });
});
