// Decides whether a segment's content may be served to a visitor, given the signed results of the
// server references. Browser-side attributes are unknown to the Worker (behavior never leaves the
// device), so the condition is evaluated in three-valued logic: content is refused only when the
// server results alone make the condition impossible.
import type { Condition } from "../../contract/conditions";
import { isLogicalList, LOGIC, NOT } from "../../contract/operators";
import { refId } from "../../contract/server-refs";

type Tri = boolean | undefined;

const isObject = (v: unknown): v is Condition => typeof v === "object" && v !== null && !Array.isArray(v);
const not = (a: Tri): Tri => (a === undefined ? undefined : !a);
function all(values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.every((v) => v === true) ? true : undefined;
}
function any(values: Tri[]): Tri {
  // GrowthBook treats an empty $or as true.
  if (values.length === 0 || values.includes(true)) return true;
  return values.every((v) => v === false) ? false : undefined;
}

const COMBINE = { all, any, none: (values: Tri[]) => not(any(values)) };

function evaluate(condition: Condition, trueRefs: ReadonlySet<string>): Tri {
  return all(
    Object.entries(condition).map(([key, value]): Tri => {
      const children = () => (Array.isArray(value) ? value.map((c) => (isObject(c) ? evaluate(c, trueRefs) : undefined)) : [undefined]);
      if (isLogicalList(key)) return COMBINE[LOGIC[key]](children());
      if (key === NOT) return isObject(value) ? not(evaluate(value, trueRefs)) : undefined;
      const ref = refId(key);
      if (ref !== null) return trueRefs.has(ref) === (value === true);
      return undefined;
    }),
  );
}

export function mayMatch(condition: Condition, trueRefs: ReadonlySet<string>): boolean {
  return evaluate(condition, trueRefs) !== false;
}
