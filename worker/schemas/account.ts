import { z } from "zod";
import { domainName } from "./common";

/** One target account: a company domain and/or name, compared case-insensitively with the visitor's company. */
export const account = z
  .object({
    domain: domainName.optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .refine((a) => a.domain || a.name, "give a domain or a name");

export const accountsInput = z.object({ accounts: z.array(account).max(50_000) });
