// The Worker's bytes: zod is used through `zod/mini` with only its English messages (worker/schemas/zod.ts).
// The classic `zod` entry, or `z.locales.en()`, pulls in every language and the method API: about 450 KB,
// four fifths of the Worker. Checked on what esbuild bundles, minified as wrangler.toml asks.
import { buildSync } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const ZOD_BUDGET = 48 * 1024;

function workerBundle(define: Record<string, string> = {}) {
  const r = buildSync({
    define,
    entryPoints: [join(root, "worker/index.ts")],
    bundle: true,
    write: false,
    metafile: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*"],
    logLevel: "silent",
  });
  return Object.values(r.metafile.outputs).flatMap((output) => Object.entries(output.inputs));
}

it("wrangler.toml minifies the Worker", () => {
  expect(readFileSync(join(root, "wrangler.toml"), "utf8")).toMatch(/^minify = true$/m);
});

it(`bundles zod/mini with English messages only, in at most ${ZOD_BUDGET} bytes`, () => {
  const zod = workerBundle().filter(([file]) => file.includes("node_modules/zod/"));
  const files = zod.map(([file]) => file.replace(/.*node_modules\/zod\//, ""));
  expect(files.filter((f) => f.startsWith("v4/classic/"))).toEqual([]);
  expect(files.filter((f) => f.startsWith("v4/locales/"))).toEqual(["v4/locales/en.js"]);
  expect(zod.reduce((sum, [, input]) => sum + input.bytesInOutput, 0)).toBeLessThanOrEqual(ZOD_BUDGET);
});

// The admin page's script and stylesheet are static assets (wrangler.toml [assets]); the demo page at / is
// for `npm start` only, dropped by wrangler.toml's [define] FACET_DEMO = "false". Neither belongs in the upload.
it("bundles neither the admin page's assets nor the demo page into the deployed Worker", () => {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  expect(toml).toMatch(/^\[define\]\nFACET_DEMO = "false"$/m);
  expect(toml).toMatch(/^\[assets\]\ndirectory = "dist\/assets"$/m);
  const inputs = workerBundle({ FACET_DEMO: "false" });
  expect(inputs.filter(([file]) => file.startsWith("worker/demo/"))).toEqual([]);
  const generated = inputs.filter(([file]) => file.startsWith("worker/generated/admin-assets"));
  expect(generated.reduce((sum, [, input]) => sum + input.bytesInOutput, 0)).toBeLessThan(200);
  // With the demo on (npm start), it is there: the check above looks at the right files.
  expect(workerBundle({ FACET_DEMO: "true" }).some(([file]) => file.startsWith("worker/demo/"))).toBe(true);
});

// The snippet (16 KB) is a static asset the Worker reads through ASSETS (worker/http/snippet-asset.ts), not a
// string in its bundle; run_worker_first keeps the asset's own path from being served without the Worker.
it("reads the snippet from a static asset instead of bundling it", () => {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  expect(toml).toMatch(/^run_worker_first = \["\/_facet\/\*"\]$/m);
  const inputs = workerBundle({ FACET_DEMO: "false" });
  expect(inputs.filter(([file]) => file.startsWith("worker/generated/") && !file.includes("admin-assets"))).toEqual([]);
  expect(inputs.some(([file]) => file === "worker/http/snippet-asset.ts")).toBe(true);
});

// The admin screens render in the browser (admin/client/mount.ts); the Worker only serves their shell
// (worker/routes/admin-page.ts). Neither the screens nor hono's JSX runtime belong in the visitor-facing Worker.
it("bundles no admin screen rendering (admin/pages, hono/jsx) into the Worker", () => {
  const inputs = workerBundle({ FACET_DEMO: "false" }).map(([file]) => file);
  expect(inputs.filter((file) => file.startsWith("admin/pages/") || file.includes("node_modules/hono/dist/jsx"))).toEqual([]);
  expect(inputs).toContain("admin/paths.ts");
});
