// Password hashing: PBKDF2-SHA256 through WebCrypto with a random salt per user.
// Deployed workerd refuses PBKDF2 above 100,000 iterations (local workerd does not), so the count is
// exactly that and a test pins it. One hash costs about 15 ms of CPU: login needs the Workers Paid
// plan's CPU limit (the free plan allows 10 ms per request). See docs/admin-api.md.
import { hex, sameBytes } from "./secrets";

export const PBKDF2_ITERATIONS = 100_000;
const HASH_BITS = 256;
const SALT_BYTES = 16;

const enc = new TextEncoder();
const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (b) => parseInt(b, 16));

async function derive(password: string, salt: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", enc.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: PBKDF2_ITERATIONS }, key, HASH_BITS);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<{ hash: string; salt: string }> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return { hash: hex(await derive(password, salt)), salt: hex(salt) };
}

export async function verifyPassword(password: string, stored: { hash: string; salt: string }): Promise<boolean> {
  return sameBytes(await derive(password, unhex(stored.salt)), unhex(stored.hash));
}

/** Spends the same work as a real check, so an unknown email answers as slowly as a wrong password. */
export async function burnPasswordCheck(password: string): Promise<false> {
  await derive(password, new Uint8Array(SALT_BYTES));
  return false;
}
