// Three-valued evaluation of a segment condition at the edge. The edge knows some attributes (server
// references, the URL) and not others (everything the device holds: visit.*, events.*, traits.*...). An
// unknown attribute is not a missing one: GrowthBook reads a missing path as null, so `{"visit.count": {"$lt": 5}}`
// would be true for everyone. Known parts go through the contract's own evaluator, so their semantics are the
// snippet's exactly; unknown ones are combined in Kleene logic. Pure.
import { evalCondition, type Condition } from "../../contract/conditions";

/** true / false: every way the unknowns turn out gives that answer; undefined: it depends on the device. */
export type Tri = boolean | undefined;

type Obj = Record<string, unknown>;
const LISTS = new Set(["$and", "$or", "$nor"]);
const isObj = (v: unknown): v is Obj => typeof v == "object" && v !== null && !Array.isArray(v);
const not = (a: Tri): Tri => (a === undefined ? undefined : !a);
const all = (xs: Tri[]): Tri => (xs.includes(false) ? false : xs.every((x) => x === true) ? true : undefined);
// An empty $or is true, as in GrowthBook.
const any = (xs: Tri[]): Tri => (!xs.length || xs.includes(true) ? true : xs.every((x) => x === false) ? false : undefined);

/** Whether any field test of the condition (outside field values) reads an unknown path. */
function mentionsUnknown(cond: unknown, unknown: (path: string) => boolean): boolean {
  if (!isObj(cond)) return false;
  for (const k in cond) {
    const v = cond[k];
    if (
      LISTS.has(k) ? Array.isArray(v) && v.some((c) => mentionsUnknown(c, unknown)) : k == "$not" ? mentionsUnknown(v, unknown) : unknown(k)
    )
      return true;
  }
  return false;
}

// GrowthBook throws on a few malformed shapes (`$or: null`, `$not: null`, `$elemMatch: null`...), and a throw
// anywhere makes the whole condition false, wherever it sits. Evaluating parts apart would localize the throw
// (a `$not` over it would become true), so a condition that mixes unknowns with such a shape is not decided.
function wellFormed(cond: unknown, top = true): boolean {
  if (Array.isArray(cond)) return cond.every((c) => wellFormed(c, false));
  if (!isObj(cond)) return !top;
  for (const k in cond) {
    const v = cond[k];
    if (LISTS.has(k) && !(Array.isArray(v) && v.every(isObj))) return false;
    if ((k == "$not" || k == "$elemMatch") && v == null) return false;
    if (!wellFormed(v, false)) return false;
  }
  return true;
}

class Throws {}

function tri(ctx: Obj, cond: Obj, unknown: (path: string) => boolean): Tri {
  const parts: Tri[] = [];
  for (const k in cond) {
    const v = cond[k];
    if (LISTS.has(k)) {
      const kids = (v as Obj[]).map((c) => tri(ctx, c, unknown));
      parts.push(k == "$and" ? all(kids) : k == "$or" ? any(kids) : not(any(kids)));
    } else if (k == "$not") parts.push(not(tri(ctx, v as Obj, unknown)));
    else if (unknown(k)) parts.push(undefined);
    else {
      const leaf = { [k]: v };
      const yes = evalCondition(ctx, leaf);
      // Neither the leaf nor its negation holds: the evaluator threw (see wellFormed).
      if (!yes && !evalCondition(ctx, { $nor: [leaf] })) throw new Throws();
      parts.push(yes);
    }
  }
  return all(parts);
}

/** The condition's value for every device whose unknown attributes could be anything, or undefined. */
export function evalTri(ctx: Obj, cond: Condition, unknown: (path: string) => boolean): Tri {
  if (!mentionsUnknown(cond, unknown)) return evalCondition(ctx, cond);
  if (!wellFormed(cond)) return undefined;
  try {
    return tri(ctx, cond, unknown);
  } catch (e) {
    if (e instanceof Throws) return undefined;
    throw e;
  }
}
