// What the edge knows about a visitor from one request, in the shape of the snippet's context
// (snippet/context.ts builds the device's): the results of the server references, the URL's path, host and
// query, the UTM parameters of this URL, and what of device.* the request's headers settle. Every other path is unknown here, so a new attribute the snippet
// gains later is never decided at the edge by mistake. Pure.

import type { ServerDevice } from "../../contract/wire";

const UTM = ["source", "medium", "campaign", "term", "content"];

export interface EdgeFacts {
  context: Record<string, unknown>;
  /** Whether a condition path reads something only the device knows. */
  unknown: (path: string) => boolean;
}

/** `device`: the request's classification (worker/visitor/device.ts), the one /context gives the snippet. */
export function edgeFacts(url: URL, server: Record<string, boolean>, device?: ServerDevice): EdgeFacts {
  // page.url is not known: the browser's href has the #fragment, which is never sent to a server. page.title
  // and page.language come from the finished document.
  const known = ["server", "page.path", "page.host", "page.query"];
  const context: Record<string, unknown> = {
    server,
    page: { path: url.pathname, host: url.host, query: Object.fromEntries(url.searchParams) },
  };
  // A URL with UTM parameters makes them the device's last touch, whatever came before (snippet/profile.ts
  // `touch`, same 200-character cut); the first touch is history, so unknown. Without any, both are history.
  const touch: Record<string, string> = {};
  for (const k of UTM) {
    const v = url.searchParams.get(`utm_${k}`);
    if (v) touch[k] = v.slice(0, 200);
  }
  if (Object.keys(touch).length) {
    context.utm = { last: touch, ...touch };
    known.push("utm.last", ...UTM.map((k) => `utm.${k}`));
  }
  if (device) {
    // snippet/device.ts keeps the browser as classified; it turns a Mac into an iPad (touch points) and a
    // desktop into a phone (small touch screen): macOS and desktop are only settled on the device.
    const d: Record<string, string> = { browser: device.browser };
    known.push("device.browser");
    if (device.os != "macos") {
      d.os = device.os;
      known.push("device.os");
    }
    if (device.type != "desktop") {
      d.type = device.type;
      known.push("device.type");
    }
    context.device = d;
  }
  return { context, unknown: (path) => !known.some((k) => path == k || path.startsWith(`${k}.`)) };
}
