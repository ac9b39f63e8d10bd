// The token-level reading of a CSS selector (CSS Syntax 3, §4.3): identifiers and strings with their
// escapes, and whitespace. Stricter than a browser at the end of input, which closes an open string or
// bracket silently: here that is an error, so a saved selector reads the same in every parser (the
// anti-flicker style sheet, querySelectorAll, HTMLRewriter).

export class SelectorError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const isNameStart = (c: string): boolean => /[A-Za-z_]/.test(c) || c >= "\x80";
const isName = (c: string): boolean => isNameStart(c) || /[0-9-]/.test(c);
const NEWLINE = /[\n\r\f]/;

export class Cursor {
  pos = 0;
  constructor(readonly src: string) {}

  get ch(): string {
    return this.src[this.pos] ?? "";
  }
  peek(ahead = 1): string {
    return this.src[this.pos + ahead] ?? "";
  }
  eof(): boolean {
    return this.pos >= this.src.length;
  }
  fail(message: string, at = this.pos): never {
    throw new SelectorError(message, Math.min(at, this.src.length));
  }
  eat(text: string): boolean {
    if (!this.src.startsWith(text, this.pos)) return false;
    this.pos += text.length;
    return true;
  }
  /** Skips whitespace; whether there was any (a descendant combinator, between compounds). */
  skipWs(): boolean {
    const start = this.pos;
    while (/[ \t\n\r\f]/.test(this.ch)) this.pos++;
    return this.pos > start;
  }

  /** A backslash at `at` that starts an escape (not at the end, not before a newline). */
  private escapeAt(at: number): boolean {
    const next = this.src[at + 1];
    return this.src[at] === "\\" && next !== undefined && !NEWLINE.test(next);
  }
  /**
   * Whether an identifier starts at `at`: `-` and a name start, `--`, a name start or an escape. But `-->`
   * is the CDC token, not an identifier (browsers refuse `a -->b`), except after `#`, where a hash token
   * takes any name characters (`#-->a` is `#--` > `a`).
   */
  startsIdent(at = this.pos, hash = false): boolean {
    const c = this.src[at] ?? "";
    if (c === "-") {
      const d = this.src[at + 1] ?? "";
      return isNameStart(d) || (d === "-" && (hash || this.src[at + 2] !== ">")) || this.escapeAt(at + 1);
    }
    return isNameStart(c) || this.escapeAt(at);
  }

  /** The identifier here (`hash`: after `#`), escapes decoded; null (nothing read) when none starts here. */
  ident(hash = false): string | null {
    if (!this.startsIdent(this.pos, hash)) return null;
    let out = "";
    for (;;) {
      if (this.escapeAt(this.pos)) out += this.escape();
      else if (isName(this.ch)) out += this.src[this.pos++];
      else return out;
    }
  }

  /** A quoted string here (the cursor is on its quote), escapes decoded. */
  string(): string {
    const quote = this.src[this.pos++];
    let out = "";
    for (;;) {
      const c = this.ch;
      if (c === "") this.fail("unclosed string");
      if (c === quote) {
        this.pos++;
        return out;
      }
      if (NEWLINE.test(c)) this.fail("a newline in a string must be escaped");
      if (c !== "\\") out += this.src[this.pos++];
      else if (this.peek() === "") this.fail("unclosed string");
      // An escaped newline continues the string on the next line.
      else if (NEWLINE.test(this.peek())) this.pos += this.src.startsWith("\r\n", this.pos + 1) ? 3 : 2;
      else out += this.escape();
    }
  }

  /** The escape at the cursor's backslash: up to 6 hex digits and one whitespace, or the next character. */
  private escape(): string {
    this.pos++;
    const hex = /^[0-9a-fA-F]{1,6}/.exec(this.src.slice(this.pos, this.pos + 6))?.[0];
    if (!hex) {
      const cp = this.src.codePointAt(this.pos)!;
      const c = String.fromCodePoint(cp);
      this.pos += c.length;
      return c;
    }
    this.pos += hex.length;
    if (!this.eat("\r\n") && /[ \t\n\r\f]/.test(this.ch)) this.pos++;
    const code = Number.parseInt(hex, 16);
    return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff ? "\uFFFD" : String.fromCodePoint(code);
  }
}
