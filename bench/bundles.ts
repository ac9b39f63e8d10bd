// Bytes shipped to browsers, raw and gzipped, from a fresh `npm run build`: the visitor snippet (budget
// 7 KB gzip, SPEC §9), the preview and editor bundles that only preview/editor links load, and the admin
// page's own script and stylesheet (Workers Static Assets, content-hashed).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export interface BundleSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}
export interface BundlesResult {
  bundles: BundleSize[];
}

const ADMIN_DIR = "dist/assets/admin/assets";

export function benchBundles(log: (line: string) => void): BundlesResult {
  log("bundles: node scripts/build.mjs, then the sizes of dist/");
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "ignore" });
  // Only the current hashed names: a stale dist/ may hold older ones.
  const admin = readdirSync(ADMIN_DIR)
    .filter((f) => /^admin\.[0-9a-f]+\.(js|css)$/.test(f))
    .sort((a, b) => (a.endsWith(".js") ? -1 : 1) - (b.endsWith(".js") ? -1 : 1));
  const files = ["dist/facet.js", "dist/facet-preview.js", "dist/facet-editor.js", ...admin.map((f) => `${ADMIN_DIR}/${f}`)];
  return {
    bundles: files.map((file) => {
      const body = readFileSync(file);
      return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    }),
  };
}
