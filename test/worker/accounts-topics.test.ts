// A site's account list (target accounts → company.inAccountList) and interest topics (published with
// the config): the admin API for both, and the account list's effect on visitors and segments.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { PublishedConfig, VariantsResponse } from "../../worker/schemas/published";
import { attributesFor, contextFor } from "./fixtures";
import {
  addCompanyRanges,
  admin,
  adminOk,
  createExperience,
  createSegment,
  createSite,
  expectInvalidField,
  expectRejected,
  expectWriteGuards,
  ipBlock,
  publish,
  publishNeedingCompany,
  uniqueKey,
  visit,
} from "./helpers";

interface AccountsList {
  count: number;
  accounts: { domain: string | null; name: string | null }[];
}

const accountsPath = (site: string) => `/sites/${site}/accounts`;
const topicsPath = (site: string) => `/sites/${site}/topics`;
const putCsv = (path: string, text: string) => admin("PUT", path, { raw: text, contentType: "text/csv" });
const listInKv = (site: string) => env.CONFIGS.get(`accounts:${site}`, "json");
const config = async (site: string) => (await visit(`/v1/sites/${site}/config`)).json<PublishedConfig>();

/** The company context of a visitor simulated at `ip` on `site`. */
const companyAt = async (site: string, ip: string) => (await attributesFor(site, { headers: { "x-facet-simulate": `ip=${ip}` } })).company;

