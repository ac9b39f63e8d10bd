// Company IP ranges for firmographic enrichment (global: a company's addresses are the same for every site).
import { Hono } from "hono";
import type { AppEnv } from "../../env";
import { clearCompanyRanges, countCompanyRanges, findCompany, insertCompanyRanges } from "../../db/companies";
import { ApiError } from "../../http/errors";
import { jsonBody } from "../../http/validate";
import { companyRangesImport } from "../../schemas/company";
import { ipToHex } from "../../visitor/ip";

export const companies = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ count: await countCompanyRanges(c.env.DB) }))

  .post("/", async (c) => {
    const { ranges } = await jsonBody(c, companyRangesImport);
    await insertCompanyRanges(c.env.DB, ranges);
    return c.json({ added: ranges.length }, 201);
  })

  .delete("/", async (c) => {
    await clearCompanyRanges(c.env.DB);
    return c.body(null, 204);
  })

  .get("/lookup", async (c) => {
    const hex = ipToHex(c.req.query("ip") ?? "");
    if (!hex) throw new ApiError(400, "invalid_input", "Give ?ip= an IPv4 or IPv6 address", { ip: "not an IP address" });
    return c.json({ company: await findCompany(c.env.DB, hex) });
  });
