// Style changes' property names and values (schemas/change.ts): what a marketer may set inline on an element.
import * as z from "./zod";

export const cssProperty = z.string().check(z.regex(/^-{0,2}[a-zA-Z][-a-zA-Z0-9]{0,99}$/, "not a valid CSS property name"));
// Values: words, numbers, units, colors, strings and a few pure functions. No escapes (they can spell
// anything), and no function that loads a resource (url, image-set, image, cross-fade, element…).
const CSS_FUNCTIONS = new Set([
  "rgb",
  "rgba",
  "hsl",
  "hsla",
  "hwb",
  "lab",
  "lch",
  "oklab",
  "oklch",
  "color-mix",
  "calc",
  "min",
  "max",
  "clamp",
  "var",
  "linear-gradient",
  "radial-gradient",
  "conic-gradient",
  "repeating-linear-gradient",
  "repeating-radial-gradient",
  "translate",
  "translatex",
  "translatey",
  "scale",
  "rotate",
  "cubic-bezier",
  "steps",
]);
export const cssValue = z.string().check(
  z.maxLength(500),
  z.refine((v) => !/[;{}<>\\@]|\/\*/.test(v), "not an allowed CSS value (no ; { } < > \\ @ or comments)"),
  z.refine((v) => [...v.matchAll(/([-a-zA-Z]+)\s*\(/g)].every((m) => CSS_FUNCTIONS.has(m[1]!.toLowerCase())), {
    message: `only these CSS functions are allowed: ${[...CSS_FUNCTIONS].join(", ")}`,
  }),
);
