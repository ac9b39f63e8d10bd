// Step 1 of the company waterfall: company IP ranges imported by the admin (JSON or CSV), flattened into
// the packed index, and found by address both by the admin's lookup and by the visitor context endpoint.
// Ranges are one global table and index: each test uses its own address blocks and never assumes counts.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Company } from "../../worker/schemas/company";
import { attributesFor } from "./fixtures";
import {
  addCompanyRanges,
  admin,
  adminOk,
  createSite,
  expectRejected,
  ipBlock,
  publishNeedingCompany,
  rangeIndexInKv,
  type RangesImported,
} from "./helpers";

let v6Blocks = 0;
const v6Base = 0x1000 + (crypto.getRandomValues(new Uint16Array(1))[0]! % 0x7000);
/** A fresh 2001:db8:xxxx::/48 with a free /48 on either side, so one past each end is nobody's. */
function v6Block() {
  const group = (v6Base + 2 * ++v6Blocks).toString(16);
  const neighbor = (d: number) => (v6Base + 2 * v6Blocks + d).toString(16);
  return {
    prefix: `2001:db8:${group}`,
    cidr: `2001:db8:${group}::/48`,
    first: `2001:db8:${group}::`,
    last: `2001:db8:${group}:ffff:ffff:ffff:ffff:ffff`,
    before: `2001:db8:${neighbor(-1)}:ffff:ffff:ffff:ffff:ffff`,
    after: `2001:db8:${neighbor(1)}::`,
  };
}

/**
 * A published site, and a function that finds the company for an address twice: with the admin's lookup
 * and with the context endpoint's enrichment (visitorAttributes) for a visitor simulated at that address. Both
 * read the same index, so they must agree; the enrichment adds the waterfall's own fields.
 */
async function resolver(): Promise<(ip: string) => Promise<Company | null>> {
  const site = await createSite();
  await publishNeedingCompany(site.key);
  return async (ip) => {
    const { company } = await adminOk<{ company: Company | null }>("GET", `/company-ranges/lookup?ip=${encodeURIComponent(ip)}`);
    const attributes = await attributesFor(site.key, { headers: { "x-facet-simulate": new URLSearchParams({ ip }).toString() } });
    expect(attributes.company, ip).toEqual(company && { ...company, confidence: 0.95, source: "ranges", inAccountList: false });
    return company;
  };
}

/** The name found at each address: `null` for none. */
async function namesAt(find: (ip: string) => Promise<Company | null>, ips: string[]): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const ip of ips) out[ip] = (await find(ip))?.name ?? null;
  return out;
}

const csv = (text: string, query = "") => admin("POST", `/company-ranges${query}`, { raw: text, contentType: "text/csv" });
const HEADER = "network,name,domain,industry,employees,employees_range,revenue_range,type";

