// Step 3 of the company waterfall: with no company range and no provider answer, request.cf's ASN and
// AS organization say what kind of network the visitor is on. An ISP or hosting network is not a
// company: it gets a type and no name.
import { describe, expect, it } from "vitest";
import { attributesFor, contextFor } from "./fixtures";
import type { PublishedConfig } from "../../worker/schemas/published";
import {
  addCompanyRanges,
  adminOk,
  createExperience,
  createSegment,
  createSite,
  ipBlock,
  PRODUCTION,
  publish,
  publishNeedingCompany,
  visit,
  type VisitInit,
} from "./helpers";

/** A TEST-NET-1 address: no company range in this file covers 192.0.2.0/24, and no provider is configured. */
const VISITOR_IP = "192.0.2.44";

async function publishedSite(): Promise<string> {
  const site = await createSite();
  await publishNeedingCompany(site.key);
  return site.key;
}

/** A production request from VISITOR_IP with this ASN and AS organization in request.cf. */
const fromNetwork = (asn: number | undefined, asOrganization: string | undefined, headers: Record<string, string> = {}): VisitInit => ({
  env: PRODUCTION,
  headers: { "cf-connecting-ip": VISITOR_IP, ...headers },
  cf: { country: "US", ...(asn !== undefined ? { asn } : {}), ...(asOrganization !== undefined ? { asOrganization } : {}) },
});

describe("the ASN step of the company waterfall", () => {
  it.each([
    ["a well-known ISP", 7922, "Comcast Cable Communications, LLC", { type: "isp", confidence: 0.9 }],
    ["a well-known European ISP", 3320, "Deutsche Telekom AG", { type: "isp", confidence: 0.9 }],
    ["a well-known hosting network", 16509, "Amazon.com, Inc.", { type: "hosting", confidence: 0.9 }],
    [
      "a well-known research network",
      3,
      "Massachusetts Institute of Technology",
      { type: "education", confidence: 0.9, name: "Massachusetts Institute of Technology" },
    ],
    ["an unknown ASN of a business", 64496, "Hooli Industries Inc", { type: "business", confidence: 0.5, name: "Hooli Industries Inc" }],
    ["an unknown ASN named like an ISP", 64497, "Acme Broadband Services", { type: "isp", confidence: 0.6 }],
    ["an unknown ASN named like a host", 64498, "Nimbus Cloud Hosting Ltd", { type: "hosting", confidence: 0.6 }],
    [
      "an unknown ASN named like a university",
      64499,
      "Example State University",
      { type: "education", confidence: 0.6, name: "Example State University" },
    ],
    [
      "an unknown ASN named like a government",
      64500,
      "Ministry of Finance",
      { type: "government", confidence: 0.6, name: "Ministry of Finance" },
    ],
  ])("classifies %s", async (_, asn, asOrg, expected) => {
    const site = await publishedSite();
    const { company } = await attributesFor(site, fromNetwork(asn, asOrg));
    expect(company).toEqual({ ...expected, asn, asOrg, source: "asn", inAccountList: false });
    if (expected.type === "isp" || expected.type === "hosting") expect(company).not.toHaveProperty("name");
  });

  it("classifies from whichever of the two request.cf gives, and answers no company for neither", async () => {
    const site = await publishedSite();
    expect((await attributesFor(site, fromNetwork(7922, undefined))).company).toEqual({
      type: "isp",
      asn: 7922,
      confidence: 0.9,
      source: "asn",
      inAccountList: false,
    });
    // An unlisted number with no organization says nothing about the visitor.
    expect((await attributesFor(site, fromNetwork(64496, undefined))).company).toBeNull();
    expect((await attributesFor(site, fromNetwork(undefined, "Hooli Industries Inc"))).company).toEqual({
      type: "business",
      asOrg: "Hooli Industries Inc",
      name: "Hooli Industries Inc",
      confidence: 0.5,
      source: "asn",
      inAccountList: false,
    });
    expect((await attributesFor(site, fromNetwork(undefined, "   "))).company).toBeNull();
    expect((await attributesFor(site, fromNetwork(undefined, undefined))).company).toBeNull();
  });

  it("comes after the company ranges, which keep the network's ASN alongside", async () => {
    const site = await publishedSite();
    const block = ipBlock();
    await addCompanyRanges([{ cidr: block.cidr, name: "Ranged Corp", domain: "ranged.example" }]);
    const { company } = await attributesFor(site, {
      ...fromNetwork(7922, "Comcast Cable Communications, LLC"),
      headers: { "cf-connecting-ip": block.ip(9) },
    });
    expect(company).toEqual({
      name: "Ranged Corp",
      domain: "ranged.example",
      type: "business",
      asn: 7922,
      asOrg: "Comcast Cable Communications, LLC",
      confidence: 0.95,
      source: "ranges",
      inAccountList: false,
    });
  });

  it("matches a company named by its AS organization against the site's account list", async () => {
    const site = await publishedSite();
    await adminOk("PUT", `/sites/${site}/accounts`, { accounts: [{ name: "hooli industries inc" }] });
    expect((await attributesFor(site, fromNetwork(64496, "Hooli Industries Inc"))).company).toMatchObject({
      name: "Hooli Industries Inc",
      inAccountList: true,
    });
    expect((await attributesFor(site, fromNetwork(64501, "Initrode Holdings"))).company).toMatchObject({
      name: "Initrode Holdings",
      inAccountList: false,
    });
  });

  it("feeds firmographic segments: company.type and company.name are evaluated on the server", async () => {
    const site = await createSite();
    await createSegment(site.key, { id: "hosting", condition: { "company.type": "hosting" } });
    await createSegment(site.key, { id: "hooli", condition: { "company.name": "Hooli Industries Inc" } });
    await createExperience(site.key, {
      variants: ["hosting", "hooli"].map((segment) => ({ segment, changes: [{ type: "text", selector: "#h", value: segment }] })),
    });
    await publish(site.key);
    // Each segment's condition is published as one reference `{ "server.fN": true }`.
    const config = await (await visit(`/v1/sites/${site.key}/config`)).json<PublishedConfig>();
    const refOf = (id: string) => Object.keys(config.segments.find((s) => s.id === id)!.condition)[0]!.slice("server.".length);
    const results = async (init: VisitInit) => {
      const { server } = await contextFor(site.key, init);
      return { hosting: server[refOf("hosting")], hooli: server[refOf("hooli")] };
    };
    expect(await results(fromNetwork(16509, "Amazon.com, Inc."))).toEqual({ hosting: true, hooli: false });
    expect(await results(fromNetwork(64496, "Hooli Industries Inc"))).toEqual({ hosting: false, hooli: true });
    expect(await results(fromNetwork(7922, "Comcast Cable Communications, LLC"))).toEqual({ hosting: false, hooli: false });
  });
});

