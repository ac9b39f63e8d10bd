// One field operator's argument, checked by the kind the contract's operator table gives it
// (contract/operators.ts): the table says which operators exist and what each takes, this file only how
// each kind of argument is checked. Part of validate.ts, which walks the condition and calls in here.
import { FIELD_OPERATORS, isLogicalList, TYPE_NAMES } from "../../contract/operators";
import { regexProblem } from "./regex-safety";

export type Path = readonly (string | number)[];
export type Obj = Record<string, unknown>;

export interface ConditionProblem {
  /** Dot-joined from the root, array items by index (`$and.1.geo.country.$regex`); the root is `(condition)`. */
  path: string;
  message: string;
}

/** Names that would read or change prototypes instead of data, wherever they appear. */
export const RESERVED_NAMES = new Set(["__proto__", "constructor", "prototype"]);
export const MAX_DEPTH = 10;
export const MAX_ITEMS = 1000;
const MAX_VERSION = 64;
// A leading "v" is dropped by GrowthBook, a "V" is not, so "V1.2" would compare as text.
const VERSION = /^v?\d[0-9A-Za-z.+-]*$/;

export const isObject = (v: unknown): v is Obj =>
  typeof v == "object" && v !== null && [Object.prototype, null].includes(Object.getPrototypeOf(v));
const isScalar = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);
export const dollarKeys = (o: Obj) => Object.keys(o).filter((k) => k.startsWith("$"));
// As in the evaluator's isOps: at least one key, and every key a `$` key.
export const isOperators = (v: unknown): v is Obj =>
  isObject(v) && Object.keys(v).length > 0 && dollarKeys(v).length == Object.keys(v).length;
/** Own keys only: "constructor" and friends are no operators. */
export const isFieldOperator = (k: string) => Object.hasOwn(FIELD_OPERATORS, k);

/** The walk's steps an operator's argument may lead back into (validate.ts). */
export interface Walk {
  report(path: Path, message: string): void;
  operators(ops: Obj, path: Path): void;
  nested(c: Obj, path: Path): void;
  field(v: unknown, path: Path): void;
}

export function checkOperator(w: Walk, op: string, x: unknown, at: Path): void {
  const need = (ok: boolean, what: string) => ok || w.report(at, `${op} needs ${what}`);
  if (!isFieldOperator(op)) return void w.report(at, unknownOperator(op));
  switch (FIELD_OPERATORS[op]) {
    case "scalar":
      return void need(isScalar(x), "a single value (text, number, true/false or null); compare lists or objects as a literal");
    case "range":
      return void need(typeof x == "string" || typeof x == "number", "a number or text");
    case "boolean":
      return void need(typeof x == "boolean", "true or false");
    case "type":
      return void need((TYPE_NAMES as readonly unknown[]).includes(x), `one of ${TYPE_NAMES.join(", ")}`);
    case "version": {
      const ok = typeof x == "string" && x.length <= MAX_VERSION && VERSION.test(x);
      return void need(ok, `a version as text of at most ${MAX_VERSION} characters, like "1.2.3" or "v2.0.0-beta.1"`);
    }
    case "regex": {
      // The trailing "i" is the language's case-insensitive form ($regexi).
      const problem = typeof x == "string" ? regexProblem(x, op.endsWith("i")) : "regex must be text";
      return void (problem && w.report(at, problem));
    }
    case "list":
      if (!Array.isArray(x)) return void w.report(at, `${op} needs a list, like ["US", "CA"]`);
      if (x.length <= MAX_ITEMS)
        x.forEach((e, i) => {
          if (!isScalar(e)) w.report([...at, i], `${op} items must be text, numbers, true/false or null`);
        });
      return;
    case "size":
      if (isOperators(x)) return void w.operators(x, at);
      return void need(Number.isInteger(x) && (x as number) >= 0, `a whole number ≥ 0 or operators, like {"$gt": 1}`);
    case "items":
      // As in the evaluator: all-`$` keys are operators on each item, anything else a condition on its fields.
      if (isOperators(x)) return void w.operators(x, at);
      if (isObject(x) && Object.keys(x).length) return void w.nested(x, at);
      return void w.report(at, `$elemMatch needs operators like {"$gt": 5} or conditions on the items' fields like {"sku": "A"}`);
    case "negated":
      return void w.field(x, at); // operators, or a literal that must not equal the attribute
  }
}

export function unknownOperator(op: string): string {
  if (["$inGroup", "$notInGroup", "$savedGroup"].includes(op)) {
    return `unknown operator ${op}: saved groups are not part of Facet; use a segment instead`;
  }
  if (isLogicalList(op)) return `unknown operator ${op} here: ${op} combines whole conditions, like {"${op}": [{"a": 1}, …]}`;
  return `unknown operator ${op}`;
}

export function mixedKeys(v: Obj): string {
  const ops = dollarKeys(v);
  const plain = Object.keys(v).filter((k) => !k.startsWith("$"));
  return (
    `mixes operators (${ops.join(", ")}) with plain keys (${plain.join(", ")}), so GrowthBook would compare it ` +
    "as a literal object; use only operators, or only plain keys"
  );
}
