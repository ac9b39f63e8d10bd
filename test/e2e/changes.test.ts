// Each change type on a real DOM, the dom-mutator way: apply, assert the DOM, revert, assert the
// original is back exactly (outerHTML: attributes Facet added are gone again, class and style read as
// the page wrote them).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
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

const cases: { name: string; fixture: string; change: Change; applied: string }[] = [
  {
    name: "text replaces the content with text, markup included",
    fixture: '<p id="f" class="a">Hello <b>world</b>!</p>',
    change: { type: "text", selector: "#f", value: "<i>New</i>" },
    applied: '<p id="f" class="a">&lt;i&gt;New&lt;/i&gt;</p>',
  },
  {
    name: "html replaces the content with markup",
    fixture: '<div id="f"><span>Old</span> text</div>',
    change: { type: "html", selector: "#f", value: '<em>New</em> <a href="/x">link</a>' },
    applied: '<div id="f"><em>New</em> <a href="/x">link</a></div>',
  },
  {
    name: "attribute: one the element lacks is set",
    fixture: '<a id="f" href="/old">x</a>',
    change: { type: "attribute", selector: "#f", name: "title", value: "T" },
    applied: '<a id="f" href="/old" title="T">x</a>',
  },
  {
    name: "attribute: an existing one gets the new value",
    fixture: '<a id="f" href="/old" title="t">x</a>',
    change: { type: "attribute", selector: "#f", name: "href", value: "/new" },
    applied: '<a id="f" href="/new" title="t">x</a>',
  },
  {
    // Put back, a removed attribute comes last: the fixture has it last, attribute order is no DOM semantic.
    name: "attribute: value null removes it",
    fixture: '<a id="f" title="t" href="/old">x</a>',
    change: { type: "attribute", selector: "#f", name: "href", value: null },
    applied: '<a id="f" title="t">x</a>',
  },
  {
    name: "class: adds and removes, only what changes",
    fixture: '<div id="f" class="a  b c">x</div>',
    change: { type: "class", selector: "#f", add: ["x", "a"], remove: ["b", "zz"] },
    applied: '<div id="f" class="a c x">x</div>',
  },
  {
    name: "class: on an element without a class attribute",
    fixture: '<div id="f">x</div>',
    change: { type: "class", selector: "#f", add: ["x"], remove: [] },
    applied: '<div id="f" class="x">x</div>',
  },
  {
    name: "style: each property set !important, the others kept",
    fixture: '<div id="f" style="color: red; margin: 0">x</div>',
    change: { type: "style", selector: "#f", properties: { color: "blue", "padding-top": "2px" } },
    applied: '<div id="f" style="color: blue !important; margin: 0px; padding-top: 2px !important;">x</div>',
  },
  {
    name: "style: on an element without a style attribute",
    fixture: '<div id="f">x</div>',
    change: { type: "style", selector: "#f", properties: { "font-weight": "700" } },
    applied: '<div id="f" style="font-weight: 700 !important;">x</div>',
  },
  {
    name: "hide: display none !important, over the page's own !important",
    fixture: '<div id="f" style="display: flex !important">x</div>',
    change: { type: "hide", selector: "#f" },
    applied: '<div id="f" style="display: none !important;">x</div>',
  },
  {
    name: "hide: on an element without a style attribute",
    fixture: '<div id="f">x</div>',
    change: { type: "hide", selector: "#f" },
    applied: '<div id="f" style="display: none !important;">x</div>',
  },
];

describe.each(cases)("$name", ({ fixture, change, applied }) => {
  it("applies exactly, and the revert puts the original back", async () => {
    f = await open(browser, `<main>${fixture}</main>`);
    const before = await outer(f.page);
    expect(before).toBe(fixture);
    await apply(f.page, [change]);
    expect(await outer(f.page)).toBe(applied);
    await revert(f.page);
    expect(await outer(f.page)).toBe(before);
  });
});

it("hide hides the element, and the revert shows it again", async () => {
  f = await open(browser, '<div id="f" style="display: flex">x</div>');
  await apply(f.page, [{ type: "hide", selector: "#f" }]);
  expect(await f.page.locator("#f").isHidden()).toBe(true);
  await revert(f.page);
  expect(await f.page.locator("#f").isVisible()).toBe(true);
});

it("applies to every element a selector matches, and reverts them all", async () => {
  f = await open(browser, '<ul><li class="i">1</li><li class="i" title="t">2</li><li>3</li><li class="i">4</li></ul>');
  const before = await body(f.page);
  await apply(f.page, [
    { type: "text", selector: "li.i", value: "X" },
    { type: "attribute", selector: "li.i", name: "title", value: "Y" },
  ]);
  expect(await body(f.page)).toBe(
    '<ul><li class="i" title="Y">X</li><li class="i" title="Y">X</li><li>3</li><li class="i" title="Y">X</li></ul>',
  );
  await revert(f.page);
  expect(await body(f.page)).toBe(before);
});

it("two changes on one element, in one group and across groups, revert in reverse order to the original", async () => {
  f = await open(browser, '<p id="f" class="a b" style="color: red">Hello <b>you</b></p>');
  const before = await outer(f.page);
  await apply(f.page, [
    { type: "style", selector: "#f", properties: { color: "blue" } },
    { type: "text", selector: "#f", value: "One" },
    { type: "class", selector: "#f", add: ["c"], remove: ["a"] },
  ]);
  await apply(f.page, [
    { type: "style", selector: "#f", properties: { color: "green", margin: "1px" } },
    { type: "text", selector: "#f", value: "Two" },
    { type: "class", selector: "#f", add: ["a"], remove: ["b", "c"] },
  ]);
  expect(await outer(f.page)).toBe('<p id="f" class="a" style="color: green !important; margin: 1px !important;">Two</p>');
  await revert(f.page);
  expect(await outer(f.page)).toBe('<p id="f" class="b c" style="color: blue !important;">One</p>');
  await revert(f.page);
  expect(await outer(f.page)).toBe(before);
});

it("a revert puts back the page's own nodes, so their listeners still work", async () => {
  f = await open(browser, '<div id="f"><button id="b">Buy</button></div><p id="t">Hi <button id="c">Go</button></p>');
  await f.page.evaluate(() => {
    (window as unknown as { clicks: number }).clicks = 0;
    for (const id of ["b", "c"])
      document.getElementById(id)!.addEventListener("click", () => (window as unknown as { clicks: number }).clicks++);
  });
  await apply(f.page, [
    { type: "html", selector: "#f", value: "<em>Sold out</em>" },
    { type: "text", selector: "#t", value: "Closed" },
  ]);
  await revert(f.page);
  await f.page.evaluate(() => {
    for (const id of ["b", "c"]) document.getElementById(id)?.click();
  });
  expect(await f.page.evaluate(() => (window as unknown as { clicks: number }).clicks)).toBe(2);
});

it("a revert leaves what the page rendered into the element since", async () => {
  f = await open(browser, '<p id="f" title="t">Original</p>');
  await apply(f.page, [
    { type: "text", selector: "#f", value: "Facet" },
    { type: "attribute", selector: "#f", name: "title", value: "Facet" },
  ]);
  await f.page.evaluate(() => {
    const p = document.getElementById("f")!;
    p.textContent = "Page";
    p.title = "Page";
  });
  await revert(f.page);
  expect(await outer(f.page)).toBe('<p id="f" title="Page">Page</p>');
});
