// Provisional winners at the edge (worker/edge/decide.ts, undoable.ts, docs/edge.md "Provisional winners"): a
// geo winner below a device-only segment is applied in the stream with the origin's content kept in an inert
// <template> for the snippet to put back, and the handoff marks it. What can't be undone exactly is not applied.
import { describe, expect, it } from "vitest";
import type { Change } from "../../contract/wire";
import type { EdgeDecision } from "../../worker/edge/decide";
import { edgeRewriter } from "../../worker/edge/rewrite";
import { AS_GERMANY, direct, GEO, site, through } from "./edge-helpers";

const RETURNING = { id: "returning", condition: { "visit.isReturning": true }, changes: [] as Change[] };
const germany = (changes: Change[]) => ({ id: "germany", condition: { "server.de": true }, changes });

/** The page `html` through a rewriter for these provisional decisions. */
async function rewrite(html: string, ...changes: Change[][]): Promise<string> {
  const decisions: EdgeDecision[] = changes.map((list, i) => ({
    experience: `e${i}`,
    segment: "germany",
    provisional: true,
    changes: list.map((change) => ({ change, selectors: ["selector" in change ? change.selector : ""] })),
  }));
  return edgeRewriter(1, decisions, () => {})
    .transform(new Response(html))
    .text();
}

describe("edge mode: provisional winners", () => {
  it("keeps the origin's content in a template before the new content, and marks the winner in the handoff", async () => {
    const changes: Change[] = [
      { type: "text", selector: "#hero", value: "Willkommen <b>" },
      { type: "html", selector: "body > a", value: "<em>Kaufen</em>" },
    ];
    const key = await site([RETURNING, germany(changes)], GEO);
    const html = await (await through(key, "/page", { headers: AS_GERMANY })).text();
    expect(html).toContain('<h1 id="hero"><template data-facet-o0>Welcome</template>Willkommen &lt;b&gt;</h1>');
    expect(html).toContain('<a class="cta" href="/buy"><template data-facet-o0>Buy</template><em>Kaufen</em></a>');
    const handoff = JSON.parse(/<script type="application\/json" id="facet-edge">(.*?)<\/script>/.exec(html)![1]!);
    expect(handoff).toEqual({ v: 2, config: 1, applied: [{ experience: "hero", segment: "germany", undo: "data-facet-o0", changes }] });
  });

  it("applies a winner with no device-dependent segment above it as before: no template, no undo", async () => {
    const key = await site([germany([{ type: "text", selector: "#hero", value: "Hallo" }]), RETURNING], GEO);
    const html = await (await through(key, "/page", { headers: AS_GERMANY })).text();
    expect(html).toContain('<h1 id="hero">Hallo</h1>');
    expect(html).not.toContain("template");
    expect(html).not.toContain("undo");
  });

  it("leaves a provisional winner with an attribute, class, style, hide or insert change to the snippet: the origin's page", async () => {
    for (const c of [
      { type: "attribute", selector: "a.cta", name: "href", value: "/de" },
      { type: "class", selector: "a.cta", add: ["de"], remove: [] },
      { type: "style", selector: "a.cta", properties: { color: "red" } },
      { type: "hide", selector: "a.cta" },
      { type: "insert", selector: "a.cta", position: "after", html: "<i>x</i>" },
    ] as Change[]) {
      const key = await site([RETURNING, germany([{ type: "text", selector: "#hero", value: "Hallo" }, c])], GEO);
      const [edge, origin] = await Promise.all([through(key, "/page", { headers: AS_GERMANY }), direct("/page")]);
      expect(await edge.text(), c.type).toBe(await origin.text());
    }
  });

  it("skips elements a template can't hold the original of exactly: void, raw text, optional end tags", async () => {
    const text = (selector: string): Change => ({ type: "text", selector, value: "Neu" });
    const page = `<img id="a"><textarea id="b">x</textarea><ul><li id="c">one<li>two</ul><p id="d">para<div>block</div><br id="e"/>`;
    expect(await rewrite(page, ["#a", "#b", "#c", "#d", "#e"].map(text))).toBe(page);
  });

  it("closes the template where the browser ends the element: its end tag, a parent's, or the document's end", async () => {
    const text = (selector: string): Change => ({ type: "text", selector, value: "Neu & <mehr>" });
    expect(await rewrite(`<div><span id="a">x<b>y</b></div>z`, [text("#a")])).toBe(
      `<div><span id="a"><template data-facet-o0>x<b>y</b></template>Neu &amp; &lt;mehr&gt;</div>z`,
    );
    expect(await rewrite(`<section id="a">x<div>y`, [text("#a")])).toBe(
      `<section id="a"><template data-facet-o0>x<div>y</template>Neu &amp; &lt;mehr&gt;`,
    );
  });

  it("leaves elements inside another provisional template alone: inert, the origin's, restored as they are", async () => {
    const page = `<div id="a">x<span id="b">y</span></div><span id="c">z</span>`;
    const html = await rewrite(
      page,
      [{ type: "html", selector: "#a", value: "<i>A</i>" }],
      [{ type: "text", selector: "span", value: "S" }],
    );
    expect(html).toBe(
      `<div id="a"><template data-facet-o0>x<span id="b">y</span></template><i>A</i></div><span id="c"><template data-facet-o1>z</template>S</span>`,
    );
  });
});
