import * as z from "./zod";
import { domainName } from "./common";

/** One target account: a company domain and/or name, compared case-insensitively with the visitor's company. */
export const account = z
  .object({
    domain: z.optional(domainName),
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  })
  .check(z.refine((a) => a.domain || a.name, "give a domain or a name"));

export const accountsInput = z.object({ accounts: z.array(account).check(z.maxLength(50_000)) });
