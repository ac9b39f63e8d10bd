// Character references (WHATWG HTML §13.2.5.72-80) for the sanitizer's tokenizer. The sanitizer escapes
// every `&` it emits, so the browser sees exactly the characters decoded here: a reference missing from
// this table is shown as the literal text it was, never decoded differently behind the sanitizer's back.
// The table is the Latin-1 set, common typography and the ASCII names that spell URL schemes, not all
// 2,231 names (~40 KB in the Worker for names marketers don't type).

// U+00A0..U+00FF in order; these are also the names a browser decodes without a trailing `;`.
const LATIN1 =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";
const LEGACY: Record<string, string> = {
  amp: "&",
  AMP: "&",
  lt: "<",
  LT: "<",
  gt: ">",
  GT: ">",
  quot: '"',
  QUOT: '"',
  COPY: "©",
  REG: "®",
};
LATIN1.split(" ").forEach((name, i) => {
  LEGACY[name] = String.fromCharCode(0xa0 + i);
});
const LEGACY_NAMES = new Map(Object.entries(LEGACY));

// Only with the `;`.
const NAMED = new Map(
  Object.entries({
    ...LEGACY,
    Tab: "\t",
    NewLine: "\n",
    excl: "!",
    num: "#",
    dollar: "$",
    percnt: "%",
    apos: "'",
    lpar: "(",
    rpar: ")",
    ast: "*",
    plus: "+",
    comma: ",",
    period: ".",
    sol: "/",
    colon: ":",
    semi: ";",
    equals: "=",
    quest: "?",
    commat: "@",
    lsqb: "[",
    bsol: "\\",
    rsqb: "]",
    Hat: "^",
    lowbar: "_",
    grave: "`",
    lcub: "{",
    verbar: "|",
    rcub: "}",
    ndash: "–",
    mdash: "—",
    hellip: "…",
    lsquo: "‘",
    rsquo: "’",
    sbquo: "‚",
    ldquo: "“",
    rdquo: "”",
    bdquo: "„",
    bull: "•",
    prime: "′",
    Prime: "″",
    dagger: "†",
    Dagger: "‡",
    permil: "‰",
    lsaquo: "‹",
    rsaquo: "›",
    euro: "€",
    trade: "™",
    minus: "−",
    larr: "←",
    rarr: "→",
    uarr: "↑",
    darr: "↓",
    harr: "↔",
    hearts: "♥",
    check: "✓",
    star: "☆",
    starf: "★",
    ensp: "\u2002",
    emsp: "\u2003",
    thinsp: "\u2009",
    zwnj: "\u200c",
    zwj: "\u200d",
    lrm: "\u200e",
    rlm: "\u200f",
    OElig: "Œ",
    oelig: "œ",
    Scaron: "Š",
    scaron: "š",
    Yuml: "Ÿ",
    fnof: "ƒ",
    circ: "ˆ",
    tilde: "˜",
  }),
);

// Numeric references to 0x80-0x9F mean windows-1252, as they do in browsers.
const C1 = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ";

function fromCodePoint(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
  if (code >= 0x80 && code <= 0x9f) return C1[code - 0x80]!;
  return String.fromCodePoint(code);
}

const REFERENCE = /&(?:#([xX][0-9a-fA-F]+|[0-9]+);?|([a-zA-Z][a-zA-Z0-9]*)(;?))/g;

/**
 * Decodes the references in text or an attribute value. In attribute values a name without `;`
 * followed by `=` stays literal (`?a=1&copy=2` is a query, not ©=2), as in browsers.
 */
export function decodeReferences(raw: string, inAttribute: boolean): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(REFERENCE, (match, num: string | undefined, name: string | undefined, semi: string, at: number) => {
    if (num) return fromCodePoint(num[0] === "x" || num[0] === "X" ? parseInt(num.slice(1), 16) : parseInt(num, 10));
    if (semi) return NAMED.get(name!) ?? match;
    const legacy = LEGACY_NAMES.get(name!);
    return legacy === undefined || (inAttribute && raw[at + match.length] === "=") ? match : legacy;
  });
}
