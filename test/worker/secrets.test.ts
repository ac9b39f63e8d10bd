// The marketer's secrets, seen from outside (SPEC §3): a competitor who opens the public config and
// variants endpoints finds no company name, domain, industry or account-list entry, and cannot get a
// firmographic segment's content without a context the Worker signed as matching.
import { describe, expect, it } from "vitest";
import type { PublishedConfig, VariantsResponse } from "../../worker/schemas/published";
import { attributesFor, CONTEXT_KEYS, contextFor } from "./fixtures";
import { addCompanyRanges, adminOk, createExperience, createSegment, createSite, ipBlock, publish, visit, type VisitInit } from "./helpers";

const ORIGIN = "https://www.shop.example";

/** Everything only the server may know: target companies, their domains and industries, the account list. */
const SECRET = {
  targetName: "Quantum Widgets Ltd",
  targetDomain: "qwidgets-secret.example",
  targetIndustry: "Quantum Widgetry",
  otherDomain: "acct-three-secret.example",
  otherIndustry: "Stealth Biotech",
  listedDomain: "acct-one-secret.example",
  listedName: "Account Two Secret Inc",
};

/** Content of the firmographic segments: only for visitors whose signed context matches. */
const GATED_CONTENT: Record<string, string> = {
  "abm-domains": "Hello, target domain",
  "abm-name": "Hello, target by name",
  "abm-listed": "Hello, listed account",
  industry: "Built for your industry",
  "loyal-industry": "Welcome back, industry insider",
};
const PUBLIC_CONTENT = "Welcome back";
const FIRMOGRAPHIC = Object.keys(GATED_CONTENT).sort();
const ALL_SEGMENTS = [...FIRMOGRAPHIC, "returning"].join(",");

async function firmographicSite() {
  const site = await createSite({ origins: [ORIGIN] });
  const [target, bystander] = [ipBlock(), ipBlock()];
  await addCompanyRanges([
    { cidr: target.cidr, name: SECRET.targetName, domain: SECRET.targetDomain, industry: SECRET.targetIndustry, employees: 120 },
    { cidr: bystander.cidr, name: "Bystander LLC", domain: "bystander.example", industry: "Retail" },
  ]);
  await adminOk("PUT", `/sites/${site.key}/accounts`, {
    accounts: [{ domain: SECRET.listedDomain }, { name: SECRET.listedName }, { domain: SECRET.targetDomain }],
  });
  const segments: Record<string, Record<string, unknown>> = {
    "abm-domains": { "company.domain": { $in: [SECRET.listedDomain, SECRET.targetDomain, SECRET.otherDomain] } },
    "abm-name": { "company.name": SECRET.targetName },
    "abm-listed": { "company.inAccountList": true },
    industry: { "company.industry": { $in: [SECRET.targetIndustry, SECRET.otherIndustry] } },
    // Half behavioral, half firmographic: the browser sees the first half, the server keeps the second.
    "loyal-industry": { $and: [{ "visit.count": { $gte: 2 } }, { "company.industry": SECRET.targetIndustry }] },
    returning: { "visit.isReturning": true },
  };
  for (const [id, condition] of Object.entries(segments)) {
    await createSegment(site.key, { id, condition }); // kinds derived: firmographic, mixed, behavioral
  }
  const text = (value: string) => [{ type: "text", selector: "#headline", value }];
  await createExperience(site.key, {
    id: "abm",
    variants: [
      ...Object.entries(GATED_CONTENT).map(([segment, value]) => ({ segment, changes: text(value) })),
      { segment: "returning", changes: text(PUBLIC_CONTENT) },
    ],
  });
  await publish(site.key);
  return {
    key: site.key,
    target: { headers: { "x-facet-simulate": `ip=${target.ip(42)}` } } satisfies VisitInit,
    bystander: { headers: { "x-facet-simulate": `ip=${bystander.ip(42)}` } } satisfies VisitInit,
    anonymous: { headers: { "x-facet-simulate": "country=US" } } satisfies VisitInit,
  };
}

/** A public response's whole text (status line, headers, body), checked for every secret in any case. */
async function expectNoSecrets(res: Response, what: string): Promise<string> {
  const body = await res.text();
  expect(res.status, `${what}: ${body}`).toBe(200);
  const everything = `${JSON.stringify([...res.headers])}\n${body}`.toLowerCase();
  for (const secret of [...Object.values(SECRET), ...Object.values(GATED_CONTENT)]) {
    expect(everything, `${what} reveals "${secret}"`).not.toContain(secret.toLowerCase());
  }
  return body;
}

