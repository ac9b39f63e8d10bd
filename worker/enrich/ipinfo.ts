// IPinfo's answer shape mapped to the company fields Facet uses (the provider step of the waterfall).
// Pure, so it is tested with a table; provider.ts does the fetching and caching.

export interface ProviderCompany {
  name?: string;
  domain?: string;
  type?: string;
  asn?: number;
  asOrg?: string;
}

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 200) : undefined);

/** Maps an IPinfo-shaped answer to the fields Facet uses; null when it names nothing. Throws on a non-object. */
export function fromIpinfo(body: unknown): ProviderCompany | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("not a JSON object");
  type Fields = Record<string, unknown>;
  const b = body as Fields;
  const part = (v: unknown): Fields => (typeof v === "object" && v ? (v as Fields) : {});
  const out: ProviderCompany = {};
  const company = part(b.company);
  const asn = part(b.asn);
  if (str(company.name)) out.name = str(company.name);
  if (str(company.domain)) out.domain = str(company.domain)!.toLowerCase();
  if (str(company.type)) out.type = str(company.type);
  const asnNumber = typeof asn.asn === "string" ? Number(asn.asn.replace(/^AS/i, "")) : asn.asn;
  if (typeof asnNumber === "number" && Number.isInteger(asnNumber)) out.asn = asnNumber;
  if (str(asn.name)) out.asOrg = str(asn.name);
  if (!out.type && str(asn.type)) out.type = str(asn.type);
  // Behind a VPN, proxy, Tor, a privacy relay or a data center, the network's owner is not the visitor's
  // employer: keep the network, drop the company.
  const p = part(b.privacy);
  if (p.vpn || p.proxy || p.tor || p.relay || p.hosting) {
    out.type = "hosting";
    delete out.name;
    delete out.domain;
  }
  return Object.keys(out).length ? out : null;
}
