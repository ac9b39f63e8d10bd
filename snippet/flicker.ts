// Element-level anti-flicker: hides only the slots about to change, and releases them once. Each
// selector goes in through insertRule, one rule at a time: an invalid one is refused alone, and a
// selector can never smuggle in other CSS (an @import, a second rule).
import { PREHIDE_ID } from "../contract/storage";
import { doc, nonce, warn, type Config } from "./session";

/** Hides `selectors` on the page (with the tag's nonce, for a strict CSP); returns their release. */
export function hideSlots(selectors: string[]): () => void {
  if (!selectors.length) return () => {};
  const style = doc.createElement("style");
  if (nonce) style.nonce = nonce;
  doc.head.append(style);
  for (const s of selectors)
    try {
      style.sheet!.insertRule(s + "{visibility:hidden!important}");
    } catch {}
  return () => style.remove();
}

/**
 * Ends the pre-hide snippet's hiding (contract/prehide.ts). Called once a decision is made, right after
 * hideSlots() hid what will change, in the same task: no frame paints between the two, so the winners' slots
 * never show their default, and every other slot is released at once.
 */
export const releasePrehide = (c?: Config, held?: unknown) => {
  const p = doc.getElementById(PREHIDE_ID);
  // A pasted copy baked from an older version than this config (data-v): first visits may hide outdated slots
  // until it is copied again (README "Stale copy"). It says so with the page's one warning.
  if (+(p?.dataset.v as string) < (c?.v as number)) warn(c!.v, p!.dataset.m);
  // `held`: the decision by the page view alone (boot.ts), which leaves hideEarly's slots, the other
  // experiences', hidden until the session decides them.
  p?.remove(), held || early();
};

/** hideEarly()'s release. */
let early = () => {};
/** Hides `selectors` now, until the decision (releasePrehide) or the `deadline` (epoch ms) at most: the upgraded tag knows the slots as it runs. */
export const hideEarly = (selectors: string[], deadline: number) => {
  early = hideSlots(selectors);
  setTimeout(early, deadline - Date.now());
};
