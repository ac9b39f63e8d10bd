// What no JSON body may hold, whatever its shape: names that JavaScript treats as prototype links, and
// text that is not Unicode. Checked on the raw JSON.parse result, before zod: zod builds new objects
// with plain assignment, where a "__proto__" key sets the prototype and disappears (a condition
// {"__proto__": {...}} would save as {}, matching everyone).

const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
/** In unicode mode a surrogate pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;
const MAX_REPORTED = 20;

/** Offending paths (dot-joined, `(body)` for the root) → what is wrong there; empty when the body is fine. */
export function jsonProblems(body: unknown): Record<string, string> {
  // No prototype: the offending path may itself be "__proto__" or "constructor".
  const problems: Record<string, string> = Object.create(null);
  let count = 0;
  const report = (path: string, message: string) => {
    if (count < MAX_REPORTED && !(path in problems)) {
      problems[path] = message;
      count++;
    }
  };
  // Iterative: a 256 KB body can nest tens of thousands of levels, too deep to recurse.
  const stack: [unknown, string][] = [[body, ""]];
  while (stack.length && count < MAX_REPORTED) {
    const [value, path] = stack.pop()!;
    const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
    if (typeof value == "string") {
      if (LONE_SURROGATE.test(value)) report(path || "(body)", "text holds a lone UTF-16 surrogate (not valid Unicode)");
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], at(i)]);
    } else if (value !== null && typeof value == "object") {
      for (const k of Object.keys(value)) {
        if (LONE_SURROGATE.test(k)) report(at(k), "name holds a lone UTF-16 surrogate (not valid Unicode)");
        else if (k.split(".").some((part) => RESERVED.has(part))) report(at(k), `"${k}" is not allowed as a name (reserved by JavaScript)`);
        else stack.push([(value as Record<string, unknown>)[k], at(k)]);
      }
    }
  }
  return problems;
}
