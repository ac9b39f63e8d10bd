// On-device storage (idb-keyval): the profile and the caches of config, context and content.
// Every read is bounded in time: some private modes hang on IndexedDB instead of failing.
// Built on idb-keyval's store and request helpers only: its getMany/setMany would bring along its
// default "keyval-store" database, bytes the snippet never uses.
import { createStore, promisifyRequest, type UseStore } from "idb-keyval";
import type { PublishedConfig } from "../contract/wire";
import { DB_NAME, EARLY_DB, STORE_KEYS, STORE_NAME, slotsKey, storageKey, type StoreKey } from "../contract/storage";
import { pathsOf } from "./decide";

// Opens nothing until first used (idb-keyval 6.3 opens the database on the first transaction).
const db: UseStore = createStore(DB_NAME, STORE_NAME);

/** The connection the pre-hide snippet opened while this script loaded (contract/prehide.ts), if it did. */
const early = (window as unknown as Record<string, Promise<IDBDatabase | undefined> | undefined>)[EARLY_DB];

/**
 * Everything a decision needs from the device, in one transaction: through the pre-hide's connection when it
 * opened one (its open overlapped this script's loading), else through our own.
 */
export const load = (site: string, ms: number): Promise<unknown[]> => {
  const read = (s: IDBObjectStore) => Promise.all(STORE_KEYS.map((k) => promisifyRequest(s.get(storageKey(site, k)))));
  return Promise.race([
    Promise.resolve(early).then((d) => (d ? read(d.transaction(STORE_NAME).objectStore(STORE_NAME)) : db("readonly", read))),
    // Rejected with no reason: boot.ts only learns that the cache is out of reach (a first visit), and says nothing.
    new Promise<never>((_, reject) => setTimeout(reject, ms)),
  ]);
};

// Async: an IndexedDB that throws on open (some private modes) rejects, it never throws into the caller.
export const save = async (site: string, entries: Partial<Record<StoreKey, unknown>>): Promise<void> =>
  db("readwrite", (s) => {
    // An entry left undefined is not written (session.ts: a profile that wasn't loaded).
    for (const k in entries) entries[k as StoreKey] !== undefined && s.put(entries[k as StoreKey], storageKey(site, k as StoreKey));
    return promisifyRequest(s.transaction);
  });

export const forget = async (site: string): Promise<void> => (
  mark(site),
  db("readwrite", (s) => {
    for (const k of STORE_KEYS) s.delete(storageKey(site, k));
    return promisifyRequest(s.transaction);
  })
);

/**
 * Records, in localStorage, the slots of the site's live experiences by page (for the pre-hide snippet) and
 * so that the IndexedDB cache exists (cached()); without a config, removes them. Never throws: storage may be
 * blocked, or full.
 */
export const mark = (site: string, c?: PublishedConfig) => {
  try {
    c
      ? localStorage.setItem(slotsKey(site), JSON.stringify({ v: c.v, t: c.timeout, e: c.experiences.map((x) => [pathsOf(x), x.slots]) }))
      : localStorage.removeItem(slotsKey(site));
  } catch {}
};

/** Whether this device holds Facet's cache for the site: a synchronous answer, whatever IndexedDB does. */
export const cached = (site: string) => {
  try {
    return !!localStorage.getItem(slotsKey(site));
  } catch {}
};
