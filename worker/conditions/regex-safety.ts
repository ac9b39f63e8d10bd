// Which regexes Facet runs on visitors' pages. A backtracking engine (every browser's) can take exponential or
// high-polynomial time on a crafted input, and a `$regex` runs on every page view against attributes a link can
// set (page.url, utm.*). The evaluator tests at most REGEX_INPUT_MAX characters, so here every accepted pattern's
// worst case on that many characters is estimated and bounded, not just counted by its unbounded repeats:
// `\d{0,99}\d{0,99}\d{0,99}\d{0,99}\d{0,99}x` has none, yet took two minutes on 128 digits.
//
// The estimate (an upper bound in spirit, calibrated by `npm run bench`, section regex):
// - a repeat of a character set can stop at up to min(max, N) + 1 places (N = REGEX_INPUT_MAX);
// - repeats that can match the same characters, one after another or separated only by items that can match those
//   characters too (or match nothing), form a chain: the engine tries every way to share the text among them,
//   so their counts multiply. Once a chain is over, only one of its ways per end position matters;
// - alternatives that can start with the same character add their ways, others take the largest;
// - a pattern not anchored with ^ is tried from every start position its leading text can occur at.
import { REGEX_INPUT_MAX } from "../../contract/conditions";
import { type Chars, chars, intersect, overlaps, union } from "./regex-chars";
import { type RegexNode, RegexRefusal, parseRegex } from "./regex-parse";

export const REGEX_SOURCE_MAX = 200;
/** Estimated steps allowed on REGEX_INPUT_MAX characters: about 2 ms in V8's regex interpreter here (bench: regex). */
export const REGEX_STEP_BUDGET = 550_000;

export const REGEX_RULES = "Facet allows only a safe subset: no backreferences, lookaround, nested quantifiers or repeated "
  + `alternatives, and a bounded worst case on ${REGEX_INPUT_MAX} characters`;

const N = REGEX_INPUT_MAX;
const CAP = 1e18;

/** One item of a flattened sequence: where the engine may stop (`ways`) and what trying it costs. */
interface Unit {
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

export interface RegexCost {
  steps: number;
  /** The repeats whose counts multiply most, for the message. */
  chain: string[];
}

/** Why a regex is outside the safe subset, or null if it is inside. */
export function regexProblem(src: string, foldCase: boolean): string | null {
  if (src.length > REGEX_SOURCE_MAX) return `regex is ${src.length} characters long; Facet allows at most ${REGEX_SOURCE_MAX}`;
  try {
    new RegExp(src, foldCase ? "i" : "");
  } catch (e) {
    return `regex is not valid: ${(e as Error).message}`;
  }
  let cost: RegexCost;
  try {
    cost = regexCost(src, foldCase);
  } catch (e) {
    if (e instanceof RegexRefusal) return `${e.message}; ${REGEX_RULES}`;
    throw e;
  }
  if (cost.steps <= REGEX_STEP_BUDGET) return null;
  const steps = cost.steps >= CAP ? "more than 10^18" : `about ${Math.round(cost.steps).toLocaleString("en-US")}`;
  const why = cost.chain.length > 1
    ? `${cost.chain.join(", ")} can match the same characters one after another, so the browser tries every way to share them`
    : `without ^ it is tried from each of ${N + 1} start positions, and a leading repeat runs on from each`;
  return `regex could freeze the visitor's page: ${why} (${steps} steps on ${N} characters; Facet allows `
    + `${REGEX_STEP_BUDGET.toLocaleString("en-US")}). Make neighbouring repeats match different characters (for example `
    + "[^&]* instead of .*), give repeats smaller bounds, anchor the pattern with ^, or drop a leading repeat (without ^, "
    + "[a-z]+@acme finds the same text as [a-z]@acme)";
}

/** The estimated worst-case steps of a (valid) regex on REGEX_INPUT_MAX characters; throws RegexRefusal outside the subset. */
export function regexCost(src: string, foldCase: boolean): RegexCost {
  const tree = parseRegex(src, foldCase);
  const chain: string[] = [];
  let steps = 0;
  for (const alt of tree) {
    const units = toUnits(alt);
    // Past the last item that can fail the match has succeeded: the engine stops trying.
    while (units.length && units.at(-1)!.nullable && !units.at(-1)!.assert) units.pop();
    const anchored = units[0]?.start === true;
    // Only the positions where the leading fixed text occurs go further: as many as the text's period allows.
    let lead = 0;
    while (!anchored && lead < units.length && isOneChar(units[lead]!)) lead++;
    const rest = units.slice(lead);
    const r = sequenceCost(rest);
    const starts = anchored ? 1 : Math.floor(N / period(units.slice(0, lead).map((u) => u.set))) + 1;
    // When nothing after the leading text can match its last character, the text each start goes on to read
    // ends before the next start, so all the starts together cost no more than one over the whole text.
    const separate = lead > 0 && !overlaps(units[lead - 1]!.set, rest.reduce((s, u) => union(s, u.set), chars()));
    const deep = separate ? r.cost + starts * rest.length : starts * r.cost;
    steps = Math.min(CAP, steps + (anchored ? 0 : (N + 1) * lead) + deep);
    if (r.chain.length > chain.length) chain.splice(0, chain.length, ...r.chain);
  }
  return { steps, chain };
}

const isOneChar = (u: Unit) => !u.assert && !u.nullable && u.ways == 1 && u.cost == 1;

function period(sets: Chars[]): number {
  for (let p = 1; p < sets.length; p++) if (sets.every((s, i) => i + p >= sets.length || overlaps(s, sets[i + p]!))) return p;
  return Math.max(1, sets.length);
}

/** Flattens a sequence: plain groups inline, optional parts and alternations become one unit each. */
function toUnits(seq: RegexNode[]): Unit[] {
  const out: Unit[] = [];
  for (const node of seq) {
    if (node.kind == "chars") out.push({ set: node.set, ways: 1, cost: 1, weight: 1, nullable: false, assert: false, text: node.text });
    else if (node.kind == "assert") out.push({ set: chars(), ways: 1, cost: 1, weight: 1, nullable: true, assert: true, start: node.start, text: node.text });
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
  return { set, ways, weight, cost: Math.max(most, node.min) * weight + 1, nullable: node.min == 0 || width == 0, assert: false, text: node.text };
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
function sequenceCost(units: Unit[]): { cost: number; ways: number; chain: string[] } {
  // Chains: union-find over the units that can stop in several places.
  const parent = units.map((_, i) => i);
  const root = (i: number): number => (parent[i] == i ? i : (parent[i] = root(parent[i]!)));
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