describe("PUT /admin/api/sites/:site/accounts", () => {
  it("replaces the list from JSON, normalizing domains, and lists it back in order", async () => {
    const site = await createSite();
    const other = await createSite();
    await adminOk("PUT", accountsPath(other.key), { accounts: [{ domain: "other.example" }] });

    const first = {
      accounts: [{ domain: "https://www.Hooli.example/about" }, { name: " Initech " }, { domain: "piedpiper.example", name: "Pied Piper" }],
    };
    expect(await adminOk("PUT", accountsPath(site.key), first)).toEqual({ count: 3 });
    expect(await adminOk<AccountsList>("GET", accountsPath(site.key))).toEqual({
      count: 3,
      accounts: [
        { domain: "hooli.example", name: null },
        { domain: null, name: "Initech" },
        { domain: "piedpiper.example", name: "Pied Piper" },
      ],
    });
    expect(await listInKv(site.key)).toEqual({ domains: ["hooli.example", "piedpiper.example"], names: ["Initech", "Pied Piper"] });

    expect(await adminOk("PUT", accountsPath(site.key), { accounts: [{ domain: "globex.example" }] })).toEqual({ count: 1 });
    expect(await adminOk<AccountsList>("GET", accountsPath(site.key))).toEqual({
      count: 1,
      accounts: [{ domain: "globex.example", name: null }],
    });
    expect(await listInKv(site.key)).toEqual({ domains: ["globex.example"], names: [] });

    expect(await adminOk("PUT", accountsPath(site.key), { accounts: [] })).toEqual({ count: 0 });
    expect(await adminOk<AccountsList>("GET", accountsPath(site.key))).toEqual({ count: 0, accounts: [] });

    // Another site's list is its own.
    expect(await adminOk<AccountsList>("GET", accountsPath(other.key))).toEqual({
      count: 1,
      accounts: [{ domain: "other.example", name: null }],
    });
  });

  it("reads a CSV with a domain and/or name column, ignoring a CRM export's other columns", async () => {
    const site = await createSite();
    await adminOk("PUT", accountsPath(site.key), { accounts: [{ domain: "replaced.example" }] });
    const res = await putCsv(
      accountsPath(site.key),
      '\uFEFFOwner,Domain,Account Name,Name,Stage\r\nJane,https://www.Acme.com/,"ignored, really",Acme Corp,Won\r\nBob,,x,Globex,\r\n\r\n,umbrella.example,,,Lost\r\n',
    );
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ count: 3 });
    expect(await adminOk<AccountsList>("GET", accountsPath(site.key))).toEqual({
      count: 3,
      accounts: [
        { domain: "acme.com", name: "Acme Corp" },
        { domain: null, name: "Globex" },
        { domain: "umbrella.example", name: null },
      ],
    });

    expect((await putCsv(accountsPath(site.key), "name\nInitech\n")).status).toBe(200);
    expect(await adminOk<AccountsList>("GET", accountsPath(site.key))).toEqual({ count: 1, accounts: [{ domain: null, name: "Initech" }] });
  });

  it("refuses a request without the token, with the wrong content type or malformed JSON", async () => {
    const site = await createSite();
    await expectWriteGuards("PUT", accountsPath(site.key), { accounts: [{ domain: "guarded.example" }] });
  });

  it.each([
    ["a missing list", {}, "accounts"],
    ["a list of the wrong type", { accounts: "acme.com" }, "accounts"],
    ["a domain that is not a domain", { accounts: [{ domain: "good.example" }, { domain: "acme" }] }, "accounts.1.domain"],
    ["an account with neither domain nor name", { accounts: [{}] }, "accounts.0"],
    ["a name that is blank", { accounts: [{ name: "  " }] }, "accounts.0.name"],
    ["a name over 200 characters", { accounts: [{ name: "x".repeat(201) }] }, "accounts.0.name"],
  ])("refuses %s with 400 naming the field, keeping the old list", async (_, body, field) => {
    const site = await createSite();
    await adminOk("PUT", accountsPath(site.key), { accounts: [{ domain: "kept.example" }] });
    await expectInvalidField(() => admin("PUT", accountsPath(site.key), { body }), field);
    expect((await adminOk<AccountsList>("GET", accountsPath(site.key))).accounts).toEqual([{ domain: "kept.example", name: null }]);
  });

  it.each([
    ["a domain that is not a domain", "domain,name\ngood.example,Good\nacme,Bad\n", 3, /domain "acme" is not a domain name/],
    ["a row with neither domain nor name", "domain,name\ngood.example,Good\n\n ,  \n", 4, /neither a domain nor a name/],
    ["a header with neither column", "company,owner\nAcme,Jane\n", 1, /the header has neither a "domain" nor a "name" column/],
    ["a row with too many values", "domain,name\nacme.com,Acme, Inc.\n", 2, /3 values, but the header has 2 columns/],
    ["a quote never closed", 'domain,name\nacme.com,"Acme\n', 2, /never closed/],
    ["an empty file", "", 1, /the file is empty/],
  ])("refuses a CSV with %s: 400 invalid_csv naming the line, keeping the old list", async (_, text, line, reason) => {
    const site = await createSite();
    await adminOk("PUT", accountsPath(site.key), { accounts: [{ domain: "kept.example" }] });
    const error = await expectRejected(() => putCsv(accountsPath(site.key), text), 400, "invalid_csv");
    expect(error.message).toMatch(new RegExp(`^line ${line}: (?!line )`));
    expect(error.message).toMatch(reason);
    expect(error.fields).toEqual({ [`line ${line}`]: error.message });
    expect((await adminOk<AccountsList>("GET", accountsPath(site.key))).accounts).toEqual([{ domain: "kept.example", name: null }]);
  });

  it("answers 404 for an unknown site", async () => {
    await expectRejected(() => admin("PUT", accountsPath(uniqueKey()), { body: { accounts: [] } }), 404, "not_found");
    await expectRejected(() => admin("GET", accountsPath(uniqueKey())), 404, "not_found");
    await expectRejected(() => admin("GET", accountsPath(uniqueKey()), { token: null }), 401, "unauthorized");
  });
});

