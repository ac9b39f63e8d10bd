// Benchmark 4: how many calls the IP-data provider gets, on real workerd (`wrangler dev`) against the fake
// provider (test/fakes/ipinfo.ts, which counts them): 1,000 context requests from one IPv6 /64 (1 call
// expected), from 1,000 distinct /64s to a site whose conditions never look at company.* (0), and to one
// that does (at most PROVIDER_CAP_SITE per minute). Visitors are simulated with X-Facet-Simulate (dev only);
// public rate limits are off for the run (they would count 127.0.0.1), the provider caps are not.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seedSite } from "../scripts/seed.mjs";
import { applyMigrations, startWorker as startWranglerDev } from "../scripts/wrangler.mjs";
import { startFakeIpinfo } from "../test/fakes/ipinfo";
import { PROVIDER_CAPS } from "../worker/enrich/provider-cap";
import { table } from "./report";

const ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const IPINFO_TOKEN = "bench-ipinfo-token-0123456789";
const REQUESTS = 1_000;
const CONCURRENCY = 8;

const startWorker = startWranglerDev as (o: {
  persistTo: string;
  vars: Record<string, string>;
}) => Promise<{ url: string; stop: () => Promise<void> }>;

export interface ProviderScenario {
  scenario: string;
  requests: number;
  networks: number;
  providerCalls: number;
  /** What the calls must not exceed: 1, 0, or the per-site cap times the cap windows the run touched. */
  bound: number;
  boundReason: string;
  seconds: number;
}

export interface ProviderResult {
  capPerSite: number;
  capOverall: number;
  capPeriodSeconds: number;
  scenarios: ProviderScenario[];
}

function siteSeed(key: string, condition: Record<string, unknown>) {
  return {
    site: { key, name: key, origins: [] },
    segments: [{ id: "target", name: "Target", condition }],
    experiences: [
      { id: "hero", name: "Hero", variants: [{ segment: "target", changes: [{ type: "text", selector: "#h", value: "Hi" }] }] },
    ],
  };
}

/** `REQUESTS` context requests, `CONCURRENCY` in flight, the i-th as visitor `ipOf(i)`; every answer must be 200. */
async function contexts(base: string, site: string, ipOf: (i: number) => string): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const res = await fetch(`${base}/v1/sites/${site}/context`, { headers: { "x-facet-simulate": `ip=${ipOf(i)}` } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`context #${i} for ${site} → ${res.status} ${text.slice(0, 300)}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (performance.now() - started) / 1000;
}

export async function benchProvider(log: (line: string) => void = () => {}): Promise<ProviderResult> {
  const dir = mkdtempSync(join(tmpdir(), "facet-bench-provider-"));
  const fake = await startFakeIpinfo(IPINFO_TOKEN, {});
  let worker: { url: string; stop: () => Promise<void> } | undefined;
  const onSignal = (signal: NodeJS.Signals) => void (worker?.stop() ?? Promise.resolve()).finally(() => process.kill(process.pid, signal));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const callsUnder = (prefix: string) => [...fake.calls].reduce((sum, [ip, n]) => sum + (ip.startsWith(prefix) ? n : 0), 0);
  try {
    log("provider: starting wrangler dev with the fake provider");
    applyMigrations(dir);
    worker = await startWorker({
      persistTo: dir,
      vars: {
        ADMIN_TOKEN,
        SIGNING_SECRET,
        FACET_DEV: "true",
        FACET_RATE_LIMITS: "off",
        IPINFO_TOKEN,
        IPINFO_URL: fake.url,
        IPINFO_TIMEOUT_MS: "2000",
      },
    });
    const base = worker.url;
    await seedSite(base, ADMIN_TOKEN, siteSeed("one-net", { "company.type": "business" }));
    await seedSite(base, ADMIN_TOKEN, siteSeed("no-company", { "geo.country": "DE" }));
    await seedSite(base, ADMIN_TOKEN, siteSeed("company", { "company.type": "business" }));

    const scenarios: ProviderScenario[] = [];
    const run = async (
      scenario: string,
      site: string,
      prefix: string,
      ipOf: (i: number) => string,
      networks: number,
      bound: (windows: number) => [number, string],
    ) => {
      log(`provider: ${scenario}`);
      const firstWindow = Math.floor(Date.now() / (PROVIDER_CAPS.site.period * 1000));
      const seconds = await contexts(base, site, ipOf);
      const windows = Math.floor(Date.now() / (PROVIDER_CAPS.site.period * 1000)) - firstWindow + 1;
      const [limit, boundReason] = bound(windows);
      scenarios.push({ scenario, requests: REQUESTS, networks, providerCalls: callsUnder(prefix), bound: limit, boundReason, seconds });
    };
    // Distinct documentation-prefix (2001:db8::/32) networks per scenario, so their counts never mix.
    await run(
      "one /64, company conditions",
      "one-net",
      "2001:db8:1:1:",
      (i) => `2001:db8:1:1:${i.toString(16)}::${(i * 7).toString(16)}`,
      1,
      () => [1, "one network: one call"],
    );
    await run(
      "1,000 /64s, no company conditions",
      "no-company",
      "2001:db8:2:",
      (i) => `2001:db8:2:${i.toString(16)}::1`,
      REQUESTS,
      () => [0, "no company.* condition: no call"],
    );
    await run(
      "1,000 /64s, company conditions",
      "company",
      "2001:db8:3:",
      (i) => `2001:db8:3:${i.toString(16)}::1`,
      REQUESTS,
      (w) => [
        PROVIDER_CAPS.site.limit * w,
        `PROVIDER_CAP_SITE ${PROVIDER_CAPS.site.limit}/${PROVIDER_CAPS.site.period} s × ${w} window${w > 1 ? "s" : ""} touched`,
      ],
    );
    return {
      capPerSite: PROVIDER_CAPS.site.limit,
      capOverall: PROVIDER_CAPS.all.limit,
      capPeriodSeconds: PROVIDER_CAPS.site.period,
      scenarios,
    };
  } finally {
    await worker?.stop();
    await fake.close();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    rmSync(dir, { recursive: true, force: true });
  }
}

export function providerReport(r: ProviderResult): string {
  return [
    `4. IP-data provider calls for context requests (fake provider; caps ${r.capPerSite}/site and ${r.capOverall} overall per ${r.capPeriodSeconds} s)`,
    table(
      ["scenario", "requests", "networks", "provider calls", "bound", "within", "s"],
      r.scenarios.map((s) => [
        s.scenario,
        String(s.requests),
        String(s.networks),
        String(s.providerCalls),
        `≤ ${s.bound}`,
        s.providerCalls <= s.bound ? "yes" : "NO",
        s.seconds.toFixed(1),
      ]),
    ),
    ...r.scenarios.map((s) => `  ${s.scenario}: bound = ${s.boundReason}`),
  ].join("\n");
}
