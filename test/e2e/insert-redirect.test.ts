// insert changes (each position, revert removes exactly the inserted nodes), browser tokens filled as text,
// and redirect changes end to end (to another page once; never to the page itself; no loop A → B → A).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, launch, newVisitor, text } from "./browser";
import { apply, body, open, revert } from "./changes-page";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe("insert", () => {
  const fixture = '<div id="f"><span>child</span></div>';
  const cases = [
    ["before", '<p class="n">New</p><div id="f"><span>child</span></div>'],
    ["after", '<div id="f"><span>child</span></div><p class="n">New</p>'],
    ["inside-start", '<div id="f"><p class="n">New</p><span>child</span></div>'],
    ["inside-end", '<div id="f"><span>child</span><p class="n">New</p></div>'],
  ] as const;
  it.each(cases)("%s: inserts the markup there, and the revert removes exactly it", async (position, applied) => {
    const f = await open(browser, fixture);
    await apply(f.page, [{ type: "insert", selector: "#f", position, html: '<p class="n">New</p>' }]);
    expect(await body(f.page)).toBe(applied);
    await revert(f.page);
    expect(await body(f.page)).toBe(fixture);
    expect(f.pageErrors).toEqual([]);
    await f.page.close();
  });

  it("markup it inserts is never a target itself (no loop on a selector it matches)", async () => {
    const f = await open(browser, '<p class="x">a</p>');
    await apply(f.page, [{ type: "insert", selector: ".x", position: "after", html: '<p class="x">b</p>' }]);
    await f.page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    expect(await body(f.page)).toBe('<p class="x">a</p><p class="x">b</p>');
    await f.page.close();
  });
});

it("browser tokens are filled from the visitor context as text, unknown ones fall back", async () => {
  const f = await open(browser, '<h1 id="t">x</h1><div id="h">x</div>');
  await f.page.evaluate(() =>
    window.reverts.push(
      window.FacetChanges.activate(
        [
          { type: "text", selector: "#t", value: "Hi {{traits.name|there}}, {{company.name|friend}}{{traits.missing}}!" },
          { type: "html", selector: "#h", value: "<b>{{traits.name}}</b> {{utm.campaign|none}}" },
        ],
        document,
        () => {},
        { traits: { name: "<i>Ann</i>" }, utm: {} },
      ),
    ),
  );
  expect(await body(f.page)).toBe('<h1 id="t">Hi &lt;i&gt;Ann&lt;/i&gt;, friend!</h1><div id="h"><b>&lt;i&gt;Ann&lt;/i&gt;</b> none</div>');
  await f.page.close();
});

describe("redirect", () => {
  let host: Host;
  const pages: Record<string, string> = {};
  const key = `rd-${Math.random().toString(36).slice(2, 8)}`;
  beforeAll(async () => {
    host = await startHost(pages);
    const page = (h: string) => landingPage(tag(`${inject("workerUrl")}/facet.js`, key)).replace("Original headline", h);
    pages["/old"] = page("Old page");
    pages["/new"] = page("New page");
    pages["/self"] = page("Self page");
    await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
    await admin("POST", `/sites/${key}/segments`, { id: "everyone", name: "Everyone", condition: {} });
    const redirect = (id: string, from: string, url: string) =>
      admin("POST", `/sites/${key}/experiences`, {
        id,
        name: id,
        pages: [from],
        variants: [{ segment: "everyone", changes: [{ type: "redirect", url }] }],
      });
    await redirect("old-to-new", "/old", "/new?x=1");
    await redirect("new-to-old", "/new", `${host.origin}/old`); // a loop the guard must stop
    await redirect("self", "/self", "/self");
    await admin("POST", `/sites/${key}/publish`);
  });
  afterAll(() => host?.close());

  it("sends the visitor on once: the page it leads to does not redirect again, and the marker leaves the URL", async () => {
    const v = await newVisitor(browser);
    await v.page.goto(`${host.origin}/old`);
    await v.page.waitForURL(/\/new/);
    await facetReady(v.page);
    expect(await text(v.page, "#hero-headline")).toBe("New page");
    expect(v.page.url()).toBe(`${host.origin}/new?x=1`);
    expect(v.pageErrors).toEqual([]);
    await v.context.close();
  });

  it("never redirects to the page itself", async () => {
    const v = await newVisitor(browser);
    let loads = 0;
    v.page.on("load", () => loads++);
    await v.page.goto(`${host.origin}/self`);
    await facetReady(v.page);
    await v.page.waitForTimeout(300);
    expect(loads).toBe(1);
    expect(v.page.url()).toBe(`${host.origin}/self`);
    await v.context.close();
  });
});