describe("simulating the network in dev", () => {
  it("takes asn and asOrg from X-Facet-Simulate, over request.cf", async () => {
    const site = await publishedSite();
    const dev = (sim: string): VisitInit => ({
      headers: { "x-facet-simulate": sim },
      cf: { asn: 16509, asOrganization: "Amazon.com, Inc." },
    });
    expect((await attributesFor(site, dev("asn=7922&asOrg=Comcast"))).company).toEqual({
      type: "isp",
      asn: 7922,
      asOrg: "Comcast",
      confidence: 0.9,
      source: "asn",
      inAccountList: false,
    });
    expect((await attributesFor(site, dev("asn=AS64496&asOrg=Hooli Industries Inc"))).company).toMatchObject({
      type: "business",
      asn: 64496,
      name: "Hooli Industries Inc",
    });
    // Nothing simulated about the network: request.cf's own ASN stands.
    expect((await attributesFor(site, dev("country=DE"))).company).toMatchObject({ type: "hosting", asn: 16509, source: "asn" });
  });

  it("is ignored in production", async () => {
    const site = await publishedSite();
    const { company } = await attributesFor(site, fromNetwork(16509, "Amazon.com, Inc.", { "x-facet-simulate": "asn=7922&asOrg=Comcast" }));
    expect(company).toEqual({
      type: "hosting",
      asn: 16509,
      asOrg: "Amazon.com, Inc.",
      confidence: 0.9,
      source: "asn",
      inAccountList: false,
    });
  });
});
