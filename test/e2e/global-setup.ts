// Starts one Worker for the browser tests: fresh local state, migrations, the demo seed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain JS helper shared with npm start
import { applyMigrations, startWorker } from "../../scripts/wrangler.mjs";
// @ts-expect-error plain JS helper shared with npm start
import { seedDemo } from "../../scripts/seed.mjs";

export const ADMIN_TOKEN = "e2e-owner-token-0123456789";

declare module "vitest" {
  export interface ProvidedContext {
    workerUrl: string;
    adminToken: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "facet-e2e-"));
  applyMigrations(dir);
  const worker = await startWorker({
    persistTo: dir,
    vars: { ADMIN_TOKEN, SIGNING_SECRET: "e2e-signing-secret-0123456789", FACET_DEV: "true" },
  });
  await seedDemo(worker.url, ADMIN_TOKEN);
  project.provide("workerUrl", worker.url);
  project.provide("adminToken", ADMIN_TOKEN);
  return async () => {
    await worker.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
