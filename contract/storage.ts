// Where the snippet keeps a visitor's data on their device (IndexedDB through idb-keyval). The snippet's
// store, the demo page's simulator and the browser tests all read these names.

export const DB_NAME = "facet";
export const STORE_NAME = "kv";
/** Per site: the visitor's profile, and caches of the published config, the server context and content. */
export const STORE_KEYS = ["profile", "config", "context", "content"] as const;
export type StoreKey = (typeof STORE_KEYS)[number];

/** The IndexedDB key of one entry of a site. */
export const storageKey = (site: string, key: StoreKey): string => site + ":" + key;
