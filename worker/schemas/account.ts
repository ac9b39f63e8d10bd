import { z } from "zod";

/** One target account: a company domain and/or name, compared case-insensitively with the visitor's company. */
export const account = z
  .object({
    domain: z
      .string()
      .trim()
      .toLowerCase()
      .transform((d) => d.replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/[/?#].*$/, ""))
      .pipe(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, "not a domain name"))
      .optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .refine((a) => a.domain || a.name, "give a domain or a name");

export const accountsInput = z.object({ accounts: z.array(account).max(50_000) });
