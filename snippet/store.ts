// On-device storage (idb-keyval): the profile and the caches of config, context and content.
// Every call is bounded in time: some private modes hang on IndexedDB instead of failing.
import { createStore, delMany, getMany, setMany, type UseStore } from "idb-keyval";

let store: UseStore | undefined;
const db = () => (store ??= createStore("facet", "kv"));

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(Error("IndexedDB timeout")), ms))]);

export const KEYS = ["profile", "config", "context", "content"] as const;

export async function load(site: string, ms: number): Promise<unknown[]> {
  return within(getMany(KEYS.map((k) => site + ":" + k), db()), ms);
}

export function save(site: string, entries: Partial<Record<(typeof KEYS)[number], unknown>>): Promise<void> {
  return setMany(Object.entries(entries).map(([k, v]) => [site + ":" + k, v]), db());
}

export function forget(site: string): Promise<void> {
  return delMany(KEYS.map((k) => site + ":" + k), db());
}
