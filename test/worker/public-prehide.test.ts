// GET /v1/sites/:site/prehide.js: the inline pre-hide snippet to paste before the tag.
import { describe, expect, it } from "vitest";
import { prehide } from "../../contract/prehide";
import { createSite, expectRejected, uniqueKey, visit } from "./helpers";

describe("GET /v1/sites/:site/prehide.js", () => {
  it("serves the site's pre-hide snippet: small, cacheable, reading only this site's localStorage entry", async () => {
    const site = await createSite({ key: uniqueKey("prehide") });
    const res = await visit(`/v1/sites/${site.key}/prehide.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
    const body = await res.text();
    expect(body).toBe(prehide(site.key));
    expect(body).toContain(JSON.stringify(`facet:${site.key}`));
    // A few hundred bytes (848 raw, 504 gzip for "demo"): it is pasted into every page's <head>; ~220 of them open
    // IndexedDB early on a repeat visit, ~180 take the baked list of the install endpoint.
    expect(body.length).toBeLessThan(900);
    // Never a way out of the <script> element it is pasted into.
    expect(body).not.toMatch(/<\/script/i);
  });

  it("answers 404 for an unknown site and for a key that can't be a site", async () => {
    await expectRejected(() => visit(`/v1/sites/${uniqueKey("nope")}/prehide.js`), 404, "not_found");
    await expectRejected(() => visit(`/v1/sites/Bad%20Key/prehide.js`), 404, "not_found");
  });
});
