// The experience editor's pure helpers: the default page for picker and preview links, the allowed-origin
// check on the page URL, and the "another live experience changes the same element" warning.
import { describe, expect, it } from "vitest";
import { conflicts } from "../../admin/client/conflicts";
import { firstLiteralPage, pageUrl } from "../../admin/client/site-links";

describe("picker and preview links", () => {
  it("default to the first plain path among the page patterns", () => {
    expect(firstLiteralPage(["/blog/*", "/pricing", "/"])).toBe("/pricing");
    expect(firstLiteralPage(["/products/:id", "/docs/(.*)"])).toBe("/");
    expect(firstLiteralPage([])).toBe("/");
  });

  it("open only pages on an allowed origin", () => {
    const origins = ["https://www.acme.com"];
    expect(pageUrl("https://www.acme.com/pricing", origins)).toEqual(new URL("https://www.acme.com/pricing"));
    expect(pageUrl("https://evil.example/", origins)).toBe(
      "https://evil.example is not an allowed origin of this site (https://www.acme.com).",
    );
    expect(pageUrl("/pricing", origins)).toMatch(/^Enter the full address/);
    expect(pageUrl("https://www.acme.com/", [])).toMatch(/no allowed origins yet/);
  });
});

describe("same-element warning", () => {
  const others = [
    { id: "hero", name: "Hero", selectors: ["#hero-headline", ".cta"] },
    { id: "promo", name: "Promo", selectors: ["#hero-headline"] },
  ];

  it("names every other live experience that changes a selector of this one", () => {
    expect(conflicts(["#hero-headline", "#footer", " .cta "], others)).toEqual([
      { selector: "#hero-headline", experiences: ["Hero (hero)", "Promo (promo)"] },
      { selector: ".cta", experiences: ["Hero (hero)"] },
    ]);
  });

  it("is silent without a shared selector, and for empty selectors", () => {
    expect(conflicts(["#footer", "", "  "], others)).toEqual([]);
    expect(conflicts(["#hero-headline"], [])).toEqual([]);
  });
});
