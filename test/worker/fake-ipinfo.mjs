// Vitest globalSetup (runs in Node, not in workerd): starts the shared fake IPinfo server for the
// provider tests and hands them its URL with `provide` (typed in env.d.ts). The tests run inside workerd,
// which cannot share memory with this process, so they read the fake's request counts from its `/__calls`.
// Plain JS on purpose: tsconfig.json checks test/worker against the Workers types only, and a Node
// server in a .ts file there would pull @types/node into the Worker's own type-check.
import { startFakeIpinfo } from "../fakes/ipinfo";
import { BLOCK_SIZE, COMPANY_ANSWER, FAKE_BLOCKS, FAKE_IPINFO_TOKEN, ISP_ANSWER, SLOW_MS } from "./provider-fixtures";

/** @returns {Record<string, import("../fakes/ipinfo").Answer>} */
function answers() {
  const out = {};
  const each = (first, answer) => {
    for (let host = first; host < first + BLOCK_SIZE; host++) out[`198.51.100.${host}`] = answer;
  };
  each(FAKE_BLOCKS.company, { body: COMPANY_ANSWER });
  each(FAKE_BLOCKS.isp, { body: ISP_ANSWER });
  each(FAKE_BLOCKS.error500, { status: 500, body: { status: 500, error: { title: "Internal error" } } });
  each(FAKE_BLOCKS.garbage, { raw: "<html><body>502 Bad Gateway</body></html>" });
  each(FAKE_BLOCKS.slow, { delayMs: SLOW_MS, body: COMPANY_ANSWER });
  return out;
}

/** @param {import("vitest/node").TestProject} project */
export default async function setup(project) {
  const fake = await startFakeIpinfo(FAKE_IPINFO_TOKEN, answers());
  project.provide("ipinfoUrl", fake.url);
  return () => fake.close();
}
