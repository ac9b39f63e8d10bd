// Domain errors: what went wrong in the product's words, thrown by domain code (publish/, enrich/, db/)
// that knows nothing of HTTP. The one app.onError (http/errors.ts) maps each kind to its status and
// answers with the usual envelope, so `code` and `message` reach the client unchanged.

/** not_found → 404, conflict → 409, unprocessable (valid input that cannot be carried out) → 422. */
export type DomainErrorKind = "not_found" | "conflict" | "unprocessable";

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** The envelope's machine-readable code, e.g. "config_too_large". */
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** `what` names the missing thing as a person would: `Site "shop"`. */
export const notFound = (what: string) => new DomainError("not_found", "not_found", `${what} not found`);
