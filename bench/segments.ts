// 100 segments as a marketer would write them, across the six kinds of SPEC §2, and 10 experiences that
// use all of them (a publish only ships segments some live experience uses). Every condition passes the
// Worker's save-time checks, so the same definitions feed the in-process and the workerd benchmarks.
import type { Condition } from "../contract/conditions";
import { int, mulberry32, pick, sample, type Random } from "../test/unit/prng";

export type SegmentKind = "behavioral" | "geographic" | "firmographic" | "technographic" | "demographic" | "psychographic" | "mixed";

export interface SegmentDef {
  id: string;
  name: string;
  kind: SegmentKind;
  condition: Condition;
  priority: number;
}

const EU = ["DE", "FR", "NL", "BE", "AT", "IT", "ES", "SE", "DK", "FI", "PL", "IE", "PT", "CZ"];
const CITIES = [
  "Berlin",
  "Munich",
  "Hamburg",
  "Frankfurt",
  "Cologne",
  "Paris",
  "Amsterdam",
  "London",
  "New York",
  "San Francisco",
  "Austin",
  "Toronto",
];
const INDUSTRIES = ["Software", "Financial Services", "Manufacturing", "Healthcare", "Retail", "Energy", "Insurance", "Logistics", "Media"];
const STEMS = [
  "acme",
  "globex",
  "initech",
  "umbrella",
  "hooli",
  "vandelay",
  "stark",
  "wayne",
  "tyrell",
  "soylent",
  "wonka",
  "cyberdyne",
  "aperture",
  "oscorp",
  "massive",
  "nakatomi",
  "zorg",
  "gringotts",
  "monarch",
  "prestige",
];
const TLDS = ["com", "io", "de", "co.uk", "net", "fr"];
const PATHS = [
  "/pricing",
  "/pricing/enterprise",
  "/demo",
  "/product",
  "/integrations/snowflake",
  "/integrations/bigquery",
  "/customers",
  "/security",
  "/careers",
  "/docs/getting-started",
  "/contact-sales",
  "/compare/fivetran",
];
const TOPICS = ["security", "pricing", "data_engineering", "careers", "compliance", "analytics"];
const ROLES = ["CTO", "VP Engineering", "Head of Data", "Data Engineer", "Analytics Engineer", "CFO", "Product Manager", "Developer"];
const EVENTS = ["signup_started", "pricing_calculator", "video_played", "whitepaper_downloaded", "demo_requested", "webinar_registered"];
const CAMPAIGNS = ["spring_launch", "q3_abm", "retargeting", "brand", "competitor_fivetran", "webinar_series"];

/** A target-account list: what the marketer wants to keep secret (the Worker evaluates it, SPEC §3). */
const accounts = (r: Random, n: number, include?: string) => {
  const list = Array.from({ length: n }, (_, i) => `${pick(r, STEMS)}${i}.${pick(r, TLDS)}`);
  if (include) list[int(r, 0, n - 1)] = include;
  return list;
};

type Template = (r: Random) => Omit<SegmentDef, "id" | "priority">;

// The visitor's company domain (visitor.ts) appears in some account lists, as it would for a target account.
export const VISITOR_DOMAIN = "kestrel-analytics.de";

