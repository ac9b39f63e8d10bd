// Single-page apps: a route change is a page view, and decisions follow it. A page, for SPA navigation,
// is its path: #anchors and query edits (utm stripping, filters) are not new page views.
import { refresh } from "./api";
import { withheld } from "./render";
import { forgotten, keep, profile, view, warn } from "./session";

const page = () => location.pathname;
let lastPage = page();

/** Whether the path changed since the last page view recorded. */
export const moved = () => page() != lastPage;

/** Records the route change as a page view, if there was one (boot.ts: one made while Facet was loading). */
export const record = () => moved() && (view(new URL(location.href), location.origin + lastPage), (lastPage = page()));

/** After a route change: recorded, and decided again, once the profile is loaded (boot.ts takes it up until then). */
export const navigated = () =>
  setTimeout(() => {
    try {
      if (!moved() || !profile || forgotten) return;
      record();
      withheld.clear();
      keep({ profile });
      refresh(true);
    } catch (e) {
      warn(e);
    }
  });

export const hookNavigation = () => {
  for (const m of ["pushState", "replaceState"] as const) {
    const original = history[m];
    history[m] = function (this: History, ...a: Parameters<History["pushState"]>) {
      const r = original.apply(this, a);
      navigated();
      return r;
    };
  }
  addEventListener("popstate", navigated);
};
