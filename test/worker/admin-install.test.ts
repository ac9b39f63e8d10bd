// GET /admin/api/sites/:site/install: the flicker-free install to paste, with the published config's slots by
// page baked into the pre-hide snippet (README "Install for first visits").
import { describe, expect, it } from "vitest";
import { fastInstall, prehide, upgradedTag } from "../../contract/prehide";
import { BASE, admin, adminOk, createExperience, createSegment, createSite, expectRejected, publish, uniqueKey, visit } from "./helpers";
import { renderAdmin, screenHtml } from "./screens";
import { session, withToken } from "./sessions";

interface Install {
  site: string;
  version: number | null;
  html: string;
  prehide: string;
  tag: string;
}

/** The list baked into a pre-hide snippet: its call's second argument. */
const bakedIn = (code: string) => JSON.parse(/\("facet:[^"]+",(.*)\)$/.exec(code)![1]!);

const heroExperience = (site: string, selector: string) =>
  createExperience(site, {
    id: "hero",
    pages: ["/pricing*"],
    variants: [{ segment: "de", changes: [{ type: "text", selector, value: "Hallo" }] }],
  });

describe("GET /sites/:site/install", () => {
  it("before the first publish: the pre-hide without a baked list, and the upgraded tag", async () => {
    const { key } = await createSite();
    const got = await adminOk<Install>("GET", `/sites/${key}/install`);
    expect(got).toEqual({
      site: key,
      version: null,
      html: fastInstall(BASE, key),
      prehide: prehide(key),
      tag: upgradedTag(BASE, key),
    });
    expect(got.html).toBe(`<script>${prehide(key)}</script>\n<script async src="${BASE}/v1/sites/${key}/facet.js"></script>`);
  });

  it("bakes in the live slots and page patterns with their version, exactly as facet.js records them, and follows each publish", async () => {
    const { key } = await createSite();
    await createSegment(key, { id: "de", condition: { "geo.country": "DE" } });
    await heroExperience(key, "#hero h1");
    await publish(key);
    const v1 = await adminOk<Install>("GET", `/sites/${key}/install`);
    expect(v1.version).toBe(1);
    // The shape facet.js writes to localStorage (snippet/store.ts mark): the public config's own fields.
    const config = await (await visit(`/v1/sites/${key}/config`)).json<{ timeout: number; experiences: { paths: string[] }[] }>();
    expect(bakedIn(v1.prehide)).toEqual({ v: 1, t: config.timeout, e: [[config.experiences[0]!.paths, ["#hero h1"]]] });
    expect(v1.html).toBe(`<script>${v1.prehide}</script>\n${v1.tag}`);
    expect(v1.html).toContain("#hero h1");

    // A draft changes nothing until it is published.
    await admin("DELETE", `/sites/${key}/experiences/hero`);
    await heroExperience(key, ".headline");
    expect((await adminOk<Install>("GET", `/sites/${key}/install`)).prehide).toBe(v1.prehide);
    await publish(key);
    const v2 = await adminOk<Install>("GET", `/sites/${key}/install`);
    expect(v2.version).toBe(2);
    expect(bakedIn(v2.prehide).e).toEqual([[config.experiences[0]!.paths, [".headline"]]]);
    expect(v2.html).not.toContain("#hero h1");
  });

  it("is what the admin's install panel shows, with the version it was baked from", async () => {
    const { key } = await createSite();
    await createSegment(key, { id: "de", condition: { "geo.country": "DE" } });
    await heroExperience(key, "#hero h1");
    await publish(key);
    const s = await session("viewer");
    const page = screenHtml(await renderAdmin(`/admin/sites/${key}`, s));
    const { html } = await adminOk<Install>("GET", `/sites/${key}/install`);
    const escaped = html.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
    expect(page).toContain(`<pre id="install-fast">${escaped}</pre>`);
    expect(page).toContain("#hero h1");
    expect(page).toContain("carries the slots of version 1,");
  });

  it("needs a viewer of this site: 401 without credentials, 403 for another site's token, 404 for an unknown site", async () => {
    const site = await createSite();
    const other = await createSite();
    const { token } = await adminOk<{ token: string }>("POST", `/sites/${site.key}/tokens`, { name: "read", role: "viewer" });
    expect((await withToken(token, "GET", `/sites/${site.key}/install`)).status).toBe(200);
    await expectRejected(() => withToken(token, "GET", `/sites/${other.key}/install`), 403, "forbidden");
    await expectRejected(() => admin("GET", `/sites/${site.key}/install`, { token: null }), 401, "unauthorized");
    await expectRejected(() => admin("GET", `/sites/${uniqueKey()}/install`), 404, "not_found");
  });
});
