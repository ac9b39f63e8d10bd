// What a screen may read: the admin JSON API, fetched by the browser with its own session cookie, so the API's
// authentication and roles are the only ones (the page never reads D1 itself and cannot show more than the API).

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

/** Fetches one admin API path ("/sites"): the browser's fetch, or a test's. */
export type ApiFetch = (path: string) => Promise<Response>;

export function apiReader(fetchApi: ApiFetch) {
  return async <T>(path: string): Promise<T> => {
    let res: Response;
    try {
      res = await fetchApi(path);
    } catch {
      throw new PageFailure(0, "Could not reach Facet. Check your connection, then reload the page.");
    }
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!res.ok) throw new PageFailure(res.status, body?.error?.message ?? `HTTP ${res.status}`);
    return body as T;
  };
}

export const canEdit = (me: Me) => me.role !== "viewer";
export const isOwner = (me: Me) => me.role === "owner";
