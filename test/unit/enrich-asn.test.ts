// worker/enrich/asn.ts: the kind of network behind request.cf.asn / asOrganization.
import { describe, expect, it } from "vitest";
import { classifyAsn } from "../../worker/enrich/asn";
import { EDUCATION_ASNS, HOSTING_ASNS, ISP_ASNS } from "../../worker/enrich/asn-data";

describe("classifyAsn: the table", () => {
  it.each<[string, number, string]>([
    ["Comcast", 7922, "isp"],
    ["Charter", 20115, "isp"],
    ["AT&T", 7018, "isp"],
    ["Verizon", 701, "isp"],
    ["Verizon Wireless", 6167, "isp"],
    ["Verizon Wireless", 22394, "isp"],
    ["T-Mobile USA", 21928, "isp"],
    ["Deutsche Telekom", 3320, "isp"],
    ["Vodafone Germany", 3209, "isp"],
    ["Orange", 3215, "isp"],
    ["BT", 2856, "isp"],
    ["Telefonica", 3352, "isp"],
    ["NTT OCN", 4713, "isp"],
    ["Jio", 55836, "isp"],
    ["Airtel", 9498, "isp"],
    ["China Telecom", 4134, "isp"],
    ["China Unicom", 4837, "isp"],
    ["Rostelecom", 12389, "isp"],
    ["Telstra", 1221, "isp"],
    ["Rogers", 812, "isp"],
    ["Bell Canada", 577, "isp"],
    ["Free", 12322, "isp"],
    ["Sky", 5607, "isp"],
    ["Virgin Media", 5089, "isp"],
    ["AWS", 16509, "hosting"],
    ["AWS", 14618, "hosting"],
    ["Google Cloud", 396982, "hosting"],
    ["Google", 15169, "hosting"],
    ["Microsoft", 8075, "hosting"],
    ["Cloudflare", 13335, "hosting"],
    ["DigitalOcean", 14061, "hosting"],
    ["OVH", 16276, "hosting"],
    ["Hetzner", 24940, "hosting"],
    ["Linode", 63949, "hosting"],
    ["Oracle", 31898, "hosting"],
    ["Alibaba", 45102, "hosting"],
    ["Vultr", 20473, "hosting"],
    ["Scaleway", 12876, "hosting"],
    ["Contabo", 51167, "hosting"],
    ["Fastly", 54113, "hosting"],
    ["Akamai", 20940, "hosting"],
    ["Internet2", 11537, "education"],
    ["GEANT", 20965, "education"],
    ["JANET", 786, "education"],
    ["DFN", 680, "education"],
    ["RENATER", 2200, "education"],
    ["CERNET", 4538, "education"],
  ])("%s (AS%i) is %s", (_name, asn, type) => {
    expect(classifyAsn(asn, undefined)).toStrictEqual({ type, confidence: 0.9 });
  });

  it("a table hit wins over the organization's name", () => {
    expect(classifyAsn(16509, "Some University")).toStrictEqual({ type: "hosting", confidence: 0.9 });
    expect(classifyAsn(7922, "Comcast Cable Communications, LLC")).toStrictEqual({ type: "isp", confidence: 0.9 });
  });

  it("lists each ASN once, as a valid 32-bit AS number", () => {
    const all = [...ISP_ASNS, ...HOSTING_ASNS, ...EDUCATION_ASNS];
    expect(new Set(all).size).toBe(all.length);
    for (const asn of all) expect(Number.isInteger(asn) && asn > 0 && asn < 2 ** 32).toBe(true);
  });

  it("holds at least 60 consumer ISPs and mobile carriers", () => {
    expect(ISP_ASNS.length).toBeGreaterThanOrEqual(60);
  });
});

describe("classifyAsn: keywords in the AS organization", () => {
  it.each<[string, string, string]>([
    ["a university", "Stanford University", "education"],
    ["universidad", "Universidad de Buenos Aires", "education"],
    ["università", "Università di Bologna", "education"],
    ["universiteit", "Universiteit van Amsterdam", "education"],
    ["a college", "Imperial College London", "education"],
    ["a school district", "Fairfax County Public Schools", "education"],
    ["education", "Ministry of Education Network", "education"],
    ["an academy", "Chinese Academy of Sciences", "education"],
    ["a federal university is education", "Universidade Federal do Rio de Janeiro", "education"],
    ["government", "Government of Canada", "government"],
    ["a ministry", "Ministry of Defence", "government"],
    ["a .gov name", "city.gov", "government"],
    ["federal", "Federal Reserve Bank", "government"],
    ["municipal", "Municipal Network of Lisbon", "government"],
    ["a state", "State of California", "government"],
    ["hosting", "Example Hosting Ltd", "hosting"],
    ["cloud", "Example Cloud Services", "hosting"],
    ["datacenter", "Acme Datacenter GmbH", "hosting"],
    ["data center", "Acme Data Center LLC", "hosting"],
    ["data centre", "Acme Data Centre Ltd", "hosting"],
    ["servers", "Servers.com, Inc.", "hosting"],
    ["a VPS provider", "Cheap VPS Ltd", "hosting"],
    ["colocation", "Acme Colocation", "hosting"],
    ["colo", "Acme Colo", "hosting"],
    ["a telecom's cloud is hosting", "China Telecom Cloud", "hosting"],
    ["telecom", "Example Telecom S.A.", "isp"],
    ["telecomunicações", "Telecomunicações de São Paulo", "isp"],
    ["telekom", "Magyar Telekom", "isp"],
    ["broadband", "Example Broadband Inc", "isp"],
    ["cable", "Example Cable Co", "isp"],
    ["mobile", "Example Mobile", "isp"],
    ["wireless", "Example Wireless LLC", "isp"],
    ["communications", "Example Communications Inc", "isp"],
    ["ISP", "Example ISP", "isp"],
    ["internet service", "Example Internet Service Provider", "isp"],
    ["upper case", "EXAMPLE TELECOM", "isp"],
    ["Colombia is not colocation", "Colombia Telecomunicaciones", "isp"],
    ["display is not an ISP", "Acme Display Corp", "business"],
    ["a company", "Acme Corporation", "business"],
  ])("%s: %s → %s", (_name, org, type) => {
    expect(classifyAsn(64512, org)).toStrictEqual({ type, confidence: type === "business" ? 0.5 : 0.6 });
  });

  it("uses keywords when there is no ASN", () => {
    expect(classifyAsn(undefined, "Example Hosting Ltd")).toStrictEqual({ type: "hosting", confidence: 0.6 });
  });
});

describe("classifyAsn: little to go on", () => {
  it("null when both are missing", () => {
    expect(classifyAsn(undefined, undefined)).toBeNull();
    expect(classifyAsn(undefined, "")).toBeNull();
    expect(classifyAsn(undefined, "   ")).toBeNull();
  });

  it("an unknown ASN without a name gives no answer (no guess)", () => {
    expect(classifyAsn(64512, undefined)).toBeNull();
    expect(classifyAsn(64512, "")).toBeNull();
  });
});
