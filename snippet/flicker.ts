// Element-level anti-flicker: hides only the slots about to change, with one style rule per selector
// (an invalid selector then drops its own rule, not the others), and releases them once.
export function hideSlots(doc: Document, selectors: string[], nonce: string | undefined): () => void {
  if (!selectors.length) return () => {};
  const style = doc.createElement("style");
  if (nonce) style.nonce = nonce;
  style.textContent = selectors.map((s) => s + "{visibility:hidden!important}").join("\n");
  doc.head.appendChild(style);
  return () => style.remove();
}
