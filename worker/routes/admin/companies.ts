// Company IP ranges for firmographic enrichment (global: a company's addresses are the same for every
// site). Import as JSON ({ranges: [...]}) or CSV (header documented in the README); all or nothing.
import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { countCompanyRanges } from "../../db/companies";
import { lookupRanges } from "../../enrich/ranges";
import { parseRangesCsv } from "../../enrich/ranges-csv";
import { requireRole } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { csvBody, isCsv, jsonBody } from "../../http/validate";
import { companyRangesImport, type CompanyRange } from "../../schemas/company";
import { ipToHex } from "../../net/ip";
import { importCompanyRanges, removeCompanyRanges } from "../../publish/company-ranges";
import { audit } from "./audit-trail";

async function rangesFrom(c: Parameters<typeof jsonBody>[0]): Promise<CompanyRange[]> {
  if (!isCsv(c)) return (await jsonBody(c, companyRangesImport, 8 * 1024 * 1024)).ranges;
  const parsed = parseRangesCsv(await csvBody(c));
  if (!parsed.ok) throw new ApiError(400, "invalid_csv", parsed.message, { [`line ${parsed.line}`]: parsed.message });
  if (parsed.rows.length === 0) throw new ApiError(400, "invalid_csv", "The CSV has a header but no ranges");
  return parsed.rows;
}

export const companies = new Hono<AppEnv>()
  .get("/", requireRole("viewer"), async (c) => c.json({ count: await countCompanyRanges(c.env.DB) }))

  .post("/", requireRole("owner"), async (c) => {
    const replace = c.req.query("replace") === "true";
    const ranges = await rangesFrom(c);
    const index = await importCompanyRanges(c.env, ranges, replace);
    await audit(c, "company-ranges.import", { after: { added: ranges.length, replaced: replace } });
    return c.json({ added: ranges.length, replaced: replace, ...index }, 201);
  })

  .delete("/", requireRole("owner"), async (c) => {
    await removeCompanyRanges(c.env);
    await audit(c, "company-ranges.clear");
    return c.body(null, 204);
  })

  .get("/lookup", requireRole("viewer"), async (c) => {
    const hex = ipToHex(c.req.query("ip") ?? "");
    if (!hex) throw new ApiError(400, "invalid_input", "Give ?ip= an IPv4 or IPv6 address", { ip: "not an IP address" });
    return c.json({ company: await lookupRanges(c.env, hex, true) });
  });
