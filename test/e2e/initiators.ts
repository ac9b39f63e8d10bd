// Sequential requests, counted from the DevTools protocol (not from timing): a request follows the script that
// initiated it (its initiator, async stack included) and every script-made request whose response had
// finished before it was sent (event order: what it may have waited for). The browser tests and the flicker
// bench (bench/flicker.ts) both use it.
import type { CDPSession } from "playwright-core";

export interface Sent {
  url: string;
  /** When it was sent, epoch ms (the page's performance.timeOrigin + performance.now() is on the same clock). */
  at: number;
  /** The URLs that caused it: the parser's document, or the scripts on the stack (async parents included). */
  causes: string[];
  /** Order of the protocol's events: when it was sent, and when its response had finished loading. */
  sentSeq: number;
  doneSeq?: number;
}

/** Records every request of the page, with what initiated it (Network.requestWillBeSent). */
export async function initiators(cdp: CDPSession): Promise<Sent[]> {
  const sent: Sent[] = [];
  const byId = new Map<string, Sent>();
  let seq = 0;
  await cdp.send("Network.enable");
  cdp.on("Network.loadingFinished", (e) => {
    const r = byId.get(e.requestId);
    if (r) r.doneSeq = ++seq;
  });
  cdp.on("Network.requestWillBeSent", (e) => {
    const causes: string[] = [];
    if (e.initiator.url) causes.push(e.initiator.url);
    for (let s = e.initiator.stack; s; s = s.parent) for (const f of s.callFrames) causes.push(f.url);
    const r: Sent = { url: e.request.url, at: e.wallTime * 1000, causes, sentSeq: ++seq };
    byId.set(e.requestId, r);
    sent.push(r);
  });
  return sent;
}

/**
 * How many requests in a row led to `url`: the document is 0, a script it loads 1, what that script fetches 2,
 * a fetch sent after that one's answer 3… Parents are always sent before: one pass in the order sent.
 */
export function depth(sent: Sent[], url: string): number {
  const d = new Map<Sent, number>();
  for (const r of [...sent].sort((a, b) => a.sentSeq - b.sentSeq)) {
    const parents = sent.filter(
      (x) =>
        d.has(x) &&
        (r.causes.includes(x.url) || (r.causes.length > 0 && x.causes.length > 0 && x.doneSeq !== undefined && x.doneSeq < r.sentSeq)),
    );
    d.set(r, parents.length ? 1 + Math.max(...parents.map((p) => d.get(p)!)) : 0);
  }
  const r = sent.find((x) => x.url === url);
  return r ? d.get(r)! : 0;
}
