// Worker integration tests: run inside workerd with real D1 and KV (Miniflare), migrations applied.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          ADMIN_TOKEN: "test-owner-token-0123456789",
          SIGNING_SECRET: "test-signing-secret-0123456789",
          FACET_DEV: "true",
          // Public rate limits off for the suite (many requests from one "client"); ratelimit.test.ts turns them on.
          FACET_RATE_LIMITS: "off",
          TEST_MIGRATIONS: await readD1Migrations("worker/db/migrations"),
          // readme.test.ts checks the README against the running Worker.
          TEST_README: readFileSync("README.md", "utf8"),
          // The snippet as built (dist/facet.js): what /facet.js must serve (the Worker reads its asset copy).
          TEST_SNIPPET: readFileSync("dist/facet.js", "utf8"),
        },
        // Merged with wrangler.toml's: a tiny real limiter the provider-cap test puts in PROVIDER_CAP_ALL's
        // place, so it can trip the overall cap without spending the one every other test file shares.
        ratelimits: { TEST_TINY_LIMIT: { simple: { limit: 3, period: 60 } } },
      },
    }),
  ],
  // The demo page at / is in dev builds only (wrangler.toml [define] FACET_DEMO); public.test.ts checks it.
  define: { FACET_DEMO: "true" },
  test: {
    include: ["test/worker/**/*.test.ts"],
    setupFiles: ["test/worker/setup.ts"],
    // A fake IP-data provider (IPinfo's API shape) on localhost, for enrich-provider.test.ts.
    globalSetup: ["test/worker/fake-ipinfo.mjs", "test/worker/fake-origin.mjs"],
  },
}));
