// The admin screens as the browser renders them (admin/pages/render.tsx), reading the real admin API with a
// session's cookie: the Worker itself only serves the page shell.
import { SELF } from "cloudflare:test";
import { expect } from "vitest";
import { apiReader } from "../../admin/pages/load";
import { renderScreen, type Rendered } from "../../admin/pages/render";
import { BASE } from "./helpers";
import type { SessionAuth } from "./sessions";

/** What the browser's script shows at `path`, with the API answering as it does for `s`'s cookie. */
export const renderAdmin = (path: string, s?: SessionAuth) =>
  renderScreen(
    new URL(`${BASE}${path}`),
    apiReader((p) => SELF.fetch(`${BASE}/admin/api${p}`, { headers: s ? { cookie: `facet_session=${s.cookie}` } : {} })),
  );

/** The rendered body's HTML, after checking the status the API's answers meant. */
export function screenHtml(out: Rendered, status = 200): string {
  if ("redirect" in out) throw new Error(`redirected to ${out.redirect}`);
  expect(out.status).toBe(status);
  return out.html;
}
