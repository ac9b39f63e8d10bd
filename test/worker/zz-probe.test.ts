import { SELF, env } from "cloudflare:test";
import { it } from "vitest";
import app from "../../worker/index";
const A = { authorization: "Bearer test-owner-token-0123456789", "content-type": "application/json" };
const post = (p: string, b?: unknown) => SELF.fetch("http://facet.test/admin/api" + p, { method: "POST", headers: A, body: b === undefined ? undefined : JSON.stringify(b) });
it("probe", async () => {
  const key = "stale";
  for (const seg of ["seg-one", "seg-two"]) {
    await post("/sites", { key, name: "r" });
    await post(`/sites/${key}/segments`, { id: seg, name: "s", condition: { x: 1 } });
    await post(`/sites/${key}/experiences`, { id: "e-" + seg, name: "e", variants: [{ segment: seg, changes: [{ type: "hide", selector: "#a" }] }] });
    await post(`/sites/${key}/publish`);
    const r = await app.request(`http://facet.test/v1/sites/${key}/config`, undefined, env);
    console.log(seg, "app sees", (await r.text()).slice(0, 80));
    const r2 = await SELF.fetch(`http://facet.test/v1/sites/${key}/config`);
    console.log(seg, "SELF sees", (await r2.text()).slice(0, 80));
    console.log((await SELF.fetch(`http://facet.test/admin/api/sites/${key}`, { method: "DELETE", headers: A })).status);
  }
});
