import { SELF } from "cloudflare:test";
import { expect, it } from "vitest";

it("serves the snippet", async () => {
  const res = await SELF.fetch("http://facet.test/facet.js");
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("facet");
});
