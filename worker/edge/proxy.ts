// Edge mode (docs/edge.md): the Worker in front of a site's origin. Every request goes to the origin; a 200
// HTML answer to a GET streams through HTMLRewriter with the changes the edge could decide. Fail-open: until
// the response starts, any failure of Facet's (no config, a decision that throws, a selector HTMLRewriter
// refuses) passes the origin's response through untouched; inside the stream, a failing change is skipped.
import { evalCondition } from "../../contract/conditions";
import type { Env } from "../env";
import { fillServerTokens, serverTokensIn } from "../content/server-tokens";
import { needsCompany } from "../publish/needs-company";
import { readSiteRecord, readSnapshot } from "../publish/store";
import { visitorAttributes } from "../visitor/context";
import { deviceFrom } from "../visitor/device";
import { decideAtEdge, type EdgeDecision } from "./decide";
import { edgeFacts } from "./facts";
import { edgeRedirect } from "./redirect";
import type { EdgeRoute } from "./route";
import { edgeRewriter } from "./rewrite";

/** The origin's request: same method, headers and body; redirects are the browser's to follow. */
function originRequest(req: Request, route: EdgeRoute): Request {
  if (!route.origin) return req;
  const url = new URL(req.url);
  return new Request(route.origin + url.pathname + url.search, new Request(req, { redirect: "manual" }));
}

/** The decisions for this request, from the live config of the route's site (none when nothing is live). */
export async function edgeDecisions(env: Env, req: Request, site: string): Promise<{ v: number; decided: EdgeDecision[] }> {
  const record = await readSiteRecord(env, site);
  const snap = record?.live ? await readSnapshot(env, site, record.live, record.created) : null;
  if (!snap) return { v: 0, decided: [] };
  let visitor = req;
  // Dev simulation (facet_sim_* on the page URL) is read from the Referer the snippet's calls carry: the
  // page's own URL plays that part here.
  if (env.FACET_DEV === "true" && !req.headers.has("x-facet-simulate")) {
    const headers = new Headers(req.headers);
    headers.set("referer", req.url);
    visitor = new Request(req.url, { headers, cf: (req as { cf?: RequestInitCfProperties }).cf });
  }
  const tokens = serverTokensIn(snap.content);
  const attrs = await visitorAttributes(env, visitor, site, needsCompany(snap) || tokens.company);
  // Server tokens filled as the variants endpoint fills them: the handoff then holds what /variants would give.
  const content = tokens.any ? fillServerTokens(snap.content, attrs) : snap.content;
  const facts = { geo: attrs.geo, company: attrs.company };
  const server: Record<string, boolean> = {};
  for (const [ref, part] of Object.entries(snap.server)) server[ref] = evalCondition(facts, part);
  const url = new URL(req.url);
  return { v: snap.v, decided: decideAtEdge(snap.config, content, edgeFacts(url, server, deviceFrom(req.headers)), url, Date.now()) };
}

/** Whether a response may be rewritten at all: anything else passes through byte for byte. */
const rewritable = (req: Request, res: Response) =>
  req.method == "GET" &&
  !req.headers.has("range") &&
  res.status == 200 &&
  /^text\/html\b/i.test(res.headers.get("content-type") ?? "") &&
  res.body !== null;

let warned = false;
const warnOnce = (e: unknown) => {
  if (!warned) {
    warned = true;
    console.error("facet: edge change skipped:", e instanceof Error ? e.message : e);
  }
};

export async function edgeFetch(env: Env, req: Request, route: EdgeRoute): Promise<Response> {
  const forward = originRequest(req, route);
  if (req.method != "GET" || req.headers.has("range")) return fetch(forward);
  const decide = () =>
    edgeDecisions(env, req, route.site).catch((e) => {
      console.error("facet: edge decision failed:", e instanceof Error ? e.message : e);
      return { v: 0, decided: [] as EdgeDecision[] };
    });
  // A request that accepts HTML (a navigation) is decided while the origin answers: time to first byte is the
  // slower of the two, not their sum. Any other (images, scripts, styles) is not decided at all unless the
  // origin answers it with HTML, so it never waits on a config read or a company lookup.
  const early = /\btext\/html\b/i.test(req.headers.get("accept") ?? "") ? decide() : undefined;
  let res: Response;
  try {
    res = await fetch(forward);
  } catch {
    return new Response("Bad gateway: the origin did not answer.\n", {
      status: 502,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  if (!rewritable(req, res)) return res;
  const { v, decided } = await (early ?? decide());
  if (!decided.length) return res;
  // Only a navigation is redirected: a page fetched by a script (pjax, htmx: Sec-Fetch-Mode cors) gets the page.
  const location = (req.headers.get("sec-fetch-mode") ?? "navigate") == "navigate" && edgeRedirect(decided, new URL(req.url));
  if (location) {
    // The snippet would leave this page at once: the visitor never gets it. One visitor's answer, no cookie.
    await res.body?.cancel().catch(() => {});
    return new Response(null, { status: 302, headers: { location, "cache-control": "private, no-store" } });
  }
  let rewriter: HTMLRewriter;
  try {
    rewriter = edgeRewriter(v, decided, warnOnce);
  } catch (e) {
    warnOnce(e);
    return res;
  }
  const headers = new Headers(res.headers);
  // One visitor's page: no shared cache may keep it, and the origin's validators describe another body.
  for (const h of ["content-length", "etag", "last-modified"]) headers.delete(h);
  headers.set("cache-control", "private, no-cache");
  return rewriter.transform(new Response(res.body, { status: res.status, statusText: res.statusText, headers }));
}
