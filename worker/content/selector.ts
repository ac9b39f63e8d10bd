// Whether a change's CSS selector is one every browser will take (SPEC §4). The snippet hands it to
// querySelectorAll and to the anti-flicker style sheet: a selector that is not CSS (jQuery's `:contains()`,
// an id starting with a digit) throws there on every page view, so it is refused when saved instead.
// css-selector-parser in strict `selectors-4` mode does the parsing; on top, only state-independent
// pseudo-classes are allowed: a change applies once per decision, so `:hover` or `:checked` would pick
// elements by a passing moment.
import { createParser, type AstRule, type AstSelector } from "css-selector-parser";

const parseSelector = createParser({ syntax: "selectors-4", strict: true });

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
// The column combinator `||` parses but no browser's querySelectorAll takes it.
const COMBINATORS = new Set([undefined, " ", ">", "+", "~"]);

/** Why `source` is not an allowed selector, or null when it is one. */
export function selectorProblem(source: string): string | null {
  let ast: AstSelector;
  try {
    ast = parseSelector(source);
  } catch (e) {
    const detail = (e as Error).message.replace(/^css-selector-parser parse error: /, "").replace(/\.? Pos: (\d+)\.?$/, " (at offset $1)");
    return `not a valid CSS selector: ${detail}`;
  }
  return selectorListProblem(ast);
}

function selectorListProblem(list: AstSelector): string | null {
  for (const rule of list.rules) {
    const problem = ruleProblem(rule);
    if (problem) return problem;
  }
  return null;
}

function ruleProblem(rule: AstRule): string | null {
  for (let r: AstRule | undefined = rule; r; r = r.nestedRule) {
    if (!COMBINATORS.has(r.combinator)) return `the combinator "${r.combinator}" is not supported by browsers; use " ", ">", "+" or "~"`;
    for (const item of r.items) {
      // Namespace prefixes need an @namespace rule the page never declared: querySelectorAll throws on them.
      if ("namespace" in item && item.namespace) return "namespace prefixes (svg|a, *|a, |a) are not allowed";
      if (item.type == "PseudoElement") return `pseudo-elements (::${item.name}) are not elements a change can target`;
      if (item.type == "NestingSelector") return "the nesting selector & is not allowed";
      if (item.type != "PseudoClass") continue;
      if (!PSEUDO_CLASSES.has(item.name)) {
        return `the pseudo-class :${item.name} is not allowed; Facet allows :${[...PSEUDO_CLASSES].join(", :")}`;
      }
      const arg = item.argument;
      const inner =
        arg?.type == "Selector" ? selectorListProblem(arg) : arg?.type == "FormulaOfSelector" ? ruleProblem(arg.selector) : null;
      if (inner) return inner;
    }
  }
  return null;
}
