// The snippet's own evaluator and page matcher, bundled into the admin page, so "test against a visitor"
// and "does this URL match?" answer exactly as visitors' browsers will. (One import site to move when
// the shared contract module lands.)
export { evalCondition } from "../../snippet/conditions";
export { onPage } from "../../snippet/decide";
