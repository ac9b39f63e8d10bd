// The condition language's operator table (SPEC §3): the one list of what the language has. The evaluator
// (conditions.ts) implements exactly these; the Worker's validator checks each operator's argument by its
// kind, and the splitter and the content gate walk the logical ones. test/unit/operators.test.ts holds
// one matching example per operator, so an operator added here without an implementation fails there.

/**
 * Operators that combine a list of whole conditions, and how: all must hold, one must (an empty list holds,
 * as in GrowthBook), none may.
 */
export const LOGIC = { $and: "all", $or: "any", $nor: "none" } as const;
export const LOGICAL_LISTS = Object.keys(LOGIC) as (keyof typeof LOGIC)[];
/** `$not` also combines: one condition at the top level, an operator object or literal under a field. */
export const NOT = "$not";

/** What a field operator's argument must be. */
export type OperatorArgument =
  | "scalar" // $eq/$ne: one text, number, boolean or null
  | "range" // a number or text, compared with JavaScript's < and >
  | "version" // version text like "1.2.3"
  | "list" // a list of scalars
  | "boolean" // $exists
  | "type" // one of TYPE_NAMES
  | "regex" // a pattern, checked against the safe subset when saved
  | "size" // a whole number, or operators on the array's length
  | "items" // $elemMatch: operators on each item, or a condition on the items' fields
  | "negated"; // $not under a field: operators or a literal

export const FIELD_OPERATORS: Readonly<Record<string, OperatorArgument>> = {
  $eq: "scalar",
  $ne: "scalar",
  $gt: "range",
  $gte: "range",
  $lt: "range",
  $lte: "range",
  $veq: "version",
  $vne: "version",
  $vgt: "version",
  $vgte: "version",
  $vlt: "version",
  $vlte: "version",
  $in: "list",
  $nin: "list",
  $all: "list",
  $ini: "list",
  $nini: "list",
  $alli: "list",
  $exists: "boolean",
  $type: "type",
  $regex: "regex",
  $regexi: "regex",
  $size: "size",
  $elemMatch: "items",
  $not: "negated",
};

/** Every name the evaluator's typeName() can return, for `$type`. */
export const TYPE_NAMES = ["string", "number", "boolean", "object", "array", "null", "undefined", "unknown"] as const;

export const isLogicalList = (key: string): key is (typeof LOGICAL_LISTS)[number] => (LOGICAL_LISTS as readonly string[]).includes(key);
