// Turns a screen into an HTML answer: who is asking (GET /me; no session → the login screen), the
// screen's data through the API, and API refusals (403, 404) shown as a message instead of a crash.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { Layout, type Assets } from "./layout";
import { apiReader, PageFailure, type ApiApp, type Me, type PageContext } from "./load";

export interface ScreenOut {
  title: string;
  site?: string;
  body: Child;
}
export type Screen = (ctx: PageContext) => Promise<ScreenOut>;

async function page(c: Context, node: Child, status: 200 | 403 | 404 | 500 = 200) {
  return c.html(`<!DOCTYPE html>${await node}`, status);
}

export async function renderScreen(c: Context, api: ApiApp, assets: Assets, screen: Screen, needsLogin = true) {
  const url = new URL(c.req.url);
  const get = apiReader(api, url.origin, c.req.header("cookie") ?? "", c.env);
  let me: Me | undefined;
  try {
    me = await get<Me>("/me");
  } catch (err) {
    if (!(err instanceof PageFailure) || err.status !== 401) throw err;
    if (needsLogin) return c.redirect(`/admin/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  const ctx: PageContext = { me: me!, origin: url.origin, path: url.pathname, params: c.req.param(), query: c.req.query(), get };
  try {
    const out = await screen(ctx);
    return page(
      c,
      <Layout title={out.title} assets={assets} me={me} site={out.site} current={url.pathname + url.search}>
        {out.body}
      </Layout>,
    );
  } catch (err) {
    if (!(err instanceof PageFailure) || err.status === 401) throw err;
    const status = err.status === 403 || err.status === 404 ? err.status : 500;
    return page(
      c,
      <Layout title="Not available" assets={assets} me={me}>
        <h1>{status === 403 ? "Not allowed" : status === 404 ? "Not found" : "Something went wrong"}</h1>
        <p class="error-box">{err.message}</p>
        <p>
          <a href="/admin">Back to your sites</a>
        </p>
      </Layout>,
      status,
    );
  }
}
