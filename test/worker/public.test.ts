// The public surface as a whole: the snippet, CORS on the site endpoints, unknown routes, and the
// guarantee that a condition's secret lists never leave the Worker.
import { SELF, env as workerEnv } from "cloudflare:test";
import app from "../../worker/index";
import { describe, expect, it } from "vitest";
import { BASE, createSite, PRODUCTION, uniqueKey, visit, type ErrorBody } from "./helpers";
import { contextFor, ORIGIN, publishedSite, SECRETS } from "./fixtures";

describe("GET /facet.js", () => {
  it("serves the built snippet as JavaScript with an ETag and a public Cache-Control", async () => {
    const res = await SELF.fetch(`${BASE}/facet.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{24}"$/);
    const body = await res.text();
    expect(body).toBe(workerEnv.TEST_SNIPPET);
    expect(body.length).toBeGreaterThan(1000);
  });

  it("answers 304 without a body to a matching If-None-Match, weak or in a list", async () => {
    const etag = (await SELF.fetch(`${BASE}/facet.js`)).headers.get("etag")!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await SELF.fetch(`${BASE}/facet.js`, { headers: { "if-none-match": ifNoneMatch } });
      expect(res.status).toBe(304);
      expect(res.headers.get("etag")).toBe(etag);
      expect(await res.text()).toBe("");
    }
    expect((await SELF.fetch(`${BASE}/facet.js`, { headers: { "if-none-match": '"stale"' } })).status).toBe(200);
  });

  // The Worker reads the snippet from its static asset (wrangler.toml run_worker_first sends that path here):
  // the path itself is no route, so the snippet is only ever served with /facet.js's headers and rate limit.
  it("reads the snippet from its asset, whose own path is no route", async () => {
    const asset = await workerEnv.ASSETS.fetch(`${BASE}/_facet/facet.js`);
    expect(await asset.text()).toBe(workerEnv.TEST_SNIPPET);
    const res = await SELF.fetch(`${BASE}/_facet/facet.js`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("not_found");
  });
});

describe("CORS on /v1/sites/:site/*", () => {
  const endpoints = ["/config", "/context", "/variants?segments=returning"];

  it("echoes an allowed Origin in Access-Control-Allow-Origin and varies on Origin", async () => {
    const { key } = await publishedSite();
    for (const endpoint of endpoints) {
      const res = await visit(`/v1/sites/${key}${endpoint}`, { headers: { origin: ORIGIN } });
      expect(res.status, endpoint).toBe(200);
      expect(res.headers.get("access-control-allow-origin")).toBe(ORIGIN);
      expect(res.headers.get("vary")).toMatch(/Origin/);
    }
  });

  it("refuses an Origin the site did not allow with 403 origin_not_allowed", async () => {
    const { key } = await publishedSite();
    for (const origin of ["https://evil.example", "https://shop.example:8443", "http://shop.example", "null"]) {
      for (const endpoint of endpoints) {
        const res = await visit(`/v1/sites/${key}${endpoint}`, { headers: { origin } });
        expect(res.status, `${origin} ${endpoint}`).toBe(403);
        const body = await res.json<ErrorBody>();
        expect(body.error).toEqual({ code: "origin_not_allowed", message: `Origin ${origin} is not allowed for site "${key}"` });
        expect(JSON.stringify(body)).not.toContain("Welcome");
      }
    }
  });

  it("makes its 403 and 404 errors readable by the requesting page: the envelope only, no credentials", async () => {
    const { key } = await publishedSite();
    const unpublished = await createSite({ origins: [ORIGIN] });
    const cases: [string, string, number, string][] = [
      [`/v1/sites/${key}/config`, "https://evil.example", 403, "origin_not_allowed"],
      [`/v1/sites/${key}/context`, "https://evil.example", 403, "origin_not_allowed"],
      [`/v1/sites/${uniqueKey()}/config`, "https://evil.example", 404, "not_found"],
      [`/v1/sites/${unpublished.key}/config`, ORIGIN, 404, "not_published"],
    ];
    for (const [path, origin, status, code] of cases) {
      const res = await visit(path, { headers: { origin } });
      expect(res.status, path).toBe(status);
      expect(res.headers.get("access-control-allow-origin"), path).toBe(origin);
      expect(res.headers.get("access-control-allow-credentials"), path).toBeNull();
      expect(res.headers.get("vary"), path).toMatch(/Origin/);
      expect((await res.json<ErrorBody>()).error.code, path).toBe(code);
    }
    const body = await (await visit(`/v1/sites/${unpublished.key}/config`, { headers: { origin: ORIGIN } })).json<ErrorBody>();
    expect(body.error.message).toBe(`Site "${unpublished.key}" has not been published yet`);
  });

  it("allows the X-Facet-Simulate header in a preflight only in dev", async () => {
    const { key } = await publishedSite();
    const preflight = (env?: typeof PRODUCTION) =>
      app.request(
        new Request(`${BASE}/v1/sites/${key}/context`, {
          method: "OPTIONS",
          headers: { origin: ORIGIN, "access-control-request-method": "GET", "access-control-request-headers": "x-facet-simulate" },
        }),
        undefined,
        { ...workerEnv, ...env },
      );
    const dev = await preflight();
    expect(dev.status).toBe(204);
    expect(dev.headers.get("access-control-allow-headers")?.toLowerCase().split(/,\s*/)).toContain("x-facet-simulate");
    const prod = await preflight(PRODUCTION);
    expect(prod.status).toBe(204);
    expect(prod.headers.get("access-control-allow-headers")?.toLowerCase().split(/,\s*/)).not.toContain("x-facet-simulate");
  });

  it("lets a request without Origin through, without CORS headers", async () => {
    const { key } = await publishedSite();
    const res = await SELF.fetch(`${BASE}/v1/sites/${key}/config`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers a preflight from an allowed origin with 204, and refuses others", async () => {
    const { key } = await publishedSite();
    const preflight = (origin: string, site = key) =>
      SELF.fetch(`${BASE}/v1/sites/${site}/variants`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "GET" } });
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(ok.headers.get("access-control-allow-methods")).toMatch(/GET/);
    expect(ok.headers.get("access-control-max-age")).toBe("86400");

    const refused = await preflight("https://evil.example");
    expect(refused.status).toBe(403);
    expect((await refused.json<ErrorBody>()).error.code).toBe("origin_not_allowed");

    const unknown = await preflight(ORIGIN, uniqueKey());
    expect(unknown.status).toBe(404);
    expect((await unknown.json<ErrorBody>()).error.code).toBe("not_found");
  });

  it("checks the origin before saying a site is unpublished", async () => {
    const site = await createSite({ origins: [ORIGIN] });
    const allowed = await visit(`/v1/sites/${site.key}/config`, { headers: { origin: ORIGIN } });
    expect(allowed.status).toBe(404);
    expect((await allowed.json<ErrorBody>()).error.code).toBe("not_published");
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const refused = await visit(`/v1/sites/${site.key}/config`, { headers: { origin: "https://evil.example" } });
    expect(refused.status).toBe(403);
  });
});

describe("routes", () => {
  it.each([
    ["GET", "/nope"],
    ["GET", "/v1/sites"],
    ["POST", "/v1/sites/demo/config"],
    ["DELETE", "/facet.js"],
  ])("answers %s %s with the 404 error envelope", async (method, path) => {
    const res = await SELF.fetch(`${BASE}${path}`, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json<ErrorBody>();
    expect(body).toEqual({ error: { code: "not_found", message: `No route for ${method} ${path}` } });
  });

  it("serves a health check, and the demo page only in dev", async () => {
    expect(await (await SELF.fetch(`${BASE}/healthz`)).json()).toEqual({ ok: true });
    const dev = await visit("/");
    expect(dev.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await dev.text()).toContain("/facet.js");
    const prod = await visit("/", { env: PRODUCTION });
    expect(prod.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await prod.text()).toMatch(/Facet is running/);
  });
});

describe("secrecy of server-side conditions", () => {
  it("never puts a list used only in a condition into any public response", async () => {
    const { key, visitors, company } = await publishedSite();
    const bodies: string[] = [];
    const collect = async (res: Response) => {
      bodies.push(JSON.stringify([...res.headers]), await res.text());
    };
    await collect(await visit(`/v1/sites/${key}/config`, { headers: { origin: ORIGIN } }));
    await collect(await SELF.fetch(`${BASE}/v1/sites/${key}/variants`, { method: "OPTIONS", headers: { origin: ORIGIN } }));
    for (const visitor of Object.values(visitors)) {
      const context = await contextFor(key, visitor);
      bodies.push(JSON.stringify(context), atob(context.token.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/")));
      for (const query of [
        `segments=accounts,germany,returning`,
        `segments=accounts,germany&v=1&token=${encodeURIComponent(context.token)}`,
      ]) {
        await collect(await visit(`/v1/sites/${key}/variants?${query}`, visitor));
      }
    }
    const production = {
      env: PRODUCTION,
      headers: { "cf-connecting-ip": company.ip(9) },
      cf: { country: "DE", asOrganization: "Pied Piper Networks", asn: 64500 },
    };
    bodies.push(JSON.stringify(await contextFor(key, production)));

    expect(bodies.length).toBeGreaterThan(15);
    const all = bodies.join("\n").toLowerCase();
    for (const secret of SECRETS) expect(all).not.toContain(secret.toLowerCase());
    // The visitor's own company may be told back to them; another company's name never is.
    expect(all).toContain("pied piper");
    expect(all).not.toContain("hooli");
    expect(all).not.toContain("initech");
  });
});
