// `npm start`, before `exec wrangler dev`: build the snippet, make local secrets, migrate and seed the
// local D1/KV (the same .wrangler/state that wrangler dev then uses), and say how to call the admin API.
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { applyMigrations, quietEnv, startWorker } from "./wrangler.mjs";
import { LOCAL_OWNER, seedDemo, seedOwner } from "./seed.mjs";

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: quietEnv });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run("node", ["scripts/build.mjs"]);

if (!existsSync(".dev.vars")) {
  const secret = () => randomBytes(24).toString("base64url");
  writeFileSync(
    ".dev.vars",
    `# Local development only (git-ignored). Never copy FACET_DEV into a deployed Worker.\nADMIN_TOKEN=${secret()}\nSIGNING_SECRET=${secret()}\nFACET_DEV=true\n`,
  );
  console.log("Created .dev.vars with random local secrets.");
}
const vars = Object.fromEntries(
  readFileSync(".dev.vars", "utf8")
    .split("\n")
    .filter((l) => /^[A-Z_]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1).trim()]),
);

applyMigrations();
let ownerPassword = "";
// Seed through the real admin API on a throwaway port, against the same local state.
const worker = await startWorker();
try {
  const result = await seedDemo(worker.url, vars.ADMIN_TOKEN);
  console.log(result.seeded ? `Seeded and published the demo site (version ${result.version}).` : "Demo site already seeded; left as is.");
  // The local owner login; its password is kept in .dev.vars as a comment line (wrangler ignores comments).
  const saved = /^# ADMIN_LOGIN \S+ (\S+)$/m.exec(readFileSync(".dev.vars", "utf8"))?.[1];
  const created = await seedOwner(worker.url, vars.ADMIN_TOKEN, saved ?? randomBytes(12).toString("base64url"));
  if (created && !saved) appendFileSync(".dev.vars", `# ADMIN_LOGIN ${LOCAL_OWNER} ${created}\n`);
  ownerPassword = saved ?? created ?? "(set before; see .dev.vars or reset it with the owner token)";
} finally {
  await worker.stop();
}

console.log(`
Facet runs at http://127.0.0.1:8787
  Demo page:      http://127.0.0.1:8787/
  As Germany:     http://127.0.0.1:8787/?facet_sim_country=DE
  As Acme Corp:   http://127.0.0.1:8787/?facet_sim_ip=203.0.113.7
  Edge mode:      http://edge.localhost:8787/?facet_sim_country=DE  (the demo through edge mode: docs/edge.md)
  Admin:          http://127.0.0.1:8787/admin
  Admin login:    ${LOCAL_OWNER} / ${ownerPassword}
  Admin API:      curl -H "Authorization: Bearer $(grep ADMIN_TOKEN .dev.vars | cut -d= -f2)" http://127.0.0.1:8787/admin/api/sites
  (each simulated visitor needs a fresh browser profile: the context is cached on the device for 30 minutes)
`);
