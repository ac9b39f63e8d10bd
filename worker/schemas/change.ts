// The content changes an experience can make to a slot (SPEC §4). The snippet applies exactly these shapes.
import { z } from "zod";
import { isSafeUrl, isScriptUrl, URL_ATTRIBUTES } from "../content/url";

const selector = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((s) => !/[{}]/.test(s), "a selector cannot contain '{' or '}'");

const attributeName = z
  .string()
  .regex(/^[a-zA-Z_:][-a-zA-Z0-9_:.]{0,99}$/, "not a valid attribute name")
  .refine((n) => !/^on/i.test(n), "event handler attributes (on…) are not allowed")
  .refine((n) => !["style", "srcdoc"].includes(n.toLowerCase()), "use a style change instead of the style attribute; srcdoc is not allowed");

const className = z.string().regex(/^-?[_a-zA-Z][-_a-zA-Z0-9]{0,99}$/, "not a valid class name");
const cssProperty = z.string().regex(/^-{0,2}[a-zA-Z][-a-zA-Z0-9]{0,99}$/, "not a valid CSS property name");
const cssValue = z.string().max(500).refine((v) => !/[;{}<>]|url\s*\(|expression\s*\(/i.test(v), "not an allowed CSS value");


export const change = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), selector, value: z.string().max(5_000) }),
  z.object({ type: z.literal("html"), selector, value: z.string().max(20_000) }),
  z
    .object({ type: z.literal("attribute"), selector, name: attributeName, value: z.string().max(2_000).nullable() })
    .refine((c) => c.value === null || (!isScriptUrl(c.value) && (!URL_ATTRIBUTES.has(c.name.toLowerCase()) || isSafeUrl(c.value))), {
      message: "only relative, http(s), mailto and tel URLs are allowed (no javascript:, vbscript: or data:)",
      path: ["value"],
    }),
  z
    .object({ type: z.literal("class"), selector, add: z.array(className).max(20).default([]), remove: z.array(className).max(20).default([]) })
    .refine((c) => c.add.length + c.remove.length > 0, { message: "add or remove at least one class", path: ["add"] }),
  z.object({ type: z.literal("style"), selector, properties: z.record(cssProperty, cssValue).refine((p) => Object.keys(p).length > 0, "set at least one property") }),
  z.object({ type: z.literal("hide"), selector }),
]);

export type Change = z.infer<typeof change>;
