// node scripts/feature-cost.mjs: what each snippet feature added after the security issue (merge cba6a82) costs
// in facet.js, in gzip bytes (SPEC §9). Builds facet.js with the shipped options (scripts/snippet-options.mjs):
// once as it is, once per feature with that feature taken out, and once with all of them taken out: the
// "same features" size to compare with the snippet the security issue left (README "Feature costs").
// A feature is taken out at build time only, by an esbuild plugin that hands esbuild a patched copy of the
// files it touches (its code cut, its call sites left out, as the code read before it): the sources, and the
// shipped build, stay as they are. Each patch names text that must occur exactly once in today's file, so a
// patch that no longer fits fails loudly instead of measuring nothing. Patches of several features never
// overlap, except where one removes a range holding another's (then the outer one applies alone).
// Printed figures: gzip level 9, as scripts/build.mjs prints them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { SNIPPET_OPTIONS } from "./snippet-options.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
// --write=DIR: each build's facet.js goes there too, to read what was taken out (diff against facet-without-nothing.js).
const writeDir = process.argv.find((a) => a.startsWith("--write="))?.slice("--write=".length);
if (writeDir) mkdirSync(writeDir, { recursive: true });

// A patch: { file, from, to } replaces `from`; with `through`, the range from `from` to the end of the first
// `through` after it.
const p = (file, from, to, through) => ({ file, from, to, through });
const BOOT = "snippet/boot.ts";
const SESSION = "snippet/session.ts";
const FLICKER = "snippet/flicker.ts";
const STORE = "snippet/store.ts";
const RENDER = "snippet/render.ts";
const CHANGES = "snippet/changes.ts";
const APPLY = "snippet/apply.ts";

