// The content changes an experience can make to a slot (SPEC §4). The snippet applies exactly these shapes.
import * as z from "./zod";
import type { Change } from "../../contract/wire";
import type { Same } from "./same";
import { selectorProblem } from "../content/selector";
import { isSafeUrl, isScriptUrl, URL_ATTRIBUTES } from "../content/url";
import { cssProperty, cssValue } from "./css";

// Selectors also become CSS rules (the anti-flicker style), so nothing that could end a rule, open an
// at-rule, a comment or markup is allowed. Then it must parse as CSS with allowed pseudo-classes only (content/selector.ts).
const selector = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(500),
  z.refine((s) => !/[{}@;<]|\/\*/.test(s), { message: "a selector cannot contain '{', '}', '@', ';', '<' or '/*'", abort: true }),
);
const checkedSelector = selector.check(
  z.superRefine((s, ctx) => {
    const problem = selectorProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
);

/**
 * Attributes a change may set: content and presentation only. Anything a browser or a framework could
 * run (on*, src of a script, x-init, hx-on, ng-*, action, formaction, style, srcdoc…) is refused.
 */
const SETTABLE_ATTRIBUTES = new Set([
  "href",
  "src",
  "srcset",
  "sizes",
  "alt",
  "title",
  "placeholder",
  "target",
  "rel",
  "hreflang",
  "download",
  "width",
  "height",
  "loading",
  "decoding",
  "lang",
  "dir",
  "poster",
  "value",
  "label",
  "role",
  "tabindex",
  "hidden",
]);
const attributeName = z.string().check(
  z.regex(/^[a-zA-Z][-a-zA-Z0-9]{0,99}$/, "not a valid attribute name"),
  z.refine((n) => SETTABLE_ATTRIBUTES.has(n.toLowerCase()) || /^aria-[a-z]+$/i.test(n), {
    message: `not a settable attribute; use one of ${[...SETTABLE_ATTRIBUTES].join(", ")} or aria-*`,
  }),
);

const className = z.string().check(z.regex(/^-?[_a-zA-Z][-_a-zA-Z0-9]{0,99}$/, "not a valid class name"));
const classNames = z._default(z.array(className).check(z.maxLength(20)), []);

/** A redirect target: a path ("/pricing", "pricing?x=1") or an absolute http(s) URL; nothing a browser would run. */
const isRedirectUrl = (u: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: deliberate, a redirect URL holding control characters is refused (browsers strip them and could read another scheme)
  !/[\s\\\u0000-\u001f\u007f]/.test(u) && (/^https?:\/\/[^/?#]/i.test(u) || (/^[^:/?#]*([/?#]|$)/.test(u) && !u.startsWith("//")));
const REDIRECT_URL_MESSAGE =
  "a redirect goes to a relative path or an absolute http(s) URL (no javascript:, data: or protocol-relative //)";

const changeWith = (selector: z.ZodMiniType<string>) =>
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("text"), selector, value: z.string().check(z.maxLength(5_000)) }),
    z.object({ type: z.literal("html"), selector, value: z.string().check(z.maxLength(20_000)) }),
    z
      .object({ type: z.literal("attribute"), selector, name: attributeName, value: z.nullable(z.string().check(z.maxLength(2_000))) })
      .check(
        z.refine((c) => c.value === null || (!isScriptUrl(c.value) && (!URL_ATTRIBUTES.has(c.name.toLowerCase()) || isSafeUrl(c.value))), {
          message: "only relative, http(s), mailto and tel URLs are allowed (no javascript:, vbscript: or data:)",
          path: ["value"],
        }),
      ),
    z
      .object({ type: z.literal("class"), selector, add: classNames, remove: classNames })
      .check(z.refine((c) => c.add.length + c.remove.length > 0, { message: "add or remove at least one class", path: ["add"] })),
    z.object({
      type: z.literal("style"),
      selector,
      properties: z.record(cssProperty, cssValue).check(z.refine((p) => Object.keys(p).length > 0, "set at least one property")),
    }),
    z.object({ type: z.literal("hide"), selector }),
    z.object({
      type: z.literal("insert"),
      selector,
      position: z.enum(["before", "after", "inside-start", "inside-end"]),
      html: z.string().check(z.maxLength(20_000)),
    }),
    // Which origins are allowed is the site's business: the experience route checks absolute URLs against them.
    z.object({
      type: z.literal("redirect"),
      url: z.string().check(z.trim(), z.minLength(1), z.maxLength(2_000), z.refine(isRedirectUrl, REDIRECT_URL_MESSAGE)),
    }),
  ]);

/** A change as saved: its selector must parse as CSS, with allowed pseudo-classes only. */
export const change = changeWith(checkedSelector);
/**
 * A change as published, read back from KV: its selector was checked when saved. One saved before the parser
 * check existed must not make the whole snapshot unreadable (the snippet skips a selector that throws).
 */
export const publishedChange = changeWith(selector);

export type { Change } from "../../contract/wire";
const changeIsContract: Same<z.infer<typeof change>, Change> = true;
void changeIsContract;
