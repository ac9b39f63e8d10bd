// Element-level anti-flicker: hides only the slots about to change, and releases them once. Each
// selector goes in through insertRule, one rule at a time: an invalid one is refused alone, and a
// selector can never smuggle in other CSS (an @import, a second rule).
export function hideSlots(doc: Document, selectors: string[], nonce: string | undefined): () => void {
  if (!selectors.length) return () => {};
  const style = doc.createElement("style");
  if (nonce) style.nonce = nonce;
  doc.head.appendChild(style);
  for (const s of selectors)
    try {
      style.sheet!.insertRule(s + "{visibility:hidden!important}");
    } catch {}
  return () => style.remove();
}
