// Benchmark 3: the public endpoints on real workerd (`wrangler dev`), beside the do-nothing /healthz.
// Sets up a site with 20 segments (some over geo/company, so contexts carry server references) and one
// experience, imports 100,000 company ranges as one CSV upload, then measures sequential latency and
// throughput with 8 requests in flight from Node's fetch. The worker is stopped whatever happens.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evalCondition } from "../contract/conditions";
import { adminCall, seedSite } from "../scripts/seed.mjs";
import { applyMigrations, startWorker as startWranglerDev } from "../scripts/wrangler.mjs";
import { groupCpu, groupGone, wranglerGroup } from "./cpu";
import { generateRanges, rangesCsv } from "./ranges";
import { generateExperiences, generateSegments, usesServer } from "./segments";
import { summarize, type Summary } from "./stats";
import { visitorCompany, visitorContext } from "./visitor";

const ADMIN_TOKEN = "bench-admin-token-0123456789abcdef";
const SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const SITE = "bench";
/** The visitor's company block, written over one generated row so the import stays at exactly 100,000. */
const VISITOR_RANGE = "185.22.40.0/24";
const IP_IN_RANGE = "185.22.40.77";
/** TEST-NET-1: the generator never places a range in 192.0.0.0/8. */
const IP_IN_NO_RANGE = "192.0.2.77";
/** Turns each route takes, for latency and for throughput. */
const ROUNDS = 4;

// wrangler.mjs is untyped JavaScript, and TypeScript infers its options from the defaults alone.
const startWorker = startWranglerDev as (o: {
  persistTo: string;
  vars: Record<string, string>;
}) => Promise<{ url: string; stop: () => Promise<void> }>;

export interface RouteResult {
  route: string;
  path: string;
  simulate?: string;
  responseBytes: number;
  /** Sequential requests, one at a time: µs each. */
  latencyUs: Summary;
  /** Requests completed per second with `concurrency` in flight. */
  rps: number;
  throughputRequests: number;
  /** CPU per request during the throughput run, µs (null off Linux). Client = this Node process. */
  cpuUsPerRequest: { workerd: number | null; wranglerNode: number | null; client: number };
}

export interface WorkerResult {
  wranglerStartMs: number;
  seedMs: number;
  segments: number;
  serverSegments: number;
  version: number;
  importRanges: number;
  importBytes: number;
  importMs: number;
  importResponse: unknown;
  requestedSegments: string[];
  sequentialRequests: number;
  warmup: number;
  concurrency: number;
  throughputMs: number;
  rounds: number;
  routes: RouteResult[];
}

interface Options {
  ranges?: number;
  requests?: number;
  warmup?: number;
  concurrency?: number;
  throughputMs?: number;
  log?: (line: string) => void;
}

