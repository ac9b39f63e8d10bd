// The company behind a visitor's IP, as a waterfall where the first answer wins (SPEC §2):
//   1. company IP ranges imported by the admin (ranges.ts)          confidence 0.95
//   2. an optional IPinfo-compatible provider (provider.ts)          confidence 0.8
//   3. request.cf's ASN and AS organization, classified (asn.ts)     confidence from the classifier
// An ISP, mobile or hosting network is not "a company": it gets a type but no name.
// The IP address is used for the lookups only; it is never stored or logged.
import type { Env } from "../env";
import { ipToHex } from "../net/ip";
import { classifyAsn } from "./asn";
import { lookupProvider } from "./provider";
import { lookupRanges } from "./ranges";

export type CompanyAttributes = Record<string, string | number | boolean>;

const PROVIDER_TYPES = new Set(["isp", "business", "education", "hosting", "government"]);
const NOT_A_COMPANY = new Set(["isp", "hosting"]);

/** `site`: whose provider cap a provider call counts against. */
export async function enrichCompany(
  env: Env,
  site: string,
  ip: string | null,
  cfAsn: number | undefined,
  cfAsOrg: string | undefined,
): Promise<CompanyAttributes | null> {
  const hex = ip ? ipToHex(ip) : null;
  let asn = cfAsn;
  let asOrg = cfAsOrg || undefined;
  const network = (): CompanyAttributes => ({ ...(asn !== undefined ? { asn } : {}), ...(asOrg ? { asOrg } : {}) });

  const ranged = hex ? await lookupRanges(env, hex) : null;
  if (ranged) return { ...ranged, ...network(), confidence: 0.95, source: "ranges" };

  const provided = ip && hex ? await lookupProvider(env, ip, site) : null;
  if (provided) {
    asn = provided.asn ?? asn;
    asOrg = provided.asOrg ?? asOrg;
    const type = provided.type && PROVIDER_TYPES.has(provided.type) ? provided.type : "business";
    if (provided.name && !NOT_A_COMPANY.has(type)) {
      return {
        name: provided.name,
        ...(provided.domain ? { domain: provided.domain } : {}),
        type,
        ...network(),
        confidence: 0.8,
        source: "provider",
      };
    }
    if (provided.type && PROVIDER_TYPES.has(provided.type)) return { type, ...network(), confidence: 0.8, source: "provider" };
  }

  const classified = classifyAsn(asn, asOrg);
  if (!classified) return null;
  const out: CompanyAttributes = { type: classified.type, ...network(), confidence: classified.confidence, source: "asn" };
  if (!NOT_A_COMPANY.has(classified.type) && asOrg) out.name = asOrg;
  return out;
}
