// Which selectors HTMLRewriter matches exactly as the browser's querySelectorAll would. Its subset
// (lol_html's documented one): *, type, .class, #id, [attr] with = ~= ^= $= *= |= (and i / s flags),
// :first-child, :nth-child(), :first-of-type, :nth-of-type(), :not() of simple selectors, and the
// descendant and child combinators. Anything else (+, ~, :last-child, :has(), :is()...) needs siblings
// that have not streamed yet or the finished DOM: such a change is left to the snippet. Pure.
import { parseSelectorList as parse, type Rule as AstRule, type SelectorList as AstSelector } from "../content/selector-parse";
import { renderRule } from "../content/selector-render";

const PSEUDO = new Set(["first-child", "nth-child", "first-of-type", "nth-of-type"]);
const OPERATORS = new Set([undefined, "=", "~=", "^=", "$=", "*=", "|="]);

type Item = AstRule["items"][number];
const safeFormula = ({ a, b }: { a: number; b: number }): boolean => Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31;

function simple(item: Item, insideNot: boolean): boolean {
  if ("namespace" in item && item.namespace) return false;
  switch (item.type) {
    case "TagName":
    case "WildcardTag":
    case "ClassName":
    case "Id":
      return true;
    case "Attribute":
      return OPERATORS.has(item.operator) && (!item.caseSensitivityModifier || /^[is]$/i.test(item.caseSensitivityModifier));
    case "PseudoClass": {
      // A number JS would write in exponent notation (1e+23n) is a parser error to HTMLRewriter, losing the
      // whole page's rewrite; the parser refuses them, and this keeps the edge safe if that ever changes.
      if (PSEUDO.has(item.name)) return !item.argument || (item.argument.type == "Formula" && safeFormula(item.argument));
      if (item.name != "not" || insideNot || item.argument?.type != "Selector") return false;
      // :not() of one compound selector without combinators (lists inside :not are not in the documented subset).
      const [only, ...more] = item.argument.rules;
      return !!only && !more.length && !only.nestedRule && only.items.every((i) => simple(i, true));
    }
  }
  return false;
}

function ruleOk(rule: AstRule): boolean {
  for (let r: AstRule | undefined = rule; r; r = r.nestedRule) {
    // The parser gives a descendant combinator as none; only the first rule has none at all.
    if (r.combinator !== undefined && (r === rule || r.combinator != ">")) return false;
    if (!r.items.every((i) => simple(i, false))) return false;
  }
  return true;
}

/**
 * The selector as the parts HTMLRewriter is given (one per selector of a list), or null when it can't
 * match exactly what the browser would. A list is split: every change an element can get is idempotent,
 * so an element matched by two parts ends the same as with one application.
 */
export function edgeSelectors(source: string): string[] | null {
  let ast: AstSelector;
  try {
    ast = parse(source);
  } catch {
    return null;
  }
  if (!ast.rules.length || !ast.rules.every(ruleOk)) return null;
  return ast.rules.map(renderRule);
}
