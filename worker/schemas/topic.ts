import * as z from "./zod";
import { pagePattern } from "./experience";

/** A psychographic topic: views of its pages raise interests.<topic> on the visitor's device. */
export const topic = z.object({
  topic: z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, "use 1–40 lowercase letters, digits or '_', starting with a letter")),
  pages: z.array(pagePattern).check(z.minLength(1), z.maxLength(20)),
});

export const topicsInput = z.object({ topics: z.array(topic).check(z.maxLength(100)) }).check(
  z.refine((t) => new Set(t.topics.map((x) => x.topic)).size === t.topics.length, {
    message: "each topic may appear once",
    path: ["topics"],
  }),
);

export type Topic = z.infer<typeof topic>;
