// The evaluator and page matcher visitors' browsers use, bundled into the admin page, so "test against a
// visitor" and "does this URL match?" answer exactly as they will: conditions through the contract's
// evaluator, page patterns compiled by the Worker's own compiler (as at publish) and matched by the snippet's
// matcher.
import { compilePagePattern } from "../../worker/pages/pattern";
export { evalCondition } from "../../contract/conditions";
import { onPage } from "../../snippet/decide";

/** Whether `url` is a page of `pattern`; false for a pattern outside the accepted syntax. */
export function pageMatches(pattern: string, url: URL): boolean {
  try {
    return onPage([compilePagePattern(pattern)], url);
  } catch {
    return false;
  }
}
