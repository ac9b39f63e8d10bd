// How the page tells the user what happened: one message area, field errors next to their fields, and
// the conflict message (412) with a reload action.
import { ApiFailure } from "./api";
import { $, $$, h } from "./dom";

export function notify(message: string, kind: "ok" | "error" = "ok", action?: HTMLElement) {
  const box = $("#notice");
  if (!box) return;
  box.replaceChildren(
    h("div", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : null }, h("p", {}, message), action ?? null),
  );
  box.scrollIntoView({ block: "nearest" });
}

/** Clears earlier errors under `root`. */
export function clearErrors(root: ParentNode = document) {
  for (const el of $$("[data-error-for]", root)) el.textContent = "";
  for (const el of $$("[aria-invalid]", root)) el.removeAttribute("aria-invalid");
  $("#notice")?.replaceChildren();
}

/**
 * Shows each `fields` entry at the element marked data-error-for with its key, or the nearest parent path
 * ("variants.0.changes.1.value" → "variants.0.changes.1" …); what finds no place goes to the message area.
 */
export function showFieldErrors(root: ParentNode, fields: Record<string, string>): string[] {
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    let key = path;
    let slot = null;
    for (; key; key = key.includes(".") ? key.slice(0, key.lastIndexOf(".")) : "") {
      slot = root.querySelector(`[data-error-for="${CSS.escape(key)}"]`);
      if (slot) break;
    }
    if (!slot) {
      unplaced.push(`${path}: ${message}`);
      continue;
    }
    slot.textContent = slot.textContent ? `${slot.textContent}; ${message}` : message;
    const control = slot.id ? root.querySelector(`[aria-describedby~="${slot.id}"]`) : null;
    control?.setAttribute("aria-invalid", "true");
  }
  return unplaced;
}

export function showFailure(err: unknown, root: ParentNode = document) {
  if (!(err instanceof ApiFailure)) return notify(String(err), "error");
  if (err.status === 412 || (err.status === 409 && err.body.code === "version_conflict")) {
    const reload = h("button", { type: "button", onclick: () => location.reload() }, "Reload the latest version");
    return notify(`Conflict: ${err.body.message}`, "error", reload);
  }
  if (err.status === 401)
    return notify(
      err.body.message,
      "error",
      h("a", { href: `/admin/login?next=${encodeURIComponent(location.pathname)}` }, "Log in again"),
    );
  const unplaced = err.body.fields ? showFieldErrors(root, err.body.fields) : [];
  notify(
    unplaced.length || !err.body.fields
      ? [err.body.message, ...unplaced].filter((m, i, a) => a.indexOf(m) === i).join(" — ")
      : "Please fix the fields marked below.",
    "error",
  );
  $('[aria-invalid="true"]', root)?.focus();
}

/** A message that survives the reload after a change (shown by showFlash on the next page). */
export function reloadWith(message: string, href = location.href) {
  sessionStorage.setItem("facet-flash", message);
  location.assign(href);
}

export function showFlash() {
  const message = sessionStorage.getItem("facet-flash");
  sessionStorage.removeItem("facet-flash");
  if (message) notify(message);
}
