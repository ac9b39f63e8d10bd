// A parsed regex flattened into the cost model's units (regex-units.ts): characters, repeats and sets of
// alternatives, with the places the engine may stop in each.
import { type Chars, chars, overlaps, union } from "./regex-chars";
import { type RegexNode, RegexRefusal } from "./regex-parse";
import { CAP, N, sequenceCost, type Unit } from "./regex-units";

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
