// A customer's website for the browser tests: a plain HTTP server on another loopback port (so another
// origin than the Worker), serving pages that install the Facet tag the way a marketer would.
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";

export interface Host {
  origin: string;
  close(): Promise<void>;
}

/** Serves `pages` (path → HTML) and, at /facet.js, the built snippet (for self-hosted-tag tests). */
export async function startHost(pages: Record<string, string>): Promise<Host> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/facet.js") {
      res.writeHead(200, { "content-type": "application/javascript" });
      return res.end(readFileSync("dist/facet.js"));
    }
    const html = pages[path];
    res.writeHead(html ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(html ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A small landing page with a hero, and the tag as pasted from the admin. */
export function landingPage(tag: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer site</title>${tag}</head>
<body><header><h1 id="hero-headline">Original headline</h1><p id="hero-subheadline">Original subheadline</p>
<a id="hero-cta" class="btn" href="/signup">Sign up</a></header><main><h2 id="pricing-heading">Pricing</h2></main></body></html>`;
}

export function tag(src: string, site: string, extra = ""): string {
  return `<script async src="${src}" data-site="${site}"${extra ? ` ${extra}` : ""}></script>`;
}