const TEMPLATES: Template[] = [
  () => ({ name: "Returning visitors", kind: "behavioral", condition: { "visit.isReturning": true } }),
  (r) => ({ name: "Frequent visitors", kind: "behavioral", condition: { "visit.count": { $gte: int(r, 3, 10) } } }),
  (r) => ({
    name: "Engaged this visit",
    kind: "behavioral",
    condition: { "visit.pageviews": { $gt: int(r, 5, 30) }, "visit.timeOnSite": { $gte: int(r, 30, 300) } },
  }),
  (r) => ({ name: "Saw high-intent pages", kind: "behavioral", condition: { pages: { $in: sample(r, PATHS, int(r, 2, 5)) } } }),
  () => ({ name: "Blog readers", kind: "behavioral", condition: { pages: { $elemMatch: { $regex: "^/blog/" } } } }),
  (r) => ({ name: "Did an event", kind: "behavioral", condition: { [`events.${pick(r, EVENTS)}.count`]: { $gte: int(r, 1, 3) } } }),
  (r) => ({ name: "Has not done an event", kind: "behavioral", condition: { [`events.${pick(r, EVENTS)}`]: { $exists: false } } }),
  (r) => ({
    name: "Paid search",
    kind: "behavioral",
    condition: {
      "utm.source": { $in: sample(r, ["google", "bing", "linkedin", "facebook", "capterra"], 2) },
      "utm.medium": pick(r, ["cpc", "social", "paid"]),
    },
  }),
  (r) => ({ name: "First-touch campaign", kind: "behavioral", condition: { "utm.first.campaign": { $regexi: `^${pick(r, CAMPAIGNS)}` } } }),
  () => ({
    name: "From social",
    kind: "behavioral",
    condition: { referrer: { $regex: "linkedin\\.com|twitter\\.com|//t\\.co/|facebook\\.com" } },
  }),
  () => ({ name: "Landed on a campaign page", kind: "behavioral", condition: { landingPage: { $regex: "^/(lp|campaign|blog)/" } } }),
  (r) => ({
    name: "Came back recently",
    kind: "behavioral",
    condition: { "visit.daysSinceLast": { $lte: int(r, 1, 14) }, "visit.isReturning": true },
  }),
  (r) => ({ name: "EU visitors", kind: "geographic", condition: { "geo.country": { $in: sample(r, EU, int(r, 4, 14)) } } }),
  (r) => ({
    name: "City",
    kind: "geographic",
    condition: { "geo.country": pick(r, ["DE", "FR", "GB", "US"]), "geo.city": { $in: sample(r, CITIES, 3) } },
  }),
  () => ({ name: "In the EU", kind: "geographic", condition: { "geo.isEU": true } }),
  (r) => ({
    name: "Outside core markets",
    kind: "geographic",
    condition: { "geo.continent": { $nin: sample(r, ["EU", "NA", "AS", "OC"], 2) } },
  }),
  (r) => ({
    name: "Time zone",
    kind: "geographic",
    condition: { "geo.timezone": { $regex: `^${pick(r, ["America", "Europe", "Asia"])}/` } },
  }),
  (r) => ({
    name: "Target accounts",
    kind: "firmographic",
    condition: { "company.domain": { $in: accounts(r, int(r, 20, 120), r() < 0.5 ? VISITOR_DOMAIN : undefined) } },
  }),
  (r) => ({
    name: "Industry and size",
    kind: "firmographic",
    condition: { "company.industry": { $in: sample(r, INDUSTRIES, 3) }, "company.employees": { $gte: pick(r, [200, 1000, 5000]) } },
  }),
  () => ({
    name: "Known businesses",
    kind: "firmographic",
    condition: { "company.type": "business", "company.confidence": { $gte: 0.9 } },
  }),
  () => ({ name: "Account list", kind: "firmographic", condition: { "company.inAccountList": true } }),
  (r) => ({
    name: "Revenue band",
    kind: "firmographic",
    condition: { "company.revenueRange": { $in: sample(r, ["$10M-$100M", "$100M-$1B", "$1B-$10B", "$10B+"], 2) } },
  }),
  (r) => ({
    name: "Mobile",
    kind: "technographic",
    condition: { "device.type": { $in: ["mobile", "tablet"] }, "device.os": pick(r, ["ios", "android"]) },
  }),
  (r) => ({
    name: "Small desktop window",
    kind: "technographic",
    condition: {
      "device.browser": pick(r, ["chrome", "safari", "firefox", "edge"]),
      "device.viewport.width": { $lt: pick(r, [1280, 1600]) },
    },
  }),
  (r) => ({
    name: "App version",
    kind: "technographic",
    condition: { "traits.appVersion": { [pick(r, ["$vgte", "$vlt", "$vgt"])]: pick(r, ["3.10.0", "3.12.1", "2.9.14", "4.0.0-beta.2"]) } },
  }),
  (r) => ({ name: "Decision makers", kind: "demographic", condition: { "traits.role": { $ini: sample(r, ROLES, 3) } } }),
  (r) => ({
    name: "Trials with seats",
    kind: "demographic",
    condition: { "traits.plan": { $in: ["trial", "free"] }, "traits.seats": { $gt: int(r, 5, 50) } },
  }),
  () => ({
    name: "Not yet customers",
    kind: "demographic",
    condition: { "traits.lifecycle": { $ne: "customer" }, "traits.email": { $type: "string" } },
  }),
  (r) => ({
    name: "Uses an integration",
    kind: "technographic",
    condition: { "traits.integrations": { $all: sample(r, ["snowflake", "dbt", "looker", "bigquery"], int(r, 1, 2)) } },
  }),
  (r) => ({
    name: "Pipeline subscribers",
    kind: "demographic",
    condition: { "traits.subscriptions": { $elemMatch: { product: "pipelines", seats: { $gte: int(r, 10, 40) } } } },
  }),
  (r) => ({
    name: "Interested in a topic",
    kind: "psychographic",
    condition: { [`interests.${pick(r, TOPICS)}`]: { $gte: int(r, 1, 3) } },
  }),
  (r) => ({
    name: "Two interests",
    kind: "psychographic",
    condition: { $and: sample(r, TOPICS, 2).map((t) => ({ [`interests.${t}`]: { $gt: 0.5 } })) },
  }),
  (r) => ({
    name: "Business hours on docs",
    kind: "mixed",
    condition: {
      "page.path": { $regex: "^/(docs|pricing)" },
      "time.hour": { $gte: 8, $lt: int(r, 17, 20) },
      "time.weekday": { $in: [1, 2, 3, 4, 5] },
    },
  }),
  (r) => ({
    name: "EU target accounts",
    kind: "mixed",
    condition: {
      $or: [{ "geo.country": { $in: sample(r, EU, 5) } }, { "company.domain": { $in: accounts(r, 40, VISITOR_DOMAIN) } }],
      "visit.isReturning": true,
    },
  }),
  (r) => ({
    name: "Warm enterprise leads",
    kind: "mixed",
    condition: {
      $and: [
        { "company.employees": { $gte: 1000 } },
        { $or: [{ [`interests.${pick(r, TOPICS)}`]: { $gt: 1 } }, { pages: { $in: ["/pricing", "/pricing/enterprise"] } }] },
      ],
    },
  }),
  () => ({ name: "Not ISP or hosting", kind: "firmographic", condition: { $nor: [{ "company.type": { $in: ["isp", "hosting"] } }] } }),
  () => ({ name: "Not on mobile", kind: "technographic", condition: { $not: { "device.type": "mobile" } } }),
  (r) => ({
    name: "Tagged",
    kind: "demographic",
    condition: { "traits.tags": { $size: { $gt: int(r, 1, 4) } }, "page.query.ref": { $exists: true } },
  }),
];

