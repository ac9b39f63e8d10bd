// Opening the marketer's own site from the experience editor: editor links (the element picker) and preview
// links, made by the admin API (POST /sites/:site/links) and opened with window.open, so the page keeps
// window.opener and can postMessage its picks back. Messages count only from the site's allowed origins.
import { api } from "./api";

/** What facet-editor.js posts (snippet/preview/editor.ts). */
export interface EditorPick {
  source: "facet-editor";
  type: "pick" | "text";
  selector: string;
  matches?: number;
  text: string;
}

/** The first pattern that is a plain path (no wildcard, group or parameter), else "/". */
export const firstLiteralPage = (patterns: string[]) => patterns.find((p) => p.startsWith("/") && !/[*:(){}?+]/.test(p)) ?? "/";

/** The URL checked against the allowed origins, or a message saying what is wrong. */
export function pageUrl(value: string, origins: string[]): URL | string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return "Enter the full address of a page on your site, like https://www.example.com/pricing.";
  }
  if (!origins.includes(url.origin))
    return origins.length
      ? `${url.origin} is not an allowed origin of this site (${origins.join(", ")}).`
      : "This site has no allowed origins yet: add one in its settings.";
  return url;
}

export async function openLink(site: string, body: { kind: "editor" | "preview"; experience: string; url: string; segment?: string }) {
  const link = await api<{ url: string }>("POST", `/sites/${site}/links`, body);
  // A named window: a second pick reuses the picker tab instead of piling up new ones.
  return window.open(link.url, body.kind === "editor" ? "facet-editor" : "facet-preview");
}

/** Calls `onPick` for editor messages from an allowed origin; anything else is ignored. */
export function listenForPicks(origins: string[], onPick: (m: EditorPick) => void) {
  addEventListener("message", (e: MessageEvent) => {
    const m = e.data as Partial<EditorPick> | null;
    if (m?.source !== "facet-editor" || typeof m.selector !== "string") return;
    // The editor runs on the customer's page: only the site's own origins may fill a selector here.
    if (!origins.includes(e.origin)) return;
    if (m.type === "pick" || m.type === "text") onPick(m as EditorPick);
  });
}
