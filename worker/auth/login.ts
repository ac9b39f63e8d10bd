// The login decision: throttle check, password check, counters. Throws domain errors; the route turns
// them into HTTP (429 with Retry-After, 401).
import type { Env } from "../env";
import { clearAttempts, getAttempts, putAttempts } from "../db/login-attempts";
import { getUserByEmail, type UserWithSecret } from "../db/users";
import { burnPasswordCheck, verifyPassword } from "./password";
import { sha256Hex } from "./secrets";
import { afterFailure, FREE_FAILURES, waitLeft } from "./throttle";

export class LoginThrottled extends Error {
  constructor(readonly waitMs: number) {
    super("too many failed logins");
  }
}
export class LoginFailed extends Error {}

/** Counter keys: hashed, never the raw email or address (the client's IP is salted, like visitor IPs). */
async function keysFor(env: Env, email: string, clientIp: string): Promise<{ email: string; client: string }> {
  const salt = env.IP_HASH_SALT ?? env.SIGNING_SECRET ?? "";
  return { email: `email:${await sha256Hex(email)}`, client: `client:${await sha256Hex(`${salt}\n${clientIp}`)}` };
}

/** The user when the password is right and neither the account nor the client is being slowed down. */
export async function checkLogin(env: Env, email: string, password: string, clientIp: string, now: number): Promise<UserWithSecret> {
  const keys = await keysFor(env, email, clientIp);
  const [byEmail, byClient] = await Promise.all([getAttempts(env.DB, keys.email), getAttempts(env.DB, keys.client)]);
  // While slowed, even the right password waits: otherwise the wait would tell a guesser when they hit.
  const wait = Math.max(waitLeft(byEmail, now), waitLeft(byClient, now));
  if (wait > 0) throw new LoginThrottled(wait);
  const user = await getUserByEmail(env.DB, email);
  const ok = user ? await verifyPassword(password, { hash: user.passwordHash, salt: user.salt }) : await burnPasswordCheck(password);
  if (!ok || !user) {
    await Promise.all([
      putAttempts(env.DB, keys.email, afterFailure(byEmail, now, FREE_FAILURES.email)),
      putAttempts(env.DB, keys.client, afterFailure(byClient, now, FREE_FAILURES.client)),
    ]);
    throw new LoginFailed("wrong email or password");
  }
  // The account's counter restarts; the client's does not (one good account must not reset a guesser's count).
  await clearAttempts(env.DB, keys.email);
  return user;
}
