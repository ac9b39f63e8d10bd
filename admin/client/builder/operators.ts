// Which operators the rule builder offers for a field's type, and what value input each needs. "is" writes
// the plain form ({"geo.country": "DE"}), "exists"/"missing" write $exists; the rest write {"$op": value}.
import type { FieldType } from "../../catalog";

export type Input = "text" | "number" | "bool" | "list" | "numbers" | "none";
export interface Operator {
  op: string;
  label: string;
  input: Input;
}

const EXISTS: Operator[] = [
  { op: "exists", label: "is known", input: "none" },
  { op: "missing", label: "is unknown", input: "none" },
];

const STRING: Operator[] = [
  { op: "is", label: "is", input: "text" },
  { op: "$ne", label: "is not", input: "text" },
  { op: "$in", label: "is one of", input: "list" },
  { op: "$nin", label: "is none of", input: "list" },
  { op: "$regex", label: "matches pattern", input: "text" },
  { op: "$regexi", label: "matches pattern (any case)", input: "text" },
  ...EXISTS,
];

const NUMBER: Operator[] = [
  { op: "is", label: "=", input: "number" },
  { op: "$ne", label: "≠", input: "number" },
  { op: "$gt", label: ">", input: "number" },
  { op: "$gte", label: "≥", input: "number" },
  { op: "$lt", label: "<", input: "number" },
  { op: "$lte", label: "≤", input: "number" },
  { op: "$in", label: "is one of", input: "numbers" },
  ...EXISTS,
];

const BOOLEAN: Operator[] = [{ op: "is", label: "is", input: "bool" }, ...EXISTS];

const ARRAY: Operator[] = [
  { op: "is", label: "contains", input: "text" },
  { op: "$in", label: "contains any of", input: "list" },
  { op: "$all", label: "contains all of", input: "list" },
  { op: "$nin", label: "contains none of", input: "list" },
  { op: "$size", label: "has this many items", input: "number" },
  ...EXISTS,
];

// traits.* hold strings, numbers or booleans: a plain "is" compares as text, which matches all three.
const ANY: Operator[] = [...STRING.slice(0, 4), ...NUMBER.slice(2, 6), ...STRING.slice(4)];

const BY_TYPE: Record<FieldType, Operator[]> = {
  string: STRING,
  number: NUMBER,
  boolean: BOOLEAN,
  "string[]": ARRAY,
  object: EXISTS,
  any: ANY,
};

export const operatorsFor = (type: FieldType): Operator[] => BY_TYPE[type];

export const operatorOf = (type: FieldType, op: string): Operator | undefined => BY_TYPE[type].find((o) => o.op === op);

/** A fresh value of the right shape when the operator changes. */
export function emptyValue(input: Input): unknown {
  return input === "list" || input === "numbers" ? [] : input === "bool" ? true : input === "number" ? 0 : input === "none" ? null : "";
}

/** Whether a value parsed from JSON fits the operator's input (else the builder can't show the rule). */
export function fits(input: Input, value: unknown): boolean {
  switch (input) {
    case "text":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "bool":
      return typeof value === "boolean";
    case "list":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "numbers":
      return Array.isArray(value) && value.every((v) => typeof v === "number");
    case "none":
      return true;
  }
}
