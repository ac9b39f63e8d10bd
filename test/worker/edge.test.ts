// Edge mode (worker/edge, docs/edge.md) in front of a local origin (test/worker/fake-origin.mjs): the Worker
// app answers for the hostname shop.test, fetches the origin, and streams its HTML through HTMLRewriter.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index";
import type { Change } from "../../contract/wire";
import { writeSiteRecord } from "../../worker/publish/store";
import { edgeRewriter } from "../../worker/edge/rewrite";
import { AS_GERMANY, direct, GEO, GERMANY, ORIGIN, site, through, unmark } from "./edge-helpers";

describe("edge mode", () => {
  it("applies a geo segment's text change inside the HTML, and tells the snippet", async () => {
    const key = await site([GERMANY], GEO);
    const res = await through(key, "/page", { headers: AS_GERMANY });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<h1 id="hero">Willkommen &lt;b&gt;</h1>');
    expect(html).toContain(
      '<script type="application/json" id="facet-edge">{"v":2,"config":1,"applied":[{"experience":"hero","segment":"germany","changes":[{"type":"text","selector":"#hero","value":"Willkommen \\u003cb>"}]}]}</script></head>',
    );
    expect(html).not.toContain("Welcome");
    // One visitor's page: private, none of the origin's validators or length; no cookie; other headers kept.
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("etag")).toBeNull();
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("x-origin")).toBe("yes");
  });

  it("passes the origin's page through unchanged for a visitor the geo segment does not match", async () => {
    const key = await site([GERMANY], GEO);
    const [edge, origin] = await Promise.all([through(key, "/page", { headers: { "x-facet-simulate": "country=FR" } }), direct("/page")]);
    expect(await edge.text()).toBe(await origin.text());
    expect(edge.headers.get("etag")).toBe('"v1"');
  });

  it("applies attribute, class, style and hide changes with the snippet's semantics", async () => {
    const changes: Change[] = [
      { type: "attribute", selector: "a.cta", name: "href", value: "/de/kaufen" },
      { type: "class", selector: "a.cta", add: ["big", "cta"], remove: [] },
      { type: "style", selector: ".lead", properties: { color: "red" } },
      { type: "hide", selector: "body > a" },
      { type: "html", selector: "p.lead", value: "<em>Neu</em>" },
    ];
    const key = await site([{ id: "germany", condition: { "server.de": true }, changes }], GEO);
    const html = unmark(await (await through(key, "/page", { headers: AS_GERMANY })).text());
    expect(html).toContain('<p class="lead" style="color: red !important;"><em>Neu</em></p>');
    expect(html).toContain('<a class="cta big" href="/de/kaufen" style="display: none !important;">Buy</a>');
  });

  it("leaves a behavioral segment to the snippet: the page is the origin's, byte for byte", async () => {
    const key = await site([{ id: "returning", condition: { "visit.isReturning": true }, changes: GERMANY.changes }]);
    const [edge, origin] = await Promise.all([through(key, "/page"), direct("/page")]);
    expect(await edge.text()).toBe(await origin.text());
  });

  it("does not decide {visit.count: {$lt: 5}}, which a missing count would make true", async () => {
    const key = await site([{ id: "new", condition: { "visit.count": { $lt: 5 } }, changes: GERMANY.changes }, GERMANY], GEO);
    const html = unmark(await (await through(key, "/page", { headers: AS_GERMANY })).text());
    // Germany wins only provisionally: the origin's hero is kept for the snippet (edge-provisional.test.ts).
    expect(html).toContain('<h1 id="hero"><template data-facet-o0>Welcome</template>Willkommen &lt;b&gt;</h1>');
    expect(html).toContain('"segment":"germany","undo":"data-facet-o0"');
  });

  it("leaves changes with selectors HTMLRewriter can't match exactly to the snippet", async () => {
    for (const selector of ["h1 + p", "h1 ~ p", "p:last-child", "body:has(h1) p", ":is(h1, p)"]) {
      const key = await site(
        [{ id: "germany", condition: { "server.de": true }, changes: [{ type: "text", selector, value: "Neu" }] }],
        GEO,
      );
      const [edge, origin] = await Promise.all([through(key, "/page", { headers: AS_GERMANY }), direct("/page")]);
      expect(await edge.text(), selector).toBe(await origin.text());
    }
  });

  it("passes non-HTML, non-200, HEAD and Range requests through byte for byte", async () => {
    const key = await site([{ id: "all", condition: {}, changes: [{ type: "text", selector: "*", value: "gone" }] }]);
    const bytes = async (r: Response) => new Uint8Array(await r.arrayBuffer());
    expect(await bytes(await through(key, "/binary"))).toEqual(await bytes(await direct("/binary")));
    const missing = await through(key, "/missing");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(await (await direct("/missing")).text());
    const head = await through(key, "/page", { method: "HEAD" });
    expect(head.headers.get("etag")).toBe('"v1"');
    const ranged = await through(key, "/page", { headers: { range: "bytes=0-10" } });
    expect(await ranged.text()).toBe(await (await direct("/page")).text());
    // The control: the same config does rewrite a plain GET.
    expect(await (await through(key, "/page")).text()).toContain("gone");
  });

  it("streams: the personalized head arrives before the origin has sent the rest of a 2 MB page", async () => {
    const key = await site([GERMANY], GEO);
    const id = crypto.randomUUID();
    const res = await through(key, `/slow?id=${id}`, { headers: AS_GERMANY });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes("</h1>")) seen += (await reader.read()).value ?? "";
    expect(seen).toContain("Willkommen");
    // Chunk order: these bytes were passed on while the origin still held back the body.
    expect(await (await fetch(`${ORIGIN}/__state?id=${id}`)).json()).toEqual({ state: "holding" });
    await fetch(`${ORIGIN}/__release?id=${id}`);
    for (let r = await reader.read(); !r.done; r = await reader.read()) seen += r.value;
    expect(seen.length).toBeGreaterThan(2_000_000);
    expect(seen.endsWith("</body></html>")).toBe(true);
  });

  it("passes the origin's page through when the site's config is missing or broken", async () => {
    const origin = await (await direct("/page")).text();
    expect(await (await through("no-such-site", "/page")).text()).toBe(origin);
    await writeSiteRecord(env, "edge-broken", { origins: [], live: 3, created: "c" });
    await env.CONFIGS.put("snap:edge-broken:3", "{ not json");
    expect(await (await through("edge-broken", "/page")).text()).toBe(origin);
  });

  it("answers 502 when the origin can't be reached, and a malformed FACET_EDGE leaves Facet's own routes", async () => {
    const key = await site([GERMANY], GEO);
    expect((await through(key, "/page", {}, "http://127.0.0.1:9")).status).toBe(502);
    const res = await app.request("http://shop.test/healthz", {}, { ...env, FACET_EDGE: "{ nope" });
    expect(await res.json()).toEqual({ ok: true });
  });

  it("skips a change whose handler throws and still streams the whole page", async () => {
    const broken = { type: "class", selector: "p", add: null, remove: [] } as unknown as Change;
    const good: Change = { type: "text", selector: "#hero", value: "Still here" };
    const errors: unknown[] = [];
    const rewriter = edgeRewriter(
      1,
      [
        {
          experience: "hero",
          segment: "s",
          changes: [
            { change: broken, selectors: ["p"] },
            { change: good, selectors: ["#hero"] },
          ],
        },
      ],
      (e) => errors.push(e),
    );
    const html = await rewriter.transform(await direct("/page")).text();
    expect(errors.length).toBe(1);
    expect(html).toContain('<h1 id="hero">Still here</h1>');
    expect(html).toContain('<p class="lead">Original lead</p>');
    expect(html.endsWith("</body></html>")).toBe(true);
  });
});
