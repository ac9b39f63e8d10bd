// The insert and redirect change types (saved, refused, sanitized at save and at publish) and server
// tokens in content ({{company.name|there}}), filled by the variants endpoint with the visitor's own attributes.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Snapshot, VariantsResponse } from "../../worker/schemas/published";
import {
  addCompanyRanges,
  admin,
  createExperience,
  createSegment,
  createSite,
  expectInvalidField,
  expectRejected,
  ipBlock,
  publish,
  visit,
} from "./helpers";

const ORIGIN = "https://shop.example";

async function siteWithSegment(condition: Record<string, unknown> = {}) {
  const site = await createSite({ origins: [ORIGIN, "https://www.shop.example"] });
  const segment = await createSegment(site.key, { condition });
  const post = (changes: unknown[]) =>
    admin("POST", `/sites/${site.key}/experiences`, { body: { name: "X", variants: [{ segment: segment.id, changes }] } });
  return { site: site.key, segment: segment.id, post };
}

describe("insert changes", () => {
  it("are stored for every position, the html sanitized", async () => {
    const { site, segment } = await siteWithSegment();
    const positions = ["before", "after", "inside-start", "inside-end"] as const;
    const created = await createExperience(site, {
      variants: [
        {
          segment,
          changes: positions.map((position) => ({
            type: "insert",
            selector: "#hero",
            position,
            html: '<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(2)">go</a></p>',
          })),
        },
      ],
    });
    expect(created.variants[0]!.changes).toEqual(
      positions.map((position) => ({ type: "insert", selector: "#hero", position, html: "<p>Hi <a>go</a></p>" })),
    );
  });

  it("refuses an unknown position, a missing selector and oversized html", async () => {
    const { post } = await siteWithSegment();
    await expectInvalidField(
      () => post([{ type: "insert", selector: "#hero", position: "around", html: "<p>x</p>" }]),
      "variants.0.changes.0.position",
    );
    await expectInvalidField(() => post([{ type: "insert", position: "before", html: "<p>x</p>" }]), "variants.0.changes.0.selector");
    await expectInvalidField(
      () => post([{ type: "insert", selector: "#hero", position: "before", html: "x".repeat(20_001) }]),
      "variants.0.changes.0.html",
    );
  });

  it("is sanitized again at publish (markup stored under an older sanitizer)", async () => {
    const { site, segment } = await siteWithSegment();
    await createExperience(site, {
      id: "promo",
      variants: [{ segment, changes: [{ type: "insert", selector: "#hero", position: "after", html: "<b>ok</b>" }] }],
    });
    const dirty = [
      {
        segment,
        changes: [
          {
            type: "insert",
            selector: "#hero",
            position: "after",
            html: '<b onmouseover="x()">ok</b><iframe src="https://evil.example"></iframe>',
          },
        ],
      },
    ];
    await env.DB.prepare("UPDATE experiences SET variants = ?1 WHERE site_key = ?2 AND id = 'promo'")
      .bind(JSON.stringify(dirty), site)
      .run();
    await publish(site);
    const served = ((await (await visit(`/v1/sites/${site}/variants?segments=${segment}`)).json()) as VariantsResponse).changes;
    expect(served.promo![segment]).toEqual([{ type: "insert", selector: "#hero", position: "after", html: "<b>ok</b>" }]);
  });
});

