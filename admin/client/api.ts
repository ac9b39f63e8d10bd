// The admin page's one way to the JSON API: same-origin, the session's CSRF token on every call, the item's
// version as If-Match on edits, and the error envelope turned into an ApiFailure the screens can show.

export interface ErrorBody {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

const csrf = () => document.querySelector<HTMLMetaElement>('meta[name="facet-csrf"]')?.content ?? "";

export async function api<T>(method: string, path: string, body?: unknown, version?: number): Promise<T> {
  const headers: Record<string, string> = { "x-csrf-token": csrf() };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (version !== undefined) headers["if-match"] = `"v${version}"`;
  let res: Response;
  try {
    res = await fetch(`/admin/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiFailure(0, { code: "network", message: "Could not reach Facet. Check your connection and try again; nothing was saved." });
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page: keep the status, say what happened.
  }
  if (!res.ok) {
    const error = (data as { error?: ErrorBody } | null)?.error;
    throw new ApiFailure(
      res.status,
      error ?? { code: `http_${res.status}`, message: `The server answered ${res.status}; nothing was saved.` },
    );
  }
  return data as T;
}
