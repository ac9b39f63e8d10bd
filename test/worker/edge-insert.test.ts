// Edge mode's insert change (worker/edge/rewrite.ts): the markup goes in at each of the snippet's four
// positions, once, and the handoff tells the snippet not to insert it again on this page.
import { describe, expect, it } from "vitest";
import type { Change, InsertPosition } from "../../contract/wire";
import { AS_GERMANY, GEO, direct, site, through } from "./edge-helpers";

const germany = (changes: Change[]) => site([{ id: "germany", condition: { "server.de": true }, changes }], GEO);
const handoffOf = (html: string) => JSON.parse(html.match(/<script type="application\/json" id="facet-edge">(.*?)<\/script>/)![1]!);

describe("edge mode: insert", () => {
  const cases: [InsertPosition, string][] = [
    ["before", '<p class="n">Neu</p><h1 id="hero" data-facet-edge="">Welcome</h1>'],
    ["after", '<h1 id="hero" data-facet-edge="">Welcome</h1><p class="n">Neu</p>'],
    ["inside-start", '<h1 id="hero" data-facet-edge=""><p class="n">Neu</p>Welcome</h1>'],
    ["inside-end", '<h1 id="hero" data-facet-edge="">Welcome<p class="n">Neu</p></h1>'],
  ];
  it.each(cases)("%s: puts the markup there once and hands the snippet an insert that skips the element", async (position, out) => {
    const insert: Change = { type: "insert", selector: "#hero", position, html: '<p class="n">Neu</p>' };
    const html = await (await through(await germany([insert]), "/page", { headers: AS_GERMANY })).text();
    expect(html).toContain(out);
    expect(html.split('class="n"').length).toBe(2);
    expect(handoffOf(html).applied).toEqual([
      { experience: "hero", segment: "germany", changes: [{ ...insert, selector: "#hero:not([data-facet-edge])" }] },
    ]);
  });

  it("inserts on every element the selector matches, and never into the markup it inserted", async () => {
    const insert: Change = { type: "insert", selector: "p", position: "after", html: "<p>more</p>" };
    const html = await (await through(await germany([insert]), "/page", { headers: AS_GERMANY })).text();
    expect(html).toContain('<p class="lead" data-facet-edge="">Original lead</p><p>more</p><a');
    expect(html.split("<p>more</p>").length).toBe(2);
  });

  it("leaves an insert whose selector is a list to the snippet (an element matching two parts would get it twice)", async () => {
    const insert: Change = { type: "insert", selector: "h1, #hero", position: "after", html: "<p>x</p>" };
    const key = await germany([insert]);
    const [edge, origin] = await Promise.all([through(key, "/page", { headers: AS_GERMANY }), direct("/page")]);
    expect(await edge.text()).toBe(await origin.text());
  });
});
