// On-device storage (idb-keyval): the profile and the caches of config, context and content.
// Every read is bounded in time: some private modes hang on IndexedDB instead of failing.
// Built on idb-keyval's store and request helpers only: its getMany/setMany would bring along its
// default "keyval-store" database, bytes the snippet never uses.
import { createStore, promisifyRequest, type UseStore } from "idb-keyval";
import { DB_NAME, STORE_KEYS, STORE_NAME, storageKey, type StoreKey } from "../contract/storage";

let store: UseStore | undefined;
const db: UseStore = (mode, callback) => (store ??= createStore(DB_NAME, STORE_NAME))(mode, callback);

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(Error("IndexedDB timeout")), ms))]);

export async function load(site: string, ms: number): Promise<unknown[]> {
  return within(
    db("readonly", (s) => Promise.all(STORE_KEYS.map((k) => promisifyRequest(s.get(storageKey(site, k)))))),
    ms,
  );
}

export function save(site: string, entries: Partial<Record<StoreKey, unknown>>): Promise<void> {
  return db("readwrite", (s) => {
    for (const k in entries) s.put(entries[k as StoreKey], storageKey(site, k as StoreKey));
    return promisifyRequest(s.transaction);
  });
}

export function forget(site: string): Promise<void> {
  return db("readwrite", (s) => {
    for (const k of STORE_KEYS) s.delete(storageKey(site, k));
    return promisifyRequest(s.transaction);
  });
}
