// Pseudo-classes and pseudo-elements, parsed by name: the logical pseudo-classes take selector lists
// (relative ones for :has()), the nth ones An+B (and `of S` for :nth-child and :nth-last-child), :lang()
// a language; any other's argument is skipped, balanced, for the policy to refuse it by name.
import type { Formula, Item, SelectorList } from "./selector-ast";
import type { Cursor } from "./selector-lex";

/** The selector-list parser (content/selector-parse.ts), passed in: the two recurse into each other. */
export type ListParser = (c: Cursor, relative: boolean) => SelectorList;

// Written with one colon, these are still pseudo-elements (CSS 2).
const LEGACY_ELEMENTS = new Set(["before", "after", "first-line", "first-letter"]);
// "of" as a whole word (not "offset"), after An+B and whitespace; lowercase only, as Chromium reads it.
const OF = /of(?![-\w\\]|[^\0-\x7f])/y;
// CSS whitespace only: JS's \s also takes NBSP, U+2028, U+FEFF, U+3000, which browsers refuse here.
const NTH = /([+-]?)(\d*)n(?:[ \t\n\r\f]*([+-])[ \t\n\r\f]*(\d+))?|([+-]?\d+)|(even|odd)/iy;
// Browsers clamp A and B to 32 bits; refused beyond, so that the browser, the edge (which renders the
// number back) and the stored selector all mean the same formula.
const NTH_MAX = 2 ** 31 - 1;

export function pseudo(c: Cursor, selectorList: ListParser): Item {
  c.pos++;
  const element = c.eat(":");
  const raw = c.ident() ?? c.fail(element ? "expected a pseudo-element name" : "expected a pseudo-class name");
  const name = raw.replace(/[A-Z]+/g, (s) => s.toLowerCase()); // ASCII case-insensitive
  if (element || LEGACY_ELEMENTS.has(name)) {
    if (c.eat("(")) skipArgument(c);
    return { type: "PseudoElement", name };
  }
  const logical = name === "not" || name === "is" || name === "where" || name === "has";
  const nth = /^nth-(last-)?(child|of-type)$/.test(name);
  if (!c.eat("(")) {
    if (logical || nth || name === "lang") c.fail(`:${name} needs an argument: :${name}(…)`);
    return { type: "PseudoClass", name };
  }
  const start = c.pos;
  c.skipWs();
  const item: Item = { type: "PseudoClass", name };
  if (logical) item.argument = selectorList(c, name === "has");
  else if (nth) item.argument = formula(c, name.endsWith("child"), selectorList);
  // One identifier: browsers refuse a string or a list here (Chromium at least).
  else if (name === "lang") item.argument = { type: "Lang", range: c.ident() ?? c.fail("expected a language (an identifier: de, de-CH)") };
  else {
    // Kept as written, for the policy to refuse (an unknown name, or :first-child(2)).
    skipArgument(c);
    item.argument = { type: "Unparsed", text: c.src.slice(start, c.pos) };
  }
  c.skipWs();
  if (!c.eat(")")) c.fail(c.eof() ? `unclosed :${name}(` : `expected ) but found "${c.ch}"`);
  return item;
}

function formula(c: Cursor, ofSelector: boolean, selectorList: ListParser): Formula {
  const start = c.pos;
  NTH.lastIndex = start;
  const m = NTH.exec(c.src) ?? c.fail("expected An+B (2n+1, odd, 3…)");
  c.pos = NTH.lastIndex;
  const [, sign, digits, bSign, bDigits, number, word] = m;
  const a = word ? 2 : number ? 0 : (sign === "-" ? -1 : 1) * (digits ? Number(digits) : 1);
  const b = word ? (word.toLowerCase() === "odd" ? 1 : 0) : number ? Number(number) : bDigits ? Number(bSign + bDigits) : 0;
  if (Math.abs(a) > NTH_MAX || Math.abs(b) > NTH_MAX) c.fail(`An+B numbers must be between -${NTH_MAX} and ${NTH_MAX}`, start);
  const spaced = c.skipWs();
  OF.lastIndex = c.pos;
  if (ofSelector && spaced && OF.test(c.src)) {
    c.pos = OF.lastIndex;
    return { type: "FormulaOfSelector", a, b, selector: selectorList(c, false) };
  }
  return { type: "Formula", a, b };
}

/** The argument of a pseudo-class no policy allows: read to its `)`, through strings and nested brackets. */
function skipArgument(c: Cursor): void {
  for (let depth = 0; depth > 0 || c.ch !== ")"; ) {
    const ch = c.ch;
    if (ch === "") c.fail("unclosed (");
    if (ch === '"' || ch === "'") {
      c.string();
      continue;
    }
    if (ch === "(" || ch === "[") depth++;
    else if (ch === ")" || ch === "]") depth--;
    c.pos += ch === "\\" ? 2 : 1;
  }
}
