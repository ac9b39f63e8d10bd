// Sample visitor contexts for "test against a visitor": the shape the snippet evaluates (docs/attributes.md).
const now = Date.now();
const day = 86_400_000;

export const SAMPLES: Record<string, Record<string, unknown>> = {
  "Returning visitor from Berlin, desktop": {
    visit: { count: 4, sessions: 4, pageviews: 17, isReturning: true, firstSeen: now - 20 * day, lastSeen: now, daysSinceLast: 3, timeOnSite: 140 },
    pages: ["/", "/pricing", "/blog/security/zero-trust"], landingPage: "/", referrer: "https://www.google.com/",
    utm: { source: "newsletter", medium: "email", campaign: "spring-launch" },
    geo: { country: "DE", region: "Berlin", regionCode: "BE", city: "Berlin", continent: "EU", timezone: "Europe/Berlin", isEU: true },
    device: { type: "desktop", os: "macos", browser: "chrome", touch: false, viewport: { width: 1440, height: 900 } },
    traits: { plan: "team", role: "developer" }, interests: { security: 3.5 }, events: { demo_request: { count: 1, last: now - 2 * day } },
    page: { url: "https://www.example.com/pricing?plan=team", path: "/pricing", host: "www.example.com", query: { plan: "team" }, title: "Pricing", language: "en" },
    time: { hour: 10, weekday: 2 },
  },
  "First visit from Acme Corp (target account), mobile": {
    visit: { count: 1, sessions: 1, pageviews: 1, isReturning: false, firstSeen: now, lastSeen: now, timeOnSite: 5 },
    pages: ["/"], landingPage: "/", referrer: "https://www.linkedin.com/",
    geo: { country: "US", region: "California", regionCode: "CA", city: "San Francisco", continent: "NA", timezone: "America/Los_Angeles", isEU: false },
    company: { name: "Acme Corp", domain: "acme.com", industry: "Manufacturing", employees: 5200, employeesRange: "5001-10000", type: "business", source: "ranges", confidence: 0.95, inAccountList: true },
    device: { type: "mobile", os: "ios", browser: "safari", touch: true, viewport: { width: 390, height: 844 } },
    page: { url: "https://www.example.com/", path: "/", host: "www.example.com", query: {}, title: "Home", language: "en" },
    time: { hour: 16, weekday: 4 },
  },
  "Anonymous first visit (nothing known)": {
    visit: { count: 1, isReturning: false, pageviews: 1 }, pages: ["/"], landingPage: "/", referrer: "",
    device: { type: "desktop", os: "windows", browser: "edge", touch: false, viewport: { width: 1280, height: 720 } },
    page: { url: "https://www.example.com/", path: "/", host: "www.example.com", query: {}, title: "Home", language: "en" },
    time: { hour: 22, weekday: 6 },
  },
};
