// A visitor's server-side attributes (geo.*, company.*), the results of the published config's server
// references for them, and the signature that lets the variants endpoint trust those results.
// The visitor's IP is used for the lookup and then dropped: never stored, never logged.
import type { Env } from "../env";
import { inAccountList } from "../enrich/accounts";
import { enrichCompany } from "../enrich/company";
import type { ServerDevice } from "../../contract/wire";
import type { ServerContext, Snapshot } from "../schemas/published";
import { evalCondition } from "../../contract/conditions";
import { geoFromCf, withSimulatedGeo, type Geo } from "./geo";
import { signContext } from "./sign";
import { readSimulation } from "./simulate";

/** How long a device may reuse a context before asking again. */
export const CONTEXT_TTL_SECONDS = 30 * 60;

export interface VisitorAttributes {
  geo: Geo;
  company: Record<string, string | number | boolean> | null;
}

/** `needsCompany`: whether the published config looks at company.* at all; if not, no company lookup is made. */
export async function visitorAttributes(env: Env, req: Request, site: string, needsCompany: boolean): Promise<VisitorAttributes> {
  const cf = (req as Request & { cf?: Record<string, unknown> }).cf;
  let geo = geoFromCf(cf);
  let ip = req.headers.get("cf-connecting-ip");
  let asn = typeof cf?.asn === "number" ? cf.asn : undefined;
  let asOrg = typeof cf?.asOrganization === "string" ? cf.asOrganization : undefined;
  if (env.FACET_DEV === "true") {
    const sim = readSimulation(req);
    if (sim) {
      geo = withSimulatedGeo(geo, sim.geo);
      // A simulated address has no real network behind it: the local cf's ASN would be wrong.
      if (sim.ip) {
        ip = sim.ip;
        asn = undefined;
        asOrg = undefined;
      }
      if (sim.asn !== undefined) asn = sim.asn;
      if (sim.asOrg !== undefined) asOrg = sim.asOrg;
    }
  }
  const company = needsCompany ? await enrichCompany(env, site, ip, asn, asOrg) : null;
  if (company) company.inAccountList = await inAccountList(env, site, company as { domain?: string; name?: string });
  return { geo, company };
}

/** `device`: the request's device (./device.ts), returned as is: it is not part of what the token proves. */
export async function serverContext(
  secret: string,
  snap: Snapshot,
  created: string,
  attrs: VisitorAttributes,
  now: number,
  device: ServerDevice,
): Promise<ServerContext> {
  const facts = { geo: attrs.geo, company: attrs.company };
  const server: Record<string, boolean> = {};
  for (const [ref, part] of Object.entries(snap.server)) server[ref] = evalCondition(facts, part);
  const expiresSeconds = Math.floor(now / 1000) + CONTEXT_TTL_SECONDS;
  const token = await signContext(secret, {
    s: snap.site,
    c: created,
    v: snap.v,
    t: Object.keys(server).filter((r) => server[r]),
    e: expiresSeconds,
  });
  // Only what the snippet needs: the attributes themselves (company record, account-list membership, the
  // visitor's coordinates) stay here, or any script on the customer's page could read them from IndexedDB.
  // The device's type, OS and browser are the visitor's own, read from what their browser sent.
  return { v: snap.v, server, token, expires: expiresSeconds * 1000, device };
}
