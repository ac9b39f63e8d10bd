// On-device storage (IndexedDB): the profile and the caches of config, context and content.
// Every read is bounded in time: some private modes hang on IndexedDB instead of failing.
// idb-keyval's createStore and promisifyRequest, written out for the one store the snippet uses: fewer bytes
// than the library's closures, same behavior.
import type { PublishedConfig } from "../contract/wire";
import { DB_NAME, STORE_KEYS, STORE_NAME, slotsKey, storageKey, type StoreKey } from "../contract/storage";
import { pathsOf } from "./decide";

/** A request's result, or a transaction's completion (the two never fire each other's events). */
const settled = <T>(r: IDBRequest<T> | IDBTransaction) =>
  new Promise<T>((resolve, reject) => {
    // @ts-expect-error one assignment for both kinds: only the kind's own events ever fire
    r.oncomplete = r.onsuccess = () => resolve((r as IDBRequest<T>).result);
    // @ts-expect-error as above
    r.onabort = r.onerror = () => reject(r.error);
  });

let open: Promise<IDBDatabase> | undefined;
/** The store in a transaction of `mode`. Opened on first use; opened again after a failure or after the
 * browser closed the connection (Safari sometimes does). */
const db = <T>(mode: IDBTransactionMode, use: (s: IDBObjectStore) => T) => {
  if (!open) {
    const r = indexedDB.open(DB_NAME);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE_NAME);
    (open = settled(r)).then(
      (d) => (d.onclose = () => (open = undefined)),
      () => (open = undefined),
    );
  }
  return open.then((d) => use(d.transaction(STORE_NAME, mode).objectStore(STORE_NAME)));
};

export async function load(site: string, ms: number): Promise<unknown[]> {
  return Promise.race([
    db("readonly", (s) => Promise.all(STORE_KEYS.map((k) => settled(s.get(storageKey(site, k)))))),
    new Promise<never>((_, reject) => setTimeout(() => reject(Error("IndexedDB timeout")), ms)),
  ]);
}

// Async: an IndexedDB that throws on open (some private modes) rejects, it never throws into the caller.
export async function save(site: string, entries: Partial<Record<StoreKey, unknown>>): Promise<void> {
  return db("readwrite", (s) => {
    // An entry left undefined is not written (session.ts: a profile that wasn't loaded).
    for (const k in entries) entries[k as StoreKey] !== undefined && s.put(entries[k as StoreKey], storageKey(site, k as StoreKey));
    return settled<void>(s.transaction);
  });
}

export async function forget(site: string): Promise<void> {
  mark(site);
  return db("readwrite", (s) => {
    for (const k of STORE_KEYS) s.delete(storageKey(site, k));
    return settled<void>(s.transaction);
  });
}

/**
 * Records, in localStorage, the slots of the site's live experiences by page (for the pre-hide snippet) and
 * so that the IndexedDB cache exists (cached()); without a config, removes them. Never throws: storage may be
 * blocked, or full.
 */
export const mark = (site: string, c?: PublishedConfig) => {
  try {
    c
      ? localStorage.setItem(slotsKey(site), JSON.stringify({ t: c.timeout, e: c.experiences.map((x) => [pathsOf(x), x.slots]) }))
      : localStorage.removeItem(slotsKey(site));
  } catch {}
};

/** Whether this device holds Facet's cache for the site: a synchronous answer, whatever IndexedDB does. */
export const cached = (site: string) => {
  try {
    return !!localStorage.getItem(slotsKey(site));
  } catch {}
};
