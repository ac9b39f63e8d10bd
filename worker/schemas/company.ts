import { z } from "zod";
import { cidrToRange, ipToHex } from "../net/ip";
import { domainName } from "./common";

export const companyType = z.enum(["business", "isp", "hosting", "education", "government"]);

/** One company IP range, given as a CIDR block or as a first–last address pair (IPv4 or IPv6). */
export const companyRangeInput = z
  .object({
    cidr: z.string().max(64).optional(),
    start: z.string().max(64).optional(),
    end: z.string().max(64).optional(),
    name: z.string().trim().min(1).max(200),
    domain: domainName.optional(),
    industry: z.string().trim().max(100).optional(),
    employees: z.number().int().nonnegative().optional(),
    employeesRange: z.string().trim().max(50).optional(),
    revenueRange: z.string().trim().max(50).optional(),
    type: companyType.default("business"),
  })
  .transform((r, ctx) => {
    const range = r.cidr !== undefined ? cidrToRange(r.cidr) : r.start && r.end ? { start: ipToHex(r.start), end: ipToHex(r.end) } : null;
    if (!range || !range.start || !range.end) {
      ctx.addIssue({ code: "custom", message: "give a valid `cidr`, or valid `start` and `end` addresses", path: ["cidr"] });
      return z.NEVER;
    }
    if (range.start > range.end) {
      ctx.addIssue({ code: "custom", message: "`start` is after `end`", path: ["start"] });
      return z.NEVER;
    }
    const { cidr: _c, start: _s, end: _e, ...company } = r;
    return { startHex: range.start, endHex: range.end, ...company };
  });

export const companyRangesImport = z.object({ ranges: z.array(companyRangeInput).min(1).max(10_000) });

export type CompanyRange = z.output<typeof companyRangeInput>;
export type Company = Omit<CompanyRange, "startHex" | "endHex">;
