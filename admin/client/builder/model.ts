// The rule builder's model and its two-way mapping to conditions (GrowthBook / MongoDB syntax). Pure.
// A group is AND or OR over rules and groups. An AND group not written as "$and" (the plain object form,
// {"a": 1, "b": 2}) is written back the same way, so JSON → builder → JSON keeps the text's shape. A
// condition the builder can't show (another operator, two operators on one field, $not…) is refused with a
// reason, and the editor stays in JSON mode.
import { typeOf } from "../../catalog";
import { fits, operatorOf } from "./operators";

export interface Rule {
  kind: "rule";
  id: number;
  field: string;
  op: string;
  value: unknown;
}
export interface Group {
  kind: "group";
  id: number;
  all: boolean;
  plain: boolean;
  children: Node[];
}
export type Node = Rule | Group;
type Cond = Record<string, unknown>;

let next = 0;
export const rule = (field = "", op = "is", value: unknown = ""): Rule => ({ kind: "rule", id: ++next, field, op, value });
export const group = (all = true, children: Node[] = [], plain = true): Group => ({ kind: "group", id: ++next, all, plain, children });

class Unsupported extends Error {}
const isObject = (v: unknown): v is Cond => !!v && typeof v === "object" && !Array.isArray(v);

function toRule(field: string, value: unknown): Rule {
  const type = typeOf(field);
  if (!type) throw new Unsupported(`"${field}" is not in the attribute catalog`);
  const show = JSON.stringify({ [field]: value });
  if (!isObject(value)) {
    const op = operatorOf(type, "is");
    if (!op || !fits(op.input, value)) throw new Unsupported(`the builder has no input for ${show}`);
    return rule(field, "is", value);
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new Unsupported(`${show} tests ${keys.length} operators on one field; split it into rules joined by AND`);
  const key = keys[0]!;
  if (key === "$exists" && typeof value.$exists === "boolean") return rule(field, value.$exists ? "exists" : "missing", null);
  const op = operatorOf(type, key);
  if (!op || !fits(op.input, value[key])) throw new Unsupported(`the builder has no "${key}" for a ${type} field like "${field}"`);
  return rule(field, key, value[key]);
}

function toGroup(cond: Cond): Group {
  const keys = Object.keys(cond);
  if (keys.length === 1 && (keys[0] === "$and" || keys[0] === "$or")) {
    const list = cond[keys[0]];
    if (!Array.isArray(list) || !list.every(isObject)) throw new Unsupported(`"${keys[0]}" must hold a list of conditions`);
    return group(keys[0] === "$and", list.map(toNode), false);
  }
  return group(
    true,
    keys.map((k) => {
      if (k === "$and" || k === "$or") return toGroup({ [k]: cond[k] });
      if (k.startsWith("$")) throw new Unsupported(`the builder has no "${k}"`);
      return toRule(k, cond[k]);
    }),
  );
}

// A list item with one field is a rule; anything else is a group.
function toNode(cond: Cond): Node {
  const keys = Object.keys(cond);
  return keys.length === 1 && !keys[0]!.startsWith("$") ? toRule(keys[0]!, cond[keys[0]!]) : toGroup(cond);
}

/** The builder's tree for a condition, or why the builder can't show it. */
export function toTree(condition: unknown): { tree: Group } | { unsupported: string } {
  if (!isObject(condition)) return { unsupported: "a condition is a JSON object" };
  try {
    return { tree: toGroup(condition) };
  } catch (err) {
    if (err instanceof Unsupported) return { unsupported: err.message };
    throw err;
  }
}

function ruleCondition(r: Rule): Cond {
  if (r.op === "is") return { [r.field]: r.value };
  if (r.op === "exists" || r.op === "missing") return { [r.field]: { $exists: r.op === "exists" } };
  return { [r.field]: { [r.op]: r.value } };
}

/**
 * The condition a tree stands for. `where` receives, for each rule, the path of its field in the result
 * ("$and.1.geo.country"), so the Worker's field errors can be shown at the rule they are about.
 */
export function toCondition(g: Group, where?: (path: string, id: number) => void, at = ""): Cond {
  // A rule without a field yet is still being written: it is left out until one is picked.
  const parts = g.children
    .filter((c) => c.kind === "group" || c.field)
    .map((child, i) => {
      const prefix = `${at}${g.all ? "$and" : "$or"}.${i}.`;
      return { child, cond: child.kind === "rule" ? ruleCondition(child) : toCondition(child, undefined), prefix };
    });
  const keys = parts.flatMap((p) => Object.keys(p.cond));
  // Merging is exact only when no key repeats; {} (an empty AND) merges away and so stays a list item.
  const merge = g.all && g.plain && new Set(keys).size === keys.length && parts.every((p) => Object.keys(p.cond).length > 0);
  for (const p of parts) {
    const prefix = merge ? at : p.prefix;
    if (p.child.kind === "rule") where?.(prefix + p.child.field, p.child.id);
    else if (where) toCondition(p.child, where, prefix);
  }
  if (merge) return Object.assign({}, ...parts.map((p) => p.cond));
  return { [g.all ? "$and" : "$or"]: parts.map((p) => p.cond) };
}
