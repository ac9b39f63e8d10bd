// Browser end-to-end tests: a real `wrangler dev` (workerd, local D1/KV) seeded with the demo site,
// and headless Chromium driven by playwright-core.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/e2e/global-setup.ts"],
    // Two cores: one Chromium at a time keeps timings honest.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
