// The Worker's one zod import. `zod/mini` is the same engine as `zod` with functions instead of methods,
// so the bundle keeps only what the schemas use (about 40 KB; `zod` with its methods and every locale was
// about 450 KB, most of the Worker). Mini ships no messages: English is configured here, imported directly,
// because `z.locales.en()` would bundle every language again. Every schema imports `z` from this file, so
// messages are the same in the Worker and in tests that load a schema alone. Write
// `z.optional(z.string().check(z.maxLength(9)))` where classic zod has `z.string().max(9).optional()`;
// test/unit/worker-bytes.test.ts fails when the Worker bundles classic zod or another locale.
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

z.config(en());

export * from "zod/mini";
