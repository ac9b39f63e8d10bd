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

/** The repository folders a file's import/export-from lines reach (relative specifiers only). */
function importedFolders(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"|import\("(\.[^"]+)"\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => relative(root, join(root, file, "..", s)).split("/")[0]!);
}

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
      expect(bundleInputs(file).filter((f) => !f.startsWith("contract/")), file).toEqual([]);
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
