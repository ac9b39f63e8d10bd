// GET /v1/sites/:site/variants: content for the requested segments; content of server-gated segments
// only with a valid signed context that can match.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { VariantsResponse } from "../../worker/schemas/published";
import { signContext } from "../../worker/visitor/sign";
import { admin, createExperience, createSegment, createSite, publish, uniqueKey, visit, type ErrorBody, type VisitInit } from "./helpers";
import { CONTENT, contextFor, HERO_CHANGES, publishedSite } from "./fixtures";

const ALL = "accounts,germany,returning";

async function variants(key: string, query: string, init: VisitInit = {}): Promise<{ res: Response; body: VariantsResponse }> {
  const res = await visit(`/v1/sites/${key}/variants?${query}`, init);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return { res, body: JSON.parse(text) as VariantsResponse };
}

const withToken = (segments: string, token: string, extra = "") => `segments=${segments}&token=${encodeURIComponent(token)}${extra}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The site's creation time, which tokens carry (a deleted and re-created site must not accept old tokens). */
const createdOf = async (key: string) => (await env.CONFIGS.get<{ created: string }>(`site:${key}`, "json"))!.created;

describe("GET /v1/sites/:site/variants without a token", () => {
  it("serves a public segment's content by experience, cacheable by everyone", async () => {
    const { key } = await publishedSite();
    const { res, body } = await variants(key, "segments=returning");
    expect(body).toEqual({ v: 1, changes: { hero: { returning: HERO_CHANGES.returning } }, denied: [] });
    expect(res.headers.get("cache-control")).toBe("public, max-age=30");
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]+"$/);
  });

  it("caches a pinned version's answer publicly for a few minutes, and answers 304 to its ETag", async () => {
    const { key } = await publishedSite();
    const { res } = await variants(key, "segments=returning&v=1");
    // Not immutable: a version two publishes old is withdrawn.
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const etag = res.headers.get("etag")!;
    const again = await visit(`/v1/sites/${key}/variants?segments=returning&v=1`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("denies server-gated segments and serves the rest", async () => {
    const { key } = await publishedSite();
    const { body } = await variants(key, `segments=${ALL}`);
    expect(body.changes).toEqual({ hero: { returning: HERO_CHANGES.returning } });
    expect(body.denied.sort()).toEqual(["accounts", "germany"]);
    const text = JSON.stringify(body);
    expect(text).not.toContain(CONTENT.accounts);
    expect(text).not.toContain(CONTENT.germany);
  });

  it("ignores segments this version does not publish: unknown, unused, or only in a paused experience", async () => {
    const { key } = await publishedSite();
    const { body } = await variants(key, "segments=unused,paused-only,no-such-segment");
    expect(body).toEqual({ v: 1, changes: {}, denied: [] });
  });
});

describe("GET /v1/sites/:site/variants with a signed context", () => {
  it("serves gated content to the visitor whose context matches, privately", async () => {
    const { key, visitors } = await publishedSite();
    const { token } = await contextFor(key, visitors.matching);
    const { res, body } = await variants(key, withToken(ALL, token));
    expect(body).toEqual({
      v: 1,
      changes: { hero: { accounts: HERO_CHANGES.accounts, germany: HERO_CHANGES.germany, returning: HERO_CHANGES.returning } },
      denied: [],
    });
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
  });

  it("serves only what the visitor's server results allow", async () => {
    const { key, visitors } = await publishedSite();
    const companyOnly = await variants(key, withToken(ALL, (await contextFor(key, visitors.companyOnly)).token));
    expect(Object.keys(companyOnly.body.changes.hero ?? {}).sort()).toEqual(["accounts", "returning"]);
    expect(companyOnly.body.denied).toEqual(["germany"]);

    const nobody = await variants(key, withToken(ALL, (await contextFor(key, visitors.nobody)).token));
    expect(nobody.body.changes).toEqual({ hero: { returning: HERO_CHANGES.returning } });
    expect(nobody.body.denied.sort()).toEqual(["accounts", "germany"]);
  });

  it("denies gated content for a token signed with another secret, tampered with, or garbage", async () => {
    const { key, visitors } = await publishedSite();
    const matching = await contextFor(key, visitors.matching);
    const nobody = await contextFor(key, visitors.nobody);
    const claims = { s: key, c: await createdOf(key), v: 1, t: Object.keys(matching.server), e: nowSeconds() + 600 };
    const forged = await signContext("someone-elses-secret-0123456789", claims);
    // The matching visitor's claims with the non-matching visitor's valid signature.
    const swapped = `${matching.token.split(".")[0]}.${nobody.token.split(".")[1]}`;
    for (const token of [forged, swapped, "not-a-token", `${matching.token}.extra`, matching.token.slice(0, -4)]) {
      const { body } = await variants(key, withToken(ALL, token));
      expect(body.denied.sort(), token).toEqual(["accounts", "germany"]);
      expect(Object.keys(body.changes.hero ?? {})).toEqual(["returning"]);
    }
  });

  it("denies gated content for an expired token", async () => {
    const { key, visitors } = await publishedSite();
    const matching = await contextFor(key, visitors.matching);
    const claims = { s: key, c: await createdOf(key), v: 1, t: Object.keys(matching.server), e: nowSeconds() - 1 };
    const expired = await signContext(env.SIGNING_SECRET!, claims);
    expect((await variants(key, withToken(ALL, expired))).body.denied.sort()).toEqual(["accounts", "germany"]);
    // The same claims, unexpired, are accepted: only the expiry differs.
    const fresh = await signContext(env.SIGNING_SECRET!, { ...claims, e: nowSeconds() + 60 });
    expect((await variants(key, withToken(ALL, fresh))).body.denied).toEqual([]);
  });

  it("denies gated content for another site's token, even with the same segments", async () => {
    const a = await publishedSite();
    const b = await publishedSite();
    const tokenB = (await contextFor(b.key, b.visitors.matching)).token;
    expect((await variants(b.key, withToken(ALL, tokenB))).body.denied).toEqual([]);
    const { body } = await variants(a.key, withToken(ALL, tokenB));
    expect(body.denied.sort()).toEqual(["accounts", "germany"]);
  });

  it("denies gated content for another version's token, and serves it when that version is pinned", async () => {
    const { key, visitors } = await publishedSite();
    const v1 = (await contextFor(key, visitors.matching)).token;
    await publish(key);
    const live = await variants(key, withToken(ALL, v1));
    expect(live.body.v).toBe(2);
    expect(live.body.denied.sort()).toEqual(["accounts", "germany"]);
    const pinned = await variants(key, withToken(ALL, v1, "&v=1"));
    expect(pinned.body.v).toBe(1);
    expect(pinned.body.denied).toEqual([]);
    expect(pinned.res.headers.get("cache-control")).toMatch(/^private/);
  });
});

describe("GET /v1/sites/:site/variants: who may cache the answer", () => {
  it("lets everyone cache the snippet's request for segments without server references, and keeps a gated one private", async () => {
    const { key, visitors } = await publishedSite();
    const { token } = await contextFor(key, visitors.matching);
    // The URL shapes the snippet sends: `v`, the segments, and the token only when a segment is gated.
    const ungated = await variants(key, "v=1&segments=returning");
    expect(ungated.res.headers.get("cache-control")).toBe("public, max-age=300");
    const gated = await variants(key, `v=1&segments=accounts,returning&token=${encodeURIComponent(token)}`);
    expect(gated.res.headers.get("cache-control")).toBe("private, max-age=300");
    expect(gated.body.changes.hero?.accounts).toEqual(HERO_CHANGES.accounts);
  });

  it("answers a token sent with only ungated segments publicly: the token changed nothing in it", async () => {
    const { key, visitors } = await publishedSite();
    const { token } = await contextFor(key, visitors.matching);
    const without = await variants(key, "v=1&segments=returning,no-such-segment");
    const withToken = await variants(key, `v=1&segments=returning,no-such-segment&token=${encodeURIComponent(token)}`);
    expect(withToken.body).toEqual(without.body);
    expect(withToken.res.headers.get("cache-control")).toBe("public, max-age=300");
    // A gated segment the token does not unlock still depends on it: private.
    const { token: nobody } = await contextFor(key, visitors.nobody);
    const denied = await variants(key, `v=1&segments=accounts&token=${encodeURIComponent(nobody)}`);
    expect(denied.body.denied).toEqual(["accounts"]);
    expect(denied.res.headers.get("cache-control")).toBe("private, max-age=300");
  });
});

describe("GET /v1/sites/:site/variants for conditions mixing server and browser parts", () => {
  it("refuses content only when the server results alone rule the segment out", async () => {
    const site = await createSite();
    await createSegment(site.key, { id: "de-pricing", condition: { $and: [{ "geo.country": "DE" }, { "page.path": "/pricing" }] } });
    await createSegment(site.key, { id: "not-de", condition: { $not: { "geo.country": "DE" } } });
    await createSegment(site.key, { id: "de-or-returning", condition: { $or: [{ "geo.country": "DE" }, { "visit.isReturning": true }] } });
    const text = (value: string) => [{ type: "text", selector: "#t", value }];
    await createExperience(site.key, {
      id: "mixed",
      variants: ["de-pricing", "not-de", "de-or-returning"].map((segment) => ({ segment, changes: text(segment) })),
    });
    await publish(site.key);
    const segments = "de-pricing,not-de,de-or-returning";
    const served = async (query: string) => Object.keys((await variants(site.key, query)).body.changes.mixed ?? {}).sort();

    // Without a token every segment with a server part is refused, whatever its logic.
    expect(await served(`segments=${segments}`)).toEqual([]);
    const german = (await contextFor(site.key, { headers: { "x-facet-simulate": "country=DE" } })).token;
    expect(await served(withToken(segments, german))).toEqual(["de-or-returning", "de-pricing"]);
    const french = (await contextFor(site.key, { headers: { "x-facet-simulate": "country=FR" } })).token;
    // de-or-returning may still match in the browser (returning visitor): the server can't rule it out.
    expect(await served(withToken(segments, french))).toEqual(["de-or-returning", "not-de"]);
  });
});

describe("GET /v1/sites/:site/variants with bad input", () => {
  it.each([
    ["no segments", "", "segments"],
    ["an empty list", "segments=,,", "segments"],
    ["a segment id that is not a slug", "segments=returning,Bad%20Id", "segments.1"],
    ["more than 50 segments", `segments=${Array.from({ length: 51 }, (_, i) => `s${i}`).join(",")}`, "segments"],
    ["a list over 2,000 characters", `segments=${"a".repeat(2001)}`, "segments"],
    ["a version that is not a number", "segments=returning&v=abc", "v"],
    ["a token over 4,096 characters", `segments=returning&token=${"x".repeat(4097)}`, "token"],
  ])("refuses %s with 400 naming the parameter", async (_, query, field) => {
    const { key } = await publishedSite();
    const res = await visit(`/v1/sites/${key}/variants?${query}`);
    expect(res.status).toBe(400);
    const body = await res.json<ErrorBody>();
    expect(body.error.code).toBe("invalid_input");
    expect(Object.keys(body.error.fields ?? {})).toContain(field);
  });

  it("answers 404 for a version above the live one, an unknown site, or an unpublished one", async () => {
    const { key } = await publishedSite();
    const cases: [string, string][] = [
      [`/v1/sites/${key}/variants?segments=returning&v=2`, "version_not_live"],
      [`/v1/sites/${uniqueKey()}/variants?segments=returning`, "not_found"],
      [`/v1/sites/${(await createSite()).key}/variants?segments=returning`, "not_published"],
    ];
    for (const [path, code] of cases) {
      const res = await visit(path);
      expect(res.status, path).toBe(404);
      expect((await res.json<ErrorBody>()).error.code).toBe(code);
    }
  });
});

describe("GET /v1/sites/:site/variants: which versions are served", () => {
  it("serves the live version and the one before it (devices may still hold it), and withdraws older ones", async () => {
    const { key } = await publishedSite();
    await publish(key);
    await publish(key);
    for (const v of [3, 2]) expect((await visit(`/v1/sites/${key}/variants?segments=returning&v=${v}`)).status, `v${v}`).toBe(200);
    const old = await visit(`/v1/sites/${key}/variants?segments=returning&v=1`);
    expect(old.status).toBe(404);
    expect((await old.json<ErrorBody>()).error.code).toBe("version_not_live");
  });

  it("refuses a token of a deleted site to the site created again under its key", async () => {
    const { key, visitors } = await publishedSite();
    const oldToken = (await contextFor(key, visitors.matching)).token;
    expect((await variants(key, withToken(ALL, oldToken))).body.denied).toEqual([]);
    expect((await admin("DELETE", `/sites/${key}`)).status).toBe(204);
    // Same key, same segments, same version number: only the site's incarnation differs.
    await publishedSite(key);
    expect((await variants(key, withToken(ALL, oldToken))).body.denied.sort()).toEqual(["accounts", "germany"]);
    const newToken = (await contextFor(key, visitors.matching)).token;
    expect((await variants(key, withToken(ALL, newToken))).body.denied).toEqual([]);
  });
});
