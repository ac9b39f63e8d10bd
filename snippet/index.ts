// Facet's visitor snippet: <script async src=".../facet.js" data-site="KEY"></script>.
// Classifies the visitor on the device, fetches only the winning segments' content and swaps it in
// place; re-decides after track(), identify() and SPA navigation. Everything is fail-open: any failure
// leaves the original page, with at most one warning.
// The wiring: api.ts (window.facet and its queue), boot.ts (boot and cache policy), render.ts (carries
// out plan.ts's pure plan on the page), navigation.ts (SPA route changes), session.ts (shared state).
import { install, none, run } from "./api";
import { boot } from "./boot";
import { still } from "./changes";
import { releasePrehide } from "./flicker";
import { hookNavigation } from "./navigation";
import { warn } from "./session";

export type { ReadyInfo } from "./render";

const q = (window as { facet?: { v?: number } }).facet;
// A second copy of the tag must not run twice: the first one replaced the queue with an object that
// has `v` (an element with id="facet" also shows up as window.facet, and is no copy of Facet).
if (!q?.v) {
  install(window as { facet?: unknown });
  hookNavigation();
  if (Array.isArray(q)) (q as Parameters<typeof run>[0][]).forEach(run);
  boot().catch((e) => {
    warn(e);
    releasePrehide();
    // What the upgraded script's own content put on the page before the failure stays, and is said (boot.ts);
    // with no session to decide route changes, it no longer follows the page (an SPA's next route keeps its own).
    still();
    none();
  });
}
