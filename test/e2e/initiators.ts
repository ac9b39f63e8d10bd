// Sequential requests, counted from the DevTools protocol's request initiators (not from timing): the browser
// tests and the flicker bench (bench/flicker.ts) both use it.
import type { CDPSession } from "playwright-core";

export interface Sent {
  url: string;
  /** When it was sent, epoch ms (the page's performance.timeOrigin + performance.now() is on the same clock). */
  at: number;
  /** The URLs that caused it: the parser's document, or the scripts on the stack (async parents included). */
  causes: string[];
}

/** Records every request of the page, with what initiated it (Network.requestWillBeSent). */
export async function initiators(cdp: CDPSession): Promise<Sent[]> {
  const sent: Sent[] = [];
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", (e) => {
    const causes: string[] = [];
    if (e.initiator.url) causes.push(e.initiator.url);
    for (let s = e.initiator.stack; s; s = s.parent) for (const f of s.callFrames) causes.push(f.url);
    sent.push({ url: e.request.url, at: e.wallTime * 1000, causes });
  });
  return sent;
}

/** How many requests in a row led to `url`: the document is 0, a script it loads 1, what that script fetches 2… */
export function depth(sent: Sent[], url: string, seen = new Set<string>()): number {
  const r = sent.find((x) => x.url === url);
  if (!r || seen.has(url)) return 0;
  seen.add(url);
  const parents = r.causes.filter((c) => c && c !== url && sent.some((x) => x.url === c));
  return parents.length ? 1 + Math.max(...parents.map((p) => depth(sent, p, seen))) : 0;
}
