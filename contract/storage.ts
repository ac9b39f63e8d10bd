// Where the snippet keeps a visitor's data on their device (IndexedDB through idb-keyval). The snippet's
// store, the demo page's simulator and the browser tests all read these names.

export const DB_NAME = "facet";
export const STORE_NAME = "kv";
/** Per site: the visitor's profile, and caches of the published config, the server context and content. */
export const STORE_KEYS = ["profile", "config", "context", "content"] as const;
export type StoreKey = (typeof STORE_KEYS)[number];

/** The IndexedDB key of one entry of a site. */
export const storageKey = (site: string, key: StoreKey): string => site + ":" + key;

/**
 * The localStorage key, per site, of the slots of the site's live experiences by page (a SlotList): read
 * synchronously by the pre-hide snippet (contract/prehide.ts) before the page paints. It describes the site,
 * not the visitor; facet.js also reads it as the synchronous sign that the IndexedDB cache was written (a
 * repeat visit), so a slow IndexedDB never holds back a first visit's requests.
 */
export const slotsKey = (site: string): string => "facet:" + site;

/**
 * What slotsKey holds, and what the admin's install endpoint bakes into the pre-hide snippet: the config's
 * version, its timeout (ms) and, per experience, its compiled page patterns (empty: every page) and slots.
 */
export interface SlotList {
  v: number;
  t: number;
  e: [paths: string[], slots: string[]][];
}

/**
 * The window property where the pre-hide snippet leaves the IndexedDB connection it opened on a repeat visit
 * (a promise of the database, or of undefined when the open failed): facet.js reads its cache through it
 * instead of opening IndexedDB itself once it has loaded.
 */
export const EARLY_DB = "__facetDb";

/** The id of the pre-hide snippet's style element, which facet.js removes once it has decided. */
export const PREHIDE_ID = "facet-prehide";
