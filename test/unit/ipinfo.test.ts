// Mapping an IPinfo-shaped answer to Facet's company fields (the provider step of the waterfall).
import { describe, expect, it } from "vitest";
import { fromIpinfo } from "../../worker/enrich/ipinfo";

describe("fromIpinfo", () => {
  it.each([
    [
      "a company network",
      {
        ip: "192.0.2.1",
        company: { name: "Initech", domain: "Initech.example", type: "business" },
        asn: { asn: "AS64500", name: "Initech Networks", type: "business" },
      },
      { name: "Initech", domain: "initech.example", type: "business", asn: 64500, asOrg: "Initech Networks" },
    ],
    [
      "an ISP",
      { ip: "192.0.2.2", asn: { asn: "AS7922", name: "Comcast Cable", type: "isp" } },
      { type: "isp", asn: 7922, asOrg: "Comcast Cable" },
    ],
    [
      "a VPN exit in a company's range: the network, not a company",
      {
        ip: "192.0.2.3",
        company: { name: "Acme VPN Ltd", domain: "acmevpn.example", type: "business" },
        asn: { asn: "AS64501", name: "Acme VPN" },
        privacy: { vpn: true, proxy: false, tor: false, relay: false, hosting: false },
      },
      { type: "hosting", asn: 64501, asOrg: "Acme VPN" },
    ],
    ["a privacy relay", { ip: "192.0.2.4", company: { name: "Apple Inc" }, privacy: { relay: true } }, { type: "hosting" }],
    ["nothing known", { ip: "192.0.2.5" }, null],
    ["blank names ignored", { ip: "192.0.2.6", company: { name: "  ", domain: "" } }, null],
  ])("%s", (_name, body, expected) => {
    expect(fromIpinfo(body)).toEqual(expected);
  });

  it.each([
    ["a string", "nope"],
    ["null", null],
    ["an array", [1]],
  ])("refuses %s (the waterfall then moves on)", (_name, body) => {
    expect(() => fromIpinfo(body)).toThrow();
  });
});
