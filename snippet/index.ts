// Facet's visitor snippet: <script async src=".../facet.js" data-site="KEY"></script>.
// Classifies the visitor on the device, fetches only the winning segments' content and swaps it in
// place. Everything is fail-open: any failure leaves the original page, with at most one warning.
import type { Change } from "../worker/schemas/change";
import type { PublishedConfig, ServerContext, VariantsResponse } from "../worker/schemas/published";
import { applyChanges, type Revert } from "./changes";
import { visitorContext } from "./context";
import { decide, type Winner } from "./decide";
import { hideSlots } from "./flicker";
import { getJson } from "./net";
import { touch, type Profile } from "./profile";
import { forget, load, save } from "./store";

type Config = PublishedConfig & { t?: number };
type Content = { v: number; changes: Record<string, Record<string, Change[]>> };
export interface ReadyInfo {
  segments: string[];
  applied: { experience: string; segment: string }[];
  /** Where the content came from: the device's cache, the network, or nowhere (original page). */
  source: "cache" | "network" | "none";
}
type Command = [string, ...unknown[]];

const w = window as unknown as { facet?: unknown };
const q = w.facet;
// A second copy of the tag must not run twice: the first one replaced the queue with an object.
if (!(q && !Array.isArray(q))) {
  let warned = false;
  const warn = (e: unknown) => warned || ((warned = true), console.warn("facet: showing original content:", e));
  const doc = document;
  const script = (doc.currentScript || doc.querySelector("script[data-site]")) as HTMLScriptElement | null;
  const site = script?.dataset.site || "";
  // The API is where the snippet came from, unless the tag names another host (data-api).
  const api = (path: string) => new URL(`/v1/sites/${encodeURIComponent(site)}/${path}`, script!.dataset.api || script!.src).href;
  const readyCallbacks: ((i: ReadyInfo) => void)[] = [];
  const queued: Command[] = [];
  let info: ReadyInfo | undefined;
  let profile: Profile | undefined;
  let reverts: Revert[] = [];

  const saveProfile = () => profile && save(site, { profile }).catch(warn);
  const commands: Record<string, (...a: any[]) => unknown> = {
    ready(cb: (i: ReadyInfo) => void) {
      info ? cb(info) : readyCallbacks.push(cb);
    },
    segments: () => info?.segments.slice() ?? [],
    track(name: string) {
      if (!profile) return void queued.push(["track", name]);
      const e = (profile.events[String(name).slice(0, 100)] ??= { count: 0, last: 0 });
      e.count++, (e.last = Date.now()), saveProfile();
    },
    identify(traits: Record<string, unknown>) {
      if (!profile) return void queued.push(["identify", traits]);
      for (const k in traits) if (/^string|number|boolean$/.test(typeof traits[k])) profile.traits[k.slice(0, 100)] = traits[k];
      saveProfile();
    },
    forget() {
      reverts.forEach((r) => r());
      reverts = [];
      profile = undefined;
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
  const api_ = { v: 1, push: run } as Record<string, unknown>;
  for (const name in commands) api_[name] = (...a: unknown[]) => run([name, ...a]);
  w.facet = api_;

  const finish = (i: ReadyInfo) => {
    info = i;
    readyCallbacks.splice(0).forEach((cb) => run(["ready", cb]));
  };

  const boot = async () => {
    const t0 = Date.now();
    if (!site) throw Error("data-site missing");
    const [p0, cfg0, ctx0, content0] = (await load(site, 500)) as [Profile?, Config?, ServerContext?, Content?];
    const url = new URL(location.href);
    const now = Date.now();
    profile = touch(p0, now, url, doc.referrer);
    queued.splice(0).forEach(run);
    saveProfile();

    let config = cfg0?.segments ? cfg0 : undefined;
    let ctx = ctx0 && config && ctx0.v == config.v && ctx0.expires > now ? ctx0 : undefined;
    const fromCache = !!ctx;
    const deadline = t0 + (config?.timeout || 1000);
    if (!ctx) {
      // First visit, or the cached context expired: config and context in parallel, one round trip.
      const [c, x] = await Promise.all([
        getJson<Config>(api("config"), 10_000).then((c) => ((c.t = Date.now()), c)),
        getJson<ServerContext>(api("context"), 10_000),
      ]);
      config = c;
      // A publish between the two requests: the context's references belong to another version.
      ctx = x.v == c.v ? x : { ...x, server: {} };
    }
    const cfg = config!;
    let content: Content = content0?.v == cfg.v ? content0 : { v: cfg.v, changes: {} };
    const { matched, winners } = decide(cfg, visitorContext(profile, ctx, url, doc, now), url);
    const late = () => Date.now() > deadline;
    const release = late() ? () => {} : hideSlots(doc, winners.flatMap((x) => x.slots), script!.dataset.nonce || script!.nonce);
    const timer = setTimeout(release, deadline - Date.now());
    const has = (x: Winner) => content.changes[x.experience]?.[x.segment];
    const missing = winners.filter((x) => !has(x));
    try {
      if (missing.length) {
        const segs = [...new Set(missing.map((x) => x.segment))].join(",");
        const got = await getJson<VariantsResponse>(api(`variants?v=${cfg.v}&segments=${segs}&token=${encodeURIComponent(ctx.token)}`), 10_000);
        for (const e in got.changes) content.changes[e] = { ...content.changes[e], ...got.changes[e] };
      }
      save(site, { config: cfg, context: ctx, content }).catch(warn);
      const applied: ReadyInfo["applied"] = [];
      // Content that arrives after the timeout is kept for the next page view, never swapped into a
      // page the visitor is already reading.
      if (!late()) {
        let pending = 0;
        const done = () => --pending || (clearTimeout(timer), release());
        for (const x of winners) {
          const changes = has(x);
          if (!changes) continue;
          pending++;
          try {
            reverts.push(...applyChanges(changes, doc, done));
            applied.push({ experience: x.experience, segment: x.segment });
          } catch (e) {
            // An invalid selector (or any DOM error) leaves this experience's slots original.
            done();
            warn(e);
          }
        }
        pending++, done();
      }
      finish({ segments: matched, applied, source: !applied.length ? "none" : fromCache && !missing.length ? "cache" : "network" });
    } finally {
      release();
      if (fromCache && now - (cfg.t || 0) > 60_000) revalidate(cfg, url);
    }
  };

  // Repeat visits decided from the cache; refresh it off the critical path for the next page view.
  const revalidate = async (old: Config, url: URL) => {
    try {
      const [c, x] = await Promise.all([getJson<Config>(api("config"), 10_000), getJson<ServerContext>(api("context"), 10_000)]);
      c.t = Date.now();
      const content: Content = { v: c.v, changes: {} };
      if (c.v == old.v) return save(site, { config: c, context: x });
      const { winners } = decide(c, visitorContext(profile!, x, url, doc, Date.now()), url);
      if (winners.length) {
        const segs = [...new Set(winners.map((w) => w.segment))].join(",");
        content.changes = (await getJson<VariantsResponse>(api(`variants?v=${c.v}&segments=${segs}&token=${encodeURIComponent(x.token)}`), 10_000)).changes;
      }
      await save(site, { config: c, context: x, content });
    } catch {}
  };

  for (const cmd of Array.isArray(q) ? (q as Command[]) : []) run(cmd);
  boot().catch((e) => {
    warn(e);
    finish({ segments: [], applied: [], source: "none" });
  });
}
