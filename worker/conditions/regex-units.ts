// The cost model behind regex-safety.ts: a parsed regex flattened into units (a character, a repeat, a set of
// alternatives), each with the places the engine may stop in it and what trying it costs, and the cost of a
// sequence of units, where repeats that can match the same characters form chains whose counts multiply.
import { REGEX_INPUT_MAX } from "../../contract/conditions";
import { type Chars, chars, intersect, overlaps, union } from "./regex-chars";
import { type RegexNode, RegexRefusal } from "./regex-parse";

export const N = REGEX_INPUT_MAX;
export const CAP = 1e18;

/** One item of a flattened sequence: where the engine may stop (`ways`) and what trying it costs. */
export interface Unit {
  set: Chars;
  ways: number;
  cost: number;
  nullable: boolean;
  /** What each way back into this unit costs, relative to one character of a `*` or `+`. */
  weight: number;
  /** An assertion: matches nothing, can fail. */
  assert: boolean;
  start?: boolean;
  text: string;
}

export const isOneChar = (u: Unit) => !u.assert && !u.nullable && u.ways == 1 && u.cost == 1;

export function period(sets: Chars[]): number {
  for (let p = 1; p < sets.length; p++) if (sets.every((s, i) => i + p >= sets.length || overlaps(s, sets[i + p]!))) return p;
  return Math.max(1, sets.length);
}

/** Flattens a sequence: plain groups inline, optional parts and alternations become one unit each. */
export function toUnits(seq: RegexNode[]): Unit[] {
  const out: Unit[] = [];
  for (const node of seq) {
    if (node.kind == "chars") out.push({ set: node.set, ways: 1, cost: 1, weight: 1, nullable: false, assert: false, text: node.text });
    else if (node.kind == "assert")
      out.push({ set: chars(), ways: 1, cost: 1, weight: 1, nullable: true, assert: true, start: node.start, text: node.text });
    else if (node.kind == "group") {
      if (node.alts.length == 1) out.push(...toUnits(node.alts[0]!));
      else out.push(alternatives(node.alts.map(toUnits), node.text));
    } else if (node.max <= 1) {
      const inner = toUnits([node.node]);
      if (node.min == 1) out.push(...inner);
      else if (node.max == 1) out.push(alternatives([inner, []], node.text));
    } else out.push(repeat(node));
  }
  return out;
}

function repeat(node: Extract<RegexNode, { kind: "repeat" }>): Unit {
  const inner = node.node;
  if (inner.kind == "group" && (inner.alts.length > 1 || inner.alts.some((a) => a.some(holdsChoice)))) {
    const what = inner.alts.length > 1 ? "a group of alternatives" : "a group that itself repeats or holds alternatives";
    throw new RegexRefusal(`regex repeats ${inner.text}, ${what}, which can take exponential time`);
  }
  // What remains is a fixed string of `width` characters, repeated.
  const units = toUnits([inner]);
  const width = units.filter((u) => !u.assert).length;
  const set = units.reduce((s, u) => union(s, u.set), chars());
  const most = width ? Math.min(node.max, Math.floor(N / width)) : node.min;
  const ways = Math.max(1, most - node.min + 1);
  // Measured in V8's regex interpreter (bench: regex): a group's every turn saves and restores its place and
  // captures, as slow as 3 more characters; a counted repeat ({m,n}) keeps a counter, 4 times slower than * or +.
  const turn = inner.kind == "group" ? width + 3 : width;
  const weight = Math.max(turn, 1) * (node.max < Infinity ? 4 : 1);
  return {
    set,
    ways,
    weight,
    cost: Math.max(most, node.min) * weight + 1,
    nullable: node.min == 0 || width == 0,
    assert: false,
    text: node.text,
  };
}

const holdsChoice = (n: RegexNode): boolean =>
  n.kind == "repeat" || (n.kind == "group" && (n.alts.length > 1 || n.alts.some((a) => a.some(holdsChoice))));

function alternatives(branches: Unit[][], text: string): Unit {
  const results = branches.map(sequenceCost);
  const firsts = branches.map(firstChars);
  const nullable = branches.some((b) => b.every((u) => u.nullable));
  const disjoint = !nullable && firsts.every((f, i) => firsts.every((g, j) => i == j || !overlaps(f, g)));
  const ways = disjoint ? Math.max(...results.map((r) => r.ways)) : results.reduce((s, r) => s + r.ways, 0);
  return {
    weight: 1,
    set: branches.flat().reduce((s, u) => union(s, u.set), chars()),
    ways: Math.min(CAP, ways),
    cost: Math.min(CAP, results.reduce((s, r) => s + r.cost, 0) + 1),
    nullable,
    assert: false,
    text,
  };
}

function firstChars(units: Unit[]): Chars {
  let out = chars();
  for (const u of units) {
    out = union(out, u.set);
    if (!u.nullable) break;
  }
  return out;
}

/** Cost of trying a sequence at one position, and the ways it can end (for what follows). */
export function sequenceCost(units: Unit[]): { cost: number; ways: number; chain: string[] } {
  // Chains: union-find over the units that can stop in several places.
  const parent = units.map((_, i) => i);
  const root = (i: number): number => {
    if (parent[i] == i) return i;
    const r = root(parent[i]!);
    parent[i] = r;
    return r;
  };
  const variable = units.map((u, i) => (u.ways > 1 ? i : -1)).filter((i) => i >= 0);
  for (const [x, i] of variable.entries()) {
    for (const j of variable.slice(x + 1)) {
      const shared = intersect(units[i]!.set, units[j]!.set);
      const linked = overlaps(shared, shared) && units.slice(i + 1, j).every((u) => u.nullable || overlaps(u.set, shared));
      if (linked) parent[root(j)] = root(i);
    }
  }
  const chains = new Map<number, number[]>();
  for (const i of variable) chains.set(root(i), [...(chains.get(root(i)) ?? []), i]);

  // Ways the engine reaches unit u (to: units before u that it has passed).
  const arrivals = (u: number, to: number) => {
    let arrive = 1;
    for (const members of chains.values()) {
      const before = members.filter((m) => m < u);
      if (!before.length) continue;
      const product = before.reduce((a, m) => Math.min(CAP, a * units[m]!.ways), 1);
      // Every way the chain can end is tried against what follows it, until an item that cannot match the chain's
      // last repeat's characters: past that, only the ways ending where that item can match go on.
      const last = before.at(-1)!;
      const open = members.at(-1)! >= u || units.slice(last + 1, to).every((x) => x.nullable || overlaps(x.set, units[last]!.set));
      arrive *= (open ? product : product / Math.max(...before.map((m) => units[m]!.ways))) * units[last]!.weight;
    }
    return Math.min(CAP, arrive);
  };
  let cost = 0;
  for (let u = 0; u < units.length; u++) {
    // Of the ways that reach u, those its first character cannot take fail at once.
    const arrive = arrivals(u, u);
    const pass = arrivals(u, u + 1);
    cost = Math.min(CAP, cost + arrive - pass + pass * units[u]!.cost);
  }
  let ways = 1;
  let chain: number[] = [];
  for (const members of chains.values()) {
    const product = members.reduce((a, m) => Math.min(CAP, a * units[m]!.ways), 1);
    ways = Math.min(CAP, ways * product);
    if (members.length > chain.length) chain = members;
  }
  return { cost, ways, chain: chain.map((m) => units[m]!.text) };
}
