// One JSON error envelope for every failure: { "error": { "code", "message", "fields"? } }.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HTTPException } from "hono/http-exception";
import { DomainError, type DomainErrorKind } from "../errors";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export { notFound } from "../errors";

const STATUS: Record<DomainErrorKind, ContentfulStatusCode> = { not_found: 404, conflict: 409, unprocessable: 422 };

export function errorResponse(c: Context, status: ContentfulStatusCode, code: string, message: string, fields?: Record<string, string>) {
  return c.json({ error: fields ? { code, message, fields } : { code, message } }, status);
}

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) return errorResponse(c, err.status, err.code, err.message, err.fields);
  if (err instanceof DomainError) return errorResponse(c, STATUS[err.kind], err.code, err.message, err.fields);
  if (err instanceof HTTPException)
    return errorResponse(c, err.status as ContentfulStatusCode, "http_error", err.message || "request failed");
  // Unexpected: log once (never the visitor's IP or the request body), answer with the envelope.
  console.error("facet: unexpected error", c.req.method, c.req.routePath, err);
  return errorResponse(c, 500, "internal", "Something went wrong on our side");
}
