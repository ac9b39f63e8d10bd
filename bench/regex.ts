// Fuzz of the regex safety check (worker/conditions/regex-safety.ts): generates patterns (random compositions of
// atoms, classes and quantifiers, shapes known to backtrack badly, and page patterns compiled by
// worker/pages/pattern.ts), keeps those the validator accepts, and runs each against adversarial inputs of the evaluator's bounded
// length. The figure is the worst accepted pattern's time against one frame at 4x CPU throttling: 16 ms / 4 = 4 ms
// here, and, in headless Chromium with CDP Emulation.setCPUThrottlingRate 4, 16 ms for the worst patterns found.
import { createRequire } from "node:module";
import { join } from "node:path";
import { REGEX_INPUT_MAX } from "../contract/conditions";
import { regexCost, regexProblem, REGEX_STEP_BUDGET } from "../worker/conditions/regex-safety";
import { compilePagePattern } from "../worker/pages/pattern";
import { int, mulberry32, pick, type Random } from "../test/unit/prng";

const N = REGEX_INPUT_MAX;
export const FRAME_MS = 16;
export const THROTTLE = 4;

export interface RegexTiming {
  pattern: string;
  foldCase: boolean;
  input: string;
  ms: number;
  estimate: number;
}

export interface RegexResult {
  generated: number;
  accepted: number;
  inputsPerPattern: number;
  worst: RegexTiming[];
  /** Same patterns and inputs in Chromium at 4x throttling (null: no Chromium). */
  chromium: { pattern: string; ms: number }[] | null;
  budget: number;
}

const ATOMS = [
  "a",
  "b",
  "x",
  "-",
  "/",
  "=",
  "&",
  "\\.",
  "\\d",
  "\\w",
  "\\s",
  "\\S",
  ".",
  "[a-z]",
  "[^&]",
  "[^/]",
  "[0-9a-f]",
  "[a-z0-9-]",
  "(ab)",
  "(?:a|b)",
  "(foo|bar)",
  "(en|de|fr)",
];
const QUANTIFIERS = ["", "", "", "?", "*", "+", "*?", "+?", "{2}", "{0,9}", "{1,20}", "{0,99}", "{3,}", "{0,200}"];
const BAD = [
  "\\d{0,99}\\d{0,99}\\d{0,99}\\d{0,99}\\d{0,99}x",
  "\\d{0,40}\\d{0,40}\\d{0,40}x",
  "(a|aa)+b",
  "(a+)+b",
  "^(\\w+\\s?)*$",
  ".*x.*x.*y",
  "\\d*0\\d*0\\d*0\\d*y",
  "a*a*a*b",
  "^.*a.*a.*b",
  "[a-z]+[a-z0-9]+[0-9]+!",
  "(?:a?){20}a{20}",
  "\\d+\\d+x",
  "utm_source=.*&.*campaign",
  "^(a|ab|abc)*d",
  "^(.*?,){11}P",
  "\\w+\\s\\w+\\s\\w+!",
  "^(?:a{0,30}){0,1}a{0,30}a{0,30}b",
];

const PAGE_PIECES = ["/blog", "/:a", "/:b?", "/*", "*", "-:c", "{/x}?", "/(en|de)", ":d", ".pdf", "/*?", "{-:e}?", "/x"];

// A page pattern (item 8) compiled to its regex, or null when the compiler refuses it.
function randomPagePattern(random: Random): string | null {
  let p = "";
  for (let k = int(random, 1, 5); k > 0; k--) p += pick(random, PAGE_PIECES);
  try {
    return compilePagePattern(p.startsWith("/") || p.startsWith("*") ? p : `/${p}`);
  } catch {
    return null;
  }
}

function randomPattern(random: Random): string {
  let p = random() < 0.5 ? "^" : "";
  for (let k = int(random, 1, 6); k > 0; k--) {
    const atom = pick(random, ATOMS);
    const quantifier = pick(random, QUANTIFIERS);
    p += quantifier && random() < 0.15 ? `(${atom}${pick(random, QUANTIFIERS)})${quantifier}` : atom + quantifier;
  }
  return p + (random() < 0.3 ? "$" : random() < 0.5 ? "!" : "");
}

