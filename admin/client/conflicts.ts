// Two live experiences changing the same element both apply their changes to
// it, in an order the marketer does not choose: the editor warns when a selector of this experience is also changed by another live experience of the site.
import { h } from "./dom";

export interface OtherExperience {
  id: string;
  name: string;
  selectors: string[];
}

const norm = (s: string) => s.trim().replace(/\s+/g, " ");

/** One line per selector shared with another live experience: "#hero → Hero (hero)". */
export function conflicts(selectors: string[], others: OtherExperience[]): { selector: string; experiences: string[] }[] {
  const mine = [...new Set(selectors.map(norm).filter(Boolean))];
  return mine
    .map((selector) => ({
      selector,
      experiences: others.filter((o) => o.selectors.some((s) => norm(s) === selector)).map((o) => `${o.name} (${o.id})`),
    }))
    .filter((c) => c.experiences.length);
}

export function conflictBox(list: ReturnType<typeof conflicts>): HTMLElement[] {
  if (!list.length) return [];
  return [
    h(
      "div",
      { class: "conflict-warning", role: "note" },
      h("p", {}, h("strong", {}, "Another live experience changes the same element:")),
      h(
        "ul",
        {},
        list.map((c) => h("li", {}, h("code", {}, c.selector), " is also changed by ", c.experiences.join(", "))),
      ),
      h("p", { class: "hint" }, "A visitor in both gets the changes of both; pause one or pick another element."),
    ),
  ];
}
