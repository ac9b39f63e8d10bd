// Headers on every /admin response, the JSON API included: the admin page runs only its own scripts and
// styles, can't be framed, and never shares a Referer with another origin. No CORS headers are ever
// set here: the admin API is same-origin only (the picker and preview use token-gated public endpoints).
import { createMiddleware } from "hono/factory";

export const ADMIN_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const HEADERS: Record<string, string> = {
  "Content-Security-Policy": ADMIN_CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  // Answers carry accounts, drafts and CSRF tokens: no shared cache may keep them.
  "Cache-Control": "no-store",
};

export const adminSecurityHeaders = createMiddleware(async (c, next) => {
  await next();
  // After next(): errors and 404s have been turned into responses by then, and get the headers too.
  for (const [name, value] of Object.entries(HEADERS)) {
    // The admin page's content-hashed script and stylesheet hold no data: they keep their year-long caching.
    if (name === "Cache-Control" && c.res.headers.get(name)?.includes("immutable")) continue;
    c.res.headers.set(name, value);
  }
});
