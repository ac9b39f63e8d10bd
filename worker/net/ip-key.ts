// Keys derived from a visitor's address (a cache entry, a rate-limit counter) are a salted hash of the
// address's network (IPv4 address, IPv6 /64), never the address itself (SPEC §7): a key can end up in
// a cache URL or a counter's namespace, and the salt keeps a list of addresses from being hashed and matched.
import type { Env } from "../env";
import { networkOf } from "./ip";

/** Salted SHA-256 (128 bits, hex) of the network of `ip` (or of "-" when there is none) and `parts`. */
export async function networkKey(env: Env, ip: string | null, ...parts: string[]): Promise<string> {
  const salt = env.IP_HASH_SALT || env.SIGNING_SECRET || "facet";
  const network = (ip && networkOf(ip)) ?? (ip ? `raw:${ip}` : "-");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode([salt, network, ...parts].join("|")));
  return [...new Uint8Array(digest).slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
