// Provisional winners at the edge (worker/edge/decide.ts, undoable.ts, docs/edge.md "Provisional winners"): a
// geo winner below a device-only segment is applied in the stream with the origin's content kept in an inert
// <template> for the snippet to put back, and the handoff marks it. What can't be undone exactly is not applied.
import { describe, expect, it } from "vitest";
import type { Change } from "../../contract/wire";
import type { EdgeDecision } from "../../worker/edge/decide";
import { edgeRewriter } from "../../worker/edge/rewrite";
import { AS_GERMANY, direct, GEO, site, through, unmark } from "./edge-helpers";

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
  return unmark(
    await edgeRewriter(1, decisions, () => {})
      .transform(new Response(html))
      .text(),
  );
}

describe("edge mode: provisional winners", () => {
  it("keeps the origin's content in a template before the new content, and marks the winner in the handoff", async () => {
    const changes: Change[] = [
      { type: "text", selector: "#hero", value: "Willkommen <b>" },
      { type: "html", selector: "body > a", value: "<em>Kaufen</em>" },
    ];
    const key = await site([RETURNING, germany(changes)], GEO);
    const html = unmark(await (await through(key, "/page", { headers: AS_GERMANY })).text());
    expect(html).toContain('<h1 id="hero"><template data-facet-o0>Welcome</template>Willkommen &lt;b&gt;</h1>');
    expect(html).toContain('<a class="cta" href="/buy"><template data-facet-o0>Buy</template><em>Kaufen</em></a>');
    const handoff = JSON.parse(/<script type="application\/json" id="facet-edge">(.*?)<\/script>/.exec(html)![1]!);
    expect(handoff).toEqual({ v: 2, config: 1, applied: [{ experience: "hero", segment: "germany", undo: "data-facet-o0", changes }] });
  });

  it("names its markers with a random part new for each response, which only the handoff carries", async () => {
    const key = await site([RETURNING, germany([{ type: "class", selector: "#hero", add: ["de"], remove: [] }])], GEO);
    const marks = await Promise.all(
      [1, 2].map(async () => {
        const html = await (await through(key, "/page", { headers: AS_GERMANY })).text();
        const undo = /"undo":"(data-facet-o0-[0-9a-f]{8})"/.exec(html)![1]!;
        // The element carries the handoff's marker: the snippet restores only what it names.
        expect(html).toContain(`<h1 id="hero" ${undo}="{&quot;${undo}&quot;:null,&quot;class&quot;:null}" class="de">`);
        return undo;
      }),
    );
    expect(marks[0]).not.toBe(marks[1]);
  });

  it("removes an element of the origin's that carries the handoff's id: the snippet reads only the edge's", async () => {
    const page = `<html><head><script type="application/json" id="facet-edge">{"v":2,"forged":1}</script></head><body><div id="facet-edge">{}</div><h1 id="hero">Welcome</h1></body></html>`;
    const html = await rewrite(page, [{ type: "text", selector: "#hero", value: "Hallo" }]);
    expect(html.match(/id="facet-edge"/g)).toHaveLength(1);
    expect(html).not.toContain("forged");
    expect(html).toContain('<h1 id="hero"><template data-facet-o0>Welcome</template>Hallo</h1>');
  });

  it("applies a winner with no device-dependent segment above it as before: no template, no undo", async () => {
    const key = await site([germany([{ type: "text", selector: "#hero", value: "Hallo" }]), RETURNING], GEO);
    const html = unmark(await (await through(key, "/page", { headers: AS_GERMANY })).text());
    expect(html).toContain('<h1 id="hero">Hallo</h1>');
    expect(html).not.toContain("template");
    expect(html).not.toContain("undo");
  });

  it("leaves a provisional winner with an insert change to the snippet: the origin's page", async () => {
    const c: Change = { type: "insert", selector: "a.cta", position: "after", html: "<i>x</i>" };
    const key = await site([RETURNING, germany([{ type: "text", selector: "#hero", value: "Hallo" }, c])], GEO);
    const [edge, origin] = await Promise.all([through(key, "/page", { headers: AS_GERMANY }), direct("/page")]);
    expect(await edge.text()).toBe(await origin.text());
  });

  it("keeps the original value of each attribute an attribute, class, style or hide change writes (null: absent)", async () => {
    const page = `<a id="a" class="cta big" href="/buy">x</a><b id="b">y</b>`;
    const cases: [Change[], string][] = [
      [
        [{ type: "attribute", selector: "#a", name: "HREF", value: "/de" }],
        `<a id="a" class="cta big" href="/de" data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;href&quot;:&quot;/buy&quot;}">x</a>`,
      ],
      [
        [{ type: "attribute", selector: "#a", name: "title", value: null }],
        `<a id="a" class="cta big" href="/buy" data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;title&quot;:null}">x</a>`,
      ],
      [
        [{ type: "class", selector: "#b", add: ["de"], remove: [] }],
        `<b id="b" data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;class&quot;:null}" class="de">y</b>`,
      ],
      [
        [{ type: "style", selector: "#b", properties: { color: "red" } }],
        `<b id="b" data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;style&quot;:null}" style="color: red !important;">y</b>`,
      ],
      [
        // Two changes to one attribute: the first keeps the original, the second finds it kept.
        [
          { type: "hide", selector: "#b" },
          { type: "style", selector: "#b", properties: { color: "red" } },
        ],
        `<b id="b" data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;style&quot;:null}" style="display: none !important; color: red !important;">y</b>`,
      ],
    ];
    for (const [changes, want] of cases) expect(await rewrite(page, changes), changes[0]!.type).toContain(want);
  });

  it("carries originals with quotes, & and < as the browser decodes them; leaves those it can't carry exactly", async () => {
    const page = `<a id="a" title='say "hi" & <b>' href="/x?a=1&amp;b=2">x</a><a id="r" title="a\r\nb">r</a>`;
    const html = await rewrite(page, [
      { type: "attribute", selector: "#a", name: "title", value: "t" },
      { type: "attribute", selector: "#a", name: "href", value: "/de" },
      { type: "attribute", selector: "#r", name: "title", value: "t" },
    ]);
    // The mark's value decoded as a browser does (" from &quot;, & from &amp;), then read as JSON.
    const marks = [...html.matchAll(/data-facet-o0="([^"]*)"/g)].map((m) =>
      JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, "&")),
    );
    expect(marks).toEqual([
      { "data-facet-o0": null, title: 'say "hi" & <b>', href: "/x?a=1&b=2" },
      // CR LF is LF in the browser's input stream.
      { "data-facet-o0": null, title: "a\nb" },
    ]);
    // A reference that decodes into JSON syntax (", \\, a control character): that change stays with the snippet.
    for (const title of ["&quot;", "&QUOT", "&#34;", "&#x5C;", "&#10;", "&Tab;", "&bsol;"]) {
      const p = `<a id="a" title="${title}">x</a>`;
      expect(await rewrite(p, [{ type: "attribute", selector: "#a", name: "title", value: "t" }]), title).toBe(p);
    }
    const ok = `<a id="a" title="&#39;&eacute;">x</a>`;
    expect(await rewrite(ok, [{ type: "attribute", selector: "#a", name: "title", value: "t" }])).toContain(
      `data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;title&quot;:&quot;&#39;&eacute;&quot;}"`,
    );
  });

  it("leaves an attribute change alone where its restore wouldn't be exact: inside another template, or changed by another", async () => {
    const page = `<div id="a">x<span id="b" class="x">y</span></div><i id="c" class="z">w</i>`;
    const html = await rewrite(
      page,
      [
        { type: "html", selector: "#a", value: "<i>A</i>" },
        { type: "class", selector: "#c", add: ["one"], remove: [] },
        // Its own content's template opens after its attribute changes: the class change still applies.
        { type: "text", selector: "#c", value: "W" },
      ],
      [
        { type: "class", selector: "#b", add: ["de"], remove: [] },
        { type: "class", selector: "#c", add: ["two"], remove: [] },
      ],
    );
    expect(html).toBe(
      `<div id="a"><template data-facet-o0>x<span id="b" class="x">y</span></template><i>A</i></div>` +
        `<i id="c" class="z one" data-facet-o0="{&quot;data-facet-o0&quot;:null,&quot;class&quot;:&quot;z&quot;}"><template data-facet-o0>w</template>W</i>`,
    );
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

  it("closes the template where the browser ends the element by itself: a nested <a> or <button>, a child heading", async () => {
    const text = (selector: string): Change => ({ type: "text", selector, value: "Neu" });
    // Without it, HTMLRewriter would end the outer element at the inner one's end tag's parent (or never), and
    // the inert template would swallow what follows.
    expect(await rewrite(`<div><button id="a">Buy<button>other</button><p>after</p></div>`, [text("#a")])).toBe(
      `<div><button id="a"><template data-facet-o0>Buy</template>Neu<button>other</button><p>after</p></div>`,
    );
    expect(await rewrite(`<div><a id="a" href="/x">Go <i><a href="/y">in</a></i></a><p>after</p></div>`, [text("#a")])).toBe(
      `<div><a id="a" href="/x"><template data-facet-o0>Go <i></template>Neu<a href="/y">in</a></i></a><p>after</p></div>`,
    );
    expect(await rewrite(`<header><h1 id="a">Title<h2>Sub</h2><p>after</p></header>`, [text("#a")])).toBe(
      `<header><h1 id="a"><template data-facet-o0>Title</template>Neu<h2>Sub</h2><p>after</p></header>`,
    );
    // A heading deeper down does not end it (the browser ends a heading only at a child heading); select and
    // form are not held at all.
    expect(await rewrite(`<h1 id="a">T<span><h2>S</h2></span></h1>`, [text("#a")])).toBe(
      `<h1 id="a"><template data-facet-o0>T<span><h2>S</h2></span></template>Neu</h1>`,
    );
    const page = `<form id="f"><select id="s"><option>1</select></form>`;
    expect(await rewrite(page, [text("#f"), text("#s")])).toBe(page);
  });

  it("inserts nothing at the edge where a provisional template is open: the snippet inserts it there", async () => {
    const decisions: EdgeDecision[] = [
      {
        experience: "p",
        segment: "germany",
        provisional: true,
        changes: [{ change: { type: "text", selector: "#a", value: "Neu" }, selectors: ["#a"] }],
      },
      {
        experience: "i",
        segment: "germany",
        changes: (["inside-start", "inside-end"] as const).map((position) => ({
          change: { type: "insert", selector: "#a", position, html: `<u>${position}</u>` },
          selectors: ["#a"],
        })),
      },
    ];
    const html = unmark(
      await edgeRewriter(1, decisions, () => {})
        .transform(new Response(`<div id="a">x<i>badge</i></div>`))
        .text(),
    );
    expect(html).toContain(`<div id="a"><template data-facet-o0>x<i>badge</i></template>Neu</div>`);
    expect(html).not.toContain("<u>");
    expect(html).not.toContain("data-facet-edge");
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
