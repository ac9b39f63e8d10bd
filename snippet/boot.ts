// Boot and cache policy. A first visit fetches config and context in one round trip; a repeat visit decides
// from the device's cache and revalidates it off the critical path (at most once a minute, or when the
// context has expired), for the next page view. Caches of another version or an old shape are not used.
import type { CachedContent, ServerContext } from "../contract/wire";
import { finish, pendingRefresh, refresh, replay } from "./api";
import { navigated, moved, record } from "./navigation";
import { getJson } from "./net";
import { contextFor, render, variants } from "./render";
import { doc, forgotten, inline, keep, profile, site, start, view, warn, type Config, type Visitor } from "./session";
import { decide, onPage, pathsOf } from "./decide";
import { fromEdge, hold } from "./edge";
import { hideEarly } from "./flicker";
import { PREHIDE_ID } from "../contract/storage";
import { cached, load, mark } from "./store";
import { specialLink } from "./special-link";
// The page view this script was loaded for (changes.ts read it, without its redirect marker, as this script
// ran): recorded once Facet is ready, whatever the URL is by then.
import { here as landing } from "./changes";

const fetchBoth = () => Promise.all([getJson<Config>("config"), getJson<ServerContext>("context")]);

/** The segments that can still win on this page before the context is known: every one of its experiences'. */
const onThisPage = (c: Config) => c.experiences.filter((e) => onPage(pathsOf(e), landing));

/**
 * A first visit's requests. With the config inlined (the upgraded tag), one: the context, carrying the content
 * of the segments that can still win (only their ids leave the device). Otherwise config ∥ context.
 */
const first = async (): Promise<[Config, ServerContext]> => {
  if (!inline) return fetchBoth();
  // Without ?v: a script cached since the last publish still gets the live context (and the live version's
  // content, which boot drops when it isn't the inlined config's).
  const ids = [...new Set(onThisPage(inline).flatMap((e) => e.segments))];
  return [inline, await getJson<ServerContext>("context" + (ids.length ? "?segments=" + ids : ""))];
};

