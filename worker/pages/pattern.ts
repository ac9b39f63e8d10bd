// Page patterns: the subset of URLPattern pathname syntax Facet accepts, and its compilation to one anchored
// regular expression that means the same in every browser (URLPattern reached Firefox and Safari only in 2025).
// The regex is built the way the URLPattern standard builds its own ("generate a regular expression and name
// list"), so test/e2e/page-patterns.test.ts can check both agree in Chromium on a table of paths.
//
// The subset, per pattern (documented in docs/page-patterns.md):
// - starts with "/" or "*"; literal characters are ASCII letters, digits, - . _ ~ ! $ & ' , ; = @ and "/", a
//   percent sign only as %XX, and \: \( \) \* \+ for those characters themselves;
// - :name (letters, digits, _ and $) matches one path segment ([^/]+), and may be followed by (a|b) to allow
//   only those words;
// - * matches anything (.*), including "/";
// - (a|b|c) matches one of the words, which are letters, digits, _ ~ and -;
// - ? after :name, *, (…) or {…} makes it optional, together with a "/" right before it;
// - {…} groups literal text around at most one :name, * or (…), for a ? after it: /pricing{/}? or {/:lang}?/x.
// Refused: other regex groups, the + and * modifiers, nested or empty groups, repeated names, "." or ".."
// segments (URLPattern resolves them away), and anything else URLPattern would treat differently.
import { REGEX_STEP_BUDGET, regexCost } from "../conditions/regex-safety";

export const PAGE_PATTERN_MAX = 300;

const LITERAL = /[A-Za-z0-9\-._~!$&',;=@/]/;
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;
const WORDS = /^\(([A-Za-z0-9_~-]+(?:\|[A-Za-z0-9_~-]+)*)\)/;

export class PagePatternError extends Error {}

interface Token {
  /** A regex source for what the token matches. */
  value: string;
  prefix: string;
  optional: boolean;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The anchored regex source a page pattern means; throws PagePatternError for syntax outside the subset. */
export function compilePagePattern(pattern: string): string {
  if (pattern.length > PAGE_PATTERN_MAX) throw new PagePatternError(`is ${pattern.length} characters long; Facet allows at most ${PAGE_PATTERN_MAX}`);
  if (!/^([/*]|\{\/)/.test(pattern)) throw new PagePatternError(`must start with "/" or "*", like /pricing or /blog/*`);
  let i = 0;
  let out = "";
  let fixed = ""; // literal text not yet emitted, unescaped
  const names = new Set<string>();
  const fail = (what: string): never => {
    throw new PagePatternError(`${what} at character ${i + 1} of "${pattern}"; see the page pattern syntax in docs/page-patterns.md`);
  };

  function flush() {
    // URLPattern resolves "." and ".." segments in a pattern's fixed text away; URLs never carry them.
    if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(fixed)) fail(`a "." or ".." path segment`);
    out += escapeRegex(fixed);
    fixed = "";
  }

  // One :name, * or (…) at i, if there is one.
  function token(): string | null {
    if (pattern[i] == ":") {
      const name = NAME.exec(pattern.slice(i + 1))?.[0];
      if (!name) fail(`":" must start a parameter name like :slug (write \\: for the character)`);
      if (names.has(name!)) fail(`the parameter name :${name} is used twice`);
      names.add(name!);
      i += 1 + name!.length;
      return pattern[i] == "(" ? words() : "[^/]+";
    }
    if (pattern[i] == "*") {
      i++;
      return ".*";
    }
    return pattern[i] == "(" ? words() : null;
  }

  function words(): string {
    const m = WORDS.exec(pattern.slice(i));
    if (!m) fail(`a group in ( ) may only list words separated by |, like (en|de|fr)`);
    i += m![0].length;
    return `(?:${m![1]})`;
  }

  // A literal character at i (unescaped), or null.
  function literal(): string | null {
    const c = pattern[i]!;
    if (c == "\\") {
      if (!/[:()*+]/.test(pattern[i + 1] ?? "")) fail(`\\ may only escape : ( ) * or +`);
      i += 2;
      return pattern[i - 1]!;
    }
    if (c == "%") {
      if (!/^%[0-9A-Fa-f]{2}/.test(pattern.slice(i))) fail(`"%" must start an escape like %20`);
      i += 3;
      return pattern.slice(i - 3, i);
    }
    if (!LITERAL.test(c)) return null;
    i++;
    return c;
  }

  const optional = () => pattern[i] == "?" && ++i > 0;

  const emit = (t: Token) => (out += `(?:${escapeRegex(t.prefix)}${t.value})${t.optional ? "?" : ""}`);

  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c == "{") {
      flush();
      i++;
      let inner = "";
      let text = "";
      let tokens = 0;
      while (pattern[i] != "}") {
        if (i >= pattern.length) fail(`"{" is never closed`);
        if (pattern[i] == "{") fail(`groups in { } cannot be nested`);
        const t = token();
        if (t !== null) {
          if (++tokens > 1) fail(`a group in { } may hold only one :name, * or ( )`);
          if (/[?+*]/.test(pattern[i] ?? "")) fail(`a modifier inside { } is not allowed; put ? after the }`);
          inner += t;
          text += ":";
          continue;
        }
        const l = literal();
        if (l === null) fail(`"${pattern[i]}" is not allowed here`);
        inner += escapeRegex(l!);
        text += l;
      }
      if (!inner) fail(`an empty group { }`);
      if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(text)) fail(`a "." or ".." path segment`);
      i++;
      out += `(?:${inner})${optional() ? "?" : ""}`;
      continue;
    }
    // A "/" right before a token is its prefix: optional together with it (URLPattern's rule).
    const prefix = c == "/" && /^[:*(]/.test(pattern.slice(i + 1)) ? "/" : "";
    if (prefix) i++;
    const t = token();
    if (t !== null) {
      flush();
      // URLPattern reads + or * right after a token as "one or more" / "zero or more" of it.
      if (pattern[i] == "+" || pattern[i] == "*") fail(`only ? may follow a parameter, * or group`);
      emit({ value: t, prefix, optional: optional() });
      continue;
    }
    if (prefix) i--;
    const l = literal();
    if (l === null) fail(c == "?" || c == "+" ? `"${c}" may only follow a parameter, * or group${c == "+" ? " (write \\+ for a plus sign)" : ""}` : `"${c}" is not allowed in a page pattern`);
    fixed += l;
  }
  flush();
  const source = `^${out}$`;
  const cost = regexCost(source, false).steps;
  if (cost > REGEX_STEP_BUDGET) {
    throw new PagePatternError(`has wildcards or parameters that can match the same text one after another, which could freeze the visitor's page `
      + `(about ${Math.round(cost).toLocaleString("en-US")} steps; Facet allows ${REGEX_STEP_BUDGET.toLocaleString("en-US")}); `
      + "use fewer *, or put literal text such as a / between them");
  }
  return source;
}

/** Why a page pattern is outside the subset, or null. */
export function pagePatternProblem(pattern: string): string | null {
  try {
    compilePagePattern(pattern);
    return null;
  } catch (e) {
    if (e instanceof PagePatternError) return `page pattern ${e.message}`;
    throw e;
  }
}