describe("redirect changes", () => {
  it("accept relative paths and absolute URLs on the site's allowed origins; no slot is published for them", async () => {
    const { site, segment } = await siteWithSegment();
    const urls = ["/pricing", "pricing?plan=pro#top", "?x=1", "https://www.shop.example/de/", `${ORIGIN}/welcome`];
    const created = await createExperience(site, {
      id: "go",
      variants: [{ segment, changes: urls.map((url) => ({ type: "redirect", url })) }],
    });
    expect(created.variants[0]!.changes).toEqual(urls.map((url) => ({ type: "redirect", url })));
    await publish(site);
    const config = (await (await visit(`/v1/sites/${site}/config`)).json()) as Snapshot["config"];
    expect(config.experiences.find((e) => e.id === "go")!.slots).toEqual([]);
  });

  it("refuses script, data and protocol-relative URLs, and URLs with spaces or control characters", async () => {
    const { post } = await siteWithSegment();
    for (const url of [
      "javascript:alert(1)",
      " javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>x</script>",
      "vbscript:x",
      "//evil.example/",
      "/\\evil.example",
      "ftp://shop.example/",
      "https:/evil",
      "",
      "/a b",
    ]) {
      await expectInvalidField(() => post([{ type: "redirect", url }]), "variants.0.changes.0.url");
    }
  });

  it("refuses an absolute URL on an origin the site does not allow: 422 origin_not_allowed", async () => {
    const { post } = await siteWithSegment();
    const error = await expectRejected(
      () =>
        post([
          { type: "text", selector: "#a", value: "x" },
          { type: "redirect", url: "https://evil.example/phish" },
        ]),
      422,
      "origin_not_allowed",
    );
    expect(error.fields).toEqual({ "variants.0.changes.1.url": "https://evil.example is not among this site's allowed origins" });
  });
});

describe("server tokens in content", () => {
  async function tokenSite() {
    const company = ipBlock();
    await addCompanyRanges([{ cidr: company.cidr, name: "Pied <Piper>", domain: "piedpiper.example" }]);
    const { site, segment } = await siteWithSegment({ "visit.isReturning": true });
    const changes = [
      { type: "text", selector: "#h", value: "Hi {{company.name|there}} in {{ geo.city | your city }}, {{traits.firstName|friend}}" },
      { type: "html", selector: "#p", value: "<b>{{company.name}}</b>" },
      { type: "insert", selector: "#p", position: "after", html: "<i>{{company.domain|?}}</i>" },
    ];
    await createExperience(site, { id: "hero", variants: [{ segment, changes }] });
    await publish(site);
    return { site, segment, company };
  }

  it("are filled with the requesting visitor's attributes (as text; escaped in markup), browser tokens left for the snippet; the answer is private", async () => {
    const { site, segment, company } = await tokenSite();
    const res = await visit(`/v1/sites/${site}/variants?segments=${segment}`, {
      headers: { "x-facet-simulate": `ip=${company.ip(9)}` },
      cf: { city: "Berlin" },
    });
    const body = (await res.json()) as VariantsResponse;
    expect(body.changes.hero![segment]).toEqual([
      { type: "text", selector: "#h", value: "Hi Pied <Piper> in Berlin, {{traits.firstName|friend}}" },
      { type: "html", selector: "#p", value: "<b>Pied &#60;Piper&#62;</b>" },
      { type: "insert", selector: "#p", position: "after", html: "<i>piedpiper.example</i>" },
    ]);
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
  });

  it("are filled the same way in the content the upgraded tag's context carries (context?segments=)", async () => {
    const { site, segment, company } = await tokenSite();
    const res = await visit(`/v1/sites/${site}/context?segments=${segment}`, {
      headers: { "x-facet-simulate": `ip=${company.ip(9)}` },
      cf: { city: "Berlin" },
    });
    const body = (await res.json()) as { changes: VariantsResponse["changes"] };
    expect(body.changes.hero![segment]![0]).toEqual({
      type: "text",
      selector: "#h",
      value: "Hi Pied <Piper> in Berlin, {{traits.firstName|friend}}",
    });
    expect(JSON.stringify(body)).not.toContain("{{company.");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("fall back when the visitor has no such attribute (no fallback: empty)", async () => {
    const { site, segment } = await tokenSite();
    const res = await visit(`/v1/sites/${site}/variants?segments=${segment}`, { headers: { "x-facet-simulate": "country=FR" } });
    const body = (await res.json()) as VariantsResponse;
    expect(body.changes.hero![segment]!.map((c) => ("value" in c ? c.value : "html" in c ? c.html : ""))).toEqual([
      "Hi there in your city, {{traits.firstName|friend}}",
      "<b></b>",
      "<i>?</i>",
    ]);
  });

  it("content without server tokens stays public", async () => {
    const { site, segment } = await siteWithSegment();
    await createExperience(site, {
      variants: [{ segment, changes: [{ type: "text", selector: "#h", value: "Hi {{traits.firstName|there}}" }] }],
    });
    await publish(site);
    const res = await visit(`/v1/sites/${site}/variants?segments=${segment}`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=30");
  });
});
