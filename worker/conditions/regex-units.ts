// The cost model behind regex-safety.ts: a parsed regex flattened into units (a character, a repeat, a set of
// alternatives), each with the places the engine may stop in it and what trying it costs, and the cost of a
// sequence of units, where repeats that can match the same characters form chains whose counts multiply.
import { REGEX_INPUT_MAX } from "../../contract/conditions";
import { type Chars, intersect, overlaps } from "./regex-chars";

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
