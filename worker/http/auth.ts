// The admin API's bearer token: the owner's API token (ADMIN_TOKEN secret). The admin page's session
// login (a later issue) sits beside it; this token keeps working for scripts.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

const enc = new TextEncoder();

async function sameSecret(a: string, b: string): Promise<boolean> {
  // Compare digests in constant time so the token can't be guessed byte by byte from response times.
  const [da, db] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
  return crypto.subtle.timingSafeEqual(da, db);
}

export const requireOwnerToken = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_TOKEN;
  if (!expected || expected.length < 16) {
    throw new ApiError(503, "admin_not_configured", "The admin API is disabled until an ADMIN_TOKEN secret of 16+ characters is set");
  }
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match || !(await sameSecret(match[1]!.trim(), expected))) {
    c.header("WWW-Authenticate", 'Bearer realm="facet-admin"');
    throw new ApiError(401, "unauthorized", "Send the owner's API token as Authorization: Bearer <token>");
  }
  await next();
});
