// A redirect change decided at the edge becomes a 302 before any of the page is sent, with the snippet's own
// rules (snippet/changes.ts `redirect`): only to http(s), never to the page itself, and never from a page a
// redirect led to (the `facet-redirected` marker, which the target page's snippet takes out of the address
// bar), so A → B → A stops at B. Where the snippet would not redirect, neither does the edge: the change then
// stays in the handoff, where the snippet finds the same answer. Pure.
import type { EdgeDecision } from "./decide";

const MARK = "facet-redirected";

/** The Location for this request, or null: the first decided experience's redirect the snippet would follow. */
export function edgeRedirect(decided: EdgeDecision[], url: URL): string | null {
  if (url.searchParams.has(MARK)) return null;
  for (const d of decided)
    for (const { change } of d.changes) {
      if (change.type != "redirect") continue;
      let to: URL;
      try {
        to = new URL(change.url, url);
      } catch {
        continue;
      }
      if (!/^https?:$/.test(to.protocol) || to.href.split("#")[0] == url.href.split("#")[0]) continue;
      to.searchParams.set(MARK, "1");
      return to.href;
    }
  return null;
}
