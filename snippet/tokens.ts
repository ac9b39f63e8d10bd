// Fills a change's tokens with what the browser holds (contract/tokens.ts): traits.*, utm.*, events.* and
// page.* from the visitor context. Server attributes were filled by the Worker; any token still left (an
// unknown attribute, or geo.*/company.* the Worker could not fill) becomes its fallback. Pure.
import type { Change } from "../contract/wire";
import { dig, fillTokens } from "../contract/tokens";

const BROWSER = /^(traits|utm|events|page)\./;

export const fillChange = (c: Change, context: Record<string, unknown>): Change => {
  const value = (path: string) => (BROWSER.test(path) ? dig(context, path) : undefined);
  return c.type == "text" || c.type == "html"
    ? { ...c, value: fillTokens(c.value, value, c.type == "html") }
    : c.type == "insert"
      ? { ...c, html: fillTokens(c.html, value, true) }
      : c;
};
