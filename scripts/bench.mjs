// npm run bench [-- --only=lookup,segments,worker]: bundles bench/*.ts with esbuild into a temp dir,
// runs them, prints the tables and writes bench/results.json. A benchmark, not a test: nothing here
// fails on a timing. See bench/main.ts for what is measured.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root); // wrangler.mjs runs node_modules/.bin/wrangler relative to the project

const onlyArg = process.argv.find((a) => a.startsWith("--only="));
const command =
  process.env.npm_lifecycle_event === "bench"
    ? `npm run bench${onlyArg ? ` -- ${onlyArg}` : ""}`
    : `node scripts/bench.mjs ${process.argv.slice(2).join(" ")}`.trim();

// The project's .mjs scripts stay real files imported from where they are (seed.mjs reads seed.json next
// to itself through import.meta.url), so they are external to the bundle, by absolute URL.
const scriptsExternal = {
  name: "project-scripts-external",
  setup(b) {
    b.onResolve({ filter: /\.mjs$/ }, (args) => ({ path: pathToFileURL(resolve(args.resolveDir, args.path)).href, external: true }));
  },
};

const outdir = mkdtempSync(join(tmpdir(), "facet-bench-"));
let exitCode = 0;
try {
  await build({
    entryPoints: [join(root, "bench/main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: join(outdir, "main.mjs"),
    plugins: [scriptsExternal],
    logLevel: "warning",
  });
  const { runBench, SECTIONS } = await import(pathToFileURL(join(outdir, "main.mjs")).href);
  const only = new Set(onlyArg ? onlyArg.slice("--only=".length).split(",") : SECTIONS);
  const unknown = [...only].filter((s) => !SECTIONS.includes(s));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(", ")}; choose from ${SECTIONS.join(", ")}`);

  const git = (...args) => {
    try {
      return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  const env = {
    command,
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    commit: git("rev-parse", "--short", "HEAD"),
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
  // The regex section times V8's regex interpreter, a process-wide V8 flag: it runs in a child Node process
  // started with --regexp-interpret-all, so the other sections keep the normal regex engine.
  const regexOut = process.argv.find((a) => a.startsWith("--regex-out="));
  const inChild = regexOut !== undefined;
  if (!inChild) {
    console.log(`Facet benchmark — ${command}`);
    console.log(
      `Node ${env.node} · ${env.cpu} · ${env.cores} cores · ${env.memoryGiB} GiB · ${env.os} · commit ${env.commit ?? "?"} · load average ${env.loadAverageAtStart.join(" ")}\n`,
    );
  }
  const regexInChild = only.has("regex") && !inChild;
  if (regexInChild) only.delete("regex");
  const started = performance.now();
  const results = await runBench(
    only,
    (text) => console.log(`${text}\n`),
    (line) => console.error(`  … ${line}`),
  );
  if (regexInChild) {
    const out = join(outdir, "regex.json");
    execFileSync(process.execPath, ["--regexp-interpret-all", fileURLToPath(import.meta.url), "--only=regex", `--regex-out=${out}`], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    results.regex = JSON.parse(readFileSync(out, "utf8")).regex;
  }
  if (inChild) writeFileSync(regexOut.slice("--regex-out=".length), JSON.stringify({ regex: results.regex }));
  else {
    env.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 100) / 100);
    env.totalSeconds = Math.round((performance.now() - started) / 100) / 10;
    const { sink: _sink, ...figures } = results;
    writeFileSync(join(root, "bench/results.json"), `${JSON.stringify({ ...env, ...figures }, null, 2)}\n`);
    console.log(`total ${env.totalSeconds} s; load average at end ${env.loadAverageAtEnd.join(" ")}; wrote bench/results.json`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.stack : e);
  exitCode = 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
process.exit(exitCode);
