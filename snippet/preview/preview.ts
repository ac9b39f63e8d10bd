// dist/facet-preview.js: loaded by facet.js for a `#facet-preview=<token>` link. Shows the page as the
// link's segment would see it, with the current DRAFT, and a small bar saying so. It writes nothing (no
// profile, no IndexedDB, no events) and counts nothing: the marketer's own visitor profile stays untouched.
import { activate } from "../changes";
import { visitorContext } from "../context";
import { touch } from "../profile";
import { openDraft, shadowBox, takeToken, warn } from "./link";

const token = takeToken("preview");

const CSS = `div{position:fixed;left:50%;bottom:12px;transform:translateX(-50%);display:flex;gap:12px;align-items:center;
font:13px/1.4 system-ui,sans-serif;color:#fff;background:#1f2937;border-radius:8px;padding:8px 14px;box-shadow:0 4px 16px #0004;max-width:90vw}
b{color:#a5b4fc}a{color:#fff;font-weight:600}span{opacity:.75}`;

async function preview(t: string) {
  const draft = await openDraft(t);
  const url = new URL(location.href);
  const all = draft.changes || [];
  // A redirect would leave the page (and the preview with it): it is named in the bar instead.
  const redirects = all.flatMap((c) => (c.type == "redirect" ? [c.url] : []));
  // Browser tokens ({{page.path}}) from this page; the profile is a fresh, in-memory one (never saved).
  const context = visitorContext(touch(undefined, Date.now(), url, ""), undefined, url, document, Date.now());
  activate(
    all.filter((c) => c.type != "redirect"),
    document,
    warn,
    context,
  );
  const { root } = shadowBox(CSS);
  const bar = document.createElement("div");
  bar.setAttribute("role", "status");
  bar.id = "bar";
  const line = (tag: string, text: string) => {
    const el = document.createElement(tag);
    el.textContent = text;
    bar.append(el);
    return el;
  };
  line("span", "Facet preview (draft):");
  line("b", `${draft.experience.name} × ${draft.segment}`);
  if (redirects.length) line("span", `redirects to ${redirects.join(", ")} (not followed in preview)`);
  line("span", `link expires ${new Date(draft.expiresAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}`);
  // The token is already gone from the address: this page again, without it, is the live site.
  const exit = line("a", "Exit preview") as HTMLAnchorElement;
  exit.href = location.href;
  exit.onclick = (e) => (e.preventDefault(), location.reload());
  root.append(bar);
}

if (token) preview(token).catch(warn);
