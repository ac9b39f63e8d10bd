// Seeds the demo site through the admin API (the same calls the admin page makes), then publishes it.
// Idempotent: a site that already exists is left as its admin has it.
import { readFileSync } from "node:fs";

export const demoSeed = JSON.parse(readFileSync(new URL("../worker/demo/seed.json", import.meta.url), "utf8"));

export async function adminCall(base, token, method, path, body) {
  const res = await fetch(`${base}/admin/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Creates a site with its segments and experiences and publishes it; returns the published version. */
export async function seedSite(base, token, seed) {
  await adminCall(base, token, "POST", "/sites", seed.site);
  for (const s of seed.segments) await adminCall(base, token, "POST", `/sites/${seed.site.key}/segments`, s);
  for (const e of seed.experiences) await adminCall(base, token, "POST", `/sites/${seed.site.key}/experiences`, e);
  return (await adminCall(base, token, "POST", `/sites/${seed.site.key}/publish`)).version;
}

export async function seedDemo(base, token, seed = demoSeed) {
  const existing = await fetch(`${base}/admin/api/sites/${seed.site.key}`, { headers: { authorization: `Bearer ${token}` } });
  if (existing.ok) return { seeded: false };
  const { count } = await adminCall(base, token, "GET", "/company-ranges");
  if (count === 0) await adminCall(base, token, "POST", "/company-ranges", { ranges: seed.companyRanges });
  return { seeded: true, version: await seedSite(base, token, seed) };
}

export const LOCAL_OWNER = "owner@example.test";

/**
 * Makes the local owner login unless it exists. Returns the password when it was just created (the caller
 * keeps it in .dev.vars as a comment), null when the account was already there.
 */
export async function seedOwner(base, token, password, email = LOCAL_OWNER) {
  const { users } = await adminCall(base, token, "GET", "/users");
  if (users.some((u) => u.email === email)) return null;
  await adminCall(base, token, "POST", "/users", { email, password, role: "owner" });
  return password;
}
