// Signed preview/editor links and the public endpoint that serves the draft behind them.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { signLink } from "../../worker/auth/links";
import { admin, adminOk, createExperience, createSegment, createSite, expectRejected, visit } from "./helpers";
import { asSessionOk, session } from "./sessions";

async function draftSite() {
  const site = await createSite({ origins: ["https://shop.example"] });
  await createSegment(site.key, { id: "de", condition: { "geo.country": "DE" } });
  await createExperience(site.key, {
    id: "hero",
    variants: [{ segment: "de", changes: [{ type: "text", selector: "h1", value: "Draft!" }] }],
  });
  return site.key;
}
const fetchPreview = (site: string, token: string | null, origin = "https://shop.example") =>
  visit(`/v1/preview/${site}`, { headers: { origin, ...(token === null ? {} : { "x-facet-preview": token }) } });

describe("preview and editor links", () => {
  it("an editor creates a preview link whose token fetches the unpublished draft, from an allowed origin", async () => {
    const site = await draftSite();
    const editor = await session("editor");
    const link = await asSessionOk<{ token: string; url: string; expiresAt: string }>(editor, "POST", `/sites/${site}/links`, {
      body: { kind: "preview", experience: "hero", segment: "de", url: "https://shop.example/pricing" },
    });
    expect(link.url).toBe(`https://shop.example/pricing#facet-preview=${link.token}`);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    const res = await fetchPreview(site, link.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.json()).toMatchObject({ kind: "preview", segment: "de", changes: [{ type: "text", value: "Draft!" }] });
    expect((await fetchPreview(site, link.token, "https://evil.example")).status).toBe(403);
  });

  it("an editor link returns every variant of the draft experience", async () => {
    const site = await draftSite();
    const { token } = await adminOk<{ token: string }>("POST", `/sites/${site}/links`, { kind: "editor", experience: "hero" });
    expect(await (await fetchPreview(site, token)).json()).toMatchObject({ kind: "editor", variants: [{ segment: "de" }] });
  });

  it("refuses a tampered, expired, foreign-site or missing token", async () => {
    const site = await draftSite();
    const other = await draftSite();
    const { token } = await adminOk<{ token: string }>("POST", `/sites/${site}/links`, {
      kind: "preview",
      experience: "hero",
      segment: "de",
    });
    const [body, sig] = token.split(".");
    const claims = JSON.parse(atob(body!.replace(/-/g, "+").replace(/_/g, "/")));
    const forged = btoa(JSON.stringify({ ...claims, g: "other" }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    await expectRejected(() => fetchPreview(site, `${forged}.${sig}`), 401, "link_invalid");
    await expectRejected(() => fetchPreview(site, `${body}.${sig!.slice(0, -2)}AA`), 401, "link_invalid");
    await expectRejected(() => fetchPreview(site, "garbage"), 401, "link_invalid");
    await expectRejected(() => fetchPreview(site, null), 401, "link_invalid");
    const expired = await signLink(env.SIGNING_SECRET!, { ...claims, e: Date.now() - 1 });
    await expectRejected(() => fetchPreview(site, expired), 401, "link_expired");
    await expectRejected(() => fetchPreview(other, token), 403, "link_wrong_site");
  });

  it("refuses links for unknown variants or origins, and to viewers", async () => {
    const site = await draftSite();
    await expectRejected(
      () => admin("POST", `/sites/${site}/links`, { body: { kind: "preview", experience: "hero", segment: "fr" } }),
      422,
      "unknown_segment",
    );
    await expectRejected(
      () =>
        admin("POST", `/sites/${site}/links`, {
          body: { kind: "preview", experience: "hero", segment: "de", url: "https://evil.example/" },
        }),
      422,
      "origin_not_allowed",
    );
    await expectRejected(() => admin("POST", `/sites/${site}/links`, { body: { kind: "editor", experience: "nope" } }), 404, "not_found");
  });
});
