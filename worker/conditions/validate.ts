// What the Worker accepts as a segment's condition when the segment is saved (SPEC §3). The evaluator
// (contract/conditions.ts) takes anything and answers false where GrowthBook would throw; here the Worker refuses
// what would silently never match (unknown operators, mixed `$`/plain keys, values of the wrong shape), what
// could be slow on every page view (regexes outside a safe subset, oversized conditions), and paths under
// `server`, where publishing puts its references (publish/split.ts).
import { regexProblem } from "./regex-safety";

import { unknownAttribute } from "./catalog";

export interface ConditionProblem {
  /** Dot-joined from the root, array items by index (`$and.1.geo.country.$regex`); the root is `(condition)`. */
  path: string;
  message: string;
}

type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;

const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);
const MAX_DEPTH = 10;
const MAX_KEYS = 200;
const MAX_ITEMS = 1000;
const MAX_TEXT = 1000;
const MAX_VERSION = 64;
// Bounds the walk of an object built in code whose parts share references (JSON cannot express that).
const MAX_VALUES = 50_000;

const LOGICAL_LISTS = new Set(["$and", "$or", "$nor"]);
const LISTS = new Set(["$in", "$nin", "$all", "$ini", "$nini", "$alli"]);
const RANGES = new Set(["$gt", "$gte", "$lt", "$lte"]);
const VERSIONS = new Set(["$veq", "$vne", "$vgt", "$vgte", "$vlt", "$vlte"]);
const FIELD_OPERATORS = new Set([
  ...LISTS, ...RANGES, ...VERSIONS,
  "$eq", "$ne", "$elemMatch", "$size", "$exists", "$type", "$regex", "$regexi", "$not",
]);
// Every name the evaluator's typeName() can return.
const TYPE_NAMES = ["string", "number", "boolean", "object", "array", "null", "undefined", "unknown"];
// A leading "v" is dropped by GrowthBook, a "V" is not, so "V1.2" would compare as text.
const VERSION = /^v?\d[0-9A-Za-z.+-]*$/;

const STOP = Symbol("stop");
const isObject = (v: unknown): v is Obj =>
  typeof v == "object" && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v));
