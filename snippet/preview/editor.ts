// dist/facet-editor.js: loaded by facet.js for a `#facet-editor=<token>` link, opened from the admin. Hover
// highlights an element, a click picks it (a robust selector, and how many elements it matches), "Edit
// text" edits it in place. Each pick and edit goes to the admin window with postMessage, to the admin's
// origin only (it comes from the signed link, as the Worker answered it). Nothing is recorded or stored.
import { openDraft, shadowBox, takeToken, warn } from "./link";
import { count, selectorFor } from "./selector";

export interface EditorMessage {
  source: "facet-editor";
  type: "pick" | "text";
  selector: string;
  /** pick: how many elements the selector matches on this page. */
  matches?: number;
  /** pick: the element's text now; text: the edited text. */
  text: string;
}

const CSS = `#box{position:fixed;pointer-events:none;outline:2px solid #6366f1;background:#6366f11f;border-radius:2px;display:none}
#panel{position:fixed;top:12px;right:12px;width:320px;font:13px/1.45 system-ui,sans-serif;color:#111827;background:#fff;
border:1px solid #d1d5db;border-radius:8px;padding:12px;box-shadow:0 6px 24px #0003}
code{display:block;background:#f3f4f6;padding:6px;border-radius:4px;word-break:break-all;margin:6px 0}
button{font:inherit;margin-right:6px;padding:4px 10px;border:1px solid #6366f1;border-radius:6px;background:#6366f1;color:#fff;cursor:pointer}
h2{font-size:14px;margin:0 0 6px}p{margin:4px 0}.muted{color:#6b7280}[hidden]{display:none}`;

async function editor(token: string) {
  const draft = await openDraft(token);
  const { host, root } = shadowBox(CSS);
  // Appended after shadowBox's <style> (innerHTML on the root would remove it).
  const ui = document.createElement("div");
  ui.innerHTML = `<div id="box"></div><div id="panel" role="dialog" aria-label="Facet element picker"><h2></h2>
<p class="muted">Hover to highlight, click to pick an element.</p><code hidden></code><p id="n"></p>
<button id="edit" hidden>Edit text</button><button id="done" hidden>Done</button><p id="status" class="muted"></p></div>`;
  root.append(...ui.childNodes);
  const $ = (s: string) => root.querySelector(s) as HTMLElement;
  $("h2").textContent = `Facet editor · ${draft.experience.name}`;
  const box = $("#box");
  const admin = window.opener as Window | null;
  let picked: { el: HTMLElement; selector: string } | undefined;
  let editing: HTMLElement | undefined;

  const send = (m: Omit<EditorMessage, "source">) => {
    if (!admin || !draft.adminOrigin) return void ($("#status").textContent = "Not opened from the admin: nothing is sent back.");
    admin.postMessage({ source: "facet-editor", ...m }, draft.adminOrigin);
    $("#status").textContent = "Sent to the admin.";
  };
  const ours = (t: EventTarget | null) => t == host || editing?.contains(t as Node);

  addEventListener(
    "mouseover",
    (e) => {
      if (ours(e.target) || !(e.target instanceof Element)) return;
      const r = e.target.getBoundingClientRect();
      Object.assign(box.style, {
        display: "block",
        left: r.left + "px",
        top: r.top + "px",
        width: r.width + "px",
        height: r.height + "px",
      });
    },
    true,
  );
  addEventListener(
    "click",
    (e) => {
      if (ours(e.target) || !(e.target instanceof HTMLElement)) return;
      // A picked link or button must not navigate or submit.
      e.preventDefault();
      e.stopPropagation();
      stopEditing();
      const el = e.target;
      const selector = selectorFor(el);
      const matches = count(document, selector);
      picked = { el, selector };
      $("code").hidden = $("#edit").hidden = false;
      $("code").textContent = selector;
      $("#n").textContent = matches == 1 ? "Matches 1 element." : `Matches ${matches} elements.`;
      send({ type: "pick", selector, matches, text: el.textContent || "" });
    },
    true,
  );
  const stopEditing = () => {
    if (!editing || !picked) return;
    editing.contentEditable = "inherit";
    send({ type: "text", selector: picked.selector, text: editing.textContent || "" });
    editing = undefined;
    $("#done").hidden = true;
  };
  $("#edit").onclick = () => {
    if (!picked) return;
    editing = picked.el;
    editing.contentEditable = "true";
    editing.focus();
    $("#done").hidden = false;
  };
  $("#done").onclick = stopEditing;
  addEventListener("keydown", (e) => e.key == "Escape" && stopEditing(), true);
}

const token = takeToken("editor");
if (token) editor(token).catch(warn);
