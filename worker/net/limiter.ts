// The Workers rate-limiting binding, read by the public endpoints' limits (http/ratelimit.ts) and the
// provider caps (enrich/provider-cap.ts): a binding, not HTTP, so domain code may use it.

/** A rate-limiting binding (RateLimit in @cloudflare/workers-types), spelled out so the pure parts that use it type-check outside the Worker too. */
export interface Limiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The limiter bound as `name` in wrangler.toml, if it is. */
export const limiterOf = (env: object, name: string): Limiter | undefined => (env as Record<string, Limiter | undefined>)[name];
