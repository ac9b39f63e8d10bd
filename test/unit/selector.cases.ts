// The selector table (worker/content/selector*.ts): read by test/unit/selector.test.ts (our checker) and
// test/e2e/selectors.test.ts (Chromium's querySelectorAll, the judge of what is CSS).

/** Accepted: every browser's querySelectorAll takes them. */
export const ACCEPTED = [
  "#headline",
  "main > section.hero + p ~ .cta",
  'a[href^="/pricing"][data-x="1" i]',
  "ul li:nth-child(2n+1)",
  "li:first-child, li:last-child",
  "tr:nth-of-type(odd) td:only-child",
  ":is(h1, h2):not(.skip)",
  ":where(.a) .b",
  "article:has(> img)",
  "p:empty",
  "html:lang(de) .greeting",
  "#\\31 a",
  ".md\\:flex",
  "*",
  // Escapes: hex with its one space, hex at the end, an escaped quote, CRLF after hex.
  ".\\31 23",
  "#a\\31",
  ".a\\'b",
  ".\\31\r\nx",
  // Attribute values: strings holding ] , ) and the other quote, escaped quotes, no space before a modifier.
  "[data-x='a]b']",
  '[data-x="a,b)"]',
  '[title="it\'s"]',
  '[title="say \\"hi\\""]',
  '[data-x="a"i]',
  "[data-x=y I]",
  "[ lang |= en ]",
  "[data-x='a\\\nb']",
  // Whitespace of every kind around combinators and lists; case-insensitive names.
  "a\t>\nb ,\fc",
  "  a  ",
  "li:NTH-CHILD(2)",
  ":nth-child(EVEN)",
  ":nth-child( -n + 3 )",
  ":nth-child(2n- 1)",
  ":nth-child(+5)",
  ":nth-child(n)",
  ":nth-child(2 of .x, .y)",
  ":nth-last-child(odd of :has(a))",
  ":nth-child(2n\t+\n1)",
  // Browsers clamp An+B to 32 bits; up to there the numbers are taken as written.
  ":nth-child(2147483647n-2147483647)",
  // Nested logical pseudo-classes, :has() with a list of relative selectors.
  "p:not(:not(.a))",
  "p:not(.a .b, .c > .d)",
  ":has(a, > b, + c, ~ d)",
  ":is(:not(:first-child))",
  ":lang(de-CH)",
  // Identifiers: non-ASCII, leading hyphens.
  ".é",
  "déjà",
  ".-x",
  ".--x",
  "#_a",
  // `--` then `>` inside an identifier or after # is a name and a combinator (`a--` > `b`), not a CDC token.
  "a-->b",
  "#-->a",
];

/** Refused, and no browser takes them either (querySelectorAll throws). */
export const NOT_CSS = [
  'h1:contains("Payroll")',
  "#1a",
  ".2col",
  "#-1",
  ".-",
  "svg|a",
  "[a|b]",
  "col || td",
  "main >",
  "#a,,#b",
  ",a",
  "a,",
  "a)",
  "a]",
  "a[x]b",
  "a*",
  ":not()",
  ":not(> a)",
  ":not(::before)",
  ":has(:has(a))",
  ":has(::before)",
  ":first-child(2)",
  ":nth-of-type(2 of .x)",
  ":nth-child(+ 2)",
  ":nth-child(2n + -1)",
  ":nth-child(2n1)",
  ":nth-child(n of)",
  ":nth-child(2nof .x)",
  ":lang(de, fr)",
  ':lang("de")',
  "[x=y z]",
  "[x=y s]",
  "[x=1]",
  '[x="a\nb"]',
  ".a\\\nb",
  "a:hover(x)",
  ":contains(a)",
  // Only CSS whitespace inside An+B, not JS's \s (NBSP, line separator, BOM, ideographic space).
  ":nth-child(2n\u00a0+\u00a01)",
  ":nth-child(2n\u2028+1)",
  ":nth-child(2n\ufeff+1)",
  ":nth-child(2n\u3000+1)",
  ":nth-child(2n+1 OF a)",
  ":nth-child(2n+1 Of a)",
  // `-->` where an identifier would start is the CDC token.
  "-->a",
  "a -->b",
  ".-->a",
  "a:not(-->a)",
  "[x=-->]",
];

/** Refused though a browser takes them: state pseudo-classes, pseudo-elements, namespace prefixes, `&`. */
export const REFUSED_VALID = [
  "a:hover",
  "input:checked",
  "li:not(:checked)",
  ":dir(ltr)",
  "p::before",
  "p:before",
  "p::marker",
  "*|a",
  "|a",
  "[*|b]",
  "&",
  "a &",
  ":is()",
  ":is(> a)",
  ":has(:is(:has(a)))",
  // Beyond 32 bits browsers clamp An+B; the edge would write 1e+23n, which HTMLRewriter refuses.
  ":nth-child(100000000000000000000000n+1)",
  ":nth-child(n+2147483648)",
  ":nth-child(-2147483648)",
  // Type selectors starting with -- : no element has such a name.
  "--x",
  "a > --x",
  ":is(--x)",
  "a --x:first-child",
  "--:first-child",
];

/**
 * Refused: querySelectorAll closes them silently at the end of the input, but in the anti-flicker style
 * sheet, where a rule follows, they swallow it.
 */
export const UNCLOSED = ["a[href", 'a[x="b', "a:not(.b", "a\\"];

/**
 * Refused: a type selector starting with `--` (no element has one) that querySelectorAll takes but a style
 * sheet drops, reading `--x:first-child {…}` as a custom property declaration.
 */
export const CUSTOM_PROPERTY_LIKE = ["--x:first-child", "\\--x:first-child", "-\\-x:first-child", "--x :first-child"];
