// Optimistic concurrency for segments, experiences and sites: each carries a version, GET answers it as
// an ETag ("v3"), and an edit names the version it started from (If-Match, or `version` in the body).
// Logged-in sessions must send one (two people in two browsers are the case it exists for); API tokens
// may leave it out, so existing scripts keep working (last write wins for them, as before).
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "./errors";

export const etagOf = (version: number) => `"v${version}"`;

/** The version the client edited, null for "any" (token requests without a precondition, or If-Match: *). */
export function expectedVersion(c: Context<AppEnv>, bodyVersion: number | undefined): number | null {
  const header = c.req.header("if-match")?.trim();
  let fromHeader: number | null = null;
  if (header && header !== "*") {
    const m = /^(?:W\/)?"v(\d{1,15})"$/.exec(header);
    if (!m)
      throw new ApiError(400, "invalid_precondition", 'If-Match must be an ETag this API returned, like "v3"', {
        "If-Match": "not an ETag from this API",
      });
    fromHeader = Number(m[1]);
  }
  if (fromHeader !== null && bodyVersion !== undefined && fromHeader !== bodyVersion) {
    throw new ApiError(400, "invalid_precondition", "If-Match and the body's version disagree", { version: "differs from If-Match" });
  }
  const expected = fromHeader ?? bodyVersion ?? null;
  if (expected === null && !header && c.get("principal").kind === "session") {
    throw new ApiError(
      428,
      "precondition_required",
      'Send the version you edited: If-Match: "v<version>" (the ETag of the GET) or "version" in the body',
    );
  }
  return expected;
}

export function versionConflict(what: string, current: number, sent: number | null): ApiError {
  return new ApiError(
    412,
    "version_conflict",
    `${what} was changed by someone else since you loaded it (you edited version ${sent}, it is now version ${current}). Nothing was saved: reload it and apply your change again.`,
    { version: `is now ${current}` },
  );
}
