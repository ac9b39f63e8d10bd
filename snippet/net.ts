// Fetches JSON from the Worker without credentials (no cookies either way) and never longer than `ms`.
export async function getJson<T>(url: string, ms = 10_000): Promise<T> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), ms);
  try {
    // Never more than the page's origin as Referer, whatever the page's own policy.
    const res = await fetch(url, { credentials: "omit", referrerPolicy: "strict-origin-when-cross-origin", signal: ctl.signal });
    // The Worker's error envelope says what is wrong ("Site \"x\" has not been published yet"): that
    // message is the warning's text, thrown as is.
    if (!res.ok) throw (await res.json().catch(() => 0))?.error?.message || "HTTP " + res.status;
    return (await res.json()) as T;
  } finally {
    clearTimeout(timer);
  }
}