describe("company.inAccountList", () => {
  it("is true for a visitor whose company's domain or name is on this site's list, and follows the list without a publish", async () => {
    const site = await createSite();
    const other = await createSite();
    await publishNeedingCompany(site.key);
    await publishNeedingCompany(other.key);
    const [hooli, initech, globex] = [ipBlock(), ipBlock(), ipBlock()];
    await addCompanyRanges([
      { cidr: hooli.cidr, name: "Hooli", domain: "hooli.example" },
      { cidr: initech.cidr, name: "INITECH" },
      { cidr: globex.cidr, name: "Globex", domain: "globex.example" },
    ]);
    await adminOk("PUT", accountsPath(site.key), { accounts: [{ domain: "https://www.hooli.example" }, { name: "initech" }] });

    expect(await companyAt(site.key, hooli.ip(1))).toMatchObject({ name: "Hooli", inAccountList: true });
    expect(await companyAt(site.key, initech.ip(1))).toMatchObject({ name: "INITECH", inAccountList: true });
    expect(await companyAt(site.key, globex.ip(1))).toMatchObject({ name: "Globex", inAccountList: false });
    expect(await companyAt(other.key, hooli.ip(1))).toMatchObject({ name: "Hooli", inAccountList: false });

    await adminOk("PUT", accountsPath(site.key), { accounts: [{ domain: "globex.example" }] });
    expect(await companyAt(site.key, globex.ip(2))).toMatchObject({ inAccountList: true });
    expect(await companyAt(site.key, hooli.ip(2))).toMatchObject({ inAccountList: false });
    expect(await companyAt(site.key, initech.ip(2))).toMatchObject({ inAccountList: false });
  });

  it("drives a segment end to end: a server reference in the config, signed in the context, content only for the list", async () => {
    const site = await createSite({ origins: ["https://shop.example"] });
    const [listed, unlisted] = [ipBlock(), ipBlock()];
    await addCompanyRanges([
      { cidr: listed.cidr, name: "Listed Co", domain: "listed.example" },
      { cidr: unlisted.cidr, name: "Unlisted Co", domain: "unlisted.example" },
    ]);
    await adminOk("PUT", accountsPath(site.key), { accounts: [{ domain: "listed.example" }] });
    await createSegment(site.key, { id: "targets", kind: "firmographic", condition: { "company.inAccountList": true } });
    const changes = [{ type: "text", selector: "#headline", value: "Hello, valued account" }];
    await createExperience(site.key, { id: "abm", variants: [{ segment: "targets", changes }] });
    await publish(site.key);

    const published = await config(site.key);
    const condition = published.segments.find((s) => s.id === "targets")!.condition;
    expect(Object.keys(condition)).toEqual([expect.stringMatching(/^server\.f\d+$/)]);
    const ref = Object.keys(condition)[0]!.slice("server.".length);
    expect(JSON.stringify(published)).not.toContain("listed.example");

    const variants = async (token: string) => {
      const res = await visit(`/v1/sites/${site.key}/variants?segments=targets&token=${encodeURIComponent(token)}`);
      expect(res.status).toBe(200);
      return res.json<VariantsResponse>();
    };
    const inside = await contextFor(site.key, { headers: { "x-facet-simulate": `ip=${listed.ip(5)}` } });
    expect(inside.server).toEqual({ [ref]: true });
    expect(await variants(inside.token)).toEqual({ v: 1, changes: { abm: { targets: changes } }, denied: [] });

    const outside = await contextFor(site.key, { headers: { "x-facet-simulate": `ip=${unlisted.ip(5)}` } });
    expect(await companyAt(site.key, unlisted.ip(5))).toMatchObject({ name: "Unlisted Co", inAccountList: false });
    expect(outside.server).toEqual({ [ref]: false });
    expect(await variants(outside.token)).toEqual({ v: 1, changes: {}, denied: ["targets"] });

    const nobody = await contextFor(site.key, { headers: { "x-facet-simulate": "country=US" } });
    expect((await attributesFor(site.key, { headers: { "x-facet-simulate": "country=US" } })).company).toBeNull();
    expect(nobody.server).toEqual({ [ref]: false });
  });
});