export function generateSegments(count = 100, seed = 7): SegmentDef[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const made = TEMPLATES[i % TEMPLATES.length]!(random);
    return { id: `seg-${String(i + 1).padStart(3, "0")}`, ...made, name: `${made.name} ${i + 1}`, priority: int(random, -100, 100) };
  });
}

/** Whether a condition names server-side attributes (geo.*, company.*), which publishing turns into references. */
export const usesServer = (c: Condition): boolean => /"(geo|company)\./.test(JSON.stringify(c));

export interface ExperienceDef {
  id: string;
  name: string;
  status: "live";
  pages: string[];
  variants: { segment: string; changes: Record<string, unknown>[] }[];
}

const PAGE_SETS = [
  [],
  ["/"],
  ["/pricing", "/pricing/*"],
  ["/blog/*"],
  ["/docs/*"],
  ["/", "/product"],
  ["/customers/*"],
  ["/integrations/*"],
  ["*"],
  ["/demo"],
];
const SLOTS = ["#hero-headline", "#hero-subheadline", "#hero-cta", "#announcement-bar", "#logo-wall", "#pricing-note", "#sidebar-offer"];

/** Changes a variant makes: the kinds the snippet applies, with realistic sizes. */
function changesFor(r: Random, segment: string): Record<string, unknown>[] {
  const slots = sample(r, SLOTS, int(r, 2, 4));
  return slots.map((selector, i) =>
    i === 0
      ? { type: "text", selector, value: `A headline written for ${segment}: ship reliable pipelines in minutes, not weeks` }
      : i === 1
        ? {
            type: "html",
            selector,
            value: `<strong>New for ${segment}:</strong> EU data residency, SOC 2 Type II and <a href="/security">more</a>`,
          }
        : i === 2
          ? { type: "attribute", selector, name: "href", value: `/demo?segment=${segment}` }
          : { type: "class", selector, add: ["is-personalized"], remove: [] },
  );
}

/** `count` experiences whose variants together use every segment once. */
export function generateExperiences(segments: readonly SegmentDef[], count = 10, seed = 11): ExperienceDef[] {
  const random = mulberry32(seed);
  const per = Math.ceil(segments.length / count);
  return Array.from({ length: count }, (_, i) => ({
    id: `exp-${String(i + 1).padStart(2, "0")}`,
    name: `Experience ${i + 1}`,
    status: "live",
    pages: PAGE_SETS[i % PAGE_SETS.length]!,
    variants: segments.slice(i * per, (i + 1) * per).map((s) => ({ segment: s.id, changes: changesFor(random, s.id) })),
  }));
}
