// The Worker's one zod import. `zod/mini` is the same engine as `zod` with functions instead of methods,
// so the bundle keeps only what the schemas use (the classic API alone, with every locale, was 4/5 of the
// Worker). Mini ships no messages: English is configured here, imported directly, because `z.locales.en()`
// would bundle every language again. Every schema imports `z` from this file, so messages are the same in
// the Worker and in tests that load a schema alone.
import * as z from "zod/mini";
import en from "zod/v4/locales/en.js";

z.config(en());

export * from "zod/mini";
