// Turns a browser location into what the page shows: who is asking (GET /me; no session → the login
// screen), the screen's data through the API, and API refusals (403, 404) shown as a message instead of a
// crash. Pure apart from `get`: the browser passes fetch (admin/client/mount.ts), tests a recorded API.
import type { Child } from "hono/jsx";
import { matchPath } from "../paths";
import { Layout } from "./layout";
import { PageFailure, type Me, type PageContext } from "./load";
import { SCREENS } from "./screens";

export interface ScreenOut {
  title: string;
  site?: string;
  body: Child;
}
export type Screen = (ctx: PageContext) => Promise<ScreenOut>;

/** Where to go instead (no session), or the page: its title, body HTML and the status the API's answer meant. */
export type Rendered = { redirect: string } | { status: 200 | 403 | 404 | 500; title: string; html: string; csrfToken: string | undefined };

export interface Where {
  origin: string;
  pathname: string;
  search: string;
}

// hono/jsx escapes every text and attribute value; toString() may be a Promise when a child is one.
const html = async (node: Child) => String(await (node as { toString(): string | Promise<string> }).toString());

const loginFor = (where: Where) => ({ redirect: `/admin/login?next=${encodeURIComponent(where.pathname + where.search)}` });

/** The first value of each query parameter, as the server's c.req.query() gave. */
function queryOf(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) if (!(k in query)) query[k] = v;
  return query;
}

export async function renderScreen(where: Where, get: PageContext["get"]): Promise<Rendered> {
  const match = matchPath(where.pathname);
  let me: Me | undefined;
  try {
    me = await get<Me>("/me");
  } catch (err) {
    if (!(err instanceof PageFailure) || err.status !== 401) return failure(err, undefined);
    if (!match || match.needsLogin) return loginFor(where);
  }
  if (!match) return failure(new PageFailure(404, `No admin screen at ${where.pathname}.`), me);
  const current = where.pathname + where.search;
  const ctx: PageContext = { me: me!, origin: where.origin, path: where.pathname, params: match.params, query: queryOf(where.search), get };
  try {
    const out = await SCREENS[match.path](ctx);
    const body = (
      <Layout me={me} site={out.site} current={current}>
        {out.body}
      </Layout>
    );
    return { status: 200, title: out.title, html: await html(body), csrfToken: me?.csrfToken };
  } catch (err) {
    // The session ended between /me and the screen's own reads.
    if (err instanceof PageFailure && err.status === 401 && match.needsLogin) return loginFor(where);
    return failure(err, me);
  }
}

async function failure(err: unknown, me: Me | undefined): Promise<Rendered> {
  const status = err instanceof PageFailure && (err.status === 403 || err.status === 404) ? err.status : 500;
  const message = err instanceof Error ? err.message : String(err);
  const body = (
    <Layout me={me}>
      <h1>{status === 403 ? "Not allowed" : status === 404 ? "Not found" : "Something went wrong"}</h1>
      <p class="error-box">{message}</p>
      <p>
        <a href="/admin">Back to your sites</a>
      </p>
    </Layout>
  );
  return { status, title: "Not available", html: await html(body), csrfToken: me?.csrfToken };
}
