// A local stand-in for an IP-data provider, speaking IPinfo's API shape (GET /{ip}?token=…), for tests
// of the company waterfall's provider step. The real service is unreachable from this machine.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type Answer = { status?: number; body?: unknown; raw?: string; delayMs?: number };

export interface FakeIpinfo {
  url: string;
  /** Requests seen per IP. */
  calls: Map<string, number>;
  close(): Promise<void>;
}

/** `answers`: ip → answer; other IPs get just `{ ip }` (an address IPinfo knows nothing more about). Requires `token`. */
export async function startFakeIpinfo(token: string, answers: Record<string, Answer>): Promise<FakeIpinfo> {
  const calls = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const ip = decodeURIComponent(url.pathname.slice(1));
    if (url.pathname === "/__calls") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(JSON.stringify(Object.fromEntries(calls)));
    }
    calls.set(ip, (calls.get(ip) ?? 0) + 1);
    // IPinfo takes the token as a Bearer header or a ?token= parameter.
    const given = req.headers.authorization?.replace(/^Bearer\s+/i, "") ?? url.searchParams.get("token");
    if (given !== token) {
      res.writeHead(403, { "content-type": "application/json" });
      return res.end(
        JSON.stringify({ status: 403, error: { title: "Unknown token", message: "Please ensure you've entered your token correctly." } }),
      );
    }
    const answer = answers[ip];
    if (answer?.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    res.writeHead(answer?.status ?? 200, { "content-type": "application/json" });
    res.end(answer?.raw ?? JSON.stringify({ ip, ...(answer?.body as object) }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
