// Company IP ranges: D1 holds the imported rows, KV the packed index every isolate searches
// (enrich/ranges.ts). The index is built from the staged rows before they go live, so an import whose
// index KV cannot hold is refused whole, and D1 and KV never disagree about what is live.
import type { Env } from "../env";
import { clearCompanyRanges, insertCompanyRanges } from "../db/companies";
import { activateRangeIndex, buildRangeIndex, discardRangeIndex, rebuildRangeIndex, type BuiltIndex } from "../enrich/ranges";
import type { CompanyRange } from "../schemas/company";

/** Adds `ranges` (or replaces all with them) and points every isolate at the new index. */
export async function importCompanyRanges(
  env: Env,
  ranges: CompanyRange[],
  replace: boolean,
): Promise<{ spans: number; companies: number }> {
  let built: BuiltIndex | undefined;
  try {
    await insertCompanyRanges(env.DB, ranges, replace, async (generation) => {
      built = await buildRangeIndex(env, generation);
    });
  } catch (e) {
    if (built) await discardRangeIndex(env, built).catch(() => {});
    throw e;
  }
  return activateRangeIndex(env, built!);
}

/** Removes every range, and with them the index. */
export async function removeCompanyRanges(env: Env): Promise<void> {
  await clearCompanyRanges(env.DB);
  await rebuildRangeIndex(env);
}
