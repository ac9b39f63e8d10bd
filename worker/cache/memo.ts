// The one in-isolate cache. An isolate serves many requests, so what it has read from KV (snapshots, the
// range index, account lists) or derived once (signing keys) is kept in memory: bounded, so a busy isolate
// never grows without limit, and with an optional time to live, for values KV may change under it. When
// full, the oldest entry goes first (insertion order; a hit does not renew it, which keeps `get` a read).
// Every memo registers itself, so tests start each case with empty caches (resetIsolateCaches).

export interface Memo<V> {
  /** The value, or undefined when missing or older than the time to live. */
  get(key: string, now?: number): V | undefined;
  set(key: string, value: V, now?: number): void;
  delete(key: string): void;
  clear(): void;
}

export interface MemoOptions {
  /** Most entries kept; the oldest is evicted to make room. */
  max: number;
  /** Entries older than this (milliseconds) are treated as missing; none: kept until evicted. */
  ttlMs?: number;
}

const all = new Set<Memo<unknown>>();

export function memo<V>({ max, ttlMs = Infinity }: MemoOptions): Memo<V> {
  const entries = new Map<string, { at: number; value: V }>();
  const m: Memo<V> = {
    get(key, now = Date.now()) {
      const hit = entries.get(key);
      return hit && now - hit.at < ttlMs ? hit.value : undefined;
    },
    set(key, value, now = Date.now()) {
      // Re-setting moves the key to the newest end, so a refreshed entry is not the next one out.
      entries.delete(key);
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(key, { at: now, value });
    },
    delete: (key) => void entries.delete(key),
    clear: () => entries.clear(),
  };
  all.add(m as Memo<unknown>);
  return m;
}

/** Empties every memo of this isolate: test setup calls it, so no case sees another's cached reads. */
export function resetIsolateCaches(): void {
  for (const m of all) m.clear();
}
