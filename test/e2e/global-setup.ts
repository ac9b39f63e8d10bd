// Starts one Worker for the browser tests: fresh local state, migrations, the demo seed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations, startWorker } from "../../scripts/wrangler.mjs";
import { seedDemo } from "../../scripts/seed.mjs";

import { startFakeIpinfo } from "../fakes/ipinfo";
import { EDGE_SHOP, EDGE_SHOP_HOST, startEdgeSite } from "../fakes/edge-site";

export const ADMIN_TOKEN = "e2e-owner-token-0123456789";
const IPINFO_TOKEN = "e2e-ipinfo-token";

/** What the fake IP-data provider knows: one company network, and a slow answer. */
export const PROVIDER_ANSWERS = {
  "192.0.2.55": {
    body: {
      company: { name: "Initech", domain: "initech.example", type: "business" },
      asn: { asn: "AS64500", name: "Initech Networks", type: "business" },
    },
  },
  "192.0.2.99": { delayMs: 5000, body: { company: { name: "Too Slow Inc", domain: "slow.example", type: "business" } } },
};

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    adminToken: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "facet-e2e-"));
  applyMigrations(dir);
  const provider = await startFakeIpinfo(IPINFO_TOKEN, PROVIDER_ANSWERS);
  const shop = await startEdgeSite();
  const worker = await startWorker({
    persistTo: dir,
    // Public rate limits off (dev only): every browser in the suite is 127.0.0.1 on the one demo site.
    vars: {
      ADMIN_TOKEN,
      SIGNING_SECRET: "e2e-signing-secret-0123456789",
      FACET_DEV: "true",
      FACET_RATE_LIMITS: "off",
      IPINFO_TOKEN,
      IPINFO_URL: provider.url,
      IPINFO_TIMEOUT_MS: "500",
      // Edge mode in front of another origin than the demo page (test/e2e/edge-insert.test.ts).
      FACET_EDGE: JSON.stringify({ [EDGE_SHOP_HOST]: { site: EDGE_SHOP, origin: shop.url } }),
    },
  });
  shop.setWorker(worker.url);
  await seedDemo(worker.url, ADMIN_TOKEN);
  project.provide("workerUrl", worker.url);
  project.provide("adminToken", ADMIN_TOKEN);
  return async () => {
    await worker.stop();
    await provider.close();
    await shop.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
