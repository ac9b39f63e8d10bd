import * as z from "./zod";
import { cidrToRange, ipToHex } from "../net/ip";
import { domainName } from "./common";

export const companyType = z.enum(["business", "isp", "hosting", "education", "government"]);

/** One company IP range, given as a CIDR block or as a first–last address pair (IPv4 or IPv6). */
const address = z.optional(z.string().check(z.maxLength(64)));
const label = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

const companyRangeFields = z.object({
  cidr: address,
  start: address,
  end: address,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  domain: z.optional(domainName),
  industry: label(100),
  employees: z.optional(z.number().check(z.int(), z.nonnegative())),
  employeesRange: label(50),
  revenueRange: label(50),
  type: z._default(companyType, "business"),
});

export const companyRangeInput = z.pipe(
  companyRangeFields,
  // A mini transform's payload has no addIssue: issues are pushed as zod's own would be.
  z.transform((r: z.output<typeof companyRangeFields>, ctx) => {
    const range = r.cidr !== undefined ? cidrToRange(r.cidr) : r.start && r.end ? { start: ipToHex(r.start), end: ipToHex(r.end) } : null;
    if (!range?.start || !range.end) {
      ctx.issues.push({ code: "custom", message: "give a valid `cidr`, or valid `start` and `end` addresses", path: ["cidr"], input: r });
      return z.NEVER;
    }
    if (range.start > range.end) {
      ctx.issues.push({ code: "custom", message: "`start` is after `end`", path: ["start"], input: r });
      return z.NEVER;
    }
    const { cidr: _c, start: _s, end: _e, ...company } = r;
    return { startHex: range.start, endHex: range.end, ...company };
  }),
);

export const companyRangesImport = z.object({ ranges: z.array(companyRangeInput).check(z.minLength(1), z.maxLength(10_000)) });

export type CompanyRange = z.output<typeof companyRangeInput>;
export type Company = Omit<CompanyRange, "startHex" | "endHex">;
