// Preview and editor links (docs/admin-api.md): `#facet-preview=<token>` or `#facet-editor=<token>` in the
// page's URL. The snippet then loads the matching separate bundle (never part of facet.js) and does
// nothing else on this page view: no profile, no storage, no requests of its own.
import { base, doc, script, site } from "./session";

export const specialLink = () => {
  const m = /facet-(preview|editor)=/.exec(location.hash);
  if (m) {
    const s = doc.createElement("script");
    s.src = base + "/facet-" + m[1] + ".js";
    s.nonce = script!.nonce;
    s.dataset.site = site;
    s.dataset.api = base;
    doc.head.append(s);
  }
  return m;
};
