import type { Principal } from "./auth/principal";

// The Worker's bindings. DB and CONFIGS come from wrangler.toml via `npm run types`
// (worker/worker-configuration.d.ts, generated). Secrets are not in the toml, so they are declared
// here, optional, so that a missing one is handled rather than assumed.
declare global {
  namespace Cloudflare {
    interface Env {
      /** Owner's API token for the admin API (bearer). */
      ADMIN_TOKEN?: string;
      /** HMAC key that signs a visitor's server-evaluated context. */
      SIGNING_SECRET?: string;
      /** "true" only in a local `.dev.vars`: enables visitor IP/geo simulation and the demo page. */
      FACET_DEV?: string;
      /** Optional IP-data provider with IPinfo's API shape (company waterfall step 2). */
      IPINFO_TOKEN?: string;
      /** Provider base URL; defaults to https://ipinfo.io. Tests point it at a local server. */
      IPINFO_URL?: string;
      /** Provider timeout in ms (default 300). */
      IPINFO_TIMEOUT_MS?: string;
      /** "off" turns the public endpoints' rate limits off, and only together with FACET_DEV=true: for load tests. */
      FACET_RATE_LIMITS?: string;
      /** Edge mode (docs/edge.md): JSON map of hostname → { site, origin? } this Worker proxies and personalizes. */
      FACET_EDGE?: string;
      /** Salt for hashing visitor IPs into cache keys (defaults to SIGNING_SECRET). */
      IP_HASH_SALT?: string;
    }
  }
}

export type Env = Cloudflare.Env;
export type AppEnv = { Bindings: Env; Variables: { principal: Principal } };
