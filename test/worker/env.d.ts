import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the fake IPinfo server that test/worker/fake-ipinfo.mjs starts. */
    ipinfoUrl: string;
  }
}
