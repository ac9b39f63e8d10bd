// Sets of characters a regex item can match, precise enough to tell whether two items can match the same
// character: 128 ASCII bits plus one flag standing for every non-ASCII character. Immutable values.

export interface Chars {
  readonly bits: readonly number[];
  /** Some character above U+007F. */
  readonly other: boolean;
}

export const chars = (): Chars => ({ bits: [0, 0, 0, 0], other: false });

export function add(s: Chars, code: number): Chars {
  if (code > 127) return { bits: s.bits, other: true };
  const bits = s.bits.slice();
  bits[code >> 5]! |= 1 << (code & 31);
  return { bits, other: s.other };
}

export function addRange(s: Chars, from: number, to: number): Chars {
  let out = s;
  for (let c = from; c <= Math.min(to, 127); c++) out = add(out, c);
  return to > 127 ? add(out, 128) : out;
}

export const union = (a: Chars, b: Chars): Chars => ({ bits: a.bits.map((x, i) => x | b.bits[i]!), other: a.other || b.other });
export const negate = (s: Chars): Chars => ({ bits: s.bits.map((x) => ~x), other: !s.other });
export const overlaps = (a: Chars, b: Chars): boolean => (a.other && b.other) || a.bits.some((x, i) => (x & b.bits[i]!) != 0);
export const intersect = (a: Chars, b: Chars): Chars => ({ bits: a.bits.map((x, i) => x & b.bits[i]!), other: a.other && b.other });

const range = (from: string, to: string) => addRange(chars(), from.charCodeAt(0), to.charCodeAt(0));
const DIGITS = range("0", "9");
const WORD = union(union(union(range("a", "z"), range("A", "Z")), DIGITS), add(chars(), 95));
// \s also holds non-ASCII spaces (U+00A0, U+2028...).
const SPACE = add(union(range("\t", "\r"), add(chars(), 32)), 160);
export const ANY = negate(chars());
/** `.`: anything but line terminators (\n, \r and two non-ASCII ones). */
export const DOT = negate(union(add(chars(), 10), add(chars(), 13)));

export function escapeClass(e: string): Chars | null {
  const base = { d: DIGITS, w: WORD, s: SPACE }[e.toLowerCase()];
  if (!base) return null;
  return e == e.toUpperCase() ? negate(base) : base;
}

/** With the `i` flag, a letter matches its other case too. */
export function fold(s: Chars): Chars {
  let out = s;
  for (let c = 65; c <= 90; c++) {
    const has = (x: number) => (s.bits[x >> 5]! & (1 << (x & 31))) != 0;
    if (has(c) || has(c + 32)) out = add(add(out, c), c + 32);
  }
  return out;
}
