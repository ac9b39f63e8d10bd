import { applyD1Migrations, env } from "cloudflare:test";
import { beforeEach } from "vitest";
import { resetIsolateCaches } from "../../worker/cache/memo";
import { resetProviderMemory } from "../../worker/enrich/provider";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);

// Each case gets its own storage, so no case may see what an earlier one left in the isolate's caches.
beforeEach(() => {
  resetIsolateCaches();
  resetProviderMemory();
});
