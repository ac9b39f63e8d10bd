// Session lifetime and cookie. A session ends after 12 hours without a request or 7 days after login,
// whichever comes first; the cookie itself is a session cookie capped at the absolute lifetime.
export const SESSION_COOKIE = "facet_session";
export const IDLE_MS = 12 * 60 * 60_000;
export const ABSOLUTE_MS = 7 * 24 * 60 * 60_000;
/** last_seen_at is written at most this often: idle expiry does not need every request to write to D1. */
export const TOUCH_EVERY_MS = 60_000;
export const INVITE_TTL_MS = 72 * 60 * 60_000;

export const sessionExpired = (s: { lastSeenAt: number; expiresAt: number }, now: number) =>
  now >= s.expiresAt || now - s.lastSeenAt >= IDLE_MS;

/** Browsers drop Secure cookies on plain http, so local development (and only it) goes without. */
export function cookieIsSecure(url: string): boolean {
  const u = new URL(url);
  return !(u.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(u.hostname));
}
