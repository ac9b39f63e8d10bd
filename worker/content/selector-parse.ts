// A CSS selector list parsed by the Selectors Level 4 grammar, strictly: what it takes, a browser's
// querySelectorAll takes too. The tree keeps what the policies on top need to refuse (namespaces,
// pseudo-elements, `&`, the column combinator `||`): content/selector.ts decides what a change may target,
// edge/selector.ts what HTMLRewriter matches exactly. Pseudo-classes: content/selector-pseudo.ts.
import type { Item, Rule, SelectorList } from "./selector-ast";
import { Cursor } from "./selector-lex";
import { pseudo } from "./selector-pseudo";

export type * from "./selector-ast";

const COMBINATORS = ["||", ">", "+", "~"];
const OPERATORS = ["=", "~=", "|=", "^=", "$=", "*="];

/** The selector list `source`; throws a SelectorError (message, offset) when it is not one. */
export function parseSelectorList(source: string): SelectorList {
  const c = new Cursor(source);
  const list = selectorList(c, false);
  if (!c.eof()) c.fail(`unexpected "${c.ch}"`);
  return list;
}

function selectorList(c: Cursor, relative: boolean): SelectorList {
  const rules: Rule[] = [];
  do {
    c.skipWs();
    rules.push(complex(c, relative));
  } while (c.eat(","));
  return { type: "Selector", rules };
}

/** Compounds and combinators; `relative` (inside :has()) may start with a combinator. */
function complex(c: Cursor, relative: boolean): Rule {
  const lead = relative ? COMBINATORS.find((op) => c.eat(op)) : undefined;
  if (lead) c.skipWs();
  const first = compound(c, lead);
  for (let last = first; ; ) {
    const spaced = c.skipWs();
    if (c.eof() || c.ch === "," || c.ch === ")") return first;
    const op = COMBINATORS.find((o) => c.eat(o));
    if (!op && !spaced) c.fail(`unexpected "${c.ch}"`);
    c.skipWs();
    last = last.nestedRule = compound(c, op);
  }
}

function compound(c: Cursor, combinator: string | undefined): Rule {
  const items: Item[] = [];
  const type = typeSelector(c);
  if (type) items.push(type);
  for (;;) {
    const ch = c.ch;
    if (ch === "#" || ch === ".") {
      c.pos++;
      const name = c.ident(ch === "#") ?? c.fail(ch === "#" ? "expected an id (an identifier) after #" : "expected a class name after .");
      items.push(ch === "#" ? { type: "Id", name } : { type: "ClassName", name });
    } else if (ch === "[") items.push(attribute(c));
    else if (ch === ":") items.push(pseudo(c, selectorList));
    else if (c.eat("&")) items.push({ type: "NestingSelector" });
    else break;
  }
  if (!items.length) c.fail(c.eof() ? "expected a selector but the input ended" : `expected a selector but found "${c.ch}"`);
  return combinator ? { type: "Rule", items, combinator } : { type: "Rule", items };
}

/** `*`, `tag`, or either after a namespace prefix (`svg|`, `*|`, `|`). */
function typeSelector(c: Cursor): Item | null {
  let name = c.eat("*") ? "*" : c.ident();
  let namespace: string | undefined;
  if (c.ch === "|" && (c.peek() === "*" || c.startsIdent(c.pos + 1))) {
    namespace = `${name ?? ""}|`;
    c.pos++;
    name = c.eat("*") ? "*" : c.ident();
  }
  if (name === null) return null;
  const item: Item = name === "*" ? { type: "WildcardTag" } : { type: "TagName", name };
  if (namespace) item.namespace = namespace;
  return item;
}

function attribute(c: Cursor): Item {
  c.pos++;
  c.skipWs();
  let name = c.eat("*") ? "*" : c.ident();
  let namespace: string | undefined;
  if (c.ch === "|" && c.startsIdent(c.pos + 1)) {
    namespace = `${name ?? ""}|`;
    c.pos++;
    name = c.ident();
  }
  if (name === null || name === "*") c.fail("expected an attribute name");
  const attr: Item = { type: "Attribute", name, ...(namespace && { namespace }) };
  c.skipWs();
  if (c.eat("]")) return attr;
  attr.operator = OPERATORS.find((op) => c.eat(op)) ?? c.fail(c.eof() ? "unclosed [" : `expected ] or one of ${OPERATORS.join(" ")}`);
  c.skipWs();
  attr.value = (c.ch === '"' || c.ch === "'" ? c.string() : c.ident()) ?? c.fail("expected an attribute value (an identifier or a string)");
  c.skipWs();
  const modifier = c.ident();
  if (modifier !== null) {
    // `s` is CSS too, but Chromium refuses it.
    if (!/^i$/i.test(modifier)) c.fail(`unknown attribute modifier "${modifier}" (only i)`);
    attr.caseSensitivityModifier = modifier;
    c.skipWs();
  }
  if (!c.eat("]")) c.fail(c.eof() ? "unclosed [" : `expected ] but found "${c.ch}"`);
  return attr;
}
