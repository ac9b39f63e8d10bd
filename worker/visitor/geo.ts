// Geographic attributes (SPEC §2) from Cloudflare's request.cf.

export type Geo = Record<string, string | number | boolean>;

// Countries of the European Union, for simulated geography (request.cf says isEUCountry itself).
const EU = new Set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "));

export function geoFromCf(cf: Record<string, unknown> | undefined): Geo {
  const geo: Geo = {};
  if (!cf) return geo;
  const copy = (from: string, to = from) => {
    const v = cf[from];
    if (typeof v === "string" && v !== "") geo[to] = v;
    else if (typeof v === "number") geo[to] = v;
  };
  copy("country");
  copy("region");
  copy("regionCode");
  copy("city");
  copy("postalCode");
  copy("continent");
  copy("timezone");
  for (const k of ["latitude", "longitude"]) {
    const n = Number(cf[k]);
    if (cf[k] !== undefined && Number.isFinite(n)) geo[k] = n;
  }
  geo.isEU = cf.isEUCountry === "1" || cf.isEUCountry === true;
  return geo;
}

/** Simulated fields replace real ones; isEU follows the simulated country. */
export function withSimulatedGeo(geo: Geo, sim: Record<string, string>): Geo {
  if (Object.keys(sim).length === 0) return geo;
  const out: Geo = sim.country ? { ...sim } : { ...geo, ...sim };
  out.isEU = typeof out.country === "string" && EU.has(out.country.toUpperCase());
  return out;
}
