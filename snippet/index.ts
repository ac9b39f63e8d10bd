// Facet's visitor snippet: <script async src=".../facet.js" data-site="KEY"></script>.
// Classifies the visitor on the device, fetches only the winning segments' content and swaps it in
// place; re-decides after track(), identify() and SPA navigation. Everything is fail-open: any failure
// leaves the original page, with at most one warning.
import type { CachedContent, PublishedConfig, ServerContext, VariantsResponse } from "../contract/wire";
import { activate, type Revert } from "./changes";
import { visitorContext } from "./context";
import { decide, type Winner } from "./decide";
import { device } from "./device";
import { hideSlots } from "./flicker";
import { interestValues, recordInterests, type InterestScores } from "./interests";
import { getJson } from "./net";
import { touch, type Profile } from "./profile";
import { forget, load, save } from "./store";

type Config = PublishedConfig & { t?: number };
type Content = CachedContent;
type Visitor = Profile & { interests?: InterestScores };
export interface ReadyInfo {
  segments: string[];
  applied: { experience: string; segment: string }[];
  /** Where the content came from: the device's cache, the network, or nowhere (original page). */
  source: "cache" | "network" | "none";
}
type Command = [string, ...unknown[]];

const w = window as unknown as { facet?: { v?: number } };
const q = w.facet;
// A second copy of the tag must not run twice: the first one replaced the queue with an object that
// has `v` (an element with id="facet" also shows up as window.facet, and is no copy of Facet).
if (!q?.v) {
  let warned = false;
  const warn = (e: unknown) => warned || ((warned = true), console.warn("facet: showing original content:", e));
  const doc = document;
  const script = (doc.currentScript || doc.querySelector("script[data-site]")) as HTMLScriptElement | null;
  const site = script?.dataset.site || "";
  // The API is where the snippet came from, unless the tag names another base URL (data-api, e.g. a proxy path).
  const base = (script?.dataset.api || new URL(script?.src || location.href).origin).replace(/\/$/, "");
  const api = (path: string) => `${base}/v1/sites/${encodeURIComponent(site)}/${path}`;
  // A page, for SPA navigation, is its path: #anchors and query edits (utm stripping, filters) are not new page views.
  const page = () => location.pathname;
  const readyCallbacks: ((i: ReadyInfo) => void)[] = [];
  const queued: Command[] = [];
  let info: ReadyInfo | undefined;
  let profile: Visitor | undefined;
  let config: Config | undefined;
  let ctx: ServerContext | undefined;
  let content: Content | undefined;
  /** What is on the page now: experience id → the segment whose changes are applied, and their revert. */
  let applied: Record<string, { segment: string; revert: Revert }> = {};
  /** Winners whose content came too late for this page view: not swapped in until the next one. */
  let withheld = new Set<string>();
  /** Each render's number: a render overtaken by a newer one stops where it is. */
  let generation = 0;
  let forgotten = false;
  let pendingRefresh = false;
  let lastPage = page();
  /** The page view this script was loaded for: recorded once Facet is ready, whatever the URL is by then. */
  const landing = new URL(location.href);

  const keep = (entries: Parameters<typeof save>[1]) => forgotten || save(site, entries).catch(warn);
  const contextFor = (url: URL, x: ServerContext, now: number) =>
    visitorContext(profile!, x, url, doc, now, { device: device(navigator, window), interests: interestValues(profile!.interests, now) });
  const has = (x: Winner) => content?.changes[x.experience]?.[x.segment];
  // The token goes only with segments whose condition holds a server reference: without it the answer
  // is the same for everyone, and the edge and the browser may cache it. (A "server. string in a value
  // only sends the token needlessly.)
  const variants = async (segments: string[], c: Config, x: ServerContext) =>
    (
      await getJson<VariantsResponse>(
        api(
          `variants?v=${c.v}&segments=${[...new Set(segments)].join(",")}` +
            (JSON.stringify(c.segments.filter((s) => segments.includes(s.id))).includes('"server.') ? "&token=" + encodeURIComponent(x.token) : ""),
        ),
        10_000,
      )
    ).changes;

  /**
   * Decides for the current URL and brings the page in line: experiences whose winner changed are reverted,
   * new winners applied (from the cache, or fetched). With `hide`, the slots about to change are hidden
   * until `deadline` at most, and content arriving after it is only cached.
   */
  const render = async (deadline = Infinity, hide = false): Promise<ReadyInfo | undefined> => {
    const my = ++generation;
    const url = new URL(location.href);
    const now = Date.now();
    const cfg = config!;
    const { matched, winners } = decide(cfg, contextFor(url, ctx!, now), url);
    for (const e in applied) if (applied[e]!.segment != winners.find((x) => x.experience == e)?.segment) applied[e]!.revert(), delete applied[e];
    const todo = winners.filter((x) => !applied[x.experience] && !withheld.has(x.experience + " " + x.segment));
    const release = hide ? hideSlots(doc, todo.flatMap((x) => x.slots), script!.dataset.nonce || script!.nonce) : () => {};
    const timer = hide && setTimeout(release, deadline - now);
    const missing = todo.filter((x) => !has(x));
    try {
      if (missing.length) {
        try {
          const got = await variants(missing.map((x) => x.segment), cfg, ctx!);
          if (forgotten || cfg != config) return;
          for (const e in got) content!.changes[e] = { ...content!.changes[e], ...got[e] };
          keep({ content });
        } catch (e) {
          // What the cache holds still applies; only the missing content stays original.
          warn(e);
        }
      }
      if (my != generation) return;
      for (const x of todo) {
        // Content that arrives after the timeout is kept for the next page view, never swapped into a
        // page the visitor is already reading.
        if (Date.now() > deadline) withheld.add(x.experience + " " + x.segment);
        else if (!applied[x.experience])
          try {
            const changes = has(x);
            if (changes) applied[x.experience] = { segment: x.segment, revert: activate(changes, doc, warn) };
          } catch (e) {
            // An invalid selector (or any DOM error) leaves this experience's slots original.
            warn(e);
          }
      }
    } finally {
      // Slots that aren't parsed yet stay hidden until they are, or until the deadline.
      if (doc.readyState == "loading") doc.addEventListener("DOMContentLoaded", release);
      else release(), clearTimeout(timer || undefined);
    }
    const list = Object.keys(applied).map((e) => ({ experience: e, segment: applied[e]!.segment }));
    return { segments: matched, applied: list, source: !list.length ? "none" : missing.length ? "network" : "cache" };
  };

  const finish = (i: ReadyInfo | undefined) => {
    if (!i) return;
    info = i;
    readyCallbacks.splice(0).forEach((cb) => run(["ready", cb]));
  };

  /** Re-decides without a reload. Before the first decision is done, it runs right after it. */
  const refresh = (hide?: boolean) => {
    if (!info) return void (pendingRefresh = true);
    if (config && profile) render(hide ? Date.now() + config.timeout : Infinity, hide).then(finish, warn);
  };

  const commands: Record<string, (...a: any[]) => unknown> = {
    ready(cb: (i: ReadyInfo) => void) {
      info ? cb(info) : readyCallbacks.push(cb);
    },
    segments: () => info?.segments.slice() ?? [],
    track(name: string) {
      if (!profile) return void (forgotten || queued.push(["track", name]));
      const n = String(name).slice(0, 100);
      // "__proto__", "constructor"…: indexing a plain object with them would touch Object.prototype.
      if (n in {}) return;
      const e = (profile.events[n] ??= { count: 0, last: 0 });
      e.count++, (e.last = Date.now()), keep({ profile }), refresh();
    },
    identify(traits: Record<string, unknown>) {
      if (!profile) return void (forgotten || queued.push(["identify", traits]));
      // First-party traits: scalars only, bounded, at most 50 of them.
      for (const k in traits) {
        const v = traits[k];
        if (/^(string|number|boolean)$/.test(typeof v) && (k in profile.traits || Object.keys(profile.traits).length < 50))
          profile.traits[k.slice(0, 100)] = typeof v == "string" ? v.slice(0, 500) : v;
      }
      keep({ profile }), refresh();
    },
    refresh,
    forget() {
      // Everything stops: in-flight fetches and saves see `forgotten` and store nothing.
      forgotten = true;
      for (const e in applied) applied[e]!.revert();
      applied = {};
      profile = content = ctx = config = undefined;
      return forget(site).catch(warn);
    },
  };
  const run = (cmd: Command) => {
    try {
      return commands[cmd[0]]?.(...cmd.slice(1));
    } catch (e) {
      warn(e);
    }
  };
  const facet = { v: 1, push: run } as Record<string, unknown>;
  for (const name in commands) facet[name] = (...a: unknown[]) => run([name, ...a]);
  w.facet = facet;

  /** A page view: recorded in the profile (and its topics' interest scores). */
  const view = (url: URL, referrer: string) => {
    profile = touch(profile, Date.now(), url, referrer);
    if (config) profile.interests = recordInterests(profile.interests, config.topics || [], url, Date.now());
  };

  // Single-page apps: a route change is a page view, and decisions follow it.
  const navigated = () =>
    setTimeout(() => {
      try {
        if (page() == lastPage || !profile || forgotten) return;
        view(new URL(location.href), location.origin + lastPage);
        lastPage = page();
        withheld = new Set();
        keep({ profile });
        refresh(true);
      } catch (e) {
        warn(e);
      }
    });
  for (const m of ["pushState", "replaceState"] as const) {
    const original = history[m];
    history[m] = function (this: History, ...a: Parameters<History["pushState"]>) {
      const r = original.apply(this, a);
      navigated();
      return r;
    };
  }
  addEventListener("popstate", navigated);

  const boot = async () => {
    const t0 = Date.now();
    if (!site) throw Error("data-site missing");
    const [p0, cfg0, ctx0, content0] = (await load(site, 500)) as [Visitor?, Config?, ServerContext?, Content?];
    const now = Date.now();
    config = cfg0?.segments ? cfg0 : undefined;
    // A repeat visit decides from the cache even when the context is past its expiry (a new session
    // often is): the cache is refreshed in the background for the next page view.
    // A context cached before /context stopped sending geo and company is not used: fetching a new one
    // overwrites the company record and coordinates it holds.
    ctx = ctx0 && config && ctx0.v == config.v && !("geo" in ctx0) ? ctx0 : undefined;
    const fromCache = !!ctx;
    if (!ctx) {
      // First visit (or a cache from another version): config and context in parallel, one round trip.
      const [c, x] = await Promise.all([getJson<Config>(api("config"), 10_000), getJson<ServerContext>(api("context"), 10_000)]);
      if (forgotten) return;
      c.t = Date.now();
      config = c;
      // A publish between the two requests: the context's references belong to another version.
      ctx = x.v == c.v ? x : { ...x, server: {} };
    }
    const cfg = config!;
    content = content0?.v == cfg.v ? content0 : { v: cfg.v, changes: {} };
    // The profile is only taken up now: a route change while Facet was loading left it alone (see
    // navigated), so each page view is recorded once, in order, the landing page first.
    profile = p0;
    view(landing, doc.referrer);
    if (page() != lastPage) view(new URL(location.href), location.origin + lastPage), (lastPage = page());
    queued.splice(0).forEach(run);
    // One write for the page view, and for config and context when they just came from the network.
    keep(fromCache ? { profile } : { profile, config, context: ctx });
    const deadline = t0 + Math.min(cfg.timeout || 1000, 3000);
    finish(await render(deadline, Date.now() < deadline));
    // A route change or a track()/identify() while the first decision was made: decide again now.
    page() != lastPage ? navigated() : pendingRefresh && refresh();
    if (fromCache && (now - (cfg.t || 0) > 60_000 || ctx!.expires < now)) revalidate(cfg, new URL(location.href));
  };

  // Refreshes the cache off the critical path, for the next page view.
  const revalidate = async (old: Config, url: URL) => {
    try {
      const [c, x] = await Promise.all([getJson<Config>(api("config"), 10_000), getJson<ServerContext>(api("context"), 10_000)]);
      if (x.v != c.v || forgotten) return;
      c.t = Date.now();
      if (c.v == old.v) return keep({ config: c, context: x });
      const next: Content = { v: c.v, changes: {} };
      const { winners } = decide(c, contextFor(url, x, Date.now()), url);
      if (winners.length) next.changes = await variants(winners.map((w) => w.segment), c, x);
      keep({ config: c, context: x, content: next });
    } catch {}
  };

  for (const cmd of Array.isArray(q) ? (q as Command[]) : []) run(cmd);
  boot().catch((e) => {
    warn(e);
    finish({ segments: [], applied: [], source: "none" });
  });
}
