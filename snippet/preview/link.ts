// What the preview and editor bundles share: the link's token, taken out of the address bar at once (so it
// is not bookmarked, shared or sent on as a Referer), and the token-gated draft it opens.
import type { Change } from "../../contract/wire";

export interface Draft {
  kind: "preview" | "editor";
  site: string;
  experience: { id: string; name: string; pages: string[] };
  expiresAt: string;
  /** Where the editor sends picks: the admin the link was made in (null: a link made before it was recorded). */
  adminOrigin: string | null;
  /** preview */
  segment?: string;
  changes?: Change[];
  /** editor */
  variants?: { segment: string; changes: Change[] }[];
}

const me = document.currentScript as HTMLScriptElement | null;
export const site = me?.dataset.site || "";
const base = me?.dataset.api || "";

let warned = false;
export const warn = (e: unknown) => warned || ((warned = true), console.warn("facet: preview link:", e));

/** The token of `#facet-<kind>=<token>`, removed from the URL (the rest of the fragment stays). */
export function takeToken(kind: string): string | undefined {
  const re = new RegExp(`(^#|&)facet-${kind}=([^&]*)&?`);
  const m = re.exec(location.hash);
  if (!m) return;
  const rest = location.hash.replace(re, "$1").replace(/^#&?$|&$/, "");
  history.replaceState(history.state, "", location.pathname + location.search + rest);
  return decodeURIComponent(m[2]!);
}

/** The draft behind a token; throws the Worker's own message when it refuses it (altered, expired…). */
export async function openDraft(token: string): Promise<Draft> {
  const res = await fetch(`${base}/v1/preview/${encodeURIComponent(site)}`, { headers: { "X-Facet-Preview": token }, credentials: "omit" });
  if (!res.ok) throw (await res.json().catch(() => 0))?.error?.message || "HTTP " + res.status;
  return (await res.json()) as Draft;
}

/** A box in a shadow root on the page: the page's CSS can't reach in, and ours can't leak out. */
export function shadowBox(css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement("facet-ui");
  host.style.cssText = "all:initial;position:fixed;z-index:2147483647;";
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = css;
  root.append(style);
  document.documentElement.append(host);
  return { host, root };
}
