// Content tokens with a fallback, in text, html and insert values: `{{company.name|there}}`. The Worker
// fills server attributes (geo.*, company.*) when it serves variants; the snippet fills what only the
// browser holds (traits.*, utm.*, events.*, page.*) and turns every token left into its fallback.
// A value always goes in as TEXT: in markup it is escaped. Pure, shared by both sides.

/** `{{ path | fallback }}`: a dotted attribute path, then optionally "|" and a fallback up to "}}". */
const TOKEN = /\{\{\s*([\w-]+(?:\.[\w-]+)*)\s*(?:\|([^}]*))?\}\}/g;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => "&#" + c.charCodeAt(0) + ";");

/**
 * Replaces the tokens of `s` whose path `only` accepts (all by default; the others stay as written) by
 * `value(path)` when that is a string, number or boolean, else by the fallback (none: empty). In `html`,
 * the value is escaped; the fallback is part of the (sanitized) markup and goes in as written.
 */
export const fillTokens = (s: string, value: (path: string) => unknown, html?: boolean, only?: RegExp) =>
  s.replace(TOKEN, (m, path: string, fallback = "") => {
    if (only && !only.test(path)) return m;
    const v = value(path);
    return /^(string|number|boolean)$/.test(typeof v) ? (html ? escapeHtml(String(v)) : String(v)) : fallback.trim();
  });

/** The value at a dotted `path` of `o`, own properties only ("constructor" is nobody's attribute). */
export const dig = (o: unknown, path: string): unknown =>
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is ES2022; the snippet targets ES2021 browsers (Safari < 15.4 lacks it)
  path.split(".").reduce<unknown>((x, k) => (x != null && {}.hasOwnProperty.call(x, k) ? (x as Record<string, unknown>)[k] : undefined), o);
