// The architecture's one hard rule (docs/architecture.md): the snippet and the Worker share only contract/,
// and contract/ depends on neither. Checked on what esbuild actually bundles (its metafile lists every input
// file a bundle pulled in, type-only imports excluded as they weigh nothing), and on the import lines too,
// so a type-only import across the line is caught as well.
import { buildSync } from "esbuild";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

function bundleInputs(entry: string): string[] {
  const r = buildSync({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform: "neutral",
    external: ["cloudflare:*", "node:*"],
    mainFields: ["module", "main"],
    logLevel: "silent",
  });
  return Object.keys(r.metafile.inputs).map((f) => relative(root, join(root, f)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The import/export-from specifiers of a file, relative ones resolved to repository paths. */
function importedPaths(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => (s.startsWith(".") ? relative(root, join(root, file, "..", s)) : s));
}

/** The repository folders a file's import/export-from lines reach (relative specifiers only). */
const importedFolders = (file: string): string[] =>
  importedPaths(file)
    .filter((p) => !p.includes(":") && !p.startsWith("@") && p.includes("/"))
    .map((p) => p.split("/")[0]!);

/** The Worker's layer (its folder under worker/, or the file's name for files at its top) of a repository path. */
const layerOf = (path: string): string | null => (path.startsWith("worker/") ? path.split("/")[1]!.replace(/\.ts$/, "") : null);

describe("import boundaries", () => {
  it("the snippet bundle contains no Worker code", () => {
    const inputs = bundleInputs("snippet/index.ts");
    expect(inputs.some((f) => f.startsWith("snippet/"))).toBe(true);
    expect(inputs.filter((f) => f.startsWith("worker/") || f.startsWith("admin/"))).toEqual([]);
  });

  it("the Worker bundle contains no snippet code (only its generated, built copy)", () => {
    const inputs = bundleInputs("worker/index.ts");
    expect(inputs.some((f) => f.startsWith("worker/"))).toBe(true);
    expect(inputs.filter((f) => f.startsWith("snippet/"))).toEqual([]);
  });

  it("contract/ bundles nothing from either side", () => {
    for (const file of sourceFiles("contract")) {
      expect(
        bundleInputs(file).filter((f) => !f.startsWith("contract/")),
        file,
      ).toEqual([]);
    }
  });

  it("no import line crosses the boundary, type-only imports included", () => {
    const crossings: string[] = [];
    const rules: [string, string[]][] = [
      ["snippet", ["worker", "admin"]],
      ["worker", ["snippet"]],
      ["contract", ["snippet", "worker", "admin"]],
    ];
    for (const [dir, forbidden] of rules) {
      for (const file of sourceFiles(dir)) {
        for (const folder of importedFolders(file)) if (forbidden.includes(folder)) crossings.push(`${file} → ${folder}/`);
      }
    }
    expect(crossings).toEqual([]);
  });
});

// The Worker's layers (docs/architecture.md): routes → domain modules → db/ and KV. Checked on import lines.
describe("Worker layers", () => {
  const workerFiles = sourceFiles("worker");
  const crossings = (from: (layer: string) => boolean, to: (target: string) => boolean) =>
    workerFiles.flatMap((file) =>
      from(layerOf(file)!)
        ? importedPaths(file)
            .filter(to)
            .map((p) => `${file} → ${p}`)
        : [],
    );

  // The visitor's context is built from enrichment, never the other way round: no cycle between the two.
  it("enrich/ imports nothing from visitor/ (IP parsing sits in net/)", () => {
    expect(
      crossings(
        (l) => l === "enrich",
        (p) => layerOf(p) === "visitor",
      ),
    ).toEqual([]);
  });

  it("only routes/, http/ and the app know HTTP: domain code throws domain errors (worker/errors.ts)", () => {
    const http = new Set(["index", "routes", "http"]);
    expect(
      crossings(
        (l) => !http.has(l),
        (p) => p === "hono" || p.startsWith("hono/") || ["routes", "http"].includes(layerOf(p) ?? ""),
      ),
    ).toEqual([]);
  });

  it("db/ imports no layer above it", () => {
    const above = new Set(["index", "routes", "http", "publish", "enrich", "visitor", "demo"]);
    expect(
      crossings(
        (l) => l === "db",
        (p) => above.has(layerOf(p) ?? ""),
      ),
    ).toEqual([]);
  });

  it("SQL is only in db/", () => {
    const outside = workerFiles.filter((f) => layerOf(f) !== "db" && /\.(prepare|batch)\(/.test(readFileSync(join(root, f), "utf8")));
    expect(outside).toEqual([]);
  });
});
