// Page patterns as the snippet receives them: compiled at publish, or on read for snapshots published before
// compiled patterns existed (so a Worker update alone makes old versions behave the same in every browser).
import type { PublishedConfig } from "../schemas/published";
import { compilePagePattern } from "./pattern";

/** Never matches: what a stored pattern outside the subset (saved before patterns were checked) compiles to. */
export const NO_PAGE = "^(?!)$";

/** A pattern outside the subset matches no page rather than failing the publish: the page stays as it was. */
export const compilePages = (patterns: string[]): string[] =>
  patterns.map((p) => {
    try {
      return compilePagePattern(p);
    } catch {
      return NO_PAGE;
    }
  });

/** Fills in compiled patterns a config lacks, in place. */
export function withPaths(config: PublishedConfig): PublishedConfig {
  for (const x of [...config.experiences, ...config.topics]) x.paths ??= compilePages(x.pages);
  return config;
}
