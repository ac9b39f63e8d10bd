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
import { chars, overlaps, union } from "./regex-chars";
import { RegexRefusal, parseRegex } from "./regex-parse";
import { toUnits } from "./regex-flatten";
import { CAP, isOneChar, N, period, sequenceCost } from "./regex-units";

export const REGEX_SOURCE_MAX = 200;
/** Estimated steps allowed on REGEX_INPUT_MAX characters: about 2 ms in V8's regex interpreter here (bench: regex). */
export const REGEX_STEP_BUDGET = 550_000;

export const REGEX_RULES =
  "Facet allows only a safe subset: no backreferences, lookaround, nested quantifiers or repeated " +
  `alternatives, and a bounded worst case on ${REGEX_INPUT_MAX} characters`;

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
  const why =
    cost.chain.length > 1
      ? `${cost.chain.join(", ")} can match the same characters one after another, so the browser tries every way to share them`
      : `without ^ it is tried from each of ${N + 1} start positions, and a leading repeat runs on from each`;
  return (
    `regex could freeze the visitor's page: ${why} (${steps} steps on ${N} characters; Facet allows ` +
    `${REGEX_STEP_BUDGET.toLocaleString("en-US")}). Make neighbouring repeats match different characters (for example ` +
    "[^&]* instead of .*), give repeats smaller bounds, anchor the pattern with ^, or drop a leading repeat (without ^, " +
    "[a-z]+@acme finds the same text as [a-z]@acme)"
  );
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
    const separate =
      lead > 0 &&
      !overlaps(
        units[lead - 1]!.set,
        rest.reduce((s, u) => union(s, u.set), chars()),
      );
    const deep = separate ? r.cost + starts * rest.length : starts * r.cost;
    steps = Math.min(CAP, steps + (anchored ? 0 : (N + 1) * lead) + deep);
    if (r.chain.length > chain.length) chain.splice(0, chain.length, ...r.chain);
  }
  return { steps, chain };
}
