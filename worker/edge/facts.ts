// What the edge knows about a visitor from one request, in the shape of the snippet's context
// (snippet/context.ts builds the device's): the results of the server references, the URL's path, host and
// query, and the UTM parameters of this URL. Every other path is unknown here, so a new attribute the snippet
// gains later is never decided at the edge by mistake. Pure.

const UTM = ["source", "medium", "campaign", "term", "content"];

export interface EdgeFacts {
  context: Record<string, unknown>;
  /** Whether a condition path reads something only the device knows. */
  unknown: (path: string) => boolean;
}

export function edgeFacts(url: URL, server: Record<string, boolean>): EdgeFacts {
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
    const v = url.searchParams.get("utm_" + k);
    if (v) touch[k] = v.slice(0, 200);
  }
  if (Object.keys(touch).length) {
    context.utm = { last: touch, ...touch };
    known.push("utm.last", ...UTM.map((k) => "utm." + k));
  }
  return { context, unknown: (path) => !known.some((k) => path == k || path.startsWith(k + ".")) };
}
