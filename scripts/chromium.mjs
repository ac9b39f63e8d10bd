// Finds a Chromium for the browser tests. As root on Debian/Ubuntu with none installed, installs
// Debian's `chromium` package (saying so); elsewhere fails with the one command to run.
import { existsSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export function findChromium() {
  for (const name of ["FACET_CHROMIUM", "CHROME_PATH", "CHROMIUM_PATH"]) {
    const p = process.env[name];
    if (p && existsSync(p)) return p;
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const osRelease = existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "";
  const debianLike = /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease);
  if (debianLike && process.getuid?.() === 0) {
    console.log("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    for (const args of [["update"], ["install", "-y", "--no-install-recommends", "chromium"]]) {
      const r = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env });
      if (r.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed`);
    }
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(
    "No Chromium found for the browser tests. Install one, e.g.\n  sudo apt-get install -y chromium\nor set FACET_CHROMIUM=/path/to/chrome.",
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
