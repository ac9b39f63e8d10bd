// The upgraded tag's two requests (issue 9): GET /v1/sites/:site/facet.js (the snippet with the live config
// inlined, cacheable for a minute) and GET /v1/sites/:site/context?segments=… (the context carrying the
// content of the segments that can still win, gated by the server results it just computed).
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { CONTENT, CONTEXT_KEYS, contextFor, HERO_CHANGES, publishedSite, SECRETS } from "./fixtures";
import { createExperience, createSegment, createSite, expectRejected, publish, uniqueKey, visit } from "./helpers";

const ALL = "accounts,germany,returning";

const text = (selector: string, value: string) => ({ type: "text", selector, value });

/** A site with one experience the page view alone decides (hero) and two it doesn't (banner, greeting). */
async function pageViewSite(): Promise<string> {
  const { key } = await createSite();
  await createSegment(key, { id: "pricing", condition: { "page.path": "/pricing" } });
  await createSegment(key, { id: "mornings", condition: { "time.hour": { $lt: 12 } } });
  await createSegment(key, { id: "returning", condition: { "visit.isReturning": true } });
  // Page context only, no token: inlined.
  await createExperience(key, {
    id: "hero",
    variants: [
      { segment: "pricing", changes: [text("h1", "Pricing hero")] },
      { segment: "mornings", changes: [text("h1", "Good morning")] },
    ],
  });
  // A segment that needs the profile, or a token the device fills: not inlined.
  await createExperience(key, {
    id: "banner",
    variants: [
      { segment: "pricing", changes: [text(".banner", "Pricing banner")] },
      { segment: "returning", changes: [text(".banner", "Welcome back")] },
    ],
  });
  await createExperience(key, { id: "greeting", variants: [{ segment: "pricing", changes: [text(".hi", "Hi {{traits.name|there}}")] }] });
  await publish(key);
  return key;
}

describe("GET /v1/sites/:site/facet.js", () => {
  it("serves the snippet wrapped around the site's live config: public for a minute, ETag / 304, no secret", async () => {
    const { key } = await publishedSite();
    const res = await visit(`/v1/sites/${key}/facet.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=86400");
    expect(res.headers.get("cdn-cache-control")).toBe("public, max-age=60");
    const body = await res.text();
    const config = await (await visit(`/v1/sites/${key}/config`)).json();
    expect(body).toBe(`(function(__facetInline){${env.TEST_SNIPPET}})(${JSON.stringify(config)})`);
    for (const s of [...SECRETS, CONTENT.germany, CONTENT.returning]) expect(body).not.toContain(s);
    const etag = res.headers.get("etag")!;
    const again = await visit(`/v1/sites/${key}/facet.js`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("inlines the content of the experiences the page view alone decides, and only theirs", async () => {
    const key = await pageViewSite();
    const body = await (await visit(`/v1/sites/${key}/facet.js`)).text();
    const config = (await (await visit(`/v1/sites/${key}/config`)).json()) as Record<string, unknown>;
    const inlined = JSON.parse(body.slice(body.lastIndexOf("})(") + 3, -1));
    expect(inlined).toEqual({
      ...config,
      pageView: { hero: { pricing: [text("h1", "Pricing hero")], mornings: [text("h1", "Good morning")] } },
    });
    for (const s of ["Pricing banner", "Welcome back", "Hi {{"]) expect(body).not.toContain(s);
  });

  it("answers 404 for an unknown site or one not published yet", async () => {
    await expectRejected(() => visit(`/v1/sites/${uniqueKey("nope")}/facet.js`), 404, "not_found");
    const unpublished = (await createSite()).key;
    await expectRejected(() => visit(`/v1/sites/${unpublished}/facet.js`), 404, "not_published");
  });
});

describe("GET /v1/sites/:site/context?segments=…", () => {
  it("carries the content of the requested segments that the visitor's server results allow", async () => {
    const { key, visitors } = await publishedSite();
    const matching = await contextFor(key, visitors.matching, `?segments=${ALL}`);
    expect(Object.keys(matching).sort()).toEqual([...CONTEXT_KEYS, "changes"].sort());
    expect(matching.changes).toEqual({
      hero: { accounts: HERO_CHANGES.accounts, germany: HERO_CHANGES.germany, returning: HERO_CHANGES.returning },
    });
    const nobody = await contextFor(key, visitors.nobody, `?segments=${ALL}`);
    expect(nobody.changes).toEqual({ hero: { returning: HERO_CHANGES.returning } });
    expect(JSON.stringify(nobody)).not.toContain(CONTENT.germany);
    // Without ?segments the answer is as before: no changes.
    expect(Object.keys(await contextFor(key, visitors.nobody)).sort()).toEqual(CONTEXT_KEYS);
  });

  it("leaves out the experiences whose content the upgraded script carries already", async () => {
    const key = await pageViewSite();
    const got = await contextFor(key, {}, "?segments=pricing,mornings,returning");
    expect(got.changes).toEqual({
      banner: { pricing: [text(".banner", "Pricing banner")], returning: [text(".banner", "Welcome back")] },
      greeting: { pricing: [text(".hi", "Hi {{traits.name|there}}")] },
    });
    expect(JSON.stringify(got)).not.toContain("Pricing hero");
  });

  it.each([[""], ["Bad Id"], [Array.from({ length: 51 }, (_, i) => `s${i}`).join(",")]])(
    "refuses ?segments=%s with 400",
    async (segments) => {
      const { key } = await publishedSite();
      const error = await expectRejected(
        () => visit(`/v1/sites/${key}/context?segments=${encodeURIComponent(segments)}`),
        400,
        "invalid_input",
      );
      expect(Object.keys(error.fields ?? {}).join()).toMatch(/^segments/);
    },
  );
});
