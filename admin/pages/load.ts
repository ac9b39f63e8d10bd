// What a screen may read: the admin JSON API, called in-process with the browser's own cookie, so the API's
// authentication and roles are the only ones (the page never reads D1 itself and cannot show more than the API).
import type { Hono } from "hono";

export interface Me {
  kind: "session" | "owner-token" | "site-token";
  role: "viewer" | "editor" | "owner";
  user?: { id: string; email: string };
  csrfToken?: string;
}

/** An API answer other than 2xx: 401 sends the browser to the login screen, others become an error screen. */
export class PageFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface PageContext {
  me: Me;
  origin: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  get<T>(path: string): Promise<T>;
}

// Structural, so the loader needs nothing from the Worker but a Hono app to call.
// biome-ignore lint/suspicious/noExplicitAny: any app will do: only its request() is used, with its own env
export type ApiApp = Pick<Hono<any>, "request">;

export function apiReader(api: ApiApp, origin: string, cookie: string, env: unknown) {
  return async <T>(path: string): Promise<T> => {
    const res = await api.request(`${origin}/admin/api${path}`, { headers: cookie ? { cookie } : {} }, env);
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok) throw new PageFailure(res.status, body?.error?.message ?? `HTTP ${res.status}`);
    return body as T;
  };
}

export const canEdit = (me: Me) => me.role !== "viewer";
export const isOwner = (me: Me) => me.role === "owner";
