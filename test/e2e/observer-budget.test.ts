// The observer's loop guard is per change: a slot a framework keeps fighting over stops being followed,
// while every other change still reaches the elements a page renders late.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { facetReady, launch, newVisitor, text } from "./browser";
import { landingPage, startHost, tag, type Host } from "./host";
import { admin } from "./admin";

let browser: Browser;
let host: Host;
const pages: Record<string, string> = {};
const key = `budget-${Math.random().toString(36).slice(2, 8)}`;

// A "framework" that renders #busy again (a new element) whenever anything else changes it. Installed
// before the tag, so it fights whenever Facet applies its change.
const framework = `<script>
new MutationObserver(() => {
  const b = document.getElementById("busy");
  if (b && b.textContent !== "Framework") b.replaceWith(Object.assign(document.createElement("span"), { id: "busy", textContent: "Framework" }));
}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
</script>`;

beforeAll(async () => {
  browser = await launch();
  host = await startHost(pages);
  pages["/"] = landingPage(framework + tag(`${inject("workerUrl")}/facet.js`, key)).replace(
    "<main>",
    '<main><span id="busy">Framework</span>',
  );
  await admin("POST", "/sites", { key, name: key, origins: [host.origin] });
  await admin("POST", `/sites/${key}/segments`, { id: "everyone", name: "Everyone", condition: {} });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "busy",
    name: "Fought slot, and a late slot in the same experience",
    variants: [
      {
        segment: "everyone",
        changes: [
          { type: "text", selector: "#busy", value: "Facet" },
          { type: "text", selector: "#late-a", value: "Late A from Facet" },
        ],
      },
    ],
  });
  await admin("POST", `/sites/${key}/experiences`, {
    id: "late",
    name: "A late slot in another experience",
    variants: [{ segment: "everyone", changes: [{ type: "text", selector: "#late-b", value: "Late B from Facet" }] }],
  });
  await admin("POST", `/sites/${key}/publish`);
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

it("stops following only the fought slot: late-rendered slots of other changes still get theirs", async () => {
  const v = await newVisitor(browser);
  await v.page.goto(`${host.origin}/`);
  const info = await facetReady(v.page);
  expect(info.applied.map((a) => a.experience).sort()).toEqual(["busy", "late"]);
  // The fight trips the guard of the #busy change: one warning naming the selector.
  await expect.poll(() => v.warnings.filter((w) => w.startsWith("facet:")), { timeout: 10_000 }).toHaveLength(1);
  expect(v.warnings.find((w) => w.startsWith("facet:"))).toContain('"#busy"');
  // The framework keeps its slot, and the page is not spinning.
  expect(await text(v.page, "#busy")).toBe("Framework");

  // Slots rendered afterwards, by the page's own code.
  await v.page.evaluate(() => {
    for (const id of ["late-a", "late-b"]) {
      const p = document.createElement("p");
      p.id = id;
      p.textContent = "Original late slot";
      document.querySelector("main")!.append(p);
    }
  });
  await v.page.waitForFunction(
    () =>
      document.getElementById("late-a")?.textContent === "Late A from Facet" &&
      document.getElementById("late-b")?.textContent === "Late B from Facet",
    null,
    { timeout: 5000 },
  );
  expect(await text(v.page, "#busy")).toBe("Framework");
  expect(v.pageErrors).toEqual([]);
  await v.context.close();
});
