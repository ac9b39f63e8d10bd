// Edge mode's tokens and redirects (worker/edge): server tokens filled as text in the stream, a token only the
// device can fill leaves its change to the snippet, and a redirect decided at the edge is a 302.
import { describe, expect, it } from "vitest";
import type { Change } from "../../contract/wire";
import { AS_GERMANY, GEO, direct, site, through } from "./edge-helpers";

const germany = (changes: Change[]) => site([{ id: "germany", condition: { "server.de": true }, changes }], GEO);
const BERLIN = { "x-facet-simulate": "country=DE&city=Berlin" };

describe("edge mode: tokens", () => {
  it("fills geo tokens as text (escaped in markup) and hands the snippet the filled changes", async () => {
    const key = await germany([
      { type: "text", selector: "#hero", value: "Hallo {{geo.city|dort}}, {{company.name|Freund}}" },
      { type: "html", selector: "p.lead", value: "<b>{{geo.city}}</b>" },
      { type: "insert", selector: "a.cta", position: "after", html: "<i>{{geo.country}}</i>" },
    ]);
    const html = await (await through(key, "/page", { headers: { "x-facet-simulate": "country=DE&city=<B>" } })).text();
    expect(html).toContain('<h1 id="hero">Hallo &lt;B&gt;, Freund</h1>');
    expect(html).toContain('<p class="lead"><b>&#60;B&#62;</b></p>');
    expect(html).toContain("</a><i>DE</i>");
    expect(html).toContain('"value":"Hallo \\u003cB>, Freund"');
    expect(html).not.toContain("{{");
  });

  it("leaves a change with a token only the device fills (traits, utm, page) to the snippet", async () => {
    for (const value of ["Hi {{traits.name|there}}", "{{geo.city}} {{utm.campaign|}}"]) {
      const key = await germany([{ type: "text", selector: "#hero", value }]);
      const [edge, origin] = await Promise.all([through(key, "/page", { headers: BERLIN }), direct("/page")]);
      expect(await edge.text(), value).toBe(await origin.text());
    }
  });
});

describe("edge mode: redirect", () => {
  const redirect = (url: string) => germany([{ type: "redirect", url }]);

  it("answers 302 to the target with the loop marker, private and without a cookie", async () => {
    const res = await through(await redirect("/de?x=1"), "/page", { headers: AS_GERMANY, redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("http://shop.test/de?x=1&facet-redirected=1");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toBe("");
  });

  it("does not redirect where the snippet would not: to the page itself or from a redirect's target", async () => {
    const cases: [string, string][] = [
      ["/page", "/page"],
      ["/other", "/page?facet-redirected=1"],
    ];
    for (const [url, path] of cases) {
      const res = await through(await redirect(url), path, { headers: AS_GERMANY, redirect: "manual" });
      expect(res.status, url).toBe(200);
      expect(await res.text(), url).toContain('"type":"redirect"');
    }
  });

  it("only redirects a navigation: a page a script fetches (Sec-Fetch-Mode cors) gets the page", async () => {
    const key = await redirect("/de");
    const nav = await through(key, "/page", { headers: { ...AS_GERMANY, "sec-fetch-mode": "navigate" }, redirect: "manual" });
    expect(nav.status).toBe(302);
    const fetched = await through(key, "/page", { headers: { ...AS_GERMANY, "sec-fetch-mode": "cors" }, redirect: "manual" });
    expect(fetched.status).toBe(200);
    expect(await fetched.text()).toContain('"type":"redirect"');
  });

  it("only redirects an HTML page: another answer of the origin passes through", async () => {
    const key = await redirect("/de");
    const res = await through(key, "/missing", { headers: AS_GERMANY, redirect: "manual" });
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(await (await direct("/missing")).text());
  });
});
