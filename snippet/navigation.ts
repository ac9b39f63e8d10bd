// Single-page apps: a route change is a page view, and decisions follow it. A page, for SPA navigation,
// is its path: #anchors and query edits (utm stripping, filters) are not new page views.
import { refresh } from "./api";
import { withheld } from "./render";
import { forgotten, keep, profile, view, warn } from "./session";

const page = () => location.pathname;
let lastPage = page();

/** Whether the path changed since the last page view recorded. */
export const moved = () => page() != lastPage;

/** Records the route change as a page view, if there was one (boot.ts: one made while Facet was loading). Truthy
 * when it did (the new path: never empty, it starts with "/"). */
export const record = () => moved() && (view(new URL(location.href), location.origin + lastPage), (lastPage = page()));

/**
 * After a route change: recorded, and decided again, once the profile is loaded (boot.ts takes it up until
 * then). Synchronously, in the task of the pushState/replaceState/popstate: with config, context and content
 * cached the route's winners are applied before the app renders it, and changes.ts's observer applies them to
 * the app's own DOM writes as microtasks of that same task, so the app's default never reaches a frame.
 */
export const navigated = () => {
  try {
    if (profile && !forgotten && record()) withheld.clear(), keep({ profile }), refresh(true);
  } catch (e) {
    warn(e);
  }
};

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
