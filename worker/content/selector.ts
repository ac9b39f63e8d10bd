// Whether a change's CSS selector is one every browser will take (SPEC §4). The snippet hands it to
// querySelectorAll and to the anti-flicker style sheet: a selector that is not CSS (jQuery's `:contains()`,
// an id starting with a digit) throws there on every page view, so it is refused when saved instead.
// Our strict Selectors Level 4 parser (selector-parse.ts) does the parsing; on top, only state-independent
// pseudo-classes are allowed: a change applies once per decision, so `:hover` or `:checked` would pick
// elements by a passing moment.
import type { Rule, SelectorList } from "./selector-parse";
import { parseSelectorList } from "./selector-parse";
import { SelectorError } from "./selector-lex";

export const PSEUDO_CLASSES = new Set([
  "root",
  "empty",
  "first-child",
  "last-child",
  "only-child",
  "nth-child",
  "nth-last-child",
  "first-of-type",
  "last-of-type",
  "only-of-type",
  "nth-of-type",
  "nth-last-of-type",
  "not",
  "is",
  "where",
  "has",
  "lang",
]);
// The other pseudo-classes of Selectors Level 4: CSS, but they depend on a state or are not in browsers.
// Any name beyond these and the allowed ones is not CSS at all (jQuery's :contains()).
const STATEFUL = new Set(
  (
    "link visited any-link local-link target target-within scope current past future hover active focus focus-within " +
    "focus-visible enabled disabled read-write read-only placeholder-shown default checked indeterminate valid invalid " +
    "in-range out-of-range required optional blank user-invalid playing paused autofill modal fullscreen " +
    "picture-in-picture defined loading popover-open dir state nth-col nth-last-col"
  ).split(" "),
);
// The column combinator `||` parses but no browser's querySelectorAll takes it.
const COMBINATORS = new Set([undefined, " ", ">", "+", "~"]);

/** Why `source` is not an allowed selector, or null when it is one. */
export function selectorProblem(source: string): string | null {
  let list: SelectorList;
  try {
    list = parseSelectorList(source);
  } catch (e) {
    if (!(e instanceof SelectorError)) throw e;
    return `not a valid CSS selector: ${e.message} (at offset ${e.offset})`;
  }
  return selectorListProblem(list, false);
}

function selectorListProblem(list: SelectorList, inHas: boolean): string | null {
  for (const rule of list.rules) {
    const problem = ruleProblem(rule, inHas);
    if (problem) return problem;
  }
  return null;
}

function ruleProblem(rule: Rule, inHas: boolean): string | null {
  for (let r: Rule | undefined = rule; r; r = r.nestedRule) {
    if (!COMBINATORS.has(r.combinator)) return `the combinator "${r.combinator}" is not supported by browsers; use " ", ">", "+" or "~"`;
    for (const item of r.items) {
      // Namespace prefixes need an @namespace rule the page never declared: querySelectorAll throws on them.
      if ("namespace" in item && item.namespace) return "namespace prefixes (svg|a, *|a, |a) are not allowed";
      if (item.type === "PseudoElement") return `pseudo-elements (::${item.name}) are not elements a change can target`;
      if (item.type === "NestingSelector") return "the nesting selector & is not allowed";
      // No element's name can start with `--`; and in a style sheet Chromium reads `--x:first-child {…}`
      // as a custom property declaration, dropping the anti-flicker rule.
      if (item.type === "TagName" && item.name.startsWith("--"))
        return `no element is named "${item.name}" (a type selector cannot start with --)`;
      if (item.type !== "PseudoClass") continue;
      if (!PSEUDO_CLASSES.has(item.name)) {
        if (!STATEFUL.has(item.name)) return `not a valid CSS selector: Unknown pseudo-class: "${item.name}"`;
        return `the pseudo-class :${item.name} is not allowed; Facet allows :${[...PSEUDO_CLASSES].join(", :")}`;
      }
      if (item.argument?.type === "Unparsed") return `the pseudo-class :${item.name} takes no argument`;
      // Selectors Level 4: :has() cannot be nested, and browsers refuse it.
      if (item.name === "has" && inHas) return ":has() inside :has() is not allowed";
      const arg = item.argument;
      const has = inHas || item.name === "has";
      const inner =
        arg?.type === "Selector"
          ? selectorListProblem(arg, has)
          : arg?.type === "FormulaOfSelector"
            ? selectorListProblem(arg.selector, has)
            : null;
      if (inner) return inner;
    }
  }
  return null;
}
