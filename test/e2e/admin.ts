// Admin API calls from the browser tests (the same API the admin page uses).
import { inject } from "vitest";

export async function admin(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${inject("workerUrl")}/admin/api${path}`, {
    method,
    headers: { authorization: `Bearer ${inject("adminToken")}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** A published site whose single experience swaps the hero headline for `segment`'s visitors. */
export async function siteWithHeadline(opts: {
  key: string;
  origins: string[];
  condition: Record<string, unknown>;
  headline: string;
  selector?: string;
}) {
  await admin("POST", "/sites", { key: opts.key, name: opts.key, origins: opts.origins });
  await admin("POST", `/sites/${opts.key}/segments`, { id: "everyone", name: "Everyone", condition: opts.condition });
  await admin("POST", `/sites/${opts.key}/experiences`, {
    id: "hero",
    name: "Hero",
    variants: [{ segment: "everyone", changes: [{ type: "text", selector: opts.selector ?? "#hero-headline", value: opts.headline }] }],
  });
  await admin("POST", `/sites/${opts.key}/publish`);
}
