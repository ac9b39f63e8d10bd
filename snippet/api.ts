// The public API, window.facet: track, identify, ready, segments, refresh, forget (and push, for the queue
// `window.facet = window.facet || []` a page may fill before the snippet loads). Commands that need the
// profile wait in a queue until boot.ts has loaded it; no command ever throws into the page.
import { forget } from "./store";
import { releasePrehide } from "./flicker";
import { appliedNow, render, revertAll, type ReadyInfo } from "./render";
import { config, end, forgotten, keep, profile, site, warn } from "./session";

type Command = [string, ...unknown[]];

const readyCallbacks: ((i: ReadyInfo) => void)[] = [];
const queued: Command[] = [];
let info: ReadyInfo | undefined;
/** A refresh asked for before the first decision: boot.ts runs it right after. */
export let pendingRefresh: true | undefined;

/** A decision is done: ready() callbacks get it, now and from now on. */
export const finish = (i: ReadyInfo | undefined) => {
  if (!i) return;
  info = i;
  readyCallbacks.splice(0).forEach((cb) => run(["ready", cb]));
};

/** The original page is what is shown (forget(), or a failure): what ready() callbacks and segments() get. */
export const none = () => finish({ segments: [], applied: appliedNow(), source: "none" });

/**
 * Re-decides without a reload. Before the first decision is done, it runs right after it. A profile means a
 * session (boot.ts starts both at once; forget() ends both). Returns nothing (it is facet.refresh()).
 */
export const refresh = (hide?: boolean) =>
  void (info ? profile && render(hide ? Date.now() + config!.timeout : Infinity, hide).then(finish, warn) : (pendingRefresh = true));

// biome-ignore lint/suspicious/noExplicitAny: the page passes anything; each command checks its own arguments
const commands: Record<string, (...a: any[]) => unknown> = {
  ready(cb: (i: ReadyInfo) => void) {
    info ? cb(info) : readyCallbacks.push(cb);
  },
  segments: () => info?.segments.slice() ?? [],
  // track() and identify() run once the profile is loaded (run() queues them until then).
  track(name: string) {
    const n = String(name).slice(0, 100);
    // "__proto__", "constructor"…: indexing a plain object with them would touch Object.prototype.
    if (n in {}) return;
    const e = (profile!.events[n] ??= { count: 0, last: 0 });
    e.count++, (e.last = Date.now()), keep({ profile }), refresh();
  },
  identify(traits: Record<string, unknown>) {
    // First-party traits: scalars only, bounded, at most 50 of them.
    const t = profile!.traits;
    for (const k in traits) {
      const v = traits[k];
      if (/^(string|number|boolean)$/.test(typeof v) && (k in t || Object.keys(t).length < 50))
        t[k.slice(0, 100)] = typeof v == "string" ? v.slice(0, 500) : v;
    }
    keep({ profile }), refresh();
  },
  refresh,
  forget() {
    // Everything stops: in-flight reads, fetches and saves see `forgotten`, and apply and store nothing. What is
    // reported from now on is the original page.
    end();
    revertAll();
    // Slots still hidden for a decision that will not come are shown now.
    releasePrehide();
    none();
    return forget(site).catch(warn);
  },
};

export const run = (cmd: Command) => {
  try {
    // track() and identify() need the profile: until it is loaded they wait (after forget(), they are dropped).
    if (!profile && /^(track|identify)$/.test(cmd[0])) return void (forgotten || queued.push(cmd));
    return commands[cmd[0]]?.(...cmd.slice(1));
  } catch (e) {
    warn(e);
  }
};

/** Replaces the page's queue with the API object (it has `v`: a second copy of the tag sees it and stops). */
export const install = (w: { facet?: unknown }) => {
  const facet = { v: 1, push: run } as Record<string, unknown>;
  for (const name in commands) facet[name] = (...a: unknown[]) => run([name, ...a]);
  w.facet = facet;
};

/** Runs, in order, the track()/identify() calls made before the profile was loaded. */
export const replay = () => queued.splice(0).forEach(run);
