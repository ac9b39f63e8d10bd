// A local site origin for edge mode's tests (test/worker/edge*.test.ts): fixed HTML pages, a binary file, and
// a page that sends its head, then waits until the test releases it, so a test can see which bytes the edge
// passed on before the origin finished.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const ORIGIN_PAGE = `<!doctype html><html><head><title>Shop</title></head><body><h1 id="hero">Welcome</h1><p class="lead">Original lead</p><a class="cta" href="/buy">Buy</a></body></html>`;

/** Deterministic bytes that are not valid UTF-8 and contain markup-looking parts. */
export const BINARY = Uint8Array.from({ length: 4096 }, (_, i) => (i * 37 + (i >> 3)) & 255);

export interface FakeOrigin {
  url: string;
  close(): Promise<void>;
}

export async function startFakeOrigin(): Promise<FakeOrigin> {
  const held = new Map<string, { release: () => void; state: "holding" | "released" | "done" }>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const id = url.searchParams.get("id") ?? "";
    switch (url.pathname) {
      case "/page":
        res.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          etag: '"v1"',
          "cache-control": "public, max-age=60",
          "x-origin": "yes",
        });
        return res.end(ORIGIN_PAGE);
      case "/missing":
        res.writeHead(404, { "content-type": "text/html" });
        return res.end(ORIGIN_PAGE);
      case "/binary":
        res.writeHead(200, { "content-type": "image/png" });
        return res.end(BINARY);
      case "/slow": {
        // The head and the slot now; 2 MB of body once released.
        res.writeHead(200, { "content-type": "text/html" });
        res.write(`<!doctype html><html><head><title>Big</title></head><body><h1 id="hero">Welcome</h1><p>first</p>\n`);
        const entry = { state: "holding" as "holding" | "released" | "done", release: () => {} };
        entry.release = () => {
          entry.state = "released";
          const row = `<p class="row">${"x".repeat(1000)}</p>\n`;
          for (let i = 0; i < 2048; i++) res.write(row);
          res.end("</body></html>", () => (entry.state = "done"));
        };
        held.set(id, entry);
        return;
      }
      case "/__release":
        held.get(id)?.release();
        return res.end("ok");
      case "/__state":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ state: held.get(id)?.state ?? "none" }));
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("no such page");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