/** The features added to facet.js after cba6a82, each with the commit(s) that added it. */
export const FEATURES = [
  {
    id: "insert",
    name: "insert change type (423b0e2; edge handoff skips inserts, 9b9d2b5)",
    patches: [
      p(APPLY, '  if (c.type == "insert") {', "", "    return () => nodes.forEach((n) => (n as ChildNode).remove());\n  }\n"),
      p("snippet/tokens.ts", '    : c.type == "insert"\n', "    : c;", "      : c;"),
      p("snippet/edge.ts", '.filter((c) => c.type != "insert")', ""),
    ],
  },
  {
    id: "redirect",
    name: "redirect change type and its loop guard (423b0e2)",
    patches: [
      p(APPLY, 'c.type == "redirect" || ', ""),
      p(CHANGES, '  for (const c of changes) if (c.type == "redirect") redirect(c.url);\n', ""),
      p(CHANGES, '  "selector" in g.c &&\n', ""),
      p(CHANGES, "// Redirect loop guard", "", "  location.replace(to);\n};\n"),
      // The landing page view is the redirect guard's address (without its marker): read again instead.
      p(BOOT, 'import { here as landing } from "./changes";', "const landing = new URL(location.href);"),
    ],
  },
  {
    id: "tokens",
    name: "content tokens {{path|fallback}} (423b0e2)",
    patches: [
      p(CHANGES, "c: fillChange(c, context)", "c"),
      p(CHANGES, "  context: Record<string, unknown> = {},\n", ""),
      p(RENDER, "warn, contextFor(url, ctx!, now))", "warn)"),
    ],
  },
  {
    id: "links",
    name: "preview and editor links (0402427)",
    patches: [p(BOOT, "  if (specialLink()) return;", "", "\n")],
  },
  {
    id: "schedule",
    name: "experience schedule from/until (097cb14)",
    patches: [
      p("snippet/decide.ts", "!(e.from! > now || e.until! <= now) && ", ""),
      p("snippet/decide.ts", "  url: URL,\n  now: number,\n", "  url: URL,\n"),
      p(BOOT, ", url, c.t)", ", url)"),
      p(RENDER, ", url, now)", ", url)"),
    ],
  },
  {
    id: "upgraded",
    name: "upgraded tag: inlined config, context?segments=, hideEarly (4dc3359); its cache revalidated like the plain tag's (dad6554)",
    patches: [
      p(BOOT, "/** The segments that can still win on this page", "const first = fetchBoth;\n", '"?segments=" + ids : ""))];\n};\n'),
      p(BOOT, "  // The upgraded tag knows this page's slots at once", "", "      until(inline.timeout),\n    );\n"),
      p(
        BOOT,
        "let config = inline ? ((inline.t = cfg0?.v == inline.v ? cfg0!.t : t0), inline) : cfg0?.segments",
        "let config = cfg0?.segments",
      ),
      p(BOOT, "{ changes, ...x }", "x"),
      p(BOOT, "    if (changes) content = { v: x.v, changes };\n", ""),
      p(SESSION, "/** The upgraded tag (<script", "export const inline = undefined;\n", '"object" ? __facetInline : undefined;\n'),
      p(SESSION, " || inline?.site", ""),
      p(FLICKER, "early();", "0;"),
      p(FLICKER, "/** hideEarly()'s release. */", "", "  setTimeout(early, deadline - Date.now());\n};\n"),
    ],
  },
  {
    id: "prehide",
    name: "pre-hide: released at the decision, slot list in localStorage (26701d1)",
    patches: [
      p(FLICKER, "  const p = doc.getElementById(PREHIDE_ID);\n", ""),
      p(FLICKER, "  if (+(p?.dataset.v as string) < (c?.v as number)) warn(c!.v, p!.dataset.m);\n", ""),
      p(FLICKER, "p?.remove(), ", ""),
      p(STORE, "JSON.stringify({ v: c.v, t: c.timeout, e: c.experiences.map((x) => [pathsOf(x), x.slots]) })", '"1"'),
    ],
  },
  {
    id: "stale",
    name: "pasted pre-hide copy: stale-copy notice, data-v (9bbc647)",
    patches: [
      p(FLICKER, "  if (+(p?.dataset.v as string) < (c?.v as number)) warn(c!.v, p!.dataset.m);\n", ""),
      p(
        FLICKER,
        "export const releasePrehide = (c?: Config, held?: unknown) => {",
        "export const releasePrehide = (_?: unknown, held?: unknown) => {",
      ),
      p(RENDER, "releasePrehide(cfg, ", "releasePrehide(0, "),
      p(STORE, "v: c.v, ", ""),
      p(BOOT, "+(p?.v as string) != inline.v", "1"),
    ],
  },
  {
    id: "marker",
    name: "repeat visit known from localStorage; slow IndexedDB = first visit (26701d1)",
    patches: [
      p(BOOT, "  const net = cached(site) ? undefined : first();\n", "", "not an unhandled rejection meanwhile\n"),
      p(BOOT, "  let lost = false;\n", ""),
      p(BOOT, ".catch(() => ((lost = true), []))", ""),
      p(BOOT, "const fromCache = ctx && !net;", "const fromCache = ctx;"),
      p(BOOT, "(net || first())", "first()"),
      p(BOOT, "start(config!, ctx!, begun, lost, p0);", "start(config!, ctx!, begun, p0);"),
      p(BOOT, "      early,\n      true,\n    );", "      early,\n    );"),
      p(SESSION, "let lost = false;\n", ""),
      p(SESSION, ", l: boolean, p?: Visitor) => {", ", p?: Visitor) => {"),
      p(SESSION, ", (lost = l)", ""),
      p(SESSION, "forgotten || lost || save", "forgotten || save"),
      p(STORE, "/** Whether this device holds Facet's cache", "export const cached = 0;\n", "  } catch {}\n};\n"),
    ],
  },
  {
    id: "spa",
    name: "SPA route decided in the same task (26701d1; was a setTimeout)",
    patches: [
      p("snippet/navigation.ts", "export const navigated = () => {\n", "export const navigated = () =>\n  setTimeout(() => {\n"),
      p("snippet/navigation.ts", "    warn(e);\n  }\n};\n", "    warn(e);\n  }\n});\n"),
    ],
  },
  {
    id: "edge",
    name: "edge mode handoff: content without a fetch, held through hydration, provisional winners (15af6b2, 007e584, d819694, their attribute changes)",
    patches: [
      p(BOOT, "  const held = hold(doc);\n", ""),
      p(BOOT, "  held(true);\n", ""),
      p(BOOT, ", fromEdge(doc, begun)", ""),
      p(BOOT, ", fromEdge(doc, early)", ""),
      p(RENDER, ", shown?: Set<string>): Promise", "): Promise"),
      p(RENDER, "plan(applied, winners, withheld, has, shown)", "plan(applied, winners, withheld, has)"),
      p(RENDER, " && !shown?.has(key(x))", ""),
      p("snippet/plan.ts", "  shown?: Set<string>,\n", ""),
      p("snippet/plan.ts", ".filter((x) => !shown?.has(key(x)))", ""),
      p(CHANGES, "const revert: Revert = (keep) => {", "const revert: Revert = () => {"),
      p(CHANGES, "        keep ||\n", ""),
      p(CHANGES, "  before.forEach((f) => f());\n", ""),
      p(CHANGES, "/**\n * Run before each look at the page", "", "export const before = new Set<() => void>();\n"),
    ],
  },
  {
    id: "reapply",
    name: "re-apply over content the page rewrote in place (007e584, 143a8c3)",
    patches: [
      p(CHANGES, "const written = new WeakSet<Node>();\n", ""),
      p(CHANGES, '    const k = g.c.type == "text" || g.c.type == "html";\n', ""),
      p(CHANGES, "(g.done_.has(el) && (!k || written.has(el.firstChild || el)))", "g.done_.has(el)"),
      p(CHANGES, "    if (k) written.add(el.firstChild || el);\n", ""),
    ],
  },
  {
    id: "earlydb",
    name: "cache read through the pre-hide's early IndexedDB connection (5adab14)",
    patches: [
      p(STORE, "/** The connection the pre-hide snippet opened", "", "[EARLY_DB];\n"),
      p(
        STORE,
        'Promise.resolve(early).then((d) => (d ? read(d.transaction(STORE_NAME).objectStore(STORE_NAME)) : db("readonly", read)))',
        'db("readonly", read)',
      ),
    ],
  },
  {
    id: "prehide-end",
    name: "deadlines capped where the pre-hide's CSS runs out, data-t (9c786a4, 98fa8dc)",
    patches: [p(BOOT, "  const cap = +(p?.t as string) > t0 ? +p!.t! : 1e15;\n", ""), p(BOOT, "Math.min(t0 + ms, cap)", "t0 + ms")],
  },
  {
    id: "page-view",
    name: "experiences decided by the page view, applied as the upgraded script runs; its content for SPA routes, kept on a failure (7b3c7f4, 67c331f, 1a0f1df, abe33bb)",
    patches: [
      p(BOOT, "  // The experiences the page view alone decides come with", "", "  const pv = inline?.pageView;\n"),
      p(BOOT, "(pv || ", "("),
      p(BOOT, "(pv?.[e.id] ? [] : e.slots)", "e.slots"),
      p(BOOT, "  // Those experiences are decided and applied now", "", "fromEdge(doc, early)).catch(warn);\n  }\n"),
      p(FLICKER, "held || ", ""),
      p(RENDER, "releasePrehide(cfg, !profile);", "releasePrehide(cfg);"),
      p(RENDER, "now: number, p = profile || ({} as Visitor)) =>", "now: number, p = profile!) =>"),
      p(BOOT, "  for (const e in config!.pageView) begun.changes[e] = { ...config!.pageView[e], ...begun.changes[e] };\n", ""),
      p("snippet/api.ts", "applied: appliedNow()", "applied: []"),
      p("snippet/index.ts", "    still();\n", ""),
      p("snippet/edge.ts", "applied[a.experience] ||= {", "applied[a.experience] = {"),
    ],
  },
];

