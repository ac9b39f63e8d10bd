// One change's editor: its type, the element's CSS selector (with "Pick on my site") and the inputs of that type
// (SPEC §4: text, html, attribute, class, style, hide, insert, redirect). An html or insert change shows what
// the Worker's sanitizer kept once it is saved.
import { h, uid, type Kid } from "./dom";

export type Change = Record<string, unknown> & { type: string; selector: string };
export const CHANGE_TYPES: Record<string, string> = {
  text: "Replace text",
  html: "Replace HTML",
  attribute: "Set an attribute",
  class: "Add / remove classes",
  style: "Set styles",
  hide: "Hide the element",
  insert: "Insert HTML",
  redirect: "Redirect to a URL",
};
const POSITIONS: Record<string, string> = {
  before: "Before the element",
  after: "After the element",
  "inside-start": "Inside, at the start",
  "inside-end": "Inside, at the end",
};
/** The key holding markup the sanitizer rewrites, by change type. */
export const MARKUP_KEY: Record<string, string> = { html: "value", insert: "html" };

export function blankChange(type: string, selector = ""): Change {
  const extra: Record<string, Record<string, unknown>> = {
    text: { value: "" },
    html: { value: "" },
    attribute: { name: "href", value: "" },
    class: { add: [], remove: [] },
    style: { properties: {} },
    hide: {},
    insert: { position: "after", html: "" },
  };
  // A redirect has no element: only where to send the visitor.
  if (type === "redirect") return { type, url: "" } as unknown as Change;
  return { type, selector, ...extra[type] };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const styleText = (p: unknown) =>
  Object.entries((p ?? {}) as Record<string, string>)
    .map(([k, v]) => `${k}: ${v}`)
    .join("\n");
const styleOf = (s: string) =>
  Object.fromEntries(
    s
      .split("\n")
      .map((l) => l.split(":"))
      .filter((p) => p.length > 1 && p[0]!.trim())
      .map(([k, ...v]) => [k!.trim(), v.join(":").trim()]),
  );

interface RowOptions {
  path: string; // "variants.0.changes.1", the Worker's field-error prefix
  onEdit: () => void;
  onType: (type: string) => void;
  onRemove: () => void;
  sanitized?: string | undefined; // the saved html, when this change was saved
  sent?: string | undefined; // what the user wrote, when the sanitizer changed it
  onPick: () => void; // "Pick on my site" for this change's selector
}

export function changeRow(c: Change, o: RowOptions): HTMLElement {
  const field = (key: string, label: string, control: (id: string) => HTMLElement, hint?: string): Kid => {
    const id = uid("c");
    const err = `${id}-error`;
    const el = control(id);
    el.setAttribute("aria-describedby", err);
    return h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      el,
      hint ? h("p", { class: "hint" }, hint) : null,
      h("p", { class: "field-error", id: err, "data-error-for": `${o.path}.${key}` }),
    );
  };
  const text =
    (key: string, read: (s: string) => unknown = (s) => s, shown = String(c[key] ?? ""), area = false) =>
    (id: string) =>
      h(area ? "textarea" : "input", {
        id,
        value: shown,
        rows: area ? 3 : null,
        oninput: (e: Event) => {
          c[key] = read((e.target as HTMLInputElement).value);
          o.onEdit();
        },
      });
  const typeId = uid("c");

  const body: Kid[] = [];
  if (c.type === "text")
    body.push(
      field(
        "value",
        "New text",
        text("value", undefined, undefined, true),
        "Shown as text: markup is not interpreted. Tokens like {{company.name|there}} are filled in.",
      ),
    );
  const TOKENS = " Tokens like {{company.name|there}} are filled in as text.";
  if (c.type === "insert") {
    body.push(
      field("position", "Where", (id) =>
        h(
          "select",
          {
            id,
            onchange: (e: Event) => {
              c.position = (e.target as HTMLSelectElement).value;
              o.onEdit();
            },
          },
          Object.entries(POSITIONS).map(([p, label]) => h("option", { value: p, selected: p === c.position }, label)),
        ),
      ),
    );
    body.push(
      field(
        "html",
        "HTML to insert",
        text("html", undefined, undefined, true),
        `Sanitized by the Worker when you save, like Replace HTML.${TOKENS}`,
      ),
    );
  }
  if (c.type === "redirect")
    body.push(
      field(
        "url",
        "Redirect to",
        text("url"),
        "A path like /pricing, or a full URL on one of the site's allowed origins. Sent before any other change.",
      ),
    );
  if (c.type === "html")
    body.push(
      field(
        "value",
        "New HTML",
        text("value", undefined, undefined, true),
        `Sanitized by the Worker when you save: scripts, event handlers and unsafe URLs are removed.${TOKENS}`,
      ),
    );
  if (MARKUP_KEY[c.type]) {
    if (o.sanitized !== undefined) {
      const preview = h("div", { class: "html-preview" });
      preview.innerHTML = o.sanitized; // already sanitized by the Worker; the admin CSP runs no inline script anyway
      body.push(
        h(
          "div",
          { class: "sanitized" },
          o.sent !== undefined
            ? [h("p", { class: "warn" }, "The sanitizer changed your HTML. You wrote:"), h("pre", { class: "from" }, o.sent)]
            : null,
          h("p", {}, h("strong", {}, "Saved, after sanitizing:")),
          h("pre", {}, o.sanitized),
          h("p", { class: "hint" }, "Preview:"),
          preview,
        ),
      );
    }
  }
  if (c.type === "attribute") {
    body.push(field("name", "Attribute", text("name")));
    body.push(
      field(
        "value",
        "Value (empty box + “remove” to delete it)",
        text("value", (s) => s, String(c.value ?? "")),
      ),
    );
    const id = uid("c");
    body.push(
      h(
        "div",
        { class: "check" },
        h("input", {
          id,
          type: "checkbox",
          checked: c.value === null,
          onchange: (e: Event) => {
            c.value = (e.target as HTMLInputElement).checked ? null : "";
            o.onType(c.type);
          },
        }),
        h("label", { for: id }, "Remove the attribute"),
      ),
    );
  }
  if (c.type === "class") {
    body.push(field("add", "Classes to add", text("add", words, ((c.add as string[]) ?? []).join(" ")), "Space-separated."));
    body.push(field("remove", "Classes to remove", text("remove", words, ((c.remove as string[]) ?? []).join(" "))));
  }
  if (c.type === "style")
    body.push(field("properties", "Styles", text("properties", styleOf, styleText(c.properties), true), "One per line, like color: #c00"));
  if (c.type === "hide") body.push(h("p", { class: "hint" }, "Matching elements are hidden for this segment."));

  return h(
    "div",
    { class: "change" },
    h(
      "div",
      { class: "change-head" },
      h(
        "div",
        { class: "field" },
        h("label", { for: typeId }, "Change"),
        h(
          "select",
          { id: typeId, onchange: (e: Event) => o.onType((e.target as HTMLSelectElement).value) },
          Object.entries(CHANGE_TYPES).map(([t, label]) => h("option", { value: t, selected: t === c.type }, label)),
        ),
      ),
      c.type === "redirect"
        ? h("p", { class: "hint" }, "Sends the visitor on: no element.")
        : h(
            "div",
            { class: "selector-row" },
            field("selector", "Element (CSS selector)", text("selector"), undefined),
            h("button", { type: "button", class: "pick", onclick: o.onPick }, "Pick on my site"),
          ),
      h("button", { type: "button", class: "icon danger", "aria-label": "Remove this change", onclick: o.onRemove }, "×"),
    ),
    body,
    h("p", { class: "field-error", "data-error-for": o.path }),
  );
}