const outsiders: [string, Record<string, string>][] = [
  ["from an allowed origin", { origin: ORIGIN }],
  ["with no Origin", {}],
];

describe("the public endpoints, opened by an outsider", () => {
  it.each(outsiders)("the config has only references where the firmographic conditions were (%s)", async (_, headers) => {
    const { key } = await firmographicSite();
    const res = await visit(`/v1/sites/${key}/config`, { headers });
    const config = JSON.parse(await expectNoSecrets(res, "config")) as PublishedConfig;
    const condition = (id: string) => config.segments.find((s) => s.id === id)!.condition;
    for (const id of ["abm-domains", "abm-name", "abm-listed", "industry"]) {
      expect(Object.keys(condition(id)), id).toEqual([expect.stringMatching(/^server\.f\d+$/)]);
    }
    const loyal = condition("loyal-industry") as { $and: Record<string, unknown>[] };
    expect(Object.keys(loyal)).toEqual(["$and"]);
    expect(loyal.$and[0]).toEqual({ "visit.count": { $gte: 2 } });
    expect(Object.entries(loyal.$and[1]!)).toEqual([[expect.stringMatching(/^server\.f\d+$/), true]]);
    expect(condition("returning")).toEqual({ "visit.isReturning": true });
  });

  it.each(outsiders)("the variants deny every firmographic segment's content without a token (%s)", async (_, headers) => {
    const { key } = await firmographicSite();
    for (const query of [`segments=${ALL_SEGMENTS}`, `segments=${ALL_SEGMENTS}&v=1`, ...FIRMOGRAPHIC.map((id) => `segments=${id}`)]) {
      const res = await visit(`/v1/sites/${key}/variants?${query}`, { headers });
      const body = JSON.parse(await expectNoSecrets(res, query)) as VariantsResponse;
      const requested = query.includes(",") ? FIRMOGRAPHIC : [query.slice("segments=".length)];
      expect(body.denied.sort(), query).toEqual(requested);
      expect(body.changes, query).toEqual(
        query.includes(",") ? { abm: { returning: [{ type: "text", selector: "#headline", value: PUBLIC_CONTENT }] } } : {},
      );
    }
  });

  it.each(outsiders)("the variants deny it too with the signed context of a visitor who does not match (%s)", async (_, headers) => {
    const site = await firmographicSite();
    for (const visitor of [site.bystander, site.anonymous]) {
      const context = await contextFor(site.key, visitor);
      // The outsider's own context names their own company at most, never the targets.
      await expectNoSecrets(Response.json(context), "the outsider's context");
      expect(Object.values(context.server).every((result) => result === false)).toBe(true);

      const res = await visit(`/v1/sites/${site.key}/variants?segments=${ALL_SEGMENTS}&token=${encodeURIComponent(context.token)}`, {
        headers,
      });
      const body = JSON.parse(await expectNoSecrets(res, "variants with a non-matching token")) as VariantsResponse;
      expect(body.denied.sort()).toEqual(FIRMOGRAPHIC);
      expect(Object.keys(body.changes.abm ?? {})).toEqual(["returning"]);
    }
  });

  it("serves the content to a visitor whose signed context matches", async () => {
    const site = await firmographicSite();
    const context = await contextFor(site.key, site.target);
    expect((await attributesFor(site.key, site.target)).company).toMatchObject({
      name: SECRET.targetName,
      domain: SECRET.targetDomain,
      industry: SECRET.targetIndustry,
      inAccountList: true,
    });
    expect(Object.values(context.server).every((result) => result === true)).toBe(true);
    // Even the target itself is not told who it is, nor that it is on the account list: only results and the token.
    expect(Object.keys(context).sort()).toEqual(CONTEXT_KEYS);
    await expectNoSecrets(Response.json(context), "the target's own context");
    expect(JSON.stringify(context)).not.toMatch(/inAccountList|Quantum/);

    const res = await visit(`/v1/sites/${site.key}/variants?segments=${ALL_SEGMENTS}&token=${encodeURIComponent(context.token)}`, {
      headers: { origin: ORIGIN },
    });
    expect(res.status).toBe(200);
    const body = await res.json<VariantsResponse>();
    expect(body.denied).toEqual([]);
    const served = Object.fromEntries(
      Object.entries(body.changes.abm ?? {}).map(([segment, changes]) => [segment, changes.map((c) => (c as { value: string }).value)]),
    );
    expect(served).toEqual({
      ...Object.fromEntries(Object.entries(GATED_CONTENT).map(([id, value]) => [id, [value]])),
      returning: [PUBLIC_CONTENT],
    });
    expect(res.headers.get("cache-control")).toBe("private, max-age=300");
  });
});
