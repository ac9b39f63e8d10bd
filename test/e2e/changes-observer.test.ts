// What snippet/changes.ts does beyond one element: slots rendered after activate (its MutationObserver),
// slots a framework replaced, invalid selectors, elements it must never touch, and the per-change loop
// guard (observer-budget.test.ts covers the guard end to end, through facet.js and a Worker).
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { Change } from "../../worker/schemas/change";
import { launch } from "./browser";
import { apply, body, open, outer, revert, type Fixture } from "./changes-page";

let browser: Browser;
let f: Fixture;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());
afterEach(async () => {
  expect(f.pageErrors).toEqual([]);
  await f.page.close();
});

const append = (html: string) => f.page.evaluate((h) => document.querySelector("main")!.insertAdjacentHTML("beforeend", h), html);
// A live change on a marker rendered with `html`: once it shows, the observer has seen `html` too.
const sentinel: Change = { type: "text", selector: "#tick", value: "seen" };
async function appendAndSettle(html: string) {
  await append(`${html}<p id="tick"></p>`);
  await f.page.waitForFunction(() => document.getElementById("tick")?.textContent == "seen");
}

it("an element rendered after activate gets the change from the observer, and the revert undoes it", async () => {
  f = await open(browser, '<main><p class="slot">Early</p></main>');
  await apply(f.page, [
    { type: "text", selector: ".slot", value: "Facet" },
    { type: "class", selector: ".slot", add: ["on"], remove: [] },
  ]);
  await append('<p class="slot" id="late">Late</p>');
  await f.page.waitForFunction(() => document.getElementById("late")?.textContent == "Facet");
  expect(await outer(f.page, "#late")).toBe('<p class="slot on" id="late">Facet</p>');
  await revert(f.page);
  expect(await body(f.page)).toBe('<main><p class="slot">Early</p><p class="slot" id="late">Late</p></main>');
  // Reverted means no longer followed: a slot rendered now stays original.
  await apply(f.page, [sentinel]);
  await appendAndSettle('<p class="slot" id="later">Later</p>');
  expect(await outer(f.page, "#later")).toBe('<p class="slot" id="later">Later</p>');
});

it("a slot the framework replaced: the new one gets the change, the revert doesn't throw or bring back the old node", async () => {
  f = await open(browser, '<main><p id="f" title="page">Server</p></main>');
  await apply(f.page, [
    { type: "text", selector: "#f", value: "Facet" },
    { type: "attribute", selector: "#f", name: "title", value: "facet" },
  ]);
  await f.page.evaluate(() => {
    const old = document.getElementById("f")!;
    (window as unknown as { old: Element }).old = old;
    old.replaceWith(Object.assign(document.createElement("p"), { id: "f", textContent: "Client" }));
  });
  await f.page.waitForFunction(() => document.getElementById("f")?.textContent == "Facet");
  await revert(f.page);
  expect(await body(f.page)).toBe('<main><p id="f">Client</p></main>');
  expect(await f.page.evaluate(() => (window as unknown as { old: Element }).old.isConnected)).toBe(false);
});

it("an invalid selector throws to activate's caller, with the group's other changes reverted and not followed", async () => {
  f = await open(browser, '<main><p id="f">Original</p></main>');
  const thrown = await f.page.evaluate(() => {
    try {
      window.FacetChanges.activate(
        [
          { type: "text", selector: "#f", value: "Facet" },
          { type: "text", selector: "p[[", value: "Facet" },
        ],
        document,
        (e) => window.reported.push(String(e)),
      );
      return "nothing";
    } catch (e) {
      return (e as Error).name;
    }
  });
  expect(thrown).toBe("SyntaxError");
  await apply(f.page, [sentinel]);
  await appendAndSettle('<p id="f">Late</p>');
  expect(await body(f.page)).toBe('<main><p id="f">Original</p><p id="f">Late</p><p id="tick">seen</p></main>');
  expect(await f.page.evaluate(() => window.reported)).toEqual([]);
});

it("never touches script, style, iframe or svg elements, present or rendered late", async () => {
  const unsafe =
    '<script class="t" type="text/plain">s</script><style class="t">.x{}</style><iframe class="t"></iframe><svg class="t"><text class="t">s</text></svg>';
  f = await open(browser, `<main><p class="t">p</p>${unsafe}</main>`);
  await apply(f.page, [
    { type: "html", selector: ".t", value: "<b>x</b>" },
    { type: "attribute", selector: ".t", name: "title", value: "x" },
    { type: "hide", selector: ".t" },
    // Last: it takes the element out of the selector.
    { type: "class", selector: ".t", add: ["y"], remove: ["t"] },
  ]);
  await append(`<p class="t" id="late">p</p>${unsafe}`);
  await f.page.waitForFunction(() => document.getElementById("late")?.className == "y");
  const changed = (id = "") => `<p class="y"${id} title="x" style="display: none !important;"><b>x</b></p>`;
  expect(await body(f.page)).toBe(`<main>${changed()}${unsafe}${changed(' id="late"')}${unsafe}</main>`);
});

it("html whose markup matches its own selector is applied once, not nested", async () => {
  f = await open(browser, '<main><div class="card">Old</div></main>');
  await apply(f.page, [{ type: "html", selector: ".card", value: '<div class="card">New</div>' }, sentinel]);
  await appendAndSettle("");
  expect(await body(f.page)).toBe('<main><div class="card"><div class="card">New</div></div><p id="tick">seen</p></main>');
});

// A "framework" that renders #busy again (a new element) whenever Facet changes it.
const framework = `<script>
new MutationObserver(() => {
  const b = document.getElementById("busy");
  if (b && b.textContent !== "Framework") b.replaceWith(Object.assign(document.createElement("p"), { id: "busy", textContent: "Framework" }));
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
</script>`;

it("a change the page keeps fighting stops being followed, with one report; the others still follow", async () => {
  f = await open(browser, '<main><p id="busy">Framework</p></main>', framework);
  await apply(f.page, [
    { type: "text", selector: "#busy", value: "Facet" },
    { type: "text", selector: ".late", value: "Late from Facet" },
  ]);
  await f.page.waitForFunction(() => window.reported.length > 0);
  expect(await f.page.evaluate(() => window.reported)).toEqual(['the page keeps re-rendering "#busy"; stopped following it']);
  await append('<p class="late">Original</p>');
  await f.page.waitForFunction(() => document.querySelector(".late")?.textContent == "Late from Facet");
  expect(await body(f.page)).toBe('<main><p id="busy">Framework</p><p class="late">Late from Facet</p></main>');
  await revert(f.page);
  expect(await body(f.page)).toBe('<main><p id="busy">Framework</p><p class="late">Original</p></main>');
  expect(await f.page.evaluate(() => window.reported)).toHaveLength(1);
});
