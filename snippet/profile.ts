// The visitor's behavioral profile: kept only in this browser's IndexedDB, never sent anywhere.
// `touch` is pure so it can be tested with tables; storage lives in store.ts.

export interface Touch {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

export interface Profile {
  /** Random visitor id: for holdout assignment later; never leaves the device. */
  id: string;
  /** Visits (sessions): a new one starts after 30 minutes without a page view. */
  visits: number;
  pageviews: number;
  firstSeen: number;
  lastSeen: number;
  /** lastSeen as it was when the current visit started (for daysSinceLast). */
  prevSeen?: number;
  visitStart: number;
  landingPage: string;
  /** External referrer that started the current visit ("" when direct). */
  referrer: string;
  pages: string[];
  utmFirst?: Touch;
  utmLast?: Touch;
  events: Record<string, { count: number; last: number }>;
  traits: Record<string, unknown>;
}

export const SESSION_GAP_MS = 30 * 60 * 1000;
const MAX_PAGES = 50;
const UTM = ["source", "medium", "campaign", "term", "content"] as const;

const randomId = () => [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(36).padStart(2, "0")).join("");

/** Records a page view at `now` on `url`, reached from `referrer`. */
export function touch(old: Profile | undefined, now: number, url: URL, referrer: string): Profile {
  const p: Profile = old
    ? { ...old, events: { ...old.events } } // pages: a new list below
    : // A first page view also starts a visit: the visit's fields, and lastSeen, are set below.
      ({ id: randomId(), visits: 0, pageviews: 0, firstSeen: now, pages: [], events: {}, traits: {} } as unknown as Profile);
  // Bounded: a crafted long URL must not make every later page view slow.
  const path = url.pathname.slice(0, 256);
  if (!old || now - old.lastSeen > SESSION_GAP_MS) {
    p.visits++;
    p.prevSeen = old?.lastSeen;
    p.visitStart = now;
    p.landingPage = path;
    p.referrer = "";
    try {
      // Internal navigation is not a referrer.
      if (referrer && new URL(referrer).host !== url.host) p.referrer = referrer.slice(0, 512);
    } catch {}
  }
  const utm: Touch = {};
  for (const k of UTM) {
    const v = url.searchParams.get("utm_" + k);
    if (v) utm[k] = v.slice(0, 200);
  }
  if (Object.keys(utm).length) {
    p.utmLast = utm;
    p.utmFirst ??= utm;
  }
  p.pages = [...p.pages.filter((x) => x !== path), path].slice(-MAX_PAGES);
  p.pageviews++;
  p.lastSeen = now;
  return p;
}
