// Imports at their largest, held to the limits of real D1 that Miniflare does not enforce: statements per
// invocation, bound parameters and SQL bytes per statement, bytes per bound value. And all or nothing:
// a D1 failure in the middle of an import leaves what was live.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import app from "../../worker/index";
import { ADMIN_TOKEN, BASE, adminOk, createSite, expectRejected } from "./helpers";
import { countingD1, D1_LIMITS, measure, type Executed } from "./d1-limits";

/** An admin request straight into the app, with the counting D1 binding. */
async function adminWith(db: D1Database, method: string, path: string, csv: string): Promise<Response> {
  const init = { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "text/csv" }, body: csv };
  return app.request(`${BASE}/admin/api${path}`, init, { ...env, DB: db });
}

function expectWithinLimits(executed: Executed[]) {
  const m = measure(executed);
  expect(m.statements).toBeLessThan(D1_LIMITS.queries);
  expect(m.maxParams).toBeLessThanOrEqual(D1_LIMITS.params);
  expect(m.maxSqlBytes).toBeLessThan(D1_LIMITS.sqlBytes);
  expect(m.maxValueBytes).toBeLessThan(D1_LIMITS.valueBytes);
  return m;
}

// 50,000 accounts (the most a list holds) with multibyte names: about 7.4 MB, under the 8 MiB body limit.
const accountsCsv = (n: number, tag = "") =>
  `domain,name\n${Array.from({ length: n }, (_, i) => `acct-${i}${tag}.example,Société Générale Nº ${i} — Zürich ${tag}${"é".repeat(40)}`).join("\n")}`;

// 200,000 ranges (the most one import holds): one /32 each, in 10.0.0.0/8.
const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const rangesCsv = (n: number) =>
  `network,name,domain,industry,employees\n${Array.from({ length: n }, (_, i) => `${ip(i)}/32,Company ${i},company-${i}.example,Software,${i % 5000}`).join("\n")}`;

describe("imports within D1's limits", () => {
  it("imports a 50,000-account list in a few statements, each within the limits", { timeout: 120_000 }, async () => {
    const site = await createSite();
    const { db, executed } = countingD1(env.DB);
    const res = await adminWith(db, "PUT", `/sites/${site.key}/accounts`, accountsCsv(50_000));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ count: 50_000 });
    const m = expectWithinLimits(executed);
    expect(m.statements).toBeLessThan(20);

    const { count, accounts } = await adminOk<{ count: number; accounts: { domain: string; name: string }[] }>(
      "GET",
      `/sites/${site.key}/accounts`,
    );
    expect(count).toBe(50_000);
    expect(accounts[0]!.domain).toBe("acct-0.example");
    expect(accounts[49_999]).toEqual({ domain: "acct-49999.example", name: `Société Générale Nº 49999 — Zürich ${"é".repeat(40)}` });
  });

  it("imports 200,000 ranges, replacing what is stored, and rebuilds the index within the limits", { timeout: 180_000 }, async () => {
    const { db, executed } = countingD1(env.DB);
    const res = await adminWith(db, "POST", "/company-ranges?replace=true", rangesCsv(200_000));
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toEqual({ added: 200_000, replaced: true, spans: 200_000, companies: 200_000 });
    const m = expectWithinLimits(executed);
    expect(m.statements).toBeLessThan(100);

    expect(await adminOk("GET", "/company-ranges")).toEqual({ count: 200_000 });
    const found = await adminOk<{ company: { name: string } | null }>("GET", `/company-ranges/lookup?ip=${ip(199_999)}`);
    expect(found.company?.name).toBe("Company 199999");
  });
});

describe("imports are all or nothing", () => {
  const staging = (e: Executed) => e.sql.includes("json_each") && typeof e.params[1] === "string";

  it("keeps the live account list when D1 fails in the middle of a replace", { timeout: 60_000 }, async () => {
    const site = await createSite();
    await adminOk("PUT", `/sites/${site.key}/accounts`, { accounts: [{ domain: "kept.example" }] });
    let chunks = 0;
    const { db } = countingD1(env.DB, (e) => staging(e) && ++chunks === 3);
    const res = await adminWith(db, "PUT", `/sites/${site.key}/accounts`, accountsCsv(50_000, "-new"));
    expect(res.status).toBe(500);
    expect(chunks).toBe(3);
    expect(await adminOk("GET", `/sites/${site.key}/accounts`)).toEqual({ count: 1, accounts: [{ domain: "kept.example", name: null }] });
    // Nothing staged is left behind.
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM account_lists WHERE site_key = ?1").bind(site.key).first<number>("n");
    expect(rows).toBe(1);
  });

  it("keeps the live ranges when D1 fails in the middle of an import, with or without replace", { timeout: 60_000 }, async () => {
    await adminOk("POST", "/company-ranges?replace=true", { ranges: [{ cidr: "192.0.2.0/24", name: "Kept Co" }] });
    for (const query of ["?replace=true", ""]) {
      let chunks = 0;
      const { db } = countingD1(env.DB, (e) => staging(e) && ++chunks === 2);
      const res = await adminWith(db, "POST", `/company-ranges${query}`, rangesCsv(20_000));
      expect(res.status, query).toBe(500);
      expect(await adminOk("GET", "/company-ranges")).toEqual({ count: 1 });
      expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM company_ranges").first<number>("n")).toBe(1);
      const found = await adminOk<{ company: { name: string } | null }>("GET", "/company-ranges/lookup?ip=192.0.2.7");
      expect(found.company?.name).toBe("Kept Co");
    }
  });

  it("refuses whole an import whose index KV could not hold, before anything goes live", { timeout: 120_000 }, async () => {
    await adminOk("POST", "/company-ranges?replace=true", { ranges: [{ cidr: "192.0.2.0/24", name: "Kept Co" }] });
    // 200,000 distinct companies of about 140 bytes of JSON each: over KV's 25 MiB value limit.
    const csv =
      "network,name,domain,industry,employees,employees_range,revenue_range\n" +
      Array.from(
        { length: 200_000 },
        (_, i) => `${ip(i)}/32,C${i} Holdings,c${i}.example,Industry ${i % 50},${i % 5000},1001-5000,$1B-$10B`,
      ).join("\n");
    const error = await expectRejected(() => adminWith(env.DB, "POST", "/company-ranges?replace=true", csv), 422, "index_too_large");
    expect(error.message).toMatch(/200000 companies/);
    expect(await adminOk("GET", "/company-ranges")).toEqual({ count: 1 });
  });
});
