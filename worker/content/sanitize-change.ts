// The markup a change carries (html's value, insert's html) goes through the sanitizer when it is saved and
// again at every publish; every other change is returned as it is.
import type { Change } from "../../contract/wire";
import { sanitizeHtml } from "./sanitize";

export const sanitizeChange = (c: Change): Change =>
  c.type === "html" ? { ...c, value: sanitizeHtml(c.value) } : c.type === "insert" ? { ...c, html: sanitizeHtml(c.html) } : c;