// Characters that each part of the pattern can match, repeated, with a tail that matches nothing: the shapes that
// make a backtracking engine try every way to share the text among repeats. Plus random text.
function adversarialInputs(pattern: string, random: Random): string[] {
  const reps = ["a", "b", "x", "0", "1", "-", "/", "&", "=", " ", ".", "ab", "foo", "en", "a0", "0a", "a-", "a ", "x-", "&x="];
  for (const m of pattern.matchAll(/[a-z0-9]{2,}/g)) reps.push(m[0]);
  const tails = ["", "!", "\u0000", "/", "&"];
  const out: string[] = [];
  for (const r of reps) for (const t of tails.slice(0, 3)) out.push(r.repeat(Math.ceil(N / r.length)).slice(0, N - t.length) + t);
  const alphabet = "ab0x-/&= .fo!";
  for (let k = 0; k < 4; k++) out.push(Array.from({ length: N }, () => pick(random, [...alphabet])).join(""));
  return out;
}

function timeTest(re: RegExp, input: string, runs = 3): number {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    re.test(input);
    best = Math.min(best, performance.now() - t0);
    if (best > 50) break; // no need to repeat a clear offender
  }
  return best;
}

export function benchRegex(options: { patterns?: number; log?: (line: string) => void } = {}): Omit<RegexResult, "chromium"> {
  const random = mulberry32(6);
  const pages = Array.from({ length: 500 }, () => randomPagePattern(random)).filter((p): p is string => p !== null);
  const candidates = [...BAD, ...pages, ...Array.from({ length: options.patterns ?? 3000 }, () => randomPattern(random))];
  const accepted = [...new Set(candidates)].flatMap((p) => {
    const foldCase = random() < 0.2;
    return regexProblem(p, foldCase) === null ? [{ pattern: p, foldCase }] : [];
  });
  options.log?.(
    `regex: ${candidates.length} patterns generated, ${accepted.length} accepted; timing each on adversarial inputs of ${N} characters`,
  );
  const timings: RegexTiming[] = [];
  let inputsPerPattern = 0;
  // A page tests each regex a few times on strings under 1,000 characters, so V8 runs it in its bytecode
  // interpreter (it compiles to machine code only on a later run): time that, not the compiled code.
  // scripts/bench.mjs runs this section in its own Node process started with --regexp-interpret-all:
  // switching the flag at run time (v8.setFlagsFromString) after other sections had compiled regexes
  // crashed Node 20 with a segmentation fault.
  for (const { pattern, foldCase } of accepted) {
    const re = new RegExp(pattern, foldCase ? "i" : "");
    const inputs = adversarialInputs(pattern, random);
    inputsPerPattern = Math.max(inputsPerPattern, inputs.length);
    // A quick pass finds the slowest input; it is then timed again (warm) for the figure.
    let worst = { input: "", ms: -1 };
    for (const input of inputs) {
      const ms = timeTest(re, input);
      if (ms > worst.ms) worst = { input, ms };
    }
    timings.push({ pattern, foldCase, input: worst.input, ms: timeTest(re, worst.input, 9), estimate: regexCost(pattern, foldCase).steps });
  }
  timings.sort((a, b) => b.ms - a.ms);
  return {
    generated: candidates.length,
    accepted: accepted.length,
    inputsPerPattern,
    worst: timings.slice(0, 10),
    budget: REGEX_STEP_BUDGET,
  };
}

/** The given patterns in headless Chromium with the CPU throttled 4x (CDP), each on its worst input from Node,
 * in V8's regex interpreter as on a page's first runs. */
export async function benchRegexChromium(worst: RegexTiming[]): Promise<{ pattern: string; ms: number }[] | null> {
  const executablePath = process.env.FACET_CHROMIUM ?? "/usr/bin/chromium";
  const { existsSync } = await import("node:fs");
  if (!existsSync(executablePath)) return null;
  // Loaded from the project at run time: bundled into the benchmark, playwright-core breaks (dynamic requires).
  const load = createRequire(join(process.cwd(), "package.json"));
  const { chromium } = load("playwright-core") as typeof import("playwright-core");
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--js-flags=--regexp-interpret-all"],
  });
  try {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLE });
    return await page.evaluate(
      (cases) =>
        cases.map(({ pattern, foldCase, input }) => {
          const re = new RegExp(pattern, foldCase ? "i" : "");
          let best = Infinity;
          for (let k = 0; k < 3; k++) {
            const t0 = performance.now();
            re.test(input);
            best = Math.min(best, performance.now() - t0);
          }
          return { pattern, ms: best };
        }),
      worst.map(({ pattern, foldCase, input }) => ({ pattern, foldCase, input })),
    );
  } finally {
    await browser.close();
  }
}
