// The token filler (contract/tokens.ts) and the snippet's browser side of it (snippet/tokens.ts), as tables.
import { describe, expect, it } from "vitest";
import { fillTokens } from "../../contract/tokens";
import { fillChange } from "../../snippet/tokens";

const context = {
  traits: { name: "Ann", vip: true, n: 3, obj: { a: 1 } },
  utm: { campaign: "spring" },
  events: { signup: { count: 2 } },
  page: { path: "/pricing" },
  visit: { count: 4 },
};

describe("fillChange (browser tokens)", () => {
  const cases: [string, string][] = [
    ["Hi {{traits.name}}", "Hi Ann"],
    ["Hi {{ traits.name | there }}", "Hi Ann"],
    ["Hi {{traits.missing|there}}", "Hi there"],
    ["Hi {{traits.missing}}!", "Hi !"],
    ["{{traits.vip}} {{traits.n}} {{events.signup.count}} {{utm.campaign}} {{page.path}}", "true 3 2 spring /pricing"],
    ["{{traits.obj|x}}", "x"], // not a scalar
    ["{{visit.count|x}}", "x"], // not a browser token namespace
    ["{{company.name|there}}", "there"], // the Worker did not fill it: fallback
    ["{{traits.constructor|x}} {{traits.__proto__|y}}", "x y"], // own properties only
    ["{{ not a token }} {single}", "{{ not a token }} {single}"],
  ];
  it.each(cases)("text %s → %s", (value, out) => {
    expect(fillChange({ type: "text", selector: "#a", value }, context)).toEqual({ type: "text", selector: "#a", value: out });
  });

  it("escapes values in html and insert markup; the fallback stays the (sanitized) markup it was", () => {
    const ctx = { traits: { name: '<img src=x onerror="a()">&' } };
    expect(fillChange({ type: "html", selector: "#a", value: "<b>{{traits.name}}</b> {{traits.no|<i>you</i>}}" }, ctx)).toEqual({
      type: "html",
      selector: "#a",
      value: "<b>&#60;img src=x onerror=&#34;a()&#34;&#62;&#38;</b> <i>you</i>",
    });
    expect(fillChange({ type: "insert", selector: "#a", position: "after", html: "<p>{{traits.name}}</p>" }, ctx)).toMatchObject({
      html: "<p>&#60;img src=x onerror=&#34;a()&#34;&#62;&#38;</p>",
    });
  });

  it("leaves other change types alone", () => {
    const c = { type: "attribute", selector: "#a", name: "title", value: "{{traits.name}}" } as const;
    expect(fillChange(c, context)).toBe(c);
  });
});

describe("fillTokens with a namespace filter (the Worker's server tokens)", () => {
  it("fills only matching paths and leaves the others as written", () => {
    const value = (p: string) => ({ "company.name": "Initech" })[p];
    expect(fillTokens("{{company.name|x}} {{traits.name|friend}} {{geo.city|here}}", value, false, /^(geo|company)\./)).toBe(
      "Initech {{traits.name|friend}} here",
    );
  });
});
