// scripts/build.mjs shortens property names ending in "_" in facet.js (esbuild mangleProps). A name that crosses
// the wire or goes into storage must keep its spelling: none of those shapes may end one of its names in "_".
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it.each(["contract/wire.ts", "contract/storage.ts", "snippet/profile.ts", "snippet/render.ts", "snippet/session.ts"])(
  "%s declares no property ending in _",
  (file) => {
    const text = readFileSync(file, "utf8");
    // `name_:` / `name_?:` in a type or object literal (render.ts's ReadyInfo is the public API).
    const own =
      file == "snippet/render.ts"
        ? text.slice(text.indexOf("interface ReadyInfo"), text.indexOf("}\n", text.indexOf("interface ReadyInfo")))
        : text;
    expect(own).not.toMatch(/\b\w+_\??:/);
  },
);
