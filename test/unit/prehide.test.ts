// The pre-hide snippet's choice of slots (contract/prehide.ts), run against a fake page: the list baked in by
// the install endpoint on a first visit, the device's recorded list when it is at least as new, and never a
// way out of its <script> element. The browser tests (test/e2e/prehide.test.ts) check what it paints.
import { describe, expect, it } from "vitest";
import { prehide } from "../../contract/prehide";
import type { SlotList } from "../../contract/storage";

interface Ran {
  /** Rules inserted, keyframes left out; null when no style element was added. */
  hidden: string[] | null;
  attrs: Record<string, string>;
}

function run(code: string, stored: string | null | (() => never), path = "/pricing"): Ran {
  const rules: string[] = [];
  const attrs: Record<string, string> = {};
  let appended = false;
  const style = { sheet: { insertRule: (r: string) => rules.push(r) }, setAttribute: (k: string, v: unknown) => (attrs[k] = String(v)) };
  const document = { createElement: () => style, head: { appendChild: () => (appended = true) }, currentScript: null };
  const localStorage = { getItem: () => (typeof stored == "function" ? stored() : stored) };
  new Function("localStorage", "location", "document", code)(localStorage, { pathname: path }, document);
  return { hidden: appended ? rules.filter((r) => !r.startsWith("@")).map((r) => r.split("{")[0]!) : null, attrs };
}

const baked: SlotList = {
  v: 3,
  t: 800,
  e: [
    [["^/pricing$"], ["#hero"]],
    [[], [".banner"]],
    [["^/blog$"], ["#post"]],
  ],
};
const recorded = (v: number | undefined) => JSON.stringify({ v, t: 800, e: [[["^/pricing$"], ["#new-hero"]]] });

describe("the pre-hide snippet", () => {
  it("on a first visit hides this page's baked slots, and records the baked version for facet.js", () => {
    const ran = run(prehide("s", baked), null);
    expect(ran.hidden).toEqual(["#hero", ".banner"]);
    expect(ran.attrs["data-v"]).toBe("3");
    expect(ran.attrs["data-m"]).toMatch(/^facet: .*version 3.*copy it again/);
    // Blocked storage (a throwing getItem) is a first visit too.
    expect(
      run(prehide("s", baked), () => {
        throw Error("blocked");
      }).hidden,
    ).toEqual(["#hero", ".banner"]);
  });

  it("uses the device's recorded list when it is at least as new as the baked one, the baked one otherwise", () => {
    expect(run(prehide("s", baked), recorded(3)).hidden).toEqual(["#new-hero"]);
    expect(run(prehide("s", baked), recorded(4)).hidden).toEqual(["#new-hero"]);
    expect(run(prehide("s", baked), recorded(2)).hidden).toEqual(["#hero", ".banner"]);
    expect(run(prehide("s", baked), recorded(undefined)).hidden).toEqual(["#hero", ".banner"]);
    expect(run(prehide("s", baked), "not json").hidden).toEqual(["#hero", ".banner"]);
  });

  it("without a baked list: the recorded list only, and no style element at all on a first visit", () => {
    expect(run(prehide("s"), recorded(2)).hidden).toEqual(["#new-hero"]);
    expect(run(prehide("s"), recorded(2)).attrs).toEqual({});
    // No element: the upgraded tag then hides this page's slots itself (snippet/boot.ts).
    expect(run(prehide("s"), null).hidden).toBeNull();
  });

  it("never lets the baked list end the <script> element it is pasted into", () => {
    const odd: SlotList = { v: 1, t: 800, e: [[["^/a</script><!--\u2028$"], ['[data-x="</script>"]']]] };
    const code = prehide("s", odd);
    expect(code).not.toMatch(/<\/script|<!--|\u2028/i);
    expect(run(code, null, "/x").hidden).toEqual([]);
    expect(run(prehide("s", { ...odd, e: [[[], ['[data-x="</script>"]']]] }), null).hidden).toEqual(['[data-x="</script>"]']);
  });
});
