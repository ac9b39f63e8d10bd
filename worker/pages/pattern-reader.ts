// Reading a page pattern (the syntax is described in pattern.ts): a cursor that takes one :name, *, (…),
// literal character or {…} group at a time and fails with the position, in a message a person can act on.

export class PagePatternError extends Error {}

const LITERAL = /[A-Za-z0-9\-._~!$&',;=@/]/;
const NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;
const WORDS = /^\(([A-Za-z0-9_~-]+(?:\|[A-Za-z0-9_~-]+)*)\)/;

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Fixed text holding a "." or ".." segment, which URLPattern resolves away; URLs never carry them. */
export const dotSegment = (text: string) => /(^|\/)(\.|%2e){1,2}(\/|$)/i.test(text);

export class PatternReader {
  i = 0;
  private readonly names = new Set<string>();

  constructor(readonly pattern: string) {}

  fail(what: string): never {
    throw new PagePatternError(
      `${what} at character ${this.i + 1} of "${this.pattern}"; see the page pattern syntax in docs/page-patterns.md`,
    );
  }

  /** One :name, * or (…) at i, as a regex source, if there is one. */
  token(): string | null {
    const { pattern } = this;
    if (pattern[this.i] == ":") {
      const name = NAME.exec(pattern.slice(this.i + 1))?.[0];
      if (!name) this.fail(`":" must start a parameter name like :slug (write \\: for the character)`);
      if (this.names.has(name)) this.fail(`the parameter name :${name} is used twice`);
      this.names.add(name);
      this.i += 1 + name.length;
      return pattern[this.i] == "(" ? this.words() : "[^/]+";
    }
    if (pattern[this.i] == "*") {
      this.i++;
      return ".*";
    }
    return pattern[this.i] == "(" ? this.words() : null;
  }

  private words(): string {
    const m = WORDS.exec(this.pattern.slice(this.i));
    if (!m) this.fail(`a group in ( ) may only list words separated by |, like (en|de|fr)`);
    this.i += m[0].length;
    return `(?:${m[1]})`;
  }

  /** A literal character at i (unescaped), or null. */
  literal(): string | null {
    const { pattern } = this;
    const c = pattern[this.i]!;
    if (c == "\\") {
      if (!/[:()*+]/.test(pattern[this.i + 1] ?? "")) this.fail(`\\ may only escape : ( ) * or +`);
      this.i += 2;
      return pattern[this.i - 1]!;
    }
    if (c == "%") {
      if (!/^%[0-9A-Fa-f]{2}/.test(pattern.slice(this.i))) this.fail(`"%" must start an escape like %20`);
      this.i += 3;
      return pattern.slice(this.i - 3, this.i);
    }
    if (!LITERAL.test(c)) return null;
    this.i++;
    return c;
  }

  /** Takes a "?" at i. */
  optional(): boolean {
    return this.pattern[this.i] == "?" && ++this.i > 0;
  }

  /** The regex source of the {…} group whose "{" is at i. */
  group(): string {
    const { pattern } = this;
    this.i++;
    let inner = "";
    let text = "";
    let tokens = 0;
    while (pattern[this.i] != "}") {
      if (this.i >= pattern.length) this.fail(`"{" is never closed`);
      if (pattern[this.i] == "{") this.fail(`groups in { } cannot be nested`);
      const t = this.token();
      if (t !== null) {
        if (++tokens > 1) this.fail(`a group in { } may hold only one :name, * or ( )`);
        if (/[?+*]/.test(pattern[this.i] ?? "")) this.fail(`a modifier inside { } is not allowed; put ? after the }`);
        inner += t;
        text += ":";
        continue;
      }
      const l = this.literal();
      if (l === null) this.fail(`"${pattern[this.i]}" is not allowed here`);
      inner += escapeRegex(l);
      text += l;
    }
    if (!inner) this.fail(`an empty group { }`);
    if (dotSegment(text)) this.fail(`a "." or ".." path segment`);
    this.i++;
    return `(?:${inner})${this.optional() ? "?" : ""}`;
  }
}
