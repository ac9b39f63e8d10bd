// A parsed selector (content/selector-parse.ts) written back as CSS, escaped as CSSOM serializes
// identifiers and strings: the edge hands each selector of a list to HTMLRewriter on its own.
import type { Formula, Item, Rule, SelectorList } from "./selector-ast";

const hexEscape = (code: number): string => `\\${code.toString(16)} `;

/** CSSOM's "serialize an identifier". */
export function escapeIdent(name: string): string {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    const ch = name[i]!;
    const code = name.charCodeAt(i);
    if (code === 0) out += "\uFFFD";
    else if (code < 0x20 || code === 0x7f || (/\d/.test(ch) && (i === 0 || (i === 1 && name[0] === "-")))) out += hexEscape(code);
    else if (ch === "-" && name.length === 1) out += "\\-";
    else if (code >= 0x80 || /[-\w]/.test(ch)) out += ch;
    else out += `\\${ch}`;
  }
  return out;
}

/** CSSOM's "serialize a string": double quotes. */
export function escapeString(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    out += code === 0 ? "\uFFFD" : code < 0x20 || code === 0x7f ? hexEscape(code) : ch === '"' || ch === "\\" ? `\\${ch}` : ch;
  }
  return `"${out}"`;
}

const formula = ({ a, b }: Formula): string => (a ? `${a === 1 ? "" : a === -1 ? "-" : a}n${b ? (b > 0 ? `+${b}` : b) : ""}` : `${b}`);

function item(it: Item): string {
  switch (it.type) {
    case "TagName":
      return (it.namespace ?? "") + escapeIdent(it.name);
    case "WildcardTag":
      return `${it.namespace ?? ""}*`;
    case "ClassName":
      return `.${escapeIdent(it.name)}`;
    case "Id":
      return `#${escapeIdent(it.name)}`;
    case "Attribute": {
      const value = it.operator ? it.operator + escapeString(it.value!) : "";
      return `[${it.namespace ?? ""}${escapeIdent(it.name)}${value}${it.caseSensitivityModifier ? ` ${it.caseSensitivityModifier}` : ""}]`;
    }
    case "PseudoClass": {
      const arg = it.argument;
      if (!arg) return `:${escapeIdent(it.name)}`;
      const inner =
        arg.type === "Selector"
          ? renderSelector(arg)
          : arg.type === "Unparsed"
            ? arg.text
            : arg.type === "Lang"
              ? escapeIdent(arg.range)
              : arg.type === "Formula"
                ? formula(arg)
                : `${formula(arg)} of ${renderSelector(arg.selector)}`;
      return `:${escapeIdent(it.name)}(${inner})`;
    }
    case "PseudoElement":
      return `::${escapeIdent(it.name)}`;
    case "NestingSelector":
      return "&";
  }
}

/** One complex selector: its compounds, joined by their combinators (` ` for descendant). */
export function renderRule(rule: Rule): string {
  let out = rule.combinator ? `${rule.combinator} ` : "";
  for (let r: Rule | undefined = rule; r; r = r.nestedRule) {
    if (r !== rule) out += r.combinator ? ` ${r.combinator} ` : " ";
    out += r.items.map(item).join("");
  }
  return out;
}

export const renderSelector = (list: SelectorList): string => list.rules.map(renderRule).join(", ");
