// Progressive slow-down of failed logins, per account and per client: a pure decision, stored by
// db/login-attempts.ts. A wait doubles with each failure past the free ones and is capped, so nobody —
// the owner included — is ever locked out for good (and the owner's API token is never throttled).

/** Failures allowed before any wait: per account, and per client (an office shares one address). */
export const FREE_FAILURES = { email: 5, client: 20 } as const;
export const FIRST_WAIT_MS = 30_000;
export const MAX_WAIT_MS = 15 * 60_000;
/** A counter with no failure for this long starts again from zero. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

export interface Attempts {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

/** The counter after one more failure at `now`. */
export function afterFailure(prev: Attempts | null, now: number, free: number): Attempts {
  const failures = prev && now - prev.lastFailureAt < FORGET_AFTER_MS ? prev.failures + 1 : 1;
  // The failure that uses up the free ones starts the first wait; each one after it doubles the wait.
  const wait = failures >= free ? Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(failures - free, 20)) : 0;
  return { failures, lastFailureAt: now, blockedUntil: now + wait };
}

/** Milliseconds still to wait before another attempt is looked at (0: go ahead). */
export const waitLeft = (a: Attempts | null, now: number) => (a ? Math.max(0, a.blockedUntil - now) : 0);
