// "Check installation": the Worker notes, per site, each allowed origin the tag was seen on (a /context request
// carrying that Origin). At most one KV write per site × origin per hour per isolate: an in-isolate memo skips
// the rest, so a busy page costs no write per request. Entries expire after 30 days without a sighting.
interface SeenEnv {
  CONFIGS: KVNamespace;
}

export const SEEN_WRITE_EVERY_MS = 3_600_000;
export const SEEN_TTL_S = 30 * 86_400;
const MEMO_MAX = 1_000;
const memo = new Map<string, number>();

const prefixOf = (site: string) => `seen:${site}:`;

/** Records that `origin` (already checked as allowed) ran the tag of `site` at `now`, unless done within the hour. */
export async function noteSeen(env: SeenEnv, site: string, origin: string, now: number): Promise<void> {
  const key = prefixOf(site) + origin;
  const last = memo.get(key);
  if (last !== undefined && now - last < SEEN_WRITE_EVERY_MS) return;
  if (memo.size >= MEMO_MAX) memo.clear(); // bounded: worst case, one more write per entry
  memo.set(key, now);
  const at = new Date(now).toISOString();
  try {
    await env.CONFIGS.put(key, at, { expirationTtl: SEEN_TTL_S, metadata: { at } });
  } catch {
    memo.delete(key); // a failed write (KV's rate of one write per key per second) is tried again next time
  }
}

/** Where the tag of `site` was seen: origin and last time, newest first (KV is eventually consistent: up to ~60 s late). */
export async function listSeen(env: SeenEnv, site: string): Promise<{ origin: string; lastSeen: string }[]> {
  const { keys } = await env.CONFIGS.list<{ at: string }>({ prefix: prefixOf(site) });
  return keys
    .map((k) => ({ origin: k.name.slice(prefixOf(site).length), lastSeen: k.metadata?.at ?? "" }))
    .filter((s) => s.lastSeen)
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}

/** For tests: forget what this isolate wrote. */
export const resetSeenMemo = () => memo.clear();
