// `npm test`: type-check, unit tests, Worker integration tests on workerd, browser end-to-end tests in
// headless Chromium (found or installed first), and the snippet size budget (a unit test). Prints
// "N passed, N failed" last; exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureChromium } from "./chromium.mjs";
import { quietEnv } from "./wrangler.mjs";

let passed = 0;
let failed = 0;
const out = mkdtempSync(join(tmpdir(), "facet-test-"));
const env = { ...quietEnv };

function step(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  return r.status === 0;
}

function vitest(name, config) {
  const report = join(out, `${name}.json`);
  const ok = step(name, "node_modules/.bin/vitest", [
    "run",
    "--config",
    config,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    if (!ok && r.numFailedTests === 0) failed++; // a suite that failed to load counts as a failure
  } else if (!ok) failed++;
}

try {
  env.FACET_CHROMIUM = ensureChromium();
  console.log(`Chromium: ${env.FACET_CHROMIUM}`);
} catch (e) {
  console.error(String(e.message ?? e));
  failed++;
}

if (!step("build", "node", ["scripts/build.mjs"])) failed++;
if (
  step("typecheck", "node_modules/.bin/tsc", ["-p", "tsconfig.json"]) &&
  step("typecheck (browser)", "node_modules/.bin/tsc", ["-p", "tsconfig.browser.json"])
)
  passed++;
else failed++;
// The README promises `wrangler deploy --dry-run` succeeds: check it (no account needed, nothing uploaded).
if (step("wrangler deploy --dry-run", "node_modules/.bin/wrangler", ["deploy", "--dry-run", "--outdir", join(out, "deploy")])) passed++;
else failed++;
vitest("unit", "vitest.unit.config.ts");
vitest("worker", "vitest.worker.config.ts");
if (env.FACET_CHROMIUM) vitest("e2e", "vitest.e2e.config.ts");

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
