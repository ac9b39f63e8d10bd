// Server tokens in content (`{{company.name|there}}`, `{{geo.city}}`): the visitor's own attributes, which
// the marketer put there to be shown to that visitor. The Worker fills them when it serves the content;
// the company record itself never leaves it. Browser tokens (traits.*, utm.*…) are left for the snippet.
import { dig, fillTokens } from "../../contract/tokens";
import type { Change, ExperienceContent } from "../../contract/wire";
import type { VisitorAttributes } from "../visitor/context";

const SERVER = /^(geo|company)\./;

/** Whether any change holds a server token; and whether one of them is company.* (a company lookup costs). */
export const serverTokensIn = (content: ExperienceContent) => {
  const json = JSON.stringify(content);
  return { any: /\{\{\s*(geo|company)\./.test(json), company: /\{\{\s*company\./.test(json) };
};

export function fillChange(c: Change, attrs: VisitorAttributes): Change {
  const value = (path: string) => dig(attrs, path);
  if (c.type === "text" || c.type === "html") return { ...c, value: fillTokens(c.value, value, c.type === "html", SERVER) };
  return c.type === "insert" ? { ...c, html: fillTokens(c.html, value, true, SERVER) } : c;
}

export const fillServerTokens = (content: ExperienceContent, attrs: VisitorAttributes): ExperienceContent =>
  Object.fromEntries(
    Object.entries(content).map(([e, bySegment]) => [
      e,
      Object.fromEntries(Object.entries(bySegment).map(([s, list]) => [s, list.map((c) => fillChange(c, attrs))])),
    ]),
  );
