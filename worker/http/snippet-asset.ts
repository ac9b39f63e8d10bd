// The snippet's built bytes (scripts/build.mjs) are a static asset the Worker reads through its ASSETS
// binding, not a 16 KB string in its bundle: Workers limit the upload, and the bytes would count against it.
// Read once per isolate: the asset and the Worker are deployed together, so they never change under it.
import { memo } from "../cache/memo";
import type { Env } from "../env";

/** Its path among the static assets; wrangler.toml's run_worker_first keeps it from being served as is. */
export const SNIPPET_ASSET_PATH = "/_facet/facet.js";

const read = memo<Promise<string>>({ max: 1 });

/** The snippet, as dist/facet.js holds it. A failed read is not kept: the next request tries again. */
export function snippetJs(env: Env): Promise<string> {
  let js = read.get("js");
  if (!js) {
    js = env.ASSETS.fetch(`https://assets.invalid${SNIPPET_ASSET_PATH}`).then((res) => {
      if (!res.ok) throw new Error(`The snippet asset ${SNIPPET_ASSET_PATH} answered ${res.status}: run \`npm run build\``);
      return res.text();
    });
    js.catch(() => read.delete("js"));
    read.set("js", js);
  }
  return js;
}