/** Code that only goes when two features both go: each one alone still needs it. */
const TOGETHER = [
  {
    // The pre-hide's style data: read for its version (stale) and for when its CSS runs out (prehide-end).
    when: ["stale", "prehide-end"],
    patches: [p(BOOT, "  const p = doc.getElementById(PREHIDE_ID)?.dataset;\n", "")],
  },
  {
    // releasePrehide() also ends hideEarly's hiding; without both, nothing is left to call.
    when: ["prehide", "upgraded"],
    patches: [
      p(RENDER, "  releasePrehide(cfg, !profile);\n", ""),
      p("snippet/index.ts", "    releasePrehide();\n", ""),
      p("snippet/api.ts", "    releasePrehide();\n", ""),
    ],
  },
  {
    // mark() writes the pre-hide's slot list and the repeat-visit marker.
    when: ["prehide", "marker"],
    patches: [
      p(BOOT, "    mark(site, c);\n  }\n", "  }\n"),
      p(BOOT, "    mark(site, c);\n    // Content only", "    // Content only"),
      p(STORE, "  mark(site),\n", ""),
    ],
  },
];

const once = (text, needle, file) => {
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw Error(`${file}: ${JSON.stringify(needle)} must occur exactly once`);
  return at;
};

/** `file`'s text with `patches` applied (ranges located in the original; a range inside another is dropped). */
function patched(file, patches) {
  const text = readFileSync(file, "utf8");
  const ranges = patches.map((x) => {
    const start = once(text, x.from, file);
    let end = start + x.from.length;
    if (x.through) {
      const t = text.indexOf(x.through, end);
      if (t < 0) throw Error(`${file}: ${JSON.stringify(x.through)} not found after ${JSON.stringify(x.from)}`);
      end = t + x.through.length;
    }
    return { start, end, to: x.to };
  });
  for (const [i, r] of ranges.entries())
    if (ranges.some((o, j) => j < i && o.start == r.start && o.end == r.end && o.to != r.to))
      throw Error(`${file}: two patches differ at ${r.start}`);
  const outer = ranges
    .filter(
      (r, i) => !ranges.some((o, j) => j != i && o.start <= r.start && r.end <= o.end && (o.start != r.start || o.end != r.end || j < i)),
    )
    .sort((a, b) => b.start - a.start);
  let out = text;
  outer.forEach((r, i) => {
    if (i && r.end > outer[i - 1].start) throw Error(`${file}: two patches overlap at ${r.start}`);
    out = out.slice(0, r.start) + r.to + out.slice(r.end);
  });
  return out;
}

