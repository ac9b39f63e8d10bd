// worker/enrich/ranges-csv.ts: the company IP ranges CSV import; the first bad line rejects the file.
import { describe, expect, it } from "vitest";
import { MAX_RANGE_ROWS, parseRangesCsv, RANGES_CSV_HEADER } from "../../worker/enrich/ranges-csv";
import { cidrToRange, ipToHex } from "../../worker/net/ip";

const v4 = (cidr: string) => cidrToRange(cidr)!;
const hex = (ip: string) => ipToHex(ip)!;

function rows(text: string) {
  const result = parseRangesCsv(text);
  if (!result.ok) throw new Error(`expected rows, got ${result.message}`);
  return result.rows;
}

describe("parseRangesCsv: rows", () => {
  it("reads every column, in the header's order", () => {
    const text = [
      RANGES_CSV_HEADER.join(","),
      "203.0.113.0/24,Acme Corp,acme.example,Manufacturing,1200,1001-5000,$100M-$500M,business",
      "2001:db8::/32,Globex,globex.example,Energy,50,11-50,,government",
    ].join("\n");
    expect(rows(text)).toStrictEqual([
      {
        startHex: v4("203.0.113.0/24").start,
        endHex: v4("203.0.113.0/24").end,
        name: "Acme Corp",
        domain: "acme.example",
        industry: "Manufacturing",
        employees: 1200,
        employeesRange: "1001-5000",
        revenueRange: "$100M-$500M",
        type: "business",
      },
      {
        startHex: `20010db8${"0".repeat(24)}`,
        endHex: `20010db8${"f".repeat(24)}`,
        name: "Globex",
        domain: "globex.example",
        industry: "Energy",
        employees: 50,
        employeesRange: "11-50",
        type: "government",
      },
    ]);
  });

  it("needs only network and name; type defaults to business and empty cells are left out", () => {
    expect(rows("name,network\nAcme,10.0.0.0/8\n")).toStrictEqual([
      { startHex: hex("10.0.0.0"), endHex: hex("10.255.255.255"), name: "Acme", type: "business" },
    ]);
    expect(rows("network,name,domain,type\n10.0.0.0/8,Acme,,\n")[0]).toStrictEqual({
      startHex: hex("10.0.0.0"),
      endHex: hex("10.255.255.255"),
      name: "Acme",
      type: "business",
    });
  });

  it.each([
    ["an IPv4 CIDR", "198.51.100.0/25", "198.51.100.0", "198.51.100.127"],
    ["an IPv4 CIDR with host bits set", "198.51.100.77/24", "198.51.100.0", "198.51.100.255"],
    ["an IPv4 range", "198.51.100.10-198.51.100.20", "198.51.100.10", "198.51.100.20"],
    ["an IPv4 range with spaces", "198.51.100.10 - 198.51.100.20", "198.51.100.10", "198.51.100.20"],
    ["an IPv6 range", "2001:db8::1-2001:db8::ff", "2001:db8::1", "2001:db8::ff"],
    ["an IPv6 range of compressed ends", "2001:db8::-2001:db8::ffff", "2001:db8::", "2001:db8::ffff"],
    ["an IPv6 CIDR", "2001:db8:1::/48", "2001:db8:1::", "2001:db8:1:ffff:ffff:ffff:ffff:ffff"],
    ["one IPv4 address", "192.0.2.7", "192.0.2.7", "192.0.2.7"],
    ["one IPv6 address", "2001:db8::7", "2001:db8::7", "2001:db8::7"],
    ["a one-address range", "192.0.2.7-192.0.2.7", "192.0.2.7", "192.0.2.7"],
  ])("network as %s: %s", (_name, network, first, last) => {
    expect(rows(`network,name\n${network},Acme\n`)[0]).toMatchObject({ startHex: hex(first), endHex: hex(last) });
  });

  it("reads quoted values: commas, doubled quotes, line breaks", () => {
    const [a, b] = rows('network,name,industry\n10.0.0.0/8,"Acme, Inc.","Widgets ""and"" gadgets"\n"11.0.0.0/8","Line\none",\n');
    expect(a).toMatchObject({ name: "Acme, Inc.", industry: 'Widgets "and" gadgets' });
    expect(b).toMatchObject({ name: "Line\none", startHex: hex("11.0.0.0") });
  });

  it("keeps a quote inside an unquoted value as text, like a spreadsheet", () => {
    expect(rows('network,name\n10.0.0.0/8,Acme 12" Pipes\n')[0]!.name).toBe('Acme 12" Pipes');
  });

  it("allows spaces around values and around quoted values", () => {
    expect(rows('network , name\n 10.0.0.0/8 ,  "Acme"  \n')[0]).toMatchObject({ name: "Acme", startHex: hex("10.0.0.0") });
  });

  it("reads CRLF, LF, no trailing newline, a BOM, and skips blank lines", () => {
    const expected = rows("network,name\n10.0.0.0/8,Acme\n11.0.0.0/8,Globex\n");
    expect(rows("network,name\r\n10.0.0.0/8,Acme\r\n11.0.0.0/8,Globex\r\n")).toStrictEqual(expected);
    expect(rows("network,name\n10.0.0.0/8,Acme\n11.0.0.0/8,Globex")).toStrictEqual(expected);
    expect(rows("\uFEFFnetwork,name\n10.0.0.0/8,Acme\n11.0.0.0/8,Globex\n")).toStrictEqual(expected);
    expect(rows("\n\nnetwork,name\n\n10.0.0.0/8,Acme\r\n\r\n   \n11.0.0.0/8,Globex\n\n\n")).toStrictEqual(expected);
  });

  it("reads the header case-insensitively, with spaces or hyphens for underscores", () => {
    expect(rows("Network,NAME,Employees Range,revenue-range\n10.0.0.0/8,Acme,11-50,$1M\n")[0]).toMatchObject({
      employeesRange: "11-50",
      revenueRange: "$1M",
    });
  });

  it("reads employees with thousands separators, and type in any case", () => {
    expect(rows('network,name,employees,type\n10.0.0.0/8,Acme,"12,500",ISP\n')[0]).toMatchObject({ employees: 12500, type: "isp" });
  });

  it("a header alone is an empty import", () => {
    expect(parseRangesCsv("network,name\n")).toStrictEqual({ ok: true, rows: [] });
  });

  it(`takes ${MAX_RANGE_ROWS} rows and rejects one more`, () => {
    const lines = ["network,name"];
    for (let i = 0; i < MAX_RANGE_ROWS; i++) lines.push(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},C${i}`);
    const full = lines.join("\n");
    const result = parseRangesCsv(full);
    expect(result.ok && result.rows.length).toBe(MAX_RANGE_ROWS);
    expect(parseRangesCsv(`${full}\n11.0.0.0/8,One more\n`)).toStrictEqual({
      ok: false,
      line: MAX_RANGE_ROWS + 2,
      message: `line ${MAX_RANGE_ROWS + 2}: more than 200,000 ranges; split the file into several imports`,
    });
  }, 60_000);
});

describe("parseRangesCsv: errors name the line and the reason", () => {
  const head = "network,name,domain,industry,employees,type";
  it.each<[string, string, number, string]>([
    [
      "an empty file",
      "",
      1,
      "the file is empty; its first line must name the columns, e.g. network,name,domain,industry,employees,employees_range,revenue_range,type",
    ],
    [
      "only blank lines",
      "\n\r\n  \n",
      1,
      "the file is empty; its first line must name the columns, e.g. network,name,domain,industry,employees,employees_range,revenue_range,type",
    ],
    [
      "no network column",
      "name,domain\nAcme,acme.example\n",
      1,
      'the header has no "network" column (the first line must name the columns, e.g. network,name,domain,industry,employees,employees_range,revenue_range,type)',
    ],
    [
      "no name column",
      "network\n10.0.0.0/8\n",
      1,
      'the header has no "name" column (the first line must name the columns, e.g. network,name,domain,industry,employees,employees_range,revenue_range,type)',
    ],
    [
      "a data line for a header",
      "10.0.0.0/8,Acme\n",
      1,
      'unknown column "10.0.0.0/8"; the columns are network, name, domain, industry, employees, employees_range, revenue_range, type',
    ],
    [
      "an unknown column",
      "network,name,website\n10.0.0.0/8,Acme,x\n",
      1,
      'unknown column "website"; the columns are network, name, domain, industry, employees, employees_range, revenue_range, type',
    ],
    ["a column twice", "network,name,Name\n", 1, 'the column "name" appears twice in the header'],
    ["a header column without a name", "network,,name\n", 1, "column 2 of the header has no name"],
    [
      "a header after blank lines",
      "\n\nnetwork,nam\n",
      3,
      'unknown column "nam"; the columns are network, name, domain, industry, employees, employees_range, revenue_range, type',
    ],
    ["a prefix longer than /32", `${head}\n10.0.0.0/8,A,,,,\n10.0.0.0/33,B,,,,\n`, 3, '"10.0.0.0/33" is not a CIDR or start-end range'],
    ["an IPv6 prefix longer than /128", `${head}\n2001:db8::/129,A,,,,\n`, 2, '"2001:db8::/129" is not a CIDR or start-end range'],
    ["not an address", `${head}\nacme.example,A,,,,\n`, 2, '"acme.example" is not a CIDR or start-end range'],
    ["a range with a bad end", `${head}\n10.0.0.1-10.0.0.256,A,,,,\n`, 2, '"10.0.0.1-10.0.0.256" is not a CIDR or start-end range'],
    [
      "a range with three addresses",
      `${head}\n10.0.0.1-10.0.0.2-10.0.0.3,A,,,,\n`,
      2,
      '"10.0.0.1-10.0.0.2-10.0.0.3" is not a CIDR or start-end range',
    ],
    ["a range backwards", `${head}\n10.0.0.9-10.0.0.1,A,,,,\n`, 2, '"10.0.0.9-10.0.0.1": the first address is after the last'],
    [
      "an empty network",
      `${head}\n,A,,,,\n`,
      2,
      "network is empty: give a CIDR (203.0.113.0/24) or a start-end range (198.51.100.10-198.51.100.20)",
    ],
    ["an empty name", `${head}\n10.0.0.0/8,  ,,,,\n`, 2, "name is empty: every range needs the company's name"],
    ["a bad domain", `${head}\n10.0.0.0/8,A,acme,,,\n`, 2, 'domain "acme" is not a domain name like example.com'],
    ["a fractional employees", `${head}\n10.0.0.0/8,A,,,12.5,\n`, 2, 'employees "12.5" is not a whole number'],
    ["a negative employees", `${head}\n10.0.0.0/8,A,,,-3,\n`, 2, 'employees "-3" is not a whole number'],
    ["words for employees", `${head}\n10.0.0.0/8,A,,,many,\n`, 2, 'employees "many" is not a whole number'],
    [
      "an unknown type",
      `${head}\n10.0.0.0/8,A,,,,partner\n`,
      2,
      'type "partner" is not one of business, isp, hosting, education, government',
    ],
    [
      "an industry over the schema's 100",
      `${head}\n10.0.0.0/8,A,,${"x".repeat(101)},,\n`,
      2,
      "the industry value is longer than 100 characters",
    ],
    ["a value over 500 characters", `${head}\n10.0.0.0/8,${"x".repeat(501)},,,,\n`, 2, "the name value is longer than 500 characters"],
    [
      "too many values",
      `${head}\n10.0.0.0/8,Acme, Inc.,,,,\n`,
      2,
      "7 values, but the header has 6 columns (a value that contains a comma must be in double quotes)",
    ],
    ["too few values", `${head}\n10.0.0.0/8,A\n`, 2, "2 values, but the header has 6 columns"],
    [
      "a quote never closed",
      `network,name\n10.0.0.0/8,A\n11.0.0.0/8,"Acme\n12.0.0.0/8,B\n`,
      3,
      'a quoted value is never closed: add the missing "',
    ],
    [
      "text after a closing quote",
      `network,name\n10.0.0.0/8,"Acme" Inc\n`,
      2,
      'text after a closing quote: inside a quoted value, write a quote as ""',
    ],
    [
      "a bad row after a value spanning lines",
      `network,name\n10.0.0.0/8,"A\nB\nC"\n10.0.0.0/33,D\n`,
      5,
      '"10.0.0.0/33" is not a CIDR or start-end range',
    ],
    [
      "a bad row spanning lines counts its first line",
      `network,name\n10.0.0.0/8,A\n10.0.0.0/33,"D\nE"\n`,
      3,
      '"10.0.0.0/33" is not a CIDR or start-end range',
    ],
    [
      "a bad row after blank lines",
      `network,name\n\n10.0.0.0/8,A\n\n\n10.0.0.0/33,B\n`,
      6,
      '"10.0.0.0/33" is not a CIDR or start-end range',
    ],
    [
      "a bad row in a CRLF file",
      `network,name\r\n10.0.0.0/8,A\r\n\r\n10.0.0.0/33,B\r\n`,
      4,
      '"10.0.0.0/33" is not a CIDR or start-end range',
    ],
    [
      "a bad row after a quoted CRLF break",
      `network,name\r\n10.0.0.0/8,"A\r\nB"\r\n10.0.0.0/33,B\r\n`,
      4,
      '"10.0.0.0/33" is not a CIDR or start-end range',
    ],
    ["a bad row after a BOM", `\uFEFFnetwork,name\n10.0.0.0/33,B\n`, 2, '"10.0.0.0/33" is not a CIDR or start-end range'],
    ["a quoted empty line is a row, not a blank line", `network,name\n""\n`, 2, "1 value, but the header has 2 columns"],
  ])("%s", (_name, text, line, reason) => {
    expect(parseRangesCsv(text)).toStrictEqual({ ok: false, line, message: `line ${line}: ${reason}` });
  });

  it("the brief's example message", () => {
    const text = ["network,name", ...Array.from({ length: 5 }, (_, i) => `10.0.${i}.0/24,C${i}`), "10.0.0.0/33,Bad"].join("\n");
    expect(parseRangesCsv(text)).toMatchObject({ ok: false, line: 7, message: 'line 7: "10.0.0.0/33" is not a CIDR or start-end range' });
  });

  it("rejects the whole file at the first bad row, even when later rows are fine", () => {
    expect(parseRangesCsv("network,name\n10.0.0.0/8,A\nbad,B\n11.0.0.0/8,C\nworse,D\n")).toMatchObject({ ok: false, line: 3 });
  });
});