const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
const dollarKeys = (o: Obj) => Object.keys(o).filter((k) => k.startsWith("$"));
// As in the evaluator's isOps: at least one key, and every key a `$` key.
const isOperators = (v: unknown): v is Obj =>
  isObject(v) && Object.keys(v).length > 0 && dollarKeys(v).length == Object.keys(v).length;

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
      if (path.length >= MAX_DEPTH) return report(path, `is nested more than ${MAX_DEPTH} levels deep; Facet allows ${MAX_DEPTH}`);
      if (Array.isArray(v)) {
        if (v.length > MAX_ITEMS) return report(path, `list has ${v.length} items; Facet allows at most ${MAX_ITEMS}`);
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
        if (k.split(".").some((part) => RESERVED_NAMES.has(part))) report([...path, k], `"${k}" is not allowed as a name (reserved by JavaScript)`);
        scan(x, [...path, k]);
      }
    }
  }

  // Pass 2: the language. A condition object holds logical operators and field paths.
  function checkCondition(c: Obj, path: Path): void {
    for (const [k, v] of Object.entries(c)) {
      const at = [...path, k];
      if (LOGICAL_LISTS.has(k)) {
        if (!Array.isArray(v) || !v.length) report(at, `${k} needs a non-empty list of conditions, like [{"a": 1}, {"b": 2}]`);
        else if (at.length < MAX_DEPTH) {
          v.forEach((x, i) => (isObject(x) ? nested(x, [...at, i]) : report([...at, i], "must be a condition object")));
        }
      } else if (k == "$not") {
        if (isObject(v)) nested(v, at);
        else report(at, `$not needs a condition object, like {"geo.country": "DE"}`);
      } else if (FIELD_OPERATORS.has(k)) {
        report(at, `${k} must sit under a field, like {"visit.count": {"${k}": …}}`);
      } else if (k.startsWith("$")) {
        report(at, unknownOperator(k));
      } else if (/^server(\.|$)/.test(k)) {
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
    if (Array.isArray(v)) return v.forEach((x, i) => literal(x, [...path, i]));
    const ops = dollarKeys(v as Obj);
    if (!ops.length) return Object.entries(v as Obj).forEach(([k, x]) => literal(x, [...path, k]));
    report(path, `a literal value cannot hold operators (${ops.join(", ")}); to test a nested field, name it in the path, `
      + `like {"company.size": {"$gt": 50}}`);
  }

  function operators(ops: Obj, path: Path): void {
    if (path.length >= MAX_DEPTH) return;
    for (const [op, x] of Object.entries(ops)) operator(op, x, [...path, op]);
  }

  function operator(op: string, x: unknown, at: Path): void {
    const need = (ok: boolean, what: string) => ok || report(at, `${op} needs ${what}`);
    if (!FIELD_OPERATORS.has(op)) report(at, unknownOperator(op));
    else if (op == "$eq" || op == "$ne") {
      need(isScalar(x), "a single value (text, number, true/false or null); compare lists or objects as a literal");
    }
    else if (RANGES.has(op)) need(typeof x == "string" || typeof x == "number", "a number or text");
    else if (op == "$exists") need(typeof x == "boolean", "true or false");
    else if (op == "$type") need(TYPE_NAMES.includes(x as string), `one of ${TYPE_NAMES.join(", ")}`);
    else if (VERSIONS.has(op)) {
      const ok = typeof x == "string" && x.length <= MAX_VERSION && VERSION.test(x);
      need(ok, `a version as text of at most ${MAX_VERSION} characters, like "1.2.3" or "v2.0.0-beta.1"`);
    } else if (op == "$regex" || op == "$regexi") {
      const problem = typeof x == "string" ? regexProblem(x, op == "$regexi") : "regex must be text";
      if (problem) report(at, problem);
    } else if (LISTS.has(op)) {
      if (!Array.isArray(x)) report(at, `${op} needs a list, like ["US", "CA"]`);
      else if (x.length <= MAX_ITEMS) {
        x.forEach((e, i) => isScalar(e) || report([...at, i], `${op} items must be text, numbers, true/false or null`));
      }
    } else if (op == "$size") {
      if (isOperators(x)) operators(x, at);
      else need(Number.isInteger(x) && (x as number) >= 0, `a whole number ≥ 0 or operators, like {"$gt": 1}`);
    } else if (op == "$elemMatch") {
      // As in the evaluator: all-`$` keys are operators on each item, anything else a condition on its fields.
      if (isOperators(x)) operators(x, at);
      else if (isObject(x) && Object.keys(x).length) nested(x, at);
      else report(at, `$elemMatch needs operators like {"$gt": 5} or conditions on the items' fields like {"sku": "A"}`);
    } else if (op == "$not") {
      field(x, at); // operators, or a literal that must not equal the attribute
    }
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
      if (LOGICAL_LISTS.has(k) && Array.isArray(v)) v.forEach((x, i) => isObject(x) && walk(x, [...at, i]));
      else if (k == "$not" && isObject(v)) walk(v, at);
      else if (k.startsWith("$") || /^server(\.|$)/.test(k) || k.split(".").some((p) => p == "" || RESERVED_NAMES.has(p))) continue;
      else {
        const message = unknownAttribute(k);
        if (message && problems.length < max) problems.push({ path: at.join("."), message });
      }
    }
  };
  if (isObject(condition)) walk(condition, []);
  return problems;
}

function unknownOperator(op: string): string {
  if (["$inGroup", "$notInGroup", "$savedGroup"].includes(op)) {
    return `unknown operator ${op}: saved groups are not part of Facet; use a segment instead`;
  }
  if (LOGICAL_LISTS.has(op)) return `unknown operator ${op} here: ${op} combines whole conditions, like {"${op}": [{"a": 1}, …]}`;
  return `unknown operator ${op}`;
}

function mixedKeys(v: Obj): string {
  const ops = dollarKeys(v);
  const plain = Object.keys(v).filter((k) => !k.startsWith("$"));
  return `mixes operators (${ops.join(", ")}) with plain keys (${plain.join(", ")}), so GrowthBook would compare it `
    + "as a literal object; use only operators, or only plain keys";
}
