// A site origin for edge mode's browser tests (test/e2e/edge-*.test.ts): the dev Worker is put in front of it
// for the hostname shop.localhost (FACET_EDGE, test/e2e/global-setup.ts). Its page installs the tag of the
// site "edge-shop" from the Worker, whose address is only known once the Worker started (`worker`).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const EDGE_SHOP = "edge-shop";
export const EDGE_SHOP_HOST = "shop.localhost";

const page = (worker: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script async src="${worker}/facet.js" data-site="${EDGE_SHOP}"></script></head>
<body><h1 id="hero-headline">Welcome</h1><ul id="features"><li>Fast</li><li>Cheap</li></ul></body></html>`;

export async function startEdgeSite() {
  let worker = "";
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    // /override: the same page with a second slot, and attributes to change (test/e2e/edge-override.test.ts).
    const body =
      path == "/"
        ? page(worker)
        : path == "/override"
          ? page(worker)
              .replace("<ul", `<h2 id="tagline">Origin <b>tagline</b></h2><ul class="list  big" title='say "hi" &amp; <go>'`)
              // The page's own attribute named like an edge marker (not JSON): the snippet's restore never touches it.
              .replace("<h1", `<p id="own" data-facet-o0="not json">own</p><h1`)
          : path == "/instant"
            ? // The upgraded tag (config inlined, decisions by the page view at once: test/e2e/edge-instant.test.ts).
              page(worker).replace(`/facet.js" data-site="${EDGE_SHOP}"`, `/v1/sites/${EDGE_SHOP}/facet.js"`)
            : null;
    res.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setWorker: (url: string) => {
      worker = url;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
