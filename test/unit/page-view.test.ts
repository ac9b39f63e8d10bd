// Which experiences' content rides in the upgraded script (worker/publish/page-view.ts): those the page view
// alone decides, within a size cap every page of the site pays for.
import { describe, expect, it } from "vitest";
import { PAGE_VIEW_MAX_CHARS, pageViewContent } from "../../worker/publish/page-view";
import type { Snapshot } from "../../worker/schemas/published";

const text = (value: string) => ({ type: "text" as const, selector: "h1", value });

function snapshot(experiences: [id: string, segment: string, change: Snapshot["content"][string][string][number]][]): Snapshot {
  return {
    v: 1,
    site: "s",
    publishedAt: "",
    server: {},
    config: {
      v: 1,
      site: "s",
      timeout: 1000,
      topics: [],
      segments: [
        { id: "pricing", condition: { "page.path": "/pricing" } },
        { id: "returning", condition: { "visit.isReturning": true } },
        // The <title> may not be parsed yet when the script runs (the install puts the tag first in the <head>).
        { id: "titled", condition: { $or: [{ "page.path": "/docs" }, { "page.title": { $regex: "Docs" } }] } },
        { id: "whole-page", condition: { page: { $exists: true } } },
        { id: "language", condition: { "page.language": "de", "time.hour": { $gte: 8 } } },
      ],
      experiences: experiences.map(([id, segment]) => ({ id, pages: [], slots: ["h1"], segments: [segment] })),
    },
    content: Object.fromEntries(experiences.map(([id, segment, change]) => [id, { [segment]: [change] }])),
  };
}

describe("the page view's content", () => {
  it("takes experiences over page context there as the script runs (not page.title), without a token or a redirect", () => {
    const got = pageViewContent(
      snapshot([
        ["plain", "pricing", text("Pricing")],
        ["profile", "returning", text("Welcome back")],
        ["token", "pricing", text("Hi {{traits.name|there}}")],
        ["redirect", "pricing", { type: "redirect", url: "/spring" }],
        ["title", "titled", text("Docs")],
        ["whole", "whole-page", text("Page")],
        ["german", "language", text("Hallo")],
      ]),
    );
    expect(got).toEqual({ plain: { pricing: [text("Pricing")] }, german: { language: [text("Hallo")] } });
  });

  it(`stops at ${PAGE_VIEW_MAX_CHARS} characters of content, in the config's order, taking what still fits`, () => {
    const big = "x".repeat(PAGE_VIEW_MAX_CHARS / 2);
    const got = pageViewContent(
      snapshot([
        ["first", "pricing", text(big)],
        ["second", "pricing", text(big)],
        ["small", "pricing", text("Small")],
      ]),
    );
    expect(Object.keys(got)).toEqual(["first", "small"]);
    expect(JSON.stringify(Object.values(got)).length).toBeLessThan(PAGE_VIEW_MAX_CHARS + 100);
  });
});
