// The README is what users and outside checkers know of Facet: its worked example must work as printed, and
// its caching table must say what the endpoints send. (README drift, issue 6 item 17.)
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Segment } from "../../worker/schemas/segment";
import { contextFor } from "./fixtures";
import { admin, createSite, uniqueKey, visit } from "./helpers";

const README = env.TEST_README;

/** The README's worked example: each curl's path under $API and its `-d` body, in order. */
function workedExample(): { path: string; body?: unknown }[] {
  const block = README.split("## A first personalization, through the API")[1]!.split("```sh")[1]!.split("```")[0]!;
  const calls = block
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .filter((l) => l.startsWith("curl "));
  return calls.map((line) => {
    const path = /\$API(\/\S+)/.exec(line)![1]!;
    const body = /-d '([^']+)'/.exec(line)?.[1];
    return { path, body: body === undefined ? undefined : JSON.parse(body) };
  });
}

/** The caching column of the "Endpoints" table's row for `endpoint`. */
function cachingOf(endpoint: string): string {
  const row = README.split("\n").find((l) => l.startsWith(`| \`GET ${endpoint}`));
  expect(row, endpoint).toBeDefined();
  return row!.split(" | ").at(-1)!;
}

describe("README", () => {
  it("the worked example creates a segment and an experience, publishes, and a visitor from Germany gets the content", async () => {
    const site = await createSite({ key: uniqueKey("acme") });
    const answers: Response[] = [];
    for (const call of workedExample())
      answers.push(await admin("POST", `/sites/${site.key}${call.path}`, call.body === undefined ? {} : { body: call.body }));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201]);
    const segment = (await answers[0]!.json()) as Segment;
    expect(segment).toMatchObject({ id: "germany", kind: "geographic", priority: 10 });
    expect(await answers[1]!.json()).toMatchObject({ id: "hero", status: "live" });
    expect(await answers[2]!.json()).toMatchObject({ version: 1 });

    const ctx = await contextFor(site.key, { headers: { "x-facet-simulate": "country=DE" } });
    const res = await visit(`/v1/sites/${site.key}/variants?v=1&segments=germany&token=${encodeURIComponent(ctx.token)}`);
    expect(JSON.stringify(await res.json())).toContain("Willkommen");
  });

  it("states each public endpoint's Cache-Control exactly as sent", async () => {
    const site = await createSite({ key: uniqueKey("cache") });
    for (const call of workedExample())
      await admin("POST", `/sites/${site.key}${call.path}`, call.body === undefined ? {} : { body: call.body });
    const header = async (path: string) => (await visit(path)).headers.get("cache-control")!;
    const base = `/v1/sites/${site.key}`;
    const ctx = await contextFor(site.key, { headers: { "x-facet-simulate": "country=DE" } });
    const sent = {
      "/facet.js": [await header("/facet.js")],
      "/v1/sites/:site/facet.js": [await header(`${base}/facet.js`)],
      "/v1/sites/:site/prehide.js": [await header(`${base}/prehide.js`)],
      "/v1/sites/:site/config": [await header(`${base}/config`)],
      "/v1/sites/:site/context": [await header(`${base}/context`)],
      "/v1/sites/:site/variants": [
        await header(`${base}/variants?v=1&segments=germany`),
        await header(`${base}/variants?segments=germany`),
        await header(`${base}/variants?v=1&segments=germany&token=${encodeURIComponent(ctx.token)}`),
      ],
    };
    for (const [endpoint, values] of Object.entries(sent)) {
      for (const value of values)
        expect(cachingOf(endpoint), `${endpoint} sends ${value}`).toContain(value.replace(/, max-age=(\d+)$/, ""));
    }
    // The variants row names each max-age the endpoint uses.
    for (const value of sent["/v1/sites/:site/variants"])
      expect(cachingOf("/v1/sites/:site/variants")).toContain(/max-age=\d+/.exec(value)![0]);
  });
});
