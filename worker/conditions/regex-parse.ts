// Parses a JavaScript regex (no flags but `i`) into the small tree regex-safety.ts estimates the cost of.
// The pattern has already compiled with `new RegExp`, so this reads valid syntax only; what Facet refuses
// (backreferences, lookaround, other `(?` groups) it throws as a RegexRefusal with the reason.
import { type Chars, DOT, add, addRange, chars, escapeClass, fold, negate, union } from "./regex-chars";

export type RegexNode =
  | { kind: "chars"; set: Chars; text: string }
  /** Zero-width: `^` (start), `$`, `\b`, `\B`. */
  | { kind: "assert"; start: boolean; text: string }
  | { kind: "group"; alts: RegexNode[][]; text: string }
  | { kind: "repeat"; node: RegexNode; min: number; max: number; text: string };

export class RegexRefusal extends Error {}

const QUANTIFIER = /^(?:[*+?]|\{(\d+)(,(\d*))?\})/;

export function parseRegex(src: string, foldCase: boolean): RegexNode[][] {
  let i = 0;
  const set = (s: Chars) => (foldCase ? fold(s) : s);

  function alternation(): RegexNode[][] {
    const alts = [sequence()];
    while (src[i] == "|") {
      i++;
      alts.push(sequence());
    }
    return alts;
  }

  function sequence(): RegexNode[] {
    const items: RegexNode[] = [];
    while (i < src.length && src[i] != "|" && src[i] != ")") {
      const start = i;
      const atom = parseAtom();
      const q = QUANTIFIER.exec(src.slice(i));
      if (!q || atom.kind == "assert") {
        items.push(atom);
        continue;
      }
      i += q[0].length;
      if (src[i] == "?") i++; // lazy: the same work in the worst case, in another order
      const c = q[0][0];
      const min = c == "{" ? +q[1]! : c == "+" ? 1 : 0;
      const max = c == "{" ? (q[2] === undefined ? min : q[3] ? +q[3] : Infinity) : c == "?" ? 1 : Infinity;
      items.push({ kind: "repeat", node: atom, min, max, text: src.slice(start, i) });
    }
    return items;
  }

  function parseAtom(): RegexNode {
    const start = i;
    const c = src[i++]!;
    const node = (s: Chars): RegexNode => ({ kind: "chars", set: set(s), text: src.slice(start, i) });
    if (c == "(") {
      if (src[i] == "?") {
        const look = /^\?<?[=!]/.exec(src.slice(i));
        if (look) throw new RegexRefusal(`regex uses lookaround ((${look[0]}…)`);
        if (src[i + 1] == ":") i += 2;
        else if (src[i + 1] == "<") i = src.indexOf(">", i) + 1;
        else throw new RegexRefusal(`regex uses a (${src.slice(i, i + 2)}…) group, which Facet does not support`);
      }
      const alts = alternation();
      i++; // ")"
      return { kind: "group", alts, text: src.slice(start, i) };
    }
    if (c == "[") return node(charClass());
    if (c == ".") return node(DOT);
    if (c == "^" || c == "$") return { kind: "assert", start: c == "^", text: c };
    if (c != "\\") return node(add(chars(), c.charCodeAt(0)));
    const e = src[i++] ?? "";
    if (/[1-9]/.test(e) || (e == "k" && src[i] == "<")) {
      throw new RegexRefusal(`regex uses a backreference (\\${e == "k" ? "k<…>" : e})`);
    }
    if (e == "b" || e == "B") return { kind: "assert", start: false, text: `\\${e}` };
    return node(backslash(e));
  }

  // After a backslash (outside or inside a class): a class escape, or what the escape stands for.
  function backslash(e: string): Chars {
    const known = escapeClass(e);
    if (known) return known;
    const hex = e == "x" ? /^[0-9a-fA-F]{2}/.exec(src.slice(i)) : e == "u" ? /^[0-9a-fA-F]{4}/.exec(src.slice(i)) : null;
    if (hex) {
      i += hex[0].length;
      return add(chars(), parseInt(hex[0], 16));
    }
    if (e == "c" && /[a-zA-Z]/.test(src[i] ?? "")) return add(chars(), src.charCodeAt(i++) % 32);
    // \0, \t, \n... or an identity escape: one character either way. Non-ASCII stands in for all of them.
    const simple: Record<string, number> = { "0": 0, t: 9, n: 10, v: 11, f: 12, r: 13 };
    return add(chars(), simple[e] ?? e.charCodeAt(0));
  }

  function charClass(): Chars {
    const negated = src[i] == "^";
    if (negated) i++;
    let out = chars();
    let prev: number | null = null;
    while (src[i] != "]") {
      const escaped = src[i] == "\\";
      let code: number | null;
      if (escaped) {
        i += 2;
        code = src[i - 1] == "b" ? 8 : single(backslash(src[i - 1]!));
        if (code === null) {
          // \d, \w, \s and their negations
          out = union(out, backslash(src[i - 1]!));
          prev = null;
          continue;
        }
      } else code = src.charCodeAt(i++);
      if (!escaped && code == 45 && prev !== null && src[i] != "]") {
        // a range prev-next; `a-\d` is "a", "-" and digits outside unicode mode
        const endStart = i;
        let end: number | null;
        if (src[i] == "\\") {
          i += 2;
          end = src[i - 1] == "b" ? 8 : single(backslash(src[i - 1]!));
        } else end = src.charCodeAt(i++);
        if (end === null) {
          i = endStart;
          out = add(out, 45);
        } else out = addRange(out, prev, end);
        prev = null;
        continue;
      }
      out = add(out, code);
      prev = code;
    }
    i++; // "]"
    return negated ? negate(out) : out;
  }

  const tree = alternation();
  return tree;
}

// The one character a set holds, if it holds exactly one (class ranges need single ends); 128 stands for any
// one non-ASCII character.
function single(s: Chars): number | null {
  let found: number | null = null;
  for (let c = 0; c < 128; c++) {
    if (s.bits[c >> 5]! & (1 << (c & 31))) {
      if (found !== null) return null;
      found = c;
    }
  }
  return s.other ? (found === null ? 128 : null) : found;
}
