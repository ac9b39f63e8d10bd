// Edge mode's test helpers (worker/edge, docs/edge.md): a site published straight into KV, and requests through
// the Worker app answering for the hostname shop.test in front of a local origin (test/worker/fake-origin.mjs).
import { env } from "cloudflare:test";
import { inject } from "vitest";
import app from "../../worker/index";
import type { Change } from "../../contract/wire";
import { writeSiteRecord, writeSnapshot } from "../../worker/publish/store";
import type { Snapshot } from "../../worker/schemas/published";

export const ORIGIN = inject("originUrl");
let n = 0;

/** Publishes a site whose experience "hero" has these segments (highest priority first) with these changes. */
export async function site(
  segments: { id: string; condition: Record<string, unknown>; changes: Change[] }[],
  server: Snapshot["server"] = {},
): Promise<string> {
  const key = `edge-${++n}-${Date.now().toString(36)}`;
  const snap: Snapshot = {
    v: 1,
    site: key,
    publishedAt: new Date().toISOString(),
    config: {
      v: 1,
      site: key,
      timeout: 1000,
      topics: [],
      segments: segments.map(({ id, condition }) => ({ id, condition })),
      experiences: [{ id: "hero", pages: [], paths: [], slots: ["#hero"], segments: segments.map((s) => s.id) }],
    },
    server,
    needsCompany: false,
    content: { hero: Object.fromEntries(segments.map((s) => [s.id, s.changes])) },
  };
  await writeSiteRecord(env, key, { origins: [], live: 1, created: "c" });
  await writeSnapshot(env, snap);
  return key;
}

export const GERMANY = {
  id: "germany",
  condition: { "server.de": true },
  changes: [{ type: "text", selector: "#hero", value: "Willkommen <b>" }] as Change[],
};
export const GEO = { de: { "geo.country": "DE" } };
export const AS_GERMANY = { "x-facet-simulate": "country=DE" };

export function through(key: string, path: string, init: RequestInit = {}, origin = ORIGIN, more: Partial<typeof env> = {}) {
  const FACET_EDGE = JSON.stringify({ "shop.test": { site: key, origin } });
  return Promise.resolve(app.request(`http://shop.test${path}`, init, { ...env, ...more, FACET_EDGE }));
}
export const direct = (path: string, init: RequestInit = {}) => fetch(ORIGIN + path, init);

/** The page with each provisional marker's per-response random part taken out (data-facet-o0-1a2b3c4d → data-facet-o0). */
export const unmark = (html: string) => html.replace(/(data-facet-o\d+)-[0-9a-f]{8}/g, "$1");