describe("deleting a site", () => {
  it("removes its account list and topics, so a new site with the same key starts empty", async () => {
    const site = await createSite();
    const listed = ipBlock();
    await addCompanyRanges([{ cidr: listed.cidr, name: "Listed Co", domain: "listed.example" }]);
    await adminOk("PUT", accountsPath(site.key), { accounts: [{ domain: "listed.example" }] });
    await adminOk("PUT", topicsPath(site.key), { topics: [{ topic: "security", pages: ["/security/*"] }] });
    await publishNeedingCompany(site.key);
    expect(await companyAt(site.key, listed.ip(1))).toMatchObject({ inAccountList: true });

    expect((await admin("DELETE", `/sites/${site.key}`)).status).toBe(204);
    for (const table of ["account_lists", "topics"]) {
      expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE site_key = ?1`).bind(site.key).first("n"), table).toBe(0);
    }
    expect(await listInKv(site.key)).toBeNull();

    await createSite({ key: site.key });
    await publishNeedingCompany(site.key);
    expect(await adminOk("GET", accountsPath(site.key))).toEqual({ count: 0, accounts: [] });
    expect(await adminOk("GET", topicsPath(site.key))).toEqual({ topics: [] });
    expect((await config(site.key)).topics).toEqual([]);
    expect(await companyAt(site.key, listed.ip(2))).toMatchObject({ name: "Listed Co", inAccountList: false });
  });
});

describe("PUT /admin/api/sites/:site/topics", () => {
  it("replaces the topics, which reach the public config with the next publish", async () => {
    const site = await createSite();
    await publish(site.key);
    const topics = [
      { topic: "security", pages: ["/blog/security/*", "/trust"] },
      { topic: "ai_ml", pages: ["/blog/ai/*"] },
    ];
    expect(await adminOk("PUT", topicsPath(site.key), { topics })).toEqual({ topics });
    expect(await adminOk("GET", topicsPath(site.key))).toEqual({ topics: [topics[1], topics[0]] });
    expect((await config(site.key)).topics).toEqual([]);

    await publish(site.key);
    // With the page patterns compiled to the regexes the snippet tests (worker/pages/pattern.ts).
    const published = (await config(site.key)).topics;
    expect(published.map(({ paths: _, ...t }) => t)).toEqual([topics[1], topics[0]]);
    expect(published.map((t) => t.paths)).toEqual([["^\\/blog\\/ai(?:\\/.*)$"], ["^\\/blog\\/security(?:\\/.*)$", "^\\/trust$"]]);

    const replaced = [{ topic: "pricing", pages: ["/pricing"] }];
    await adminOk("PUT", topicsPath(site.key), { topics: replaced });
    expect(await adminOk("GET", topicsPath(site.key))).toEqual({ topics: replaced });
    await publish(site.key);
    expect((await config(site.key)).topics.map(({ paths: _, ...t }) => t)).toEqual(replaced);
    // Published versions are immutable: version 2 keeps the topics it was published with.
    expect((await env.CONFIGS.get<{ config: PublishedConfig }>(`snap:${site.key}:2`, "json"))?.config.topics).toEqual(published);

    await adminOk("PUT", topicsPath(site.key), { topics: [] });
    await publish(site.key);
    expect((await config(site.key)).topics).toEqual([]);
  });

  it("refuses a request without the token, with the wrong content type or malformed JSON", async () => {
    const site = await createSite();
    await expectWriteGuards("PUT", topicsPath(site.key), { topics: [{ topic: "guarded", pages: ["/"] }] });
  });

  it.each([
    ["a missing list", {}, "topics"],
    ["a list of the wrong type", { topics: { security: ["/blog/*"] } }, "topics"],
    ["a topic name with capitals", { topics: [{ topic: "Security", pages: ["/blog/*"] }] }, "topics.0.topic"],
    ["a topic name starting with a digit", { topics: [{ topic: "1st", pages: ["/blog/*"] }] }, "topics.0.topic"],
    ["a topic without pages", { topics: [{ topic: "security", pages: [] }] }, "topics.0.pages"],
    ["a page that is not a pattern", { topics: [{ topic: "security", pages: ["/ok", "blog"] }] }, "topics.0.pages.1"],
    ["a page pattern outside the subset", { topics: [{ topic: "security", pages: ["/x?"] }] }, "topics.0.pages.0"],
    [
      "a topic given twice",
      {
        topics: [
          { topic: "dup", pages: ["/a"] },
          { topic: "dup", pages: ["/b"] },
        ],
      },
      "topics",
    ],
    ["more than 100 topics", { topics: Array.from({ length: 101 }, (_, i) => ({ topic: `t${i}`, pages: ["/"] })) }, "topics"],
  ])("refuses %s with 400 naming the field, keeping the old topics", async (_, body, field) => {
    const site = await createSite();
    const kept = [{ topic: "kept", pages: ["/kept/*"] }];
    await adminOk("PUT", topicsPath(site.key), { topics: kept });
    await expectInvalidField(() => admin("PUT", topicsPath(site.key), { body }), field);
    expect(await adminOk("GET", topicsPath(site.key))).toEqual({ topics: kept });
  });

  it("answers 404 for an unknown site", async () => {
    await expectRejected(() => admin("PUT", topicsPath(uniqueKey()), { body: { topics: [] } }), 404, "not_found");
    await expectRejected(() => admin("GET", topicsPath(uniqueKey())), 404, "not_found");
  });
});
