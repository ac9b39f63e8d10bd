// "Test against a visitor": evaluates the segment's condition on a sample context with the snippet's own
// evaluator, and says which top-level clause decided (the first that failed an AND, the first that held an OR).
import { $, h } from "./dom";
import { evalCondition } from "./evaluator";
import { SAMPLES } from "./samples";

type Cond = Record<string, unknown>;

/** The top-level clauses of a condition and how they combine. */
export function clausesOf(condition: Cond): { all: boolean; clauses: Cond[] } {
  const keys = Object.keys(condition);
  if (keys.length === 1 && keys[0] === "$or" && Array.isArray(condition.$or)) return { all: false, clauses: condition.$or as Cond[] };
  if (keys.length === 1 && keys[0] === "$and" && Array.isArray(condition.$and)) return { all: true, clauses: condition.$and as Cond[] };
  return { all: true, clauses: keys.map((k) => ({ [k]: condition[k] })) };
}

export function mountTester(getCondition: () => Cond | null) {
  const select = $<HTMLSelectElement>("#sample")!;
  const text = $<HTMLTextAreaElement>("#sample-json")!;
  const result = $("#test-result")!;
  const list = $("#test-clauses")!;
  select.replaceChildren(...Object.keys(SAMPLES).map((name) => h("option", { value: name }, name)));
  const load = () => {
    text.value = JSON.stringify(SAMPLES[select.value], null, 2);
    return run();
  };

  function run() {
    const condition = getCondition();
    let context: Record<string, unknown>;
    try {
      context = JSON.parse(text.value);
    } catch {
      result.className = "result";
      return result.replaceChildren("The visitor context is not valid JSON.");
    }
    if (!condition) return result.replaceChildren("Fix the condition to test it.");
    const match = evalCondition(context, condition);
    const { all, clauses } = clausesOf(condition);
    const results = clauses.map((c) => evalCondition(context, c));
    const decider = all ? results.indexOf(false) : results.indexOf(true);
    result.className = `result ${match ? "match" : "no-match"}`;
    result.replaceChildren(
      h("strong", {}, match ? "✓ Match" : "✗ No match"),
      " — ",
      clauses.length === 0
        ? "no rules: everyone matches"
        : decider >= 0
          ? `decided by clause ${decider + 1} (${all ? "it fails, and all must hold" : "it holds, and one is enough"})`
          : all
            ? `all ${clauses.length} clauses hold`
            : `none of the ${clauses.length} clauses holds`,
    );
    list.replaceChildren(
      ...clauses.map((c, i) =>
        h(
          "li",
          { class: `${results[i] ? "pass" : "fail"}${i === decider ? " decider" : ""}` },
          h("span", { class: "mark", "aria-label": results[i] ? "holds" : "fails" }, results[i] ? "✓" : "✗"),
          " ",
          h("code", {}, JSON.stringify(c)),
          i === decider ? h("span", { class: "tag" }, "decided") : null,
        ),
      ),
    );
  }

  select.addEventListener("change", load);
  text.addEventListener("input", run);
  load();
  return { run };
}
