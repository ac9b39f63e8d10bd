// Dev-only visitor simulation (SPEC §7): lets the demo, previews and tests show geographic and
// firmographic segments on a laptop, where every request comes from 127.0.0.1 with a fixed `cf`.
// Read from the `X-Facet-Simulate` header, or from `facet_sim_*` parameters of the page URL that the
// browser sends as Referer (so the production snippet carries no simulation code at all).
// Callers must only use this when FACET_DEV is "true"; a deployed Worker never sets it.

export interface Simulation {
  ip?: string;
  asn?: number;
  asOrg?: string;
  geo: Record<string, string>;
}

const GEO_FIELDS = ["country", "region", "regionCode", "city", "postalCode", "continent", "timezone"] as const;

function fromParams(params: URLSearchParams, prefix: string): Simulation | null {
  const sim: Simulation = { geo: {} };
  let any = false;
  const ip = params.get(`${prefix}ip`);
  if (ip) {
    sim.ip = ip;
    any = true;
  }
  const asn = Number(params.get(`${prefix}asn`)?.replace(/^AS/i, ""));
  if (Number.isInteger(asn) && asn > 0) {
    sim.asn = asn;
    any = true;
  }
  const asOrg = params.get(`${prefix}asOrg`);
  if (asOrg) {
    sim.asOrg = asOrg.slice(0, 200);
    any = true;
  }
  for (const field of GEO_FIELDS) {
    const value = params.get(`${prefix}${field}`);
    if (value) {
      sim.geo[field] = value.slice(0, 100);
      any = true;
    }
  }
  return any ? sim : null;
}

export function readSimulation(req: Request): Simulation | null {
  const header = req.headers.get("x-facet-simulate");
  if (header) return fromParams(new URLSearchParams(header), "");
  const referer = req.headers.get("referer");
  if (!referer) return null;
  try {
    return fromParams(new URL(referer).searchParams, "facet_sim_");
  } catch {
    return null;
  }
}
