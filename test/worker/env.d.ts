import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      TEST_README: string;
      /** dist/facet.js as built (vitest.worker.config.ts). */
      TEST_SNIPPET: string;
      /** A rate limiter of 3 per 60 s that only the tests use (vitest.worker.config.ts). */
      TEST_TINY_LIMIT: RateLimit;
    }
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the fake IPinfo server that test/worker/fake-ipinfo.mjs starts. */
    ipinfoUrl: string;
    /** Base URL of the fake site origin that test/worker/fake-origin.mjs starts (edge mode). */
    originUrl: string;
  }
}
