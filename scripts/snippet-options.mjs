// The esbuild options of the visitor snippet (dist/facet.js): one definition, read by scripts/build.mjs, which
// ships it, and by scripts/feature-cost.mjs, which measures what each feature adds to it.
export const SNIPPET_OPTIONS = {
  entryPoints: ["snippet/index.ts"],
  bundle: true,
  minify: true,
  format: "iife",
  // ES2021 (logical assignment, kept as written: 16 B gzip less than lowering it): every browser since 2020
  // (Chrome/Edge 85, Firefox 79, Safari 14), which the snippet's other APIs need anyway.
  target: "es2021",
  legalComments: "none",
  // No "use strict" prologue (tsconfig's strict implies it; 8 B gzip): tsc already rejects what strict mode would
  // catch at run time, and where sloppy mode differs (a write to a read-only property is ignored, not thrown)
  // the snippet fails open all the same.
  tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  // Property names ending in "_" are the snippet's own (the plan's fields, changes.ts's bookkeeping): shortened
  // like variables. Never for a name that crosses the wire or goes into storage: those keep their spelling.
  mangleProps: /_$/,
  write: false,
};
