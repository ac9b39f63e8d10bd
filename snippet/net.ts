// Fetches JSON from the site's API (`path` below /v1/sites/KEY/, at session.ts's base) without credentials (no
// cookies either way) and never longer than 10 s.
import { base, site } from "./session";

export async function getJson<T>(path: string): Promise<T> {
  // The abort is never cleared: once the answer is read, aborting its request does nothing.
  const ctl = new AbortController();
  setTimeout(() => ctl.abort(), 10_000);
  // Never more than the page's origin as Referer, whatever the page's own policy.
  const res = await fetch(`${base}/v1/sites/${encodeURIComponent(site)}/${path}`, {
    credentials: "omit",
    referrerPolicy: "strict-origin-when-cross-origin",
    signal: ctl.signal,
  });
  // The Worker's error envelope says what is wrong ("Site \"x\" has not been published yet"): that
  // message is the warning's text, thrown as is.
  if (!res.ok) throw (await res.json().catch(() => 0))?.error?.message || "HTTP " + res.status;
  return (await res.json()) as T;
}
