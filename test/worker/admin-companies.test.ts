// /admin/api/company-ranges: import (all or nothing), count, lookup by address, clear.
// Ranges are one global table, so each test uses its own address block and counts relatively.
import { describe, expect, it } from "vitest";
import type { Company } from "../../worker/schemas/company";
import {
  addCompanyRanges,
  admin,
  adminOk,
  expectInvalidField,
  expectRejected,
  expectWriteGuards,
  ipBlock,
  rangeIndexInKv,
} from "./helpers";

const count = async () => (await adminOk<{ count: number }>("GET", "/company-ranges")).count;
const lookup = async (ip: string) =>
  (await adminOk<{ company: Company | null }>("GET", `/company-ranges/lookup?ip=${encodeURIComponent(ip)}`)).company;

describe("POST /admin/api/company-ranges", () => {
  it("imports CIDR blocks and address pairs, IPv4 and IPv6, and finds them by address", async () => {
    const v4 = ipBlock();
    const globex = ipBlock();
    const v6 = `2001:db8:${((Math.random() * 0xffff) | 0).toString(16)}:`;
    const before = await count();
    const indexBefore = await rangeIndexInKv();
    const added = await addCompanyRanges([
      {
        cidr: v4.cidr,
        name: "Acme Corp",
        domain: " ACME.com ",
        industry: "Manufacturing",
        employees: 5200,
        employeesRange: "5001-10000",
        revenueRange: "$1B-$10B",
      },
      { cidr: `${v6}:/48`, name: "Acme Corp", domain: "acme.com" },
      { start: globex.ip(10), end: globex.ip(20), name: "Globex", type: "hosting" },
    ]);
    // Three disjoint new ranges: three more spans, each pointing at its own row's company.
    expect(added).toEqual({ added: 3, replaced: false, spans: indexBefore.spans + 3, companies: indexBefore.companies + 3 });
    expect(await rangeIndexInKv()).toEqual({ spans: added.spans, companies: added.companies });
    expect(await count()).toBe(before + 3);

    expect(await lookup(v4.ip(1))).toEqual({
      name: "Acme Corp",
      domain: "acme.com",
      industry: "Manufacturing",
      employees: 5200,
      employeesRange: "5001-10000",
      revenueRange: "$1B-$10B",
      type: "business",
    });
    expect(await lookup(v4.ip(255))).toMatchObject({ name: "Acme Corp" });
    expect(await lookup(`${v6}ffff:ffff:ffff:ffff:ffff`)).toEqual({ name: "Acme Corp", domain: "acme.com", type: "business" });
    expect(await lookup(globex.ip(15))).toEqual({ name: "Globex", type: "hosting" });
    expect(await lookup(globex.ip(9))).toBeNull();
    expect(await lookup(globex.ip(21))).toBeNull();
  });

  it("answers the innermost range when ranges nest", async () => {
    const block = ipBlock();
    await addCompanyRanges([
      { cidr: block.cidr, name: "Big ISP", type: "isp" },
      { start: block.ip(64), end: block.ip(127), name: "Customer of the ISP" },
    ]);
    expect((await lookup(block.ip(100)))?.name).toBe("Customer of the ISP");
    expect((await lookup(block.ip(200)))?.name).toBe("Big ISP");
  });

  it("refuses a request without the token, with the wrong content type or malformed JSON", async () => {
    await expectWriteGuards("POST", "/company-ranges", { ranges: [{ cidr: ipBlock().cidr, name: "Guarded" }] });
  });

  it.each([
    ["a missing list", {}, "ranges"],
    ["a list of the wrong type", { ranges: "10.0.0.0/8 Acme" }, "ranges"],
    ["an empty list", { ranges: [] }, "ranges"],
    ["a range without a name", { ranges: [{ cidr: "$A" }] }, "ranges.0.name"],
    ["employees of the wrong type", { ranges: [{ cidr: "$A", name: "Acme", employees: "many" }] }, "ranges.0.employees"],
    ["a domain that is not a domain", { ranges: [{ cidr: "$A", name: "Acme", domain: "acme" }] }, "ranges.0.domain"],
    ["an unknown type", { ranges: [{ cidr: "$A", name: "Acme", type: "alien" }] }, "ranges.0.type"],
    [
      "a malformed CIDR after a good range",
      {
        ranges: [
          { cidr: "$A", name: "Good" },
          { cidr: "10.1.2.3/33", name: "Bad" },
        ],
      },
      "ranges.1.cidr",
    ],
    [
      "a CIDR that is not an address",
      {
        ranges: [
          { cidr: "$A", name: "Good" },
          { cidr: "acme.com/24", name: "Bad" },
        ],
      },
      "ranges.1.cidr",
    ],
    [
      "a start without an end",
      {
        ranges: [
          { cidr: "$A", name: "Good" },
          { start: "10.9.9.9", name: "Bad" },
        ],
      },
      "ranges.1.cidr",
    ],
    [
      "a start after its end",
      {
        ranges: [
          { cidr: "$A", name: "Good" },
          { start: "10.9.9.9", end: "10.9.9.1", name: "Bad" },
        ],
      },
      "ranges.1.start",
    ],
  ])("refuses %s with 400 naming the field, storing none of the ranges", async (_, body, field) => {
    const block = ipBlock();
    const payload = JSON.parse(JSON.stringify(body).replaceAll("$A", block.cidr)) as unknown;
    await expectInvalidField(() => admin("POST", "/company-ranges", { body: payload }), field);
    expect(await lookup(block.ip(1))).toBeNull();
  });
});

describe("GET /admin/api/company-ranges/lookup", () => {
  it.each([
    ["missing", ""],
    ["not an address", "?ip=not-an-ip"],
    ["an octet over 255", "?ip=10.0.0.256"],
    ["a bad IPv6", "?ip=2001:db8::1::2"],
  ])("refuses an ip that is %s with 400 naming ip", async (_, query) => {
    await expectInvalidField(() => admin("GET", `/company-ranges/lookup${query}`), "ip");
  });

  it("needs the token", async () => {
    await expectRejected(() => admin("GET", "/company-ranges/lookup?ip=10.0.0.1", { token: null }), 401, "unauthorized");
    await expectRejected(() => admin("GET", "/company-ranges", { token: null }), 401, "unauthorized");
  });
});

describe("DELETE /admin/api/company-ranges", () => {
  it("refuses a request without the token", async () => {
    const block = ipBlock();
    await addCompanyRanges([{ cidr: block.cidr, name: "Kept" }]);
    await expectWriteGuards("DELETE", "/company-ranges");
    expect((await lookup(block.ip(1)))?.name).toBe("Kept");
  });

  it("removes every range", async () => {
    const block = ipBlock();
    await addCompanyRanges([{ cidr: block.cidr, name: "Gone soon" }]);
    expect(await count()).toBeGreaterThan(0);
    expect((await admin("DELETE", "/company-ranges")).status).toBe(204);
    expect(await count()).toBe(0);
    expect(await lookup(block.ip(1))).toBeNull();
  });
});
