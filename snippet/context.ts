// The object segment conditions are evaluated against (SPEC §2): the device's profile, the results of the
// server's references (geo.* and company.* parts of conditions, evaluated by the Worker), and the page. Pure.
import type { ServerContext } from "../contract/wire";
import type { Profile } from "./profile";

const DAY_MS = 86_400_000;

/** `more` adds attributes measured elsewhere on the device (device.*, interests.*). */
export function visitorContext(
  p: Profile,
  server: ServerContext | undefined,
  url: URL,
  doc: { title: string; documentElement: { lang: string } },
  now: number,
  more?: Record<string, unknown>,
): Record<string, unknown> {
  const d = new Date(now);
  const visit: Record<string, unknown> = {
    count: p.visits,
    sessions: p.visits,
    pageviews: p.pageviews,
    isReturning: p.visits > 1,
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    timeOnSite: Math.round((now - p.visitStart) / 1000),
  };
  if (p.prevSeen !== undefined) visit.daysSinceLast = Math.floor((now - p.prevSeen) / DAY_MS);
  return {
    visit,
    pages: p.pages,
    referrer: p.referrer,
    landingPage: p.landingPage,
    utm: { first: p.utmFirst, last: p.utmLast, ...p.utmLast },
    events: p.events,
    traits: p.traits,
    server: server?.server,
    page: {
      url: url.href,
      path: url.pathname,
      host: url.host,
      query: Object.fromEntries(url.searchParams),
      title: doc.title,
      language: doc.documentElement.lang,
    },
    time: { hour: d.getHours(), weekday: d.getDay() },
    ...more,
  };
}
