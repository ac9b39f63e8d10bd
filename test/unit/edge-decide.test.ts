// worker/edge/selector.ts and decide.ts: which experiences the edge decides, and which changes it can apply
// exactly; everything else is left to the snippet.
import { describe, expect, it } from "vitest";
import type { Change, ExperienceContent, PublishedConfig } from "../../contract/wire";
import { decideAtEdge, edgeWinner } from "../../worker/edge/decide";
import { edgeFacts } from "../../worker/edge/facts";
import { edgeSelectors } from "../../worker/edge/selector";

describe("edgeSelectors", () => {
  it.each([
    ["h1", ["h1"]],
    ["#hero .title", ["#hero .title"]],
    ["main > section.hero h1", ["main > section.hero h1"]],
    ["*", ["*"]],
    ['a[href^="/pricing"]', ['a[href^="/pricing"]']],
    ['a[data-x="," i]', ['a[data-x="," i]']],
    ["li:nth-child(2n+1)", ["li:nth-child(2n+1)"]],
    ["p:first-child", ["p:first-child"]],
    ["td:nth-of-type(3)", ["td:nth-of-type(3)"]],
    ["li:first-of-type", ["li:first-of-type"]],
    ["p:not(.intro)", ["p:not(.intro)"]],
    ["h1, .headline", ["h1", ".headline"]],
  ])("%s is applied at the edge", (source, parts) => {
    expect(edgeSelectors(source)).toEqual(parts);
  });

  it.each([
    "h1 + p",
    "h1 ~ p",
    "li:last-child",
    "li:nth-last-child(2)",
    "li:only-child",
    "li:last-of-type",
    "section:has(h1)",
    ":is(h1, h2)",
    ":where(h1)",
    "p:empty",
    ":root",
    "p:lang(de)",
    "p:not(.a .b)",
    "p:not(:not(.a))",
    "p:not(.a, .b)",
    "li:nth-child(2 of .x)",
    "h1, h1 + p",
    "svg|a",
    "not a [selector",
  ])("%s is left to the snippet", (source) => {
    expect(edgeSelectors(source)).toBeNull();
  });
});

const text = (selector: string, value: string): Change => ({ type: "text", selector, value });
const config = (experiences: PublishedConfig["experiences"]): PublishedConfig => ({
  v: 1,
  site: "shop",
  timeout: 1000,
  topics: [],
  segments: [
    { id: "germany", condition: { "server.de": true } },
    { id: "acme", condition: { "server.acme": true } },
    { id: "returning", condition: { "visit.isReturning": true } },
    { id: "new", condition: { "visit.count": { $lt: 5 } } },
    { id: "pricing", condition: { "page.path": "/pricing" } },
    { id: "everyone", condition: {} },
  ],
  experiences,
});
const exp = (id: string, segments: string[], paths: string[] = []) => ({ id, pages: paths.map(() => "p"), paths, slots: ["h1"], segments });
const content: ExperienceContent = {};
const withContent = (id: string, segments: string[], change: (s: string) => Change = (s) => text("h1", s)) => {
  content[id] = Object.fromEntries(segments.map((s) => [s, [change(s)]]));
  return exp(id, segments);
};

const url = new URL("https://shop.example/pricing");
const NOW = Date.parse("2026-12-10T00:00:00Z");
const decide = (experiences: PublishedConfig["experiences"], server = { de: true, acme: false }) =>
  decideAtEdge(config(experiences), content, edgeFacts(url, server), url, NOW).map(
    (d) => `${d.experience}:${d.segment}${d.provisional ? " (provisional)" : ""}`,
  );

describe("edgeWinner (three-valued, highest priority first)", () => {
  it.each([
    [[true], { index: 0, provisional: false }],
    [[false, true], { index: 1, provisional: false }],
    [[false, false, true, undefined], { index: 2, provisional: false }],
    [[undefined, true], { index: 1, provisional: true }],
    [[false, undefined, false, true, true], { index: 3, provisional: true }],
    [[undefined, undefined], null],
    [[false, undefined], null],
    [[], null],
  ] as const)("%j → %j", (results, winner) => {
    expect(edgeWinner([...results])).toEqual(winner);
  });
});

