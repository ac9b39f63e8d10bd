// worker/enrich/accounts-csv.ts: the target-account list CSV import; domains normalized, first bad line rejects.
import { describe, expect, it } from "vitest";
import { MAX_ACCOUNT_ROWS, parseAccountsCsv } from "../../worker/enrich/accounts-csv";

function rows(text: string) {
  const result = parseAccountsCsv(text);
  if (!result.ok) throw new Error(`expected rows, got ${result.message}`);
  return result.rows;
}

describe("parseAccountsCsv: rows", () => {
  it("reads domains and names", () => {
    expect(rows("domain,name\nacme.example,Acme\nglobex.example,\n,Initech\n")).toStrictEqual([
      { domain: "acme.example", name: "Acme" },
      { domain: "globex.example" },
      { name: "Initech" },
    ]);
  });

  it("takes a domain column alone or a name column alone", () => {
    expect(rows("domain\nacme.example\n")).toStrictEqual([{ domain: "acme.example" }]);
    expect(rows("Name\nAcme Corp\n")).toStrictEqual([{ name: "Acme Corp" }]);
  });

  it.each([
    ["upper case", "ACME.Example", "acme.example"],
    ["a scheme", "https://acme.example", "acme.example"],
    ["http and www.", "http://www.acme.example", "acme.example"],
    ["www. alone", "www.acme.example", "acme.example"],
    ["a path", "https://www.acme.example/about/team", "acme.example"],
    ["a query", "acme.example?ref=crm", "acme.example"],
    ["a trailing slash and spaces", "  acme.example/  ", "acme.example"],
    ["a subdomain other than www", "shop.acme.co.uk", "shop.acme.co.uk"],
  ])("normalizes a domain with %s", (_name, input, domain) => {
    expect(rows(`domain\n${input}\n`)).toStrictEqual([{ domain }]);
  });

  it("ignores the other columns of a CRM export, in any order", () => {
    const text = 'Account ID,Industry,Name,Website Notes,Domain\n001,Retail,"Acme, Inc.","long, ""quoted"" notes",https://acme.example/\n';
    expect(rows(text)).toStrictEqual([{ domain: "acme.example", name: "Acme, Inc." }]);
  });

  it("reads CRLF, a BOM, no trailing newline, and skips blank lines", () => {
    const expected = [
      { domain: "acme.example", name: "Acme" },
      { domain: "globex.example", name: "Globex" },
    ];
    expect(rows("\uFEFFdomain,name\r\nacme.example,Acme\r\n\r\nglobex.example,Globex")).toStrictEqual(expected);
  });

  it("a header alone is an empty list", () => {
    expect(parseAccountsCsv("domain,name\r\n")).toStrictEqual({ ok: true, rows: [] });
  });

  it(`takes ${MAX_ACCOUNT_ROWS} accounts and rejects one more`, () => {
    const lines = ["domain"];
    for (let i = 0; i < MAX_ACCOUNT_ROWS; i++) lines.push(`c${i}.example`);
    const result = parseAccountsCsv(lines.join("\n"));
    expect(result.ok && result.rows.length).toBe(MAX_ACCOUNT_ROWS);
    expect(parseAccountsCsv([...lines, "one-more.example"].join("\n"))).toStrictEqual({
      ok: false,
      line: MAX_ACCOUNT_ROWS + 2,
      message: `line ${MAX_ACCOUNT_ROWS + 2}: more than 50,000 accounts; an account list holds at most 50,000`,
    });
  }, 30_000);
});

describe("parseAccountsCsv: errors name the line and the reason", () => {
  it.each<[string, string, number, string]>([
    ["an empty file", "", 1, "the file is empty; its first line must name the columns, e.g. domain,name"],
    [
      "neither column",
      "website,company\nacme.example,Acme\n",
      1,
      'the header has neither a "domain" nor a "name" column (the first line must name the columns, e.g. domain,name)',
    ],
    ["a column twice", "domain,Domain\n", 1, 'the column "domain" appears twice in the header'],
    ["a row with neither", "domain,name\nacme.example,Acme\n,\n", 3, "the row has neither a domain nor a name; give at least one"],
    [
      "a row with only other columns",
      "domain,name,notes\nacme.example,,x\n,,only notes\n",
      3,
      "the row has neither a domain nor a name; give at least one",
    ],
    ["not a domain", "domain,name\nacme,Acme\n", 2, 'domain "acme" is not a domain name like example.com'],
    ["a domain with a port", "domain\n\nacme.example:8080\n", 3, 'domain "acme.example:8080" is not a domain name like example.com'],
    ["a name over 200 characters", `name\n${"n".repeat(201)}\n`, 2, "the name value is longer than 200 characters"],
    ["a value over 500 characters", `name\n${"n".repeat(501)}\n`, 2, "the name value is longer than 500 characters"],
    [
      "too many values",
      "domain,name\nacme.example,Acme, Inc.\n",
      2,
      "3 values, but the header has 2 columns (a value that contains a comma must be in double quotes)",
    ],
    ["a quote never closed", 'domain,name\nacme.example,"Acme\n', 2, 'a quoted value is never closed: add the missing "'],
    [
      "a bad row after a value spanning lines",
      'domain,name\nacme.example,"Acme\nCorp"\nbad,Bad\n',
      4,
      'domain "bad" is not a domain name like example.com',
    ],
  ])("%s", (_name, text, line, reason) => {
    expect(parseAccountsCsv(text)).toStrictEqual({ ok: false, line, message: `line ${line}: ${reason}` });
  });

  it("a long value in an ignored column is not an error", () => {
    expect(rows(`domain,notes\nacme.example,${"x".repeat(5000)}\n`)).toStrictEqual([{ domain: "acme.example" }]);
  });
});