/** facet.js built with the shipped options, `ids` taken out: its size raw and gzipped. */
export async function measure(ids = []) {
  const patches = [
    ...FEATURES.filter((f) => ids.includes(f.id)).flatMap((f) => f.patches),
    ...TOGETHER.filter((t) => t.when.every((id) => ids.includes(id))).flatMap((t) => t.patches),
  ];
  const files = new Set(patches.map((x) => x.file));
  const plugin = {
    name: "feature-out",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const file = relative(root, args.path);
        if (!files.has(file)) return undefined;
        return {
          contents: patched(
            file,
            patches.filter((x) => x.file == file),
          ),
          loader: "ts",
        };
      });
    },
  };
  const result = await build({ ...SNIPPET_OPTIONS, plugins: ids.length ? [plugin] : [] });
  const js = result.outputFiles[0].text;
  if (writeDir) writeFileSync(join(writeDir, `facet-without-${ids.length > 1 ? "all" : ids[0] || "nothing"}.js`), js);
  return { bytes: Buffer.byteLength(js), gzip: gzipSync(js, { level: 9 }).length };
}

if (process.argv[1] && resolve(process.argv[1]) == fileURLToPath(import.meta.url)) {
  const full = await measure();
  const all = await measure(FEATURES.map((f) => f.id));
  const rows = [];
  for (const f of FEATURES) {
    const m = await measure([f.id]);
    if (m.bytes == full.bytes && m.gzip == full.gzip) throw Error(`${f.id}: taking it out changed nothing`);
    rows.push([f.name, m.gzip, full.gzip - m.gzip]);
  }
  const w = Math.max(...rows.map((r) => r[0].length), 40);
  const line = (a, b, c) => console.log(`${a.padEnd(w)}  ${String(b).padStart(12)}  ${String(c).padStart(6)}`);
  console.log(`facet.js as built: ${full.bytes} bytes, ${full.gzip} bytes gzipped\n`);
  line("feature taken out", "gzip without", "cost");
  for (const r of rows) line(...r);
  line("all of the above", all.gzip, full.gzip - all.gzip);
  console.log(`\n(costs of single features need not add up to the total: gzip shares its dictionary between them)`);
}
