// The sanitizer's output as Chromium parses it: generated tag soup (fixed seed) is sanitized in Node (the
// sanitizer is pure TypeScript, the same module the Worker runs), then inserted with innerHTML into a div,
// a td, a p and an li. No element, attribute or URL outside the allowlist may appear, and no payload may run.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launch } from "./browser";
import { ALLOWED_TAGS, GLOBAL_ATTRS, sanitizeHtml, TAG_ATTRS, URL_ATTRS } from "../../worker/content/sanitize";
import { soupCorpus } from "../unit/html-soup";

const ORIGIN = "http://sanitize.test";
const PAYLOADS = [
  "<<script></script>img src=x onerror=window.__xss=1>",
  "<<!-- c -->img src=x onerror=window.__xss=1>",
  "<<custom-tag>img src=x onerror=window.__xss=1>",
  "<<style></style>img src=x onerror=window.__xss=1>",
  "<<?x?>img src=x onerror=window.__xss=1>",
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
];
const inputs = [...PAYLOADS, ...soupCorpus(0x0c4e11, 400)];

interface Report {
  violations: string[];
  elements: number;
  xss: unknown;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** A page on an http origin served by the test itself (relative `src=x` loads and fails, firing onerror). */
async function blankPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>t</title><body></body>" }),
  );
  await page.goto(`${ORIGIN}/`);
  return page;
}

/** Inserts each html into every context, waits for the images it loads to settle, and walks the DOM. */
function insertAndWalk(page: Page, htmls: string[]): Promise<Report> {
  const allow = {
    tags: [...ALLOWED_TAGS],
    global: [...GLOBAL_ATTRS],
    perTag: Object.fromEntries(Object.entries(TAG_ATTRS).map(([t, s]) => [t, [...s]])),
    urls: [...URL_ATTRS],
  };
  return page.evaluate(
    async ({ htmls, allow }) => {
      const contexts: Record<string, () => Element> = {
        div: () => document.body.appendChild(document.createElement("div")),
        td: () => {
          const table = document.body.appendChild(document.createElement("table"));
          table.innerHTML = "<tbody><tr><td></td></tr></tbody>";
          return table.querySelector("td")!;
        },
        p: () => document.body.appendChild(document.createElement("p")),
        li: () => document.body.appendChild(document.createElement("ul")).appendChild(document.createElement("li")),
      };
      const violations: string[] = [];
      let elements = 0;
      const safeUrl = (url: string) => ["http:", "https:", "mailto:", "tel:"].includes(new URL(url, location.href).protocol);
      for (const html of htmls) {
        for (const [name, make] of Object.entries(contexts)) {
          const host = make();
          host.innerHTML = html;
          for (const el of host.querySelectorAll("*")) {
            elements++;
            const tag = el.localName;
            const where = `${tag} in ${name} from ${JSON.stringify(html)}`;
            if (el.namespaceURI !== "http://www.w3.org/1999/xhtml" || !allow.tags.includes(tag)) violations.push(`element ${where}`);
            for (const { name: attr, value } of el.attributes) {
              if (!allow.global.includes(attr) && !/^aria-[a-z]+$/.test(attr) && !allow.perTag[tag]?.includes(attr))
                violations.push(`attribute ${attr} on ${where}`);
              const urls = attr === "srcset" ? value.split(",").map((c) => c.trim().split(/\s+/)[0]!) : [value];
              if (allow.urls.includes(attr) && !urls.every(safeUrl)) violations.push(`${attr}=${value} on ${where}`);
            }
          }
        }
      }
      // Let every image that loads finish (error handlers would run now), then two frames.
      const settling = [...document.images].filter((img) => !img.complete && img.loading !== "lazy");
      await Promise.all(
        settling.map(
          (img) =>
            new Promise((done) => {
              for (const type of ["load", "error"]) img.addEventListener(type, done);
            }),
        ),
      );
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return { violations, elements, xss: (window as { __xss?: unknown }).__xss };
    },
    { htmls, allow },
  );
}

it("keeps sanitized tag soup inside the allowlist in a div, a td, a p and an li, and nothing runs", async () => {
  const page = await blankPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const outputs = inputs.map((input) => sanitizeHtml(input));
  const report = await insertAndWalk(page, outputs);
  expect(report.violations).toEqual([]);
  expect(report.elements).toBeGreaterThan(500); // allowed markup does get through
  expect(report.xss).toBeUndefined();
  expect(errors).toEqual([]);
  await page.close();
});

it("would see a payload that ran: the markup the old sanitizer stored sets the marker", async () => {
  const page = await blankPage();
  const report = await insertAndWalk(page, ["<img src=x onerror=window.__xss=1>"]);
  expect(report.violations.length).toBeGreaterThan(0);
  expect(report.xss).toBe(1);
  await page.close();
});
