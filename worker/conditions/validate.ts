// What the Worker accepts as a segment's condition when it is saved (SPEC §3). The evaluator answers false where
// GrowthBook would throw; here the Worker refuses what would silently never match (unknown operators, mixed
// `$`/plain keys, values of the wrong shape), what could be slow on every page view (unsafe regexes, oversized
// conditions), and paths under `server` (publish/split.ts's references). Operators and their arguments come
// from contract/operators.ts; validate-operators.ts checks one operator's argument.
import { isLogicalList, NOT } from "../../contract/operators";
import { isReservedPath } from "../../contract/server-refs";
import {
  checkOperator,
  dollarKeys,
  isFieldOperator,
  isObject,
  isOperators,
  MAX_DEPTH,
  MAX_ITEMS,
  mixedKeys,
  type ConditionProblem,
  RESERVED_NAMES,
  unknownOperator,
  type Obj,
  type Path,
} from "./validate-operators";

export { attributeProblems } from "./validate-attributes";
export type { ConditionProblem } from "./validate-operators";

const MAX_KEYS = 200;
const MAX_TEXT = 1000;
// Bounds the walk of an object built in code whose parts share references (JSON cannot express that).
const MAX_VALUES = 50_000;
const STOP = Symbol("stop");

export function conditionProblems(condition: unknown, max = 20): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  if (max < 1) return problems;
  const report = (path: Path, message: string) => {
    problems.push({ path: path.length ? path.join(".") : "(condition)", message });
    if (problems.length >= max) throw STOP;
  };
  let keys = 0;
  let values = 0;

  // Pass 1, shape-blind: plain JSON, depth, sizes. It stops descending where the depth is exceeded, so pass 2,
  // which follows the same structure, never recurses deeper than MAX_DEPTH either.
  function scan(v: unknown, path: Path): void {
    if (++values > MAX_VALUES) {
      report([], "condition is too large to check; split it into several segments");
      throw STOP;
    }
    if (typeof v == "string") {
      if (v.length > MAX_TEXT) report(path, `text is ${v.length} characters long; Facet allows at most ${MAX_TEXT}`);
    } else if (typeof v == "number") {
      if (!Number.isFinite(v)) report(path, "is not a JSON number");
    } else if (typeof v != "boolean" && v !== null && !Array.isArray(v) && !isObject(v)) {
      report(path, `is not a JSON value (${typeof v == "object" ? "not a plain object" : typeof v})`);
    } else if (v !== null && typeof v == "object") {
      if (path.length >= MAX_DEPTH) return void report(path, `is nested more than ${MAX_DEPTH} levels deep; Facet allows ${MAX_DEPTH}`);
      if (Array.isArray(v)) {
        if (v.length > MAX_ITEMS) return void report(path, `list has ${v.length} items; Facet allows at most ${MAX_ITEMS}`);
        for (let i = 0; i < v.length; i++) scan(v[i], [...path, i]);
        return;
      }
      for (const [k, x] of Object.entries(v)) {
        if (++keys > MAX_KEYS) {
          report([], `condition has more than ${MAX_KEYS} keys; split it into several segments`);
          throw STOP;
        }
        if (k.length > MAX_TEXT) report([...path, `${k.slice(0, 40)}…`], `name is longer than ${MAX_TEXT} characters`);
        // Object.prototype's names would read or change prototypes instead of data, wherever they appear.
        if (k.split(".").some((part) => RESERVED_NAMES.has(part)))
          report([...path, k], `"${k}" is not allowed as a name (reserved by JavaScript)`);
        scan(x, [...path, k]);
      }
    }
  }

  // Pass 2: the language. A condition object holds logical operators and field paths.
  function checkCondition(c: Obj, path: Path): void {
    for (const [k, v] of Object.entries(c)) {
      const at = [...path, k];
      if (isLogicalList(k)) {
        if (!Array.isArray(v) || !v.length) report(at, `${k} needs a non-empty list of conditions, like [{"a": 1}, {"b": 2}]`);
        else if (at.length < MAX_DEPTH) {
          for (const [i, x] of v.entries()) isObject(x) ? nested(x, [...at, i]) : report([...at, i], "must be a condition object");
        }
      } else if (k == NOT) {
        if (isObject(v)) nested(v, at);
        else report(at, `$not needs a condition object, like {"geo.country": "DE"}`);
      } else if (isFieldOperator(k)) {
        report(at, `${k} must sit under a field, like {"visit.count": {"${k}": …}}`);
      } else if (k.startsWith("$")) {
        report(at, unknownOperator(k));
      } else if (isReservedPath(k)) {
        report(at, "paths under `server` are reserved for Facet's server-evaluated references");
      } else if (k.split(".").includes("")) {
        report(at, `field path "${k}" has an empty part`);
      } else {
        field(v, at);
      }
    }
  }

  const nested = (c: Obj, path: Path) => path.length < MAX_DEPTH && checkCondition(c, path);

  // A field's value: an operator object (every key `$`) or a literal compared by (deep) equality.
  function field(v: unknown, path: Path): void {
    if (isOperators(v)) operators(v, path);
    else if (isObject(v) && dollarKeys(v).length) report(path, mixedKeys(v));
    else literal(v, path);
  }

  // GrowthBook compares literals without looking inside, so an operator within one never runs: a typo trap.
  function literal(v: unknown, path: Path): void {
    if (v === null || typeof v != "object" || path.length >= MAX_DEPTH) return;
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) literal(x, [...path, i]);
      return;
    }
    const ops = dollarKeys(v as Obj);
    if (!ops.length) {
      for (const [k, x] of Object.entries(v as Obj)) literal(x, [...path, k]);
      return;
    }
    report(
      path,
      `a literal value cannot hold operators (${ops.join(", ")}); to test a nested field, name it in the path, ` +
        `like {"company.size": {"$gt": 50}}`,
    );
  }

  const walk = { report, operators, nested, field };

  function operators(ops: Obj, path: Path): void {
    if (path.length >= MAX_DEPTH) return;
    for (const [op, x] of Object.entries(ops)) checkOperator(walk, op, x, [...path, op]);
  }

  try {
    if (!isObject(condition)) report([], `a condition must be a JSON object, like {"visit.isReturning": true}`);
    else {
      scan(condition, []);
      checkCondition(condition, []);
    }
  } catch (e) {
    if (e !== STOP) throw e;
  }
  return problems;
}
