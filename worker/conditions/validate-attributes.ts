// The validator's second opinion (validate.ts): field paths that would never match because no attribute has
// that name. Separate from conditionProblems, which decides what is malformed; this one only reads paths.
import { isLogicalList, NOT } from "../../contract/operators";
import { isReservedPath } from "../../contract/server-refs";
import { unknownAttribute } from "./catalog";
import { type ConditionProblem, isObject, MAX_DEPTH, type Obj, type Path, RESERVED_NAMES } from "./validate-operators";

/**
 * Field paths that name no attribute of the catalog (conditions/catalog.ts), which would never match. Only the
 * condition's own fields are paths: those inside $elemMatch name the items' fields. What conditionProblems
 * refuses anyway (operators, `server.*`, empty parts, reserved names) is left to it.
 */
export function attributeProblems(condition: unknown, max = 20): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const walk = (c: Obj, path: Path): void => {
    if (path.length >= MAX_DEPTH) return;
    for (const [k, v] of Object.entries(c)) {
      const at = [...path, k];
      if (isLogicalList(k) && Array.isArray(v))
        v.forEach((x, i) => {
          if (isObject(x)) walk(x, [...at, i]);
        });
      else if (k == NOT && isObject(v)) walk(v, at);
      else if (k.startsWith("$") || isReservedPath(k) || k.split(".").some((p) => p == "" || RESERVED_NAMES.has(p))) continue;
      else {
        const message = unknownAttribute(k);
        if (message && problems.length < max) problems.push({ path: at.join("."), message });
      }
    }
  };
  if (isObject(condition)) walk(condition, []);
  return problems;
}
