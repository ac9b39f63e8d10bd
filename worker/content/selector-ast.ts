// The tree of a parsed selector list (content/selector-parse.ts), read by the policies on top of it
// (content/selector.ts, edge/selector.ts) and written back by content/selector-render.ts.

export interface SelectorList {
  type: "Selector";
  rules: Rule[];
}
/** A compound selector, chained to the next one of its complex selector (`nestedRule`). */
export interface Rule {
  type: "Rule";
  items: Item[];
  /** How it is joined to the compound before it: undefined for the descendant combinator (and the first). */
  combinator?: string;
  nestedRule?: Rule;
}
/** An+B, with the selector list of `:nth-child(An+B of S)`. */
export type Formula =
  | { type: "Formula"; a: number; b: number }
  | { type: "FormulaOfSelector"; a: number; b: number; selector: SelectorList };
export type Item =
  | { type: "TagName"; name: string; namespace?: string }
  | { type: "WildcardTag"; namespace?: string }
  | { type: "ClassName"; name: string }
  | { type: "Id"; name: string }
  | { type: "Attribute"; name: string; namespace?: string; operator?: string; value?: string; caseSensitivityModifier?: string }
  | {
      type: "PseudoClass";
      name: string;
      argument?: SelectorList | Formula | { type: "Lang"; range: string } | { type: "Unparsed"; text: string };
    }
  | { type: "PseudoElement"; name: string }
  | { type: "NestingSelector" };
