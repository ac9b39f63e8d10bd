// Which experiences the edge can decide for this request, and the changes it then applies. Pure.
// Segments are walked highest priority first: a certainly-true one wins if every segment above it is certainly
// false. If some above it depend on the device, it is only the provisional winner (docs/edge.md "Provisional
// winners"): applied in a form the snippet can undo exactly, for when one of those turns out true on the device.
// A winner with a change HTMLRewriter can't apply exactly (or, provisional, undo exactly) is left to the
// snippet, whole: never half applied.
import { REGEX_INPUT_MAX } from "../../contract/conditions";
import { fillTokens } from "../../contract/tokens";
import type { Change, ExperienceContent, PublishedConfig } from "../../contract/wire";
import type { EdgeFacts } from "./facts";
import { edgeSelectors } from "./selector";
import { evalTri, type Tri } from "./tri";

export interface EdgeChange {
  change: Change;
  /** The selector as HTMLRewriter takes it: one part per selector of a list. */
  selectors: string[];
}

export interface EdgeDecision {
  experience: string;
  segment: string;
  changes: EdgeChange[];
  /** A segment above `segment` depends on the device: the snippet may still undo these changes. */
  provisional?: true;
}

const TYPES = new Set(["text", "html", "attribute", "class", "style", "hide", "insert"]);
// Content tokens ({{company.name|there}}, contract/tokens.ts): the server's (geo.*, company.*) were filled
// before deciding (proxy.ts, as the variants endpoint does); a value that still holds one needs what only the
// device knows (traits.*, utm.*, page.*...): left to the snippet, which fills it.
const hasToken = (s: string) => fillTokens(s, () => undefined) !== s;

/** The snippet's page test (snippet/decide.ts `onPage`), on the compiled patterns: the path is known here. */
function onPage(paths: string[] | undefined, pages: string[], path: string): boolean {
  const list = paths ?? pages.map(() => "$^");
  if (!list.length) return true;
  if (path.length > REGEX_INPUT_MAX) return false;
  return list.some((p) => {
    try {
      return new RegExp(p).test(path);
    } catch {
      return false;
    }
  });
}

// What a provisional winner may hold: the changes undoable.ts carries the origin's content or attribute values
// of. The others stay with the snippet: an insert's markup (the snippet has no way to find and remove it) and a
// redirect can't be taken back (docs/edge.md).
const UNDOABLE = new Set(["text", "html", "attribute", "class", "style", "hide"]);

/**
 * The winner among segment results listed highest priority first: the first certainly true one, provisional
 * when one above it is unknown; null when none is certainly true (the origin's page is then the edge's best
 * guess, and it needs no undo).
 */
export function edgeWinner(results: Tri[]): { index: number; provisional: boolean } | null {
  const index = results.indexOf(true);
  return index < 0 ? null : { index, provisional: results.slice(0, index).includes(undefined) };
}

/** The edge form of a winner's changes, or null when one of them must be left to the snippet. */
function edgeChanges(list: Change[], provisional: boolean): EdgeChange[] | null {
  const out: EdgeChange[] = [];
  for (const change of list) {
    if (provisional && !UNDOABLE.has(change.type)) return null;
    // A redirect has no element: proxy.ts answers 302 instead of the page (redirect.ts).
    if (change.type == "redirect") {
      out.push({ change, selectors: [] });
      continue;
    }
    const tokens = hasToken(change.type == "text" || change.type == "html" ? change.value : change.type == "insert" ? change.html : "");
    const selectors = TYPES.has(change.type) && !tokens ? edgeSelectors(change.selector) : null;
    // An insert is not idempotent: an element matched by two parts of a list would get it twice.
    if (!selectors || (change.type == "insert" && selectors.length > 1)) return null;
    out.push({ change, selectors });
  }
  return out;
}

/** `now`: the request's time, tested against each experience's schedule as the snippet does (snippet/decide.ts). */
export function decideAtEdge(config: PublishedConfig, content: ExperienceContent, facts: EdgeFacts, url: URL, now: number): EdgeDecision[] {
  const results = new Map<string, Tri>();
  for (const s of config.segments) results.set(s.id, evalTri(facts.context, s.condition, facts.unknown));
  const decided: EdgeDecision[] = [];
  for (const e of config.experiences) {
    if ((e.from !== undefined && now < e.from) || (e.until !== undefined && now >= e.until)) continue;
    if (!onPage(e.paths, e.pages, url.pathname)) continue;
    // A segment id missing from the config never matches, as in the snippet.
    const won = edgeWinner(e.segments.map((s) => (results.has(s) ? results.get(s) : false)));
    if (!won) continue;
    const segment = e.segments[won.index]!;
    const changes = edgeChanges((content[e.id]?.[segment] ?? []) as Change[], won.provisional);
    if (changes) decided.push({ experience: e.id, segment, changes, ...(won.provisional && { provisional: true as const }) });
  }
  return decided;
}
