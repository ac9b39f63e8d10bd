// The flicker bench's host: one landing page, served with each tag form of Facet and with GrowthBook's script
// tag (its auto build, anti-flicker on, timeout 1000 ms like Facet's, fed a local features payload making the
// same change). Loopback only. The hero is a solid block, red with its default content and green once changed
// (test/e2e/screencast.ts), so that the DevTools screencast can confirm the rAF frame counts.
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { prehide } from "../contract/prehide";
import { markDefault, slotColours } from "../test/e2e/screencast";

export const SITE = "flicker";
export const DEFAULT_TEXT = "Ship reliable data pipelines in minutes";
export const PERSONAL_TEXT = "Pipelines your team will trust";
export const SLOT = "#hero-headline";
export const GB_SCRIPT = readFileSync("node_modules/@growthbook/growthbook/dist/bundles/auto.min.js", "utf8");
// "edge + facet tag": the plain tag's page served through edge mode (docs/edge.md), the Worker in front of this host.
export const VARIANTS = ["facet tag", "facet tag + pre-hide", "facet upgraded tag + pre-hide", "edge + facet tag", "growthbook"] as const;
/** The hostname the bench's Worker serves edge mode on (FACET_EDGE), in front of this host. */
export const EDGE_HOST = "flicker.localhost";
export type Variant = (typeof VARIANTS)[number];

/** GrowthBook's payload: one visual-editor experiment whose only served variation sets the headline. */
const gbPayload = {
  features: {},
  experiments: [
    {
      key: "hero",
      changeId: "hero-change",
      status: "running",
      hashAttribute: "id",
      hashVersion: 2,
      coverage: 1,
      weights: [0, 1],
      urlPatterns: [{ type: "regex", include: true, pattern: ".*" }],
      variations: [{}, { domMutations: [{ selector: SLOT, action: "set", attribute: "html", value: PERSONAL_TEXT }] }],
    },
  ],
};

const body = `<body><nav><a href="/">Acme</a> <a href="/pricing">Pricing</a> <a href="/docs">Docs</a></nav>
<header><h1 id="hero-headline">${markDefault(DEFAULT_TEXT)}</h1><p>Connect sources, transform, and deliver on schedule.</p>
<a class="btn" href="/signup">Start free</a></header>
<main>${Array.from({ length: 30 }, (_, i) => `<section><h2>Feature ${i}</h2><p>${"Lorem ipsum dolor sit amet. ".repeat(8)}</p></section>`).join("")}</main></body>`;

export function head(variant: Variant, worker: string, host: string): string {
  const pre = `<script>${prehide(SITE)}</script>`;
  switch (variant) {
    case "facet tag":
    case "edge + facet tag":
      return `<script async src="${worker}/facet.js" data-site="${SITE}"></script>`;
    case "facet tag + pre-hide":
      return `${pre}<script async src="${worker}/facet.js" data-site="${SITE}"></script>`;
    case "facet upgraded tag + pre-hide":
      return `${pre}<script async src="${worker}/v1/sites/${SITE}/facet.js"></script>`;
    case "growthbook":
      return `<script async src="${host}/gb.js" data-api-host="${host}" data-client-key="key" data-anti-flicker="true" data-anti-flicker-timeout="1000" data-no-streaming="true"></script>`;
  }
}

export const pathOf = (v: Variant) => `/${VARIANTS.indexOf(v)}`;

/** `worker`: the Worker's URL, read per request (the Worker starts after the host: its FACET_EDGE names the host). */
export async function startHost(worker: () => string): Promise<{ origin: string; close: () => Promise<void> }> {
  let origin = "";
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/gb.js") {
      res.writeHead(200, { "content-type": "application/javascript", "cache-control": "public, max-age=300" });
      return res.end(GB_SCRIPT);
    }
    if (path === "/api/features/key") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-cache" });
      return res.end(JSON.stringify(gbPayload));
    }
    const v = VARIANTS[Number(path.slice(1))];
    if (!v) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme</title>${slotColours(SLOT)}${head(v, worker(), origin)}</head>${body}</html>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((r) => server.close(() => r())) };
}
