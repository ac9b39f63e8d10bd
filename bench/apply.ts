// Applying changes, beside dom-mutator (GrowthBook's DOM engine, a dependency of @growthbook/growthbook):
// 50 changes (html, class, attribute: the kinds both support) on a page of 5,000 elements, in headless
// Chromium at 4× throttled CPU, alternating rounds. Facet's activate() (snippet/changes.ts) and dom-mutator's
// declarative() are bundled into the page; each round times, on a fresh copy of the page, the application of
// all 50 and reads back that every change landed.
import { createRequire } from "node:module";
import { join } from "node:path";
import { findChromium } from "../scripts/chromium.mjs";

export interface ApplyResult {
  changes: number;
  elements: number;
  rounds: number;
  cpuThrottle: number;
  /** ms per application of all changes, by engine. */
  ms: Record<"facet" | "dom-mutator", number[]>;
}

const ELEMENTS = 5000;
const CHANGES = 50;
const ROUNDS = 30;
const THROTTLE = 4;

/** The page's script: builds the page, and exposes run(engine) → ms (or -1 if a change didn't land). */
const PAGE_ENTRY = `
import { activate } from "./snippet/changes";
import mutate from "dom-mutator";
const N = ${ELEMENTS}, C = ${CHANGES};
const build = () => {
  document.body.innerHTML = "";
  const root = document.createElement("main");
  for (let i = 0; i < N; i++) {
    const d = document.createElement("div");
    d.id = "e" + i; d.className = "item g" + (i % 100);
    d.innerHTML = "<span>Item " + i + "</span>";
    root.appendChild(d);
  }
  document.body.appendChild(root);
};
// Every 100th element gets a change, of the three kinds in turn.
const changes = Array.from({ length: C }, (_, k) => {
  const selector = "#e" + k * 100;
  return k % 3 == 0 ? { type: "html", selector, value: "<b>Changed " + k + "</b>" }
    : k % 3 == 1 ? { type: "class", selector, add: ["on"], remove: ["item"] }
    : { type: "attribute", selector, name: "title", value: "changed " + k };
});
const landed = () => changes.every((c) => {
  const el = document.querySelector(c.selector.replace("#", "#")) || document.getElementById(c.selector.slice(1));
  return c.type == "html" ? el.innerHTML == c.value : c.type == "class" ? el.classList.contains("on") && !el.classList.contains("item") : el.getAttribute("title") == c.value;
});
window.run = (engine) => {
  build();
  const t = performance.now();
  let revert;
  if (engine == "facet") revert = activate(changes, document, () => {});
  else {
    const ctl = changes.map((c) => c.type == "html" ? mutate.declarative({ selector: c.selector, action: "set", attribute: "html", value: c.value })
      : c.type == "class" ? mutate.declarative({ selector: c.selector, action: "set", attribute: "class", value: "g" + c.selector.slice(2) % 100 + " on" })
      : mutate.declarative({ selector: c.selector, action: "set", attribute: c.name, value: c.value }));
    revert = () => ctl.forEach((x) => x.revert());
  }
  const ms = performance.now() - t;
  const ok = landed();
  revert();
  return ok ? ms : -1;
};
`;

export async function benchApply(log: (l: string) => void): Promise<ApplyResult> {
  const load = createRequire(join(process.cwd(), "package.json"));
  // Loaded from the project at run time (bundled into the benchmark, they break).
  const { build } = load("esbuild") as typeof import("esbuild");
  const { chromium } = load("playwright-core") as typeof import("playwright-core");
  const js = (
    await build({
      stdin: { contents: PAGE_ENTRY, resolveDir: process.cwd(), loader: "ts" },
      bundle: true,
      format: "iife",
      target: "es2021",
      write: false,
    })
  ).outputFiles[0]!.text;
  const browser = await chromium.launch({
    executablePath: findChromium() ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ content: js });
    const ms: ApplyResult["ms"] = { facet: [], "dom-mutator": [] };
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 10 == 0) log(`apply: round ${r + 1}/${ROUNDS}`);
      for (const engine of (r % 2 ? ["facet", "dom-mutator"] : ["dom-mutator", "facet"]) as ("facet" | "dom-mutator")[]) {
        const t = await page.evaluate((e) => (window as unknown as { run: (engine: string) => number }).run(e), engine);
        if (t < 0) throw new Error(`${engine}: a change did not land`);
        ms[engine].push(t);
      }
    }
    return { changes: CHANGES, elements: ELEMENTS, rounds: ROUNDS, cpuThrottle: THROTTLE, ms };
  } finally {
    await browser.close();
  }
}
