// What the fake IPinfo server (fake-ipinfo.ts, a globalSetup in Node) answers, shared with the provider
// tests in workerd. No Node imports here: workerd loads this file too.

/** The token the Worker must send; the fake answers 403 to any other. */
export const FAKE_IPINFO_TOKEN = "fake-ipinfo-token-3c9e7a51";
/** How long the "slow" addresses take: far longer than the IPINFO_TIMEOUT_MS the tests set. */
export const SLOW_MS = 3_000;
export const BLOCK_SIZE = 30;

/**
 * Each behavior owns a run of TEST-NET-2 addresses (198.51.100.first … first+29), one address per test:
 * provider answers are also kept in the Workers Cache API, which resetting the isolate's memory keeps.
 */
export const FAKE_BLOCKS = {
  /** A business: company + asn. */
  company: 10,
  /** company.type "isp": the visitor gets a network type, not a company name. */
  isp: 40,
  /** HTTP 500. */
  error500: 70,
  /** 200 with an HTML page instead of JSON. */
  garbage: 100,
  /** A company answer after SLOW_MS. */
  slow: 130,
  /** Not listed: the fake answers `{ ip }` alone, as IPinfo does for an address it knows nothing about. */
  empty: 160,
} as const;

export const COMPANY_ANSWER = {
  company: { name: "Initrode Global", domain: "Initrode.example", type: "business" },
  asn: { asn: "AS64501", name: "Initrode Networks", domain: "initrode.example", type: "business" },
  privacy: { vpn: false, proxy: false, tor: false, relay: false, hosting: false, service: "" },
};

export const ISP_ANSWER = {
  company: { name: "Comcast Cable Communications, LLC", domain: "comcast.com", type: "isp" },
  asn: { asn: "AS7922", name: "Comcast Cable Communications, LLC", domain: "comcast.com", type: "isp" },
  privacy: { vpn: false, proxy: false, tor: false, relay: false, hosting: false, service: "" },
};

let used = 0;
/** A fresh address with the given behavior (a test file's own, and never used twice in it). */
export function providerIp(behavior: keyof typeof FAKE_BLOCKS): string {
  const offset = used++;
  if (offset >= BLOCK_SIZE) throw new Error("provider-fixtures: more than BLOCK_SIZE addresses asked for; raise BLOCK_SIZE");
  return `198.51.100.${FAKE_BLOCKS[behavior] + offset}`;
}
