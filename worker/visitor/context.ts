// A visitor's server-side attributes (geo.*, company.*), the results of the published config's server
// references for them, and the signature that lets the variants endpoint trust those results.
// The visitor's IP is used for the lookup and then dropped: never stored, never logged.
import type { Env } from "../env";
import { findCompany } from "../db/companies";
import type { ServerContext, Snapshot } from "../schemas/published";
import { evalCondition } from "../../snippet/conditions";
import { geoFromCf, withSimulatedGeo, type Geo } from "./geo";
import { ipToHex } from "./ip";
import { signContext } from "./sign";
import { readSimulation } from "./simulate";

/** How long a device may reuse a context before asking again. */
export const CONTEXT_TTL_SECONDS = 30 * 60;

export interface VisitorAttributes {
  geo: Geo;
  company: Record<string, string | number | boolean> | null;
}

export async function visitorAttributes(env: Env, req: Request): Promise<VisitorAttributes> {
  const cf = (req as Request & { cf?: Record<string, unknown> }).cf;
  let geo = geoFromCf(cf);
  let ip = req.headers.get("cf-connecting-ip");
  let asn = cf?.asn;
  let asOrg = cf?.asOrganization;
  if (env.FACET_DEV === "true") {
    const sim = readSimulation(req);
    if (sim) {
      geo = withSimulatedGeo(geo, sim.geo);
      // A simulated address has no real network behind it: the local cf's ASN would be wrong.
      if (sim.ip) (ip = sim.ip), (asn = asOrg = undefined);
    }
  }
  const hex = ip ? ipToHex(ip) : null;
  const found = hex ? await findCompany(env.DB, hex) : null;
  const company: VisitorAttributes["company"] = found ? { ...found, confidence: 1, source: "ranges" } : null;
  if (company && typeof asn === "number") company.asn = asn;
  if (company && typeof asOrg === "string" && asOrg) company.asOrg = asOrg;
  return { geo, company };
}

export async function serverContext(secret: string, snap: Snapshot, attrs: VisitorAttributes, now: number): Promise<ServerContext> {
  const facts = { geo: attrs.geo, company: attrs.company };
  const server: Record<string, boolean> = {};
  for (const [ref, part] of Object.entries(snap.server)) server[ref] = evalCondition(facts, part);
  const expiresSeconds = Math.floor(now / 1000) + CONTEXT_TTL_SECONDS;
  const token = await signContext(secret, {
    s: snap.site,
    v: snap.v,
    t: Object.keys(server).filter((r) => server[r]),
    e: expiresSeconds,
  });
  return { v: snap.v, geo: attrs.geo, company: attrs.company, server, token, expires: expiresSeconds * 1000 };
}