describe("decideAtEdge", () => {
  it("skips an experience outside its schedule (before from, at or after until), as the snippet does", () => {
    const sale = withContent("sale", ["germany"]);
    expect(decide([{ ...sale, from: NOW + 1 }])).toEqual([]);
    expect(decide([{ ...sale, until: NOW }])).toEqual([]);
    expect(decide([{ ...sale, from: NOW, until: NOW + 1 }])).toEqual(["sale:germany"]);
  });
  it("decides a geo segment that is certainly true", () => {
    expect(decide([withContent("hero", ["germany"])])).toEqual(["hero:germany"]);
  });
  it("skips certainly false segments down to a certain winner", () => {
    expect(decide([withContent("hero", ["acme", "pricing", "germany"])])).toEqual(["hero:pricing"]);
  });
  it("makes the certain winner below a device-dependent segment provisional", () => {
    expect(decide([withContent("hero", ["returning", "germany"])])).toEqual(["hero:germany (provisional)"]);
    expect(decide([withContent("hero", ["returning", "acme", "germany"])])).toEqual(["hero:germany (provisional)"]);
  });
  it("does not take visit.count < 5 as true for a missing count", () => {
    expect(decide([withContent("hero", ["new", "germany"])])).toEqual(["hero:germany (provisional)"]);
  });
  it("decides nothing when only device-dependent segments could match (the origin's page needs no undo)", () => {
    expect(decide([withContent("hero", ["returning", "acme"])])).toEqual([]);
  });
  it("leaves a provisional winner with a change it can't undo (insert, redirect) to the snippet, whole", () => {
    const kinds: Change[] = [
      { type: "insert", selector: "h1", position: "after", html: "<p>x</p>" },
      { type: "redirect", url: "/de" },
    ];
    for (const [i, c] of kinds.entries()) {
      content[`p${i}`] = { returning: [], germany: [text("h1", "Hallo"), c] };
      expect(decide([exp(`p${i}`, ["returning", "germany"])]), c.type).toEqual([]);
      // The same winner with no device-dependent segment above it is decided: every type applies then.
      expect(decide([exp(`p${i}`, ["germany", "returning"])]), c.type).toEqual([`p${i}:germany`]);
    }
  });
  it("decides a provisional winner whose changes are text, html, attribute, class, style or hide (undone exactly)", () => {
    const kinds: Change[] = [
      { type: "html", selector: "p", value: "<b>x</b>" },
      { type: "attribute", selector: "h1", name: "title", value: "x" },
      { type: "class", selector: "h1", add: ["x"], remove: [] },
      { type: "style", selector: "h1", properties: { color: "red" } },
      { type: "hide", selector: "h1" },
    ];
    for (const [i, c] of kinds.entries()) {
      content[`u${i}`] = { germany: [text("h1", "Hallo"), c] };
      expect(decide([exp(`u${i}`, ["new", "germany"])]), c.type).toEqual([`u${i}:germany (provisional)`]);
    }
    content.all = { germany: kinds };
    expect(decide([exp("all", ["returning", "germany"])])).toEqual(["all:germany (provisional)"]);
  });
  it("decides a winner above a device-only segment (lower priority can't win)", () => {
    expect(decide([withContent("hero", ["germany", "returning"])])).toEqual(["hero:germany"]);
  });
  it("decides nothing when every segment is false", () => {
    expect(decide([withContent("hero", ["acme"])])).toEqual([]);
  });
  it("decides nothing on a page the experience is not on", () => {
    content.blog = { everyone: [text("h1", "x")] };
    expect(decide([exp("blog", ["everyone"], ["^/blog$"])])).toEqual([]);
    expect(decide([exp("blog", ["everyone"], ["^/pricing$"])])).toEqual(["blog:everyone"]);
  });
  it("leaves a winner with any selector HTMLRewriter can't match exactly to the snippet, whole", () => {
    content.split = { germany: [text("h1", "a"), text("h1 + p", "b")] };
    expect(decide([exp("split", ["germany"])])).toEqual([]);
  });
  it("decides insert and redirect changes; leaves an insert on a selector list, and values with tokens, to the snippet", () => {
    content.ins = { germany: [{ type: "insert", selector: "h1", position: "after", html: "<p>x</p>" } as Change] };
    content.redir = { germany: [{ type: "redirect", url: "/de" } as Change] };
    expect(decide([exp("ins", ["germany"]), exp("redir", ["germany"])])).toEqual(["ins:germany", "redir:germany"]);
    content.insList = { germany: [{ type: "insert", selector: "h1, p", position: "after", html: "<p>x</p>" } as Change] };
    // Server tokens are filled before deciding (proxy.ts): one still here is the device's to fill.
    content.tok = { germany: [text("h1", "Hallo {{traits.name|du}}")] };
    content.insTok = { germany: [{ type: "insert", selector: "h1", position: "after", html: "<p>{{utm.source}}</p>" } as Change] };
    for (const id of ["insList", "tok", "insTok"]) expect(decide([exp(id, ["germany"])]), id).toEqual([]);
  });
  it("ignores a segment id missing from the config, as the snippet does", () => {
    expect(decide([withContent("hero", ["gone", "germany"])])).toEqual(["hero:germany"]);
  });
  it("carries the winner's changes with their HTMLRewriter selectors", () => {
    content.list = { germany: [text("h1, .title", "Hallo")] };
    const [d] = decideAtEdge(config([exp("list", ["germany"])]), content, edgeFacts(url, { de: true }), url, NOW);
    expect(d!.changes).toEqual([{ change: text("h1, .title", "Hallo"), selectors: ["h1", ".title"] }]);
  });
});
