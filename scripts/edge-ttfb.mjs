// Time to first byte through edge mode, taken apart (docs/edge.md "Time to first byte"): a page served by a
// local origin directly, Facet's Worker answering alone (/healthz: the local runtime's own hop), edge mode
// passing the page through (a hostname whose site has no live config), edge mode personalizing it, and an
// image through edge mode (the site's config has a company segment: a decision looks the company up).
// Interleaved rounds, median and interquartile range in ms from request to response headers.
// Usage: node scripts/edge-ttfb.mjs [rounds=60]
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adminCall } from "./seed.mjs";
import { applyMigrations, startWorker } from "./wrangler.mjs";

const rounds = Number(process.argv[2] ?? 60);
const TOKEN = "ttfb-owner-token-0123456789";
const page = `<!doctype html><html><head><title>t</title></head><body><h1 id="hero">Default</h1>${"<p>filler</p>".repeat(2000)}</body></html>`;
const png = new Uint8Array(2048);
const origin = createServer((req, res) => {
  const image = req.url.startsWith("/logo.png");
  res.writeHead(200, { "content-type": image ? "image/png" : "text/html; charset=utf-8" });
  res.end(image ? png : page);
});
await new Promise((r) => origin.listen(0, "127.0.0.1", r));
const originUrl = `http://127.0.0.1:${origin.address().port}`;
const dir = mkdtempSync(join(tmpdir(), "facet-ttfb-"));
applyMigrations(dir);
const worker = await startWorker({
  persistTo: dir,
  vars: {
    ADMIN_TOKEN: TOKEN,
    SIGNING_SECRET: "ttfb-signing-secret-0123456789",
    FACET_DEV: "true",
    FACET_RATE_LIMITS: "off",
    FACET_EDGE: JSON.stringify({
      "on.localhost": { site: "ttfb", origin: originUrl },
      "off.localhost": { site: "none", origin: originUrl },
    }),
  },
});
try {
  const call = (method, path, body) => adminCall(worker.url, TOKEN, method, path, body);
  await call("POST", "/sites", { key: "ttfb", name: "ttfb", origins: [originUrl] });
  await call("POST", "/sites/ttfb/segments", { id: "everyone", name: "Everyone", condition: { "page.path": { $regex: "^/" } } });
  // A company segment too, as most B2B configs have: each decision looks the visitor's company up.
  await call("POST", "/sites/ttfb/segments", { id: "acme", name: "Acme", condition: { "company.domain": "acme.com" } });
  await call("POST", "/sites/ttfb/experiences", {
    id: "hero",
    name: "Hero",
    variants: [
      { segment: "acme", changes: [{ type: "text", selector: "#hero", value: "Hi Acme" }] },
      { segment: "everyone", changes: [{ type: "text", selector: "#hero", value: "Personal" }] },
    ],
  });
  await call("POST", "/sites/ttfb/publish");
  const port = new URL(worker.url).port;
  // The Worker tells hostnames apart by the Host header; the connection is to loopback.
  const nav = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
  const img = { accept: "image/avif,image/webp,image/*,*/*;q=0.8" };
  const cells = {
    "origin directly": [`${originUrl}/`, nav],
    "Worker alone (/healthz)": [`${worker.url}/healthz`, {}],
    "edge, passing through": [`${worker.url}/`, { ...nav, host: `off.localhost:${port}` }],
    "edge, personalizing": [`${worker.url}/`, { ...nav, host: `on.localhost:${port}` }],
    "image, origin directly": [`${originUrl}/logo.png`, img],
    "image through edge mode": [`${worker.url}/logo.png`, { ...img, host: `on.localhost:${port}` }],
  };
  const times = Object.fromEntries(Object.keys(cells).map((k) => [k, []]));
  for (let r = -5; r < rounds; r++)
    for (const [name, [url, headers]] of Object.entries(cells)) {
      const t0 = performance.now();
      const res = await fetch(url, { headers });
      const t = performance.now() - t0;
      await res.arrayBuffer();
      if (name == "edge, personalizing" && r == 0 && !(await (await fetch(url, { headers })).text()).includes("Personal"))
        throw new Error("edge mode did not personalize");
      if (r >= 0) times[name].push(t);
    }
  const q = (xs, p) => xs.toSorted((a, b) => a - b)[Math.floor(p * (xs.length - 1))].toFixed(1);
  for (const [name, xs] of Object.entries(times)) console.log(`${name.padEnd(26)} ${q(xs, 0.5)} ms [${q(xs, 0.25)}–${q(xs, 0.75)}]`);
} finally {
  await worker.stop();
  origin.close();
  rmSync(dir, { recursive: true, force: true });
}
