// One realistic visitor context (the object snippet/context.ts builds, SPEC §2): a returning trial user
// from a Berlin software company on desktop Chrome, mid-funnel, reading the pricing page.
import { VISITOR_DOMAIN } from "./segments";

const NOW = Date.UTC(2026, 5, 17, 12, 30);
const DAY = 86_400_000;

export const visitorCompany = {
  name: "Kestrel Analytics GmbH",
  domain: VISITOR_DOMAIN,
  industry: "Software",
  employees: 2400,
  employeesRange: "1001-5000",
  revenueRange: "$100M-$1B",
  type: "business",
  confidence: 0.95,
  source: "ranges",
  inAccountList: true,
};

export const visitorGeo = {
  country: "DE",
  region: "Berlin",
  regionCode: "BE",
  city: "Berlin",
  postalCode: "10115",
  continent: "EU",
  timezone: "Europe/Berlin",
  latitude: 52.52,
  longitude: 13.405,
  isEU: true,
};

/** The context without `server` (the decide benchmark adds the Worker's reference results). */
export function visitorContext(): Record<string, unknown> {
  const lastTouch = { source: "linkedin", medium: "social", campaign: "q3_abm_kestrel" };
  return {
    visit: {
      count: 7,
      sessions: 7,
      pageviews: 42,
      isReturning: true,
      firstSeen: NOW - 41 * DAY,
      lastSeen: NOW - 60_000,
      timeOnSite: 185,
      daysSinceLast: 2,
    },
    pages: [
      "/",
      "/product",
      "/blog/data-contracts",
      "/blog/security/soc2-type-ii",
      "/docs/getting-started",
      "/integrations/snowflake",
      "/customers",
      "/customers/hooli",
      "/compare/fivetran",
      "/security",
      "/pricing",
      "/pricing/enterprise",
    ],
    referrer: "https://www.linkedin.com/",
    landingPage: "/blog/data-contracts",
    utm: { first: { source: "google", medium: "cpc", campaign: "spring_launch_de" }, last: lastTouch, ...lastTouch },
    events: {
      signup_started: { count: 1, last: NOW - 3 * DAY },
      pricing_calculator: { count: 3, last: NOW - 120_000 },
      video_played: { count: 2, last: NOW - 2 * DAY },
    },
    traits: {
      role: "VP Engineering",
      plan: "trial",
      seats: 25,
      lifecycle: "opportunity",
      email: "m.weber@kestrel-analytics.de",
      appVersion: "3.12.1",
      integrations: ["snowflake", "dbt", "looker"],
      tags: ["abm", "high-intent", "eu"],
      subscriptions: [
        { product: "lineage", tier: "free", seats: 5 },
        { product: "pipelines", tier: "trial", seats: 25 },
      ],
    },
    geo: visitorGeo,
    company: visitorCompany,
    page: {
      url: "https://www.example.com/pricing?ref=newsletter",
      path: "/pricing",
      host: "www.example.com",
      query: { ref: "newsletter" },
      title: "Pricing — Northwind Cloud",
      language: "en",
    },
    time: { hour: 14, weekday: 3 },
    device: { type: "desktop", os: "macos", browser: "chrome", touch: false, viewport: { width: 1440, height: 900 } },
    interests: { security: 2.4, pricing: 1.7, data_engineering: 3.1, careers: 0.2, compliance: 0.9 },
  };
}