async function get(url: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(url, { headers });
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status} ${new TextDecoder().decode(body).slice(0, 500)}`);
  return body.byteLength;
}

interface Route {
  route: string;
  path: string;
  simulate?: string;
}

/**
 * Sequential latency, then throughput, for every route. Routes take turns in rounds (the order rotating),
 * so that load from elsewhere on the machine, or workerd settling after the import, lands on all of them
 * alike rather than on whichever route happened to run at that moment.
 */
async function measureRoutes(
  base: string,
  routes: Route[],
  o: Required<Omit<Options, "log" | "ranges">>,
  pgid: number | null,
  rounds: number,
): Promise<RouteResult[]> {
  const state = routes.map((route) => ({
    route,
    url: base + route.path,
    headers: (route.simulate ? { "x-facet-simulate": route.simulate } : {}) as Record<string, string>,
    bytes: 0,
    latency: [] as number[],
    done: 0,
    ms: 0,
    workerd: 0,
    other: 0,
    client: 0,
  }));
  const order = (round: number) => state.map((_, i) => state[(i + round) % state.length]!);

  for (const s of state) for (let i = 0; i < o.warmup; i++) s.bytes = await get(s.url, s.headers);

  for (let round = 0; round < rounds; round++) {
    for (const s of order(round)) {
      for (let i = 0; i < Math.ceil(o.requests / rounds); i++) {
        const start = performance.now();
        await get(s.url, s.headers);
        s.latency.push((performance.now() - start) * 1000);
      }
    }
  }

  // Throughput: `concurrency` loops each keep one request in flight; only requests that complete inside
  // the window count. A short concurrent warm-up before each window, so its connections are open.
  const loop = async (s: (typeof state)[number], until: number, onDone: () => void) => {
    while (performance.now() < until) {
      await get(s.url, s.headers);
      if (performance.now() <= until) onDone();
    }
  };
  const slice = o.throughputMs / rounds;
  for (let round = 0; round < rounds; round++) {
    for (const s of order(round)) {
      const warm = performance.now() + 150;
      await Promise.all(Array.from({ length: o.concurrency }, () => loop(s, warm, () => {})));
      const cpuBefore = groupCpu(pgid);
      const clientBefore = process.cpuUsage();
      const start = performance.now();
      await Promise.all(Array.from({ length: o.concurrency }, () => loop(s, start + slice, () => s.done++)));
      s.ms += slice;
      const client = process.cpuUsage(clientBefore);
      const cpuAfter = groupCpu(pgid);
      s.client += (client.user + client.system) / 1000;
      if (cpuBefore && cpuAfter) {
        s.workerd += cpuAfter.workerd - cpuBefore.workerd;
        s.other += cpuAfter.other - cpuBefore.other;
      }
    }
  }

  const perRequest = (ms: number, done: number) => (ms * 1000) / done;
  return state.map((s) => ({
    ...s.route,
    responseBytes: s.bytes,
    latencyUs: summarize(s.latency),
    rps: s.done / (s.ms / 1000),
    throughputRequests: s.done,
    cpuUsPerRequest: {
      workerd: pgid === null ? null : perRequest(s.workerd, s.done),
      wranglerNode: pgid === null ? null : perRequest(s.other, s.done),
      client: perRequest(s.client, s.done),
    },
  }));
}

export async function benchWorker(opts: Options = {}): Promise<WorkerResult> {
  const log = opts.log ?? (() => {});
  const o = {
    requests: opts.requests ?? 2_000,
    warmup: opts.warmup ?? 200,
    concurrency: opts.concurrency ?? 8,
    throughputMs: opts.throughputMs ?? 3_000,
  };
  const dir = mkdtempSync(join(tmpdir(), "facet-bench-worker-"));
  let worker: { url: string; stop: () => Promise<void> } | undefined;
  let pgid: number | null = null;
  // startWorker() detaches wrangler into its own process group, so an interrupt would leave it running.
  const onSignal = (signal: NodeJS.Signals) => void (worker?.stop() ?? Promise.resolve()).finally(() => process.kill(process.pid, signal));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    log("worker: applying migrations and starting wrangler dev");
    applyMigrations(dir);
    let t = performance.now();
    // Rate limits off (dev only): every request comes from 127.0.0.1 and would trip them (README "Rate limits").
    worker = await startWorker({ persistTo: dir, vars: { ADMIN_TOKEN, SIGNING_SECRET, FACET_DEV: "true", FACET_RATE_LIMITS: "off" } });
    pgid = wranglerGroup();
    const wranglerStartMs = performance.now() - t;
    const base = worker.url;

    // 20 of the benchmark's segments, 7 of them over geo/company, all used by one experience on every page.
    const all = generateSegments(100);
    const chosen = [...all.filter((s) => usesServer(s.condition)).slice(0, 7), ...all.filter((s) => !usesServer(s.condition)).slice(0, 13)];
    const [experience] = generateExperiences(chosen, 1);
    t = performance.now();
    const version: number = await seedSite(base, ADMIN_TOKEN, {
      site: { key: SITE, name: "Benchmark site", origins: ["https://www.example.com"] },
      segments: chosen.map(({ id, name, kind, condition, priority }) => ({ id, name, kind, condition, priority })),
      experiences: [experience],
    });
    const seedMs = performance.now() - t;

    const ranges = generateRanges(opts.ranges ?? 100_000, 1);
    const c = visitorCompany;
    const lines = rangesCsv(ranges).trimEnd().split("\n");
    lines[lines.length - 1] =
      `${VISITOR_RANGE},${c.name},${c.domain},${c.industry},${c.employees},${c.employeesRange},${c.revenueRange},${c.type}`;
    const csv = `${lines.join("\n")}\n`;
    log(`worker: importing ${ranges.length.toLocaleString("en-US")} ranges (${(csv.length / 1e6).toFixed(1)} MB CSV) in one request`);
    t = performance.now();
    const res = await fetch(`${base}/admin/api/company-ranges`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "text/csv" },
      body: csv,
    });
    const importText = await res.text();
    const importMs = performance.now() - t;
    if (!res.ok) throw new Error(`range import → ${res.status} ${importText.slice(0, 500)}`);

    // The setup must do what the benchmark claims: a company for the in-range address, none for the other.
    const sim = (ip: string) => `ip=${ip}&country=DE&city=Berlin`;
    // The context answers only the references' results, so the company itself is checked with the admin's lookup.
    const contextOf = async (ip: string) =>
      (await (await fetch(`${base}/v1/sites/${SITE}/context`, { headers: { "x-facet-simulate": sim(ip) } })).json()) as {
        token: string;
        server: Record<string, boolean>;
      };
    const companyAt = async (ip: string) =>
      ((await adminCall(base, ADMIN_TOKEN, "GET", `/company-ranges/lookup?ip=${ip}`)) as { company: { name?: string } | null }).company;
    const inside = await contextOf(IP_IN_RANGE);
    const [found, none] = [await companyAt(IP_IN_RANGE), await companyAt(IP_IN_NO_RANGE)];
    if (found?.name !== c.name) throw new Error(`no company from ranges for ${IP_IN_RANGE}: ${JSON.stringify(found)}`);
    if (none !== null) throw new Error(`a company for ${IP_IN_NO_RANGE}, expected none: ${JSON.stringify(none)}`);
    const companies = await adminCall(base, ADMIN_TOKEN, "GET", "/company-ranges");

    // The variants request asks for every chosen segment this visitor matches (the snippet asks only for
    // its winners' segments, which are fewer: this is the heavier request).
    const context = visitorContext();
    const requested = chosen.filter((s) => evalCondition(context, s.condition)).map((s) => s.id);
    const variants = `/v1/sites/${SITE}/variants?v=${version}&segments=${requested.join(",")}`;
    const routes: Route[] = [
      { route: "GET /healthz (do-nothing)", path: "/healthz" },
      { route: "GET config", path: `/v1/sites/${SITE}/config` },
      { route: "GET context, IP in a range", path: `/v1/sites/${SITE}/context`, simulate: sim(IP_IN_RANGE) },
      { route: "GET context, IP in no range", path: `/v1/sites/${SITE}/context`, simulate: sim(IP_IN_NO_RANGE) },
      { route: "GET variants", path: variants },
      { route: "GET variants + signed token", path: `${variants}&token=${encodeURIComponent(inside.token)}` },
    ];
    log(`worker: measuring ${routes.length} routes in alternating rounds`);
    const results = await measureRoutes(base, routes, o, pgid, ROUNDS);
    return {
      wranglerStartMs,
      seedMs,
      segments: chosen.length,
      serverSegments: chosen.filter((s) => usesServer(s.condition)).length,
      version,
      importRanges: (companies as { count: number }).count,
      importBytes: csv.length,
      importMs,
      importResponse: JSON.parse(importText),
      requestedSegments: requested,
      sequentialRequests: o.requests,
      warmup: o.warmup,
      concurrency: o.concurrency,
      throughputMs: o.throughputMs,
      rounds: ROUNDS,
      routes: results,
    };
  } finally {
    await worker?.stop();
    if (!(await groupGone(pgid))) log(`worker: wrangler's process group ${pgid} is still running after stop()`);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    rmSync(dir, { recursive: true, force: true });
  }
}
