// A published site with one segment of each kind the public endpoints treat differently: a firmographic
// and a geographic one (server-gated), a behavioral one (public), one no live experience uses, and one
// used only by a paused experience. Each call makes a new site and a new company address block.
import { env } from "cloudflare:test";
import { expect } from "vitest";
import type { Env } from "../../worker/env";
import type { ServerContext } from "../../worker/schemas/published";
import { visitorAttributes, type VisitorAttributes } from "../../worker/visitor/context";
import {
  addCompanyRanges,
  createExperience,
  createSegment,
  createSite,
  ipBlock,
  publish,
  uniqueKey,
  visit,
  visitRequest,
  type VisitInit,
} from "./helpers";

export const ORIGIN = "https://shop.example";

/** Strings that appear only inside server-side conditions: no public response may ever contain them. */
export const SECRETS = ["hooli-secret.example", "Initech Secret Ltd"] as const;

/** Content of the changes: served by /variants to whom it may concern, never in the config. */
export const CONTENT = {
  accounts: "Welcome, Pied Piper team",
  germany: "Willkommen aus Frankfurt",
  germanyHtml: "<strong>Neu:</strong> EU data residency",
  returning: "Welcome back, friend",
  paused: "Paused promo text",
};

export const HERO_CHANGES = {
  accounts: [
    { type: "text", selector: "#headline", value: CONTENT.accounts },
    { type: "hide", selector: "#secondary-cta" },
  ],
  germany: [
    { type: "text", selector: "#headline", value: CONTENT.germany },
    { type: "html", selector: "#bar", value: CONTENT.germanyHtml },
  ],
  returning: [
    { type: "text", selector: "#headline", value: CONTENT.returning },
    { type: "class", selector: "#cta", add: ["btn-returning"], remove: [] },
  ],
};

export const ACCOUNTS_CONDITION = {
  $or: [{ "company.domain": { $in: [SECRETS[0], "piedpiper.example"] } }, { "company.name": SECRETS[1] }],
};

export async function publishedSite(key = uniqueKey()) {
  const company = ipBlock();
  await createSite({ key, origins: [ORIGIN, "http://localhost:8787"] });
  await addCompanyRanges([{ cidr: company.cidr, name: "Pied Piper", domain: "piedpiper.example", employees: 40 }]);
  await createSegment(key, { id: "accounts", kind: "firmographic", priority: 30, condition: ACCOUNTS_CONDITION });
  await createSegment(key, { id: "germany", kind: "geographic", priority: 20, condition: { "geo.country": "DE" } });
  await createSegment(key, { id: "returning", kind: "behavioral", priority: 10, condition: { "visit.isReturning": true } });
  await createSegment(key, { id: "unused", priority: 50, condition: { "page.path": "/unused" } });
  await createSegment(key, { id: "paused-only", priority: 99, condition: { "visit.count": { $gt: 5 } } });
  // Variants listed lowest priority first: the published order must come from the segments' priorities.
  await createExperience(key, {
    id: "hero",
    pages: ["/"],
    variants: [
      { segment: "returning", changes: HERO_CHANGES.returning },
      { segment: "accounts", changes: HERO_CHANGES.accounts },
      { segment: "germany", changes: HERO_CHANGES.germany },
    ],
  });
  await createExperience(key, {
    id: "summer",
    status: "paused",
    variants: [{ segment: "paused-only", changes: [{ type: "text", selector: "#promo", value: CONTENT.paused }] }],
  });
  const { version } = await publish(key);
  expect(version).toBe(1);

  return {
    key,
    company,
    /** Dev-simulated visitors (X-Facet-Simulate is honoured because FACET_DEV is "true" in tests). */
    visitors: {
      /** From Pied Piper's network, in Germany: every server part of both gated segments can hold. */
      matching: { headers: { "x-facet-simulate": `ip=${company.ip(7)}&country=DE` } } satisfies VisitInit,
      /** From Pied Piper's network, in the US: accounts yes, germany no. */
      companyOnly: { headers: { "x-facet-simulate": `ip=${company.ip(8)}&country=US` } } satisfies VisitInit,
      /** No company, in France: neither gated segment. */
      nobody: { headers: { "x-facet-simulate": "country=FR" } } satisfies VisitInit,
    },
  };
}

export async function contextFor(key: string, init: VisitInit, query = ""): Promise<ServerContext> {
  const res = await visit(`/v1/sites/${key}/context${query}`, init);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as ServerContext;
}

/** The context endpoint's answer has exactly these keys: the geo and company attributes never reach the browser
 * (the device's type, OS and browser do: they are the browser's own, read from its user agent and client hints). */
export const CONTEXT_KEYS = ["device", "expires", "server", "token", "v"];

/**
 * The visitor's server-side attributes (geo.*, company.*) as the context endpoint computes them for this
 * request. Its answer holds only their results, so enrichment is observed here, in the Worker.
 */
export function attributesFor(key: string, init: VisitInit): Promise<VisitorAttributes> {
  return visitorAttributes({ ...env, ...init.env } as Env, visitRequest(`/v1/sites/${key}/context`, init), key, true);
}