export const boot = async () => {
  const t0 = Date.now();
  // The pre-hide snippet's style (contract/prehide.ts), if the page has it: its version (data-v) and, when it hid
  // slots, when its CSS runs out (data-t). While that is still ahead, no deadline goes past it: content is never
  // swapped into a slot the CSS has shown already. Once past (a script injected late), the timeout counts from
  // now, as without the snippet.
  const p = doc.getElementById(PREHIDE_ID)?.dataset;
  const cap = +(p?.t as string) > t0 ? +p!.t! : 1e15;
  const until = (ms: number) => Math.min(t0 + ms, cap);
  if (!site) throw Error("data-site missing");
  if (specialLink()) return; // a preview or editor link: its own bundle runs, nothing is recorded
  // forget() queued before the script loaded: nothing is applied, fetched or stored on this page view.
  if (forgotten) return; // (forget() released the pre-hide)
  // The experiences the page view alone decides come with their content in the upgraded script (InlineConfig).
  const pv = inline?.pageView;
  // The upgraded tag knows this page's slots at once: they are hidden from now until the decision (unless the
  // pre-hide snippet already hid them: a copy baked from this very version, data-v; a newer copy beside a script
  // the browser kept hides the newer version's slots). With the page view's
  // content, only the other experiences' slots (the page view's are decided below, in this task), and whatever
  // the pre-hide does: its style goes at that decision.
  if (inline && (pv || +(p?.v as string) != inline.v))
    hideEarly(
      onThisPage(inline).flatMap((e) => (pv?.[e.id] ? [] : e.slots)),
      until(inline.timeout),
    );
  // Those experiences are decided and applied now, before IndexedDB or the network answers, on a first visit as
  // on a repeat one; the others wait for the session as usual (their slots stay hidden, hideEarly). This
  // session has no profile and stores nothing: the one started below takes over, and its decision keeps what is
  // applied (the same winners).
  if (pv) {
    const early = { v: inline!.v, changes: pv };
    start(
      { ...inline!, experiences: inline!.experiences.filter((e) => pv[e.id]) },
      { server: {}, device: {} } as unknown as ServerContext,
      early,
      true,
    );
    // Behind edge mode, what the edge already shows is not hidden again (its handoff closes the <head>).
    render(until(inline!.timeout), true, fromEdge(doc, early)).catch(warn);
  }
  // Whether this is a repeat visit is known at once (localStorage): a first visit asks the network now, beside
  // IndexedDB; a repeat visit waits for IndexedDB, briefly. A slow or broken IndexedDB then makes a first
  // visit (and leaves the stored profile alone), never a stall and never a page without personalization.
  const held = hold(doc);
  const net = cached(site) ? undefined : first();
  net?.catch(() => {}); // answered below, after IndexedDB: not an unhandled rejection meanwhile
  let lost = false;
  let [p0, cfg0, ctx0, content] = (await load(site, 300).catch(() => ((lost = true), []))) as [
    Visitor?,
    Config?,
    ServerContext?,
    CachedContent?,
  ];
  // forget() while the cache was read: what it returned is the forgotten visitor's.
  if (forgotten) return;
  const now = Date.now();
  // An inlined config is the one this page view decides with: live within a minute of the script's fetch, else
  // the version the browser kept, which it revalidates in the background (stale-while-revalidate) for the next
  // page view. A cache of another version is not used. The cache is revalidated as the plain tag's is (at most
  // once a minute, see below; the cached config's time), so that the next page view, with the script's new
  // version, finds that version's context cached too.
  let config = inline ? ((inline.t = cfg0?.v == inline.v ? cfg0!.t : t0), inline) : cfg0?.segments ? cfg0 : undefined;
  // A repeat visit decides from the cache even when the context is past its expiry (a new session
  // often is): the cache is refreshed in the background for the next page view.
  // A context cached before /context sent the device is not used. Those are also the ones that still hold
  // the geo and company records (both changed in the same release): fetching a new one overwrites them.
  let ctx = ctx0?.device && ctx0.v == config?.v ? ctx0 : undefined;
  const fromCache = ctx && !net;
  if (!fromCache) {
    // First visit (or a cache from another version): config and context in parallel, one round trip.
    const [c, { changes, ...x }] = await (net || first());
    if (forgotten) return;
    if (changes) content = { v: x.v, changes };
    c.t = Date.now();
    config = c;
    // A publish between the two requests, or a script the browser kept from an older version: the context's
    // references belong to another version. Used without them, and kept under no version (v: 0), so that the
    // next page view, whatever its script's version, fetches one of its own instead of deciding without them.
    ctx = x.v == c.v ? x : { ...x, server: {}, v: 0 };
    mark(site, c);
  }
  // The profile is only taken up now: a route change while Facet was loading left it alone (see
  // navigated), so each page view is recorded once, in order, the landing page first.
  // The page view's content (InlineConfig) is there for every route of a single-page app too: never fetched.
  const begun = content?.v == config!.v ? content : { v: config!.v, changes: {} };
  for (const e in config!.pageView) begun.changes[e] = { ...config!.pageView[e], ...begun.changes[e] };
  start(config!, ctx!, begun, lost, p0);
  view(landing, doc.referrer);
  record();
  replay();
  // One write for the page view, and for config and context when they just came from the network.
  keep({ profile, ...(!fromCache && { config, context: ctx, content: content?.v == config!.v ? content : undefined }) });
  const deadline = until(Math.min(config!.timeout || 1000, 3000));
  finish(await render(deadline, Date.now() < deadline, fromEdge(doc, begun)));
  // The decision's own changes follow the page from now: the edge's content (the same winners) stays as it is.
  held(true);
  // A route change or a track()/identify() while the first decision was made: decide again now.
  moved() ? navigated() : pendingRefresh && refresh();
  if (fromCache && (now - (config!.t || 0) > 60_000 || ctx!.expires < now)) revalidate(config!, new URL(location.href));
};

// Refreshes the cache off the critical path, for the next page view.
const revalidate = async (old: Config, url: URL) => {
  try {
    const [c, x] = await fetchBoth();
    if (x.v != c.v || forgotten) return;
    c.t = Date.now();
    mark(site, c);
    // Content only for a new version (undefined is not written): its winners', fetched now.
    let content: CachedContent | undefined;
    if (c.v != old.v) {
      const [, winners] = decide(c, contextFor(url, x, c.t), url, c.t);
      content = {
        v: c.v,
        changes: winners.length
          ? await variants(
              winners.map((w) => w.segment),
              c,
              x,
            )
          : {},
      };
    }
    keep({ config: c, context: x, content });
  } catch {}
};