describe("company ranges: the ends of a range", () => {
  it("include the first and last address of an IPv4 block and of a start-end range, and not one past either", async () => {
    const find = await resolver();
    const b = ipBlock();
    await addCompanyRanges([
      { cidr: `${b.ip(16)}/28`, name: "Cidr Co" },
      { start: b.ip(100), end: b.ip(119), name: "Pair Co" },
    ]);
    expect(await namesAt(find, [b.ip(15), b.ip(16), b.ip(31), b.ip(32), b.ip(99), b.ip(100), b.ip(119), b.ip(120)])).toEqual({
      [b.ip(15)]: null,
      [b.ip(16)]: "Cidr Co",
      [b.ip(31)]: "Cidr Co",
      [b.ip(32)]: null,
      [b.ip(99)]: null,
      [b.ip(100)]: "Pair Co",
      [b.ip(119)]: "Pair Co",
      [b.ip(120)]: null,
    });
  });

  it("include the first and last address of an IPv6 block and of a start-end range, in any notation", async () => {
    const find = await resolver();
    const net = v6Block();
    const pair = v6Block();
    await addCompanyRanges([
      { cidr: net.cidr, name: "Six Net", domain: "six.example" },
      { start: `${pair.prefix}::a`, end: `${pair.prefix}::ff`, name: "Six Pair" },
    ]);
    expect(await namesAt(find, [net.before, net.first, net.last, net.after])).toEqual({
      [net.before]: null,
      [net.first]: "Six Net",
      [net.last]: "Six Net",
      [net.after]: null,
    });
    const full = (last: string) => `${pair.prefix.toUpperCase().replace("DB8", "0DB8")}:0000:0000:0000:0000:${last}`;
    expect(await namesAt(find, [`${pair.prefix}::9`, full("000A"), full("00ff"), `${pair.prefix}:0:0:0:0:100`])).toEqual({
      [`${pair.prefix}::9`]: null,
      [full("000A")]: "Six Pair",
      [full("00ff")]: "Six Pair",
      [`${pair.prefix}:0:0:0:0:100`]: null,
    });
    expect(await find(`${net.prefix}:1::1`)).toEqual({ name: "Six Net", domain: "six.example", type: "business" });
  });

  it("reach the very first and the very last IPv6 address", async () => {
    const find = await resolver();
    await addCompanyRanges([
      { cidr: "::/120", name: "Address Zero" },
      { cidr: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00/120", name: "Address Max" },
    ]);
    expect(
      await namesAt(find, [
        "::",
        "::ff",
        "::100",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:feff",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      ]),
    ).toEqual({
      "::": "Address Zero",
      "::ff": "Address Zero",
      "::100": null,
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:feff": null,
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ff00": "Address Max",
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff": "Address Max",
    });
  });

  it("resolve an IPv4-mapped IPv6 address (::ffff:a.b.c.d) like the IPv4 address, both ways", async () => {
    const find = await resolver();
    const v4 = ipBlock();
    const mapped = ipBlock();
    await addCompanyRanges([
      { cidr: v4.cidr, name: "Four Co" },
      // The same kind of block written in its IPv6 form covers the plain IPv4 addresses.
      { cidr: `::ffff:${mapped.ip(0)}/120`, name: "Mapped Co" },
    ]);
    const hexForm = (ip: string) => {
      const [a, b, c, d] = ip.split(".").map(Number) as [number, number, number, number];
      return `::FFFF:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    };
    expect(
      await namesAt(find, [v4.ip(7), `::ffff:${v4.ip(7)}`, `::FFFF:${v4.ip(255)}`, hexForm(v4.ip(0)), `0:0:0:0:0:ffff:${v4.ip(1)}`]),
    ).toEqual({
      [v4.ip(7)]: "Four Co",
      [`::ffff:${v4.ip(7)}`]: "Four Co",
      [`::FFFF:${v4.ip(255)}`]: "Four Co",
      [hexForm(v4.ip(0))]: "Four Co",
      [`0:0:0:0:0:ffff:${v4.ip(1)}`]: "Four Co",
    });
    expect(await namesAt(find, [mapped.ip(0), mapped.ip(255), `::ffff:${mapped.ip(9)}`])).toEqual({
      [mapped.ip(0)]: "Mapped Co",
      [mapped.ip(255)]: "Mapped Co",
      [`::ffff:${mapped.ip(9)}`]: "Mapped Co",
    });
    // Not the IPv4-compatible (::a.b.c.d) or NAT64 forms: those are other addresses.
    expect(await namesAt(find, [`::${v4.ip(7)}`, `64:ff9b::${v4.ip(7)}`])).toEqual({
      [`::${v4.ip(7)}`]: null,
      [`64:ff9b::${v4.ip(7)}`]: null,
    });
  });
});

describe("company ranges: overlaps", () => {
  it("answer the most specific range where ranges nest, whatever the import order", async () => {
    const find = await resolver();
    const b = ipBlock();
    await addCompanyRanges([
      { cidr: `${b.ip(100)}/32`, name: "Inner" },
      { start: b.ip(64), end: b.ip(127), name: "Middle" },
    ]);
    // The outermost arrives last, in a later import: it still only gets what nobody more specific holds.
    await addCompanyRanges([{ cidr: b.cidr, name: "Outer ISP", type: "isp" }]);
    const ips = [0, 63, 64, 99, 100, 101, 127, 128, 255].map(b.ip);
    expect(Object.values(await namesAt(find, ips))).toEqual([
      "Outer ISP",
      "Outer ISP",
      "Middle",
      "Middle",
      "Inner",
      "Middle",
      "Middle",
      "Outer ISP",
      "Outer ISP",
    ]);
    expect(await find(b.ip(0))).toEqual({ name: "Outer ISP", type: "isp" });
  });

  it("give the addresses two ranges share to the smaller one, before or after it in address order", async () => {
    const find = await resolver();
    const b = ipBlock();
    await addCompanyRanges([
      { start: b.ip(10), end: b.ip(60), name: "Wide" }, // 51 addresses
      { start: b.ip(40), end: b.ip(80), name: "Narrow" }, // 41: starts inside Wide, outlives it
    ]);
    await addCompanyRanges([
      { start: b.ip(100), end: b.ip(120), name: "Small" }, // 21
      { start: b.ip(110), end: b.ip(170), name: "Big" }, // 61, imported in the same later batch
    ]);
    const ips = [9, 10, 39, 40, 60, 61, 80, 81, 99, 100, 109, 110, 120, 121, 170, 171].map(b.ip);
    expect(Object.values(await namesAt(find, ips))).toEqual([
      null,
      "Wide",
      "Wide",
      "Narrow",
      "Narrow",
      "Narrow",
      "Narrow",
      null,
      null,
      "Small",
      "Small",
      "Small",
      "Small",
      "Big",
      "Big",
      null,
    ]);
  });

  it("hand the addresses back to the next most specific range when the winner ends inside others", async () => {
    const find = await resolver();
    const b = ipBlock();
    await addCompanyRanges([
      { start: b.ip(200), end: b.ip(230), name: "E31" },
      { start: b.ip(210), end: b.ip(220), name: "F11" },
      { start: b.ip(215), end: b.ip(250), name: "G36" },
    ]);
    const ips = [199, 200, 209, 210, 215, 220, 221, 230, 231, 250, 251].map(b.ip);
    expect(Object.values(await namesAt(find, ips))).toEqual([null, "E31", "E31", "F11", "F11", "F11", "E31", "E31", "G36", "G36", null]);
  });

  it("let the later import win between ranges of the same size, and the later row within one import", async () => {
    const find = await resolver();
    const b = ipBlock();
    await addCompanyRanges([{ start: b.ip(10), end: b.ip(19), name: "First import" }]);
    await addCompanyRanges([{ start: b.ip(10), end: b.ip(19), name: "Second import" }]);
    await addCompanyRanges([
      { start: b.ip(30), end: b.ip(39), name: "Earlier row" },
      { start: b.ip(30), end: b.ip(39), name: "Later row" },
      { start: b.ip(50), end: b.ip(59), name: "R10" },
      { start: b.ip(55), end: b.ip(64), name: "S10" }, // same size, partly over R10
    ]);
    const ips = [10, 19, 30, 39, 50, 54, 55, 59, 64, 65].map(b.ip);
    expect(Object.values(await namesAt(find, ips))).toEqual([
      "Second import",
      "Second import",
      "Later row",
      "Later row",
      "R10",
      "R10",
      "S10",
      "S10",
      "S10",
      null,
    ]);
    // Importing the first one again makes it the latest.
    await addCompanyRanges([{ start: b.ip(10), end: b.ip(19), name: "First import" }]);
    expect((await find(b.ip(15)))?.name).toBe("First import");
  });
});

describe("company ranges: importing", () => {
  it("rebuilds an index missing from KV out of the ranges in D1", async () => {
    const find = await resolver();
    const b = ipBlock();
    await addCompanyRanges([{ cidr: b.cidr, name: "Durable Co" }]);
    const index = await rangeIndexInKv();
    const { keys } = await env.CONFIGS.list({ prefix: "ranges:" });
    await Promise.all(keys.map((key) => env.CONFIGS.delete(key.name)));
    expect(await rangeIndexInKv()).toEqual({ spans: 0, companies: 0 });
    expect((await find(b.ip(1)))?.name).toBe("Durable Co");
    expect(await rangeIndexInKv()).toEqual(index);
  });

  it("keeps the replaced index with an expiry, for locations that still read the old version pointer", async () => {
    const b = ipBlock();
    await addCompanyRanges([{ cidr: b.cidr, name: "Before Co" }]);
    const previous = (await env.CONFIGS.get("ranges:version"))!;
    const before = await env.CONFIGS.get(`ranges:spans:${previous}`, "arrayBuffer");
    await addCompanyRanges([{ cidr: b.cidr, name: "After Co" }]);
    const current = await env.CONFIGS.get("ranges:version");
    expect(current).not.toBe(previous);

    const now = Date.now() / 1000;
    const { keys } = await env.CONFIGS.list({ prefix: "ranges:" });
    const byName = new Map(keys.map((k) => [k.name, k.expiration]));
    for (const name of [`ranges:spans:${previous}`, `ranges:companies:${previous}`]) {
      expect(byName.has(name), name).toBe(true);
      // About an hour: far beyond KV's 60-second read cache and the isolates' 30-second recheck.
      expect(byName.get(name)).toBeGreaterThan(now + 3500);
      expect(byName.get(name)).toBeLessThanOrEqual(now + 3601);
    }
    // Unchanged, so an isolate reading the old pointer still finds the old companies.
    expect(new Uint8Array((await env.CONFIGS.get(`ranges:spans:${previous}`, "arrayBuffer"))!)).toEqual(new Uint8Array(before!));
    expect(await env.CONFIGS.get(`ranges:companies:${previous}`, "json")).toEqual(
      expect.arrayContaining([{ name: "Before Co", type: "business" }]),
    );
    // The live index never expires.
    expect(byName.get(`ranges:spans:${current}`)).toBeUndefined();
    expect(byName.get(`ranges:companies:${current}`)).toBeUndefined();
  });

  it("answers how many rows it added and the size of the rebuilt index", async () => {
    const b = ipBlock();
    const before = await rangeIndexInKv();
    const added = await addCompanyRanges([
      { cidr: b.cidr, name: "Holder" },
      { start: b.ip(10), end: b.ip(20), name: "Tenant" },
    ]);
    // The tenant splits the holder's block in two spans around its own.
    expect(added).toEqual({ added: 2, replaced: false, spans: before.spans + 3, companies: before.companies + 2 });
    expect(await rangeIndexInKv()).toEqual({ spans: added.spans, companies: added.companies });
  });

  it("stores an import larger than one D1 statement holds, every row of it", async () => {
    const find = await resolver();
    const b = ipBlock();
    const before = await rangeIndexInKv();
    // 25 rows: two full statements of 11 and a partial one.
    const ranges = Array.from({ length: 25 }, (_, i) => ({ start: b.ip(i * 10), end: b.ip(i * 10 + 9), name: `Row ${i}` }));
    expect(await addCompanyRanges(ranges)).toEqual({
      added: 25,
      replaced: false,
      spans: before.spans + 25,
      companies: before.companies + 25,
    });
    const ips = [0, 9, 10, 109, 110, 219, 220, 249, 250].map(b.ip);
    expect(Object.values(await namesAt(find, ips))).toEqual([
      "Row 0",
      "Row 0",
      "Row 1",
      "Row 10",
      "Row 11",
      "Row 21",
      "Row 22",
      "Row 24",
      null,
    ]);
  });

  it("normalizes domains to the bare lower-case host, in JSON and in CSV", async () => {
    const find = await resolver();
    const b = ipBlock();
    await addCompanyRanges([
      { cidr: `${b.ip(0)}/30`, name: "Acme", domain: "https://www.Acme.com/x" },
      { cidr: `${b.ip(4)}/30`, name: "Example", domain: " HTTP://WWW.EXAMPLE.ORG?utm=1 " },
      { cidr: `${b.ip(8)}/30`, name: "Sub", domain: "shop.Sub.example#top" },
    ]);
    expect((await find(b.ip(1)))?.domain).toBe("acme.com");
    expect((await find(b.ip(5)))?.domain).toBe("example.org");
    expect((await find(b.ip(9)))?.domain).toBe("shop.sub.example");
    const res = await csv(`network,name,domain\n${b.ip(12)}/30,Acme CSV,https://www.Acme.com/x\n`);
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await find(b.ip(13)))?.domain).toBe("acme.com");
  });

  it("reads the documented CSV: CIDRs, start-end ranges, single addresses, IPv6, quoted values", async () => {
    const find = await resolver();
    const b = ipBlock();
    const six = v6Block();
    const before = await rangeIndexInKv();
    const res = await csv(
      [
        HEADER,
        `${b.ip(0)}/26,"Acme, Inc.",https://www.Acme.com/x,Manufacturing,"5,200",5001-10000,$1B-$10B,business`,
        `${b.ip(100)}-${b.ip(110)},Globex,globex.example,,,,,Hosting`,
        `${b.ip(200)},Solo Host,,,,,,`,
        `${six.cidr},"Acme ""Six""",acme.com,,,,,`,
        "",
      ].join("\n"),
    );
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(JSON.parse(text)).toEqual({
      added: 4,
      replaced: false,
      spans: before.spans + 4,
      companies: before.companies + 4,
    } satisfies RangesImported);
    expect(await find(b.ip(63))).toEqual({
      name: "Acme, Inc.",
      domain: "acme.com",
      industry: "Manufacturing",
      employees: 5200,
      employeesRange: "5001-10000",
      revenueRange: "$1B-$10B",
      type: "business",
    });
    expect(await find(b.ip(64))).toBeNull();
    expect(await find(b.ip(105))).toEqual({ name: "Globex", domain: "globex.example", type: "hosting" });
    expect(await find(b.ip(200))).toEqual({ name: "Solo Host", type: "business" });
    expect(await find(b.ip(201))).toBeNull();
    expect(await find(six.last)).toEqual({ name: 'Acme "Six"', domain: "acme.com", type: "business" });
  });

  it("reads a CSV with a BOM, CRLF line ends, columns in any order and spelling, and blank lines", async () => {
    const find = await resolver();
    const b = ipBlock();
    const res = await admin("POST", "/company-ranges", {
      raw: `\uFEFFName,Employees Range,NETWORK,Type\r\nInitech,51-200,${b.ip(0)}/28,government\r\n\r\n  "Quoted Co"  ,,${b.ip(16)}/28,\r\n`,
      contentType: "text/csv; charset=utf-8",
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await find(b.ip(1))).toEqual({ name: "Initech", employeesRange: "51-200", type: "government" });
    expect(await find(b.ip(17))).toEqual({ name: "Quoted Co", type: "business" });
  });

  it("replaces every stored range with ?replace=true, from JSON or CSV", async () => {
    const find = await resolver();
    const old = ipBlock();
    const fresh = ipBlock();
    await addCompanyRanges([{ cidr: old.cidr, name: "Old Co" }]);
    const replaced = await addCompanyRanges(
      [
        { cidr: `${fresh.ip(0)}/25`, name: "New Co" },
        { cidr: `${fresh.ip(128)}/25`, name: "Newer Co" },
      ],
      "?replace=true",
    );
    expect(replaced).toEqual({ added: 2, replaced: true, spans: 2, companies: 2 });
    expect(await adminOk("GET", "/company-ranges")).toEqual({ count: 2 });
    expect(await rangeIndexInKv()).toEqual({ spans: 2, companies: 2 });
    expect(await namesAt(find, [old.ip(1), fresh.ip(1), fresh.ip(200)])).toEqual({
      [old.ip(1)]: null,
      [fresh.ip(1)]: "New Co",
      [fresh.ip(200)]: "Newer Co",
    });

    // Without ?replace, an import adds to what is there.
    await addCompanyRanges([{ cidr: old.cidr, name: "Old Co again" }]);
    expect(await adminOk("GET", "/company-ranges")).toEqual({ count: 3 });

    const res = await csv(`network,name\n${old.ip(0)}/30,Only Co\n`, "?replace=true");
    expect(await res.json()).toEqual({ added: 1, replaced: true, spans: 1, companies: 1 });
    expect(await namesAt(find, [old.ip(1), old.ip(4), fresh.ip(1)])).toEqual({
      [old.ip(1)]: "Only Co",
      [old.ip(4)]: null,
      [fresh.ip(1)]: null,
    });
  });

  it("keeps everything when a ?replace=true import is refused", async () => {
    const find = await resolver();
    const kept = ipBlock();
    await addCompanyRanges([{ cidr: kept.cidr, name: "Kept Co" }]);
    await expectRejected(() => csv(`network,name\n${kept.ip(0)}/33,Bad\n`, "?replace=true"), 400, "invalid_csv");
    await expectRejected(() => admin("POST", "/company-ranges?replace=true", { body: { ranges: [] } }), 400, "invalid_input");
    expect((await find(kept.ip(1)))?.name).toBe("Kept Co");
  });
});

describe("company ranges: CSV errors", () => {
  // $A..$D: addresses of the test's own block. Each file has good rows before the bad one: none is stored.
  it.each([
    [
      "a network that is not an address",
      `${HEADER}\n$A/28,Good,,,,,,\nnot-an-ip,Bad,,,,,,`,
      3,
      /"not-an-ip" is not a CIDR or start-end range/,
    ],
    ["a CIDR prefix over 32", `network,name\n$A/28,Good\n$B/33,Bad`, 3, /is not a CIDR or start-end range/],
    ["a range whose first address is after its last", `network,name\n$A/28,Good\n$C-$B,Bad`, 3, /the first address is after the last/],
    ["a range of three addresses", `network,name\n$A-$B-$C,Bad`, 2, /is not a CIDR or start-end range/],
    ["a missing name", `network,name,domain\n$A/28,Good,good.example\n$B,,bad.example`, 3, /name is empty/],
    ["a missing network", `network,name\n,Nameless network`, 2, /network is empty/],
    [
      "employees that are not a number",
      `network,name,employees\n$A/28,Good,12\n$B/28,Bad,many`,
      3,
      /employees "many" is not a whole number/,
    ],
    [
      "an unknown type",
      `network,name,type\n$A/28,Bad,alien`,
      2,
      /type "alien" is not one of business, isp, hosting, education, government/,
    ],
    [
      "a domain that is not a domain",
      `network,name,domain\n$A/28,Good,good.example\n$B/28,Bad,acme`,
      3,
      /domain "acme" is not a domain name/,
    ],
    [
      "a row with too many values",
      `network,name\n$A/28,Good\n$B/28,Acme, Inc.`,
      3,
      /3 values, but the header has 2 columns \(a value that contains a comma must be in double quotes\)/,
    ],
    ["a row with too few values", `${HEADER}\n$A/28,Good,,,,,,\n$B/28,Bad`, 3, /2 values, but the header has 8 columns/],
    ["an unknown column", `network,name,Owner\n$A/28,Good,Jane`, 1, /unknown column "Owner"; the columns are network, name, domain/],
    ["a header without a name column", `network,domain\n$A/28,good.example`, 1, /the header has no "name" column/],
    ["a column named twice", `network,name,Name\n$A/28,Good,Again`, 1, /the column "name" appears twice/],
    ["an empty file", ``, 1, /the file is empty/],
    ["a quote that is never closed", `network,name\n$A/28,Good\n$B/28,"Bad`, 3, /a quoted value is never closed/],
    ["text after a closing quote", `network,name\n$A/28,"Bad" Co`, 2, /text after a closing quote/],
    [
      "a bad row after blank lines and a value with line breaks",
      `network,name,industry\n$A/28,Good,"Multi\nline\r\nindustry"\n\n$B/28,Bad,"x"y`,
      6,
      /text after a closing quote/,
    ],
  ])("refuses %s with 400 invalid_csv naming the line, storing nothing", async (_, template, line, reason) => {
    const b = ipBlock();
    const body = template.replaceAll("$A", b.ip(0)).replaceAll("$B", b.ip(16)).replaceAll("$C", b.ip(32));
    const error = await expectRejected(() => csv(body), 400, "invalid_csv");
    expect(error.message).toMatch(new RegExp(`^line ${line}: (?!line )`));
    expect(error.message).toMatch(reason);
    expect(error.fields).toEqual({ [`line ${line}`]: error.message });
    expect(await adminOk("GET", `/company-ranges/lookup?ip=${b.ip(1)}`)).toEqual({ company: null });
  });

  it("refuses a CSV with a header and no ranges", async () => {
    const error = await expectRejected(() => csv(`${HEADER}\n\n`), 400, "invalid_csv");
    expect(error.message).toMatch(/header but no ranges/);
  });
});
