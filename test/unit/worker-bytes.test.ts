// The Worker's bytes: zod is used through `zod/mini` with only its English messages (worker/schemas/zod.ts).
// The classic `zod` entry, or `z.locales.en()`, pulls in every language and the method API: about 450 KB,
// four fifths of the Worker. Checked on what esbuild bundles, minified as wrangler.toml asks.
import { buildSync } from "esbuild";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const ZOD_BUDGET = 48 * 1024;

function workerBundle() {
  const r = buildSync({
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
