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
import { dotSegment, escapeRegex, PagePatternError, PatternReader } from "./pattern-reader";

export { PagePatternError };

export const PAGE_PATTERN_MAX = 300;

interface Token {
  /** A regex source for what the token matches. */
  value: string;
  prefix: string;
  optional: boolean;
}

/** The anchored regex source a page pattern means; throws PagePatternError for syntax outside the subset. */
export function compilePagePattern(pattern: string): string {
  if (pattern.length > PAGE_PATTERN_MAX)
    throw new PagePatternError(`is ${pattern.length} characters long; Facet allows at most ${PAGE_PATTERN_MAX}`);
  if (!/^([/*]|\{\/)/.test(pattern)) throw new PagePatternError(`must start with "/" or "*", like /pricing or /blog/*`);
  const r = new PatternReader(pattern);
  let out = "";
  let fixed = ""; // literal text not yet emitted, unescaped

  function flush() {
    if (dotSegment(fixed)) r.fail(`a "." or ".." path segment`);
    out += escapeRegex(fixed);
    fixed = "";
  }

  const emit = (t: Token) => (out += `(?:${escapeRegex(t.prefix)}${t.value})${t.optional ? "?" : ""}`);

  while (r.i < pattern.length) {
    const c = pattern[r.i]!;
    if (c == "{") {
      flush();
      out += r.group();
      continue;
    }
    // A "/" right before a token is its prefix: optional together with it (URLPattern's rule).
    const prefix = c == "/" && /^[:*(]/.test(pattern.slice(r.i + 1)) ? "/" : "";
    if (prefix) r.i++;
    const t = r.token();
    if (t !== null) {
      flush();
      // URLPattern reads + or * right after a token as "one or more" / "zero or more" of it.
      if (pattern[r.i] == "+" || pattern[r.i] == "*") r.fail(`only ? may follow a parameter, * or group`);
      emit({ value: t, prefix, optional: r.optional() });
      continue;
    }
    if (prefix) r.i--;
    const l = r.literal();
    if (l === null)
      r.fail(
        c == "?" || c == "+"
          ? `"${c}" may only follow a parameter, * or group${c == "+" ? " (write \\+ for a plus sign)" : ""}`
          : `"${c}" is not allowed in a page pattern`,
      );
    fixed += l;
  }
  flush();
  const source = `^${out}$`;
  const cost = regexCost(source, false).steps;
  if (cost > REGEX_STEP_BUDGET) {
    throw new PagePatternError(
      `has wildcards or parameters that can match the same text one after another, which could freeze the visitor's page ` +
        `(about ${Math.round(cost).toLocaleString("en-US")} steps; Facet allows ${REGEX_STEP_BUDGET.toLocaleString("en-US")}); ` +
        "use fewer *, or put literal text such as a / between them",
    );
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
