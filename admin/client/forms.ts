// Plain forms that map one-to-one onto an API call: <form data-api="POST /sites" data-next="/admin/sites/{key}">.
// Fields become a JSON body (data-type="lines": one array item per line); data-version is sent as If-Match;
// data-show names a one-time answer field (a new token, an invite link) to reveal instead of navigating.
import { api } from "./api";
import { $, $$ } from "./dom";
import { clearErrors, notify, reloadWith, showFailure } from "./notice";

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function bodyOf(form: HTMLFormElement): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const el of $$<Control>("input[name], select[name], textarea[name]", form)) {
    const value = el.value;
    if (el.dataset.type === "lines")
      body[el.name] = value
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
    else body[el.name] = value;
  }
  return body;
}

const fill = (template: string, answer: Record<string, unknown>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(answer[k] ?? "")));

async function submit(form: HTMLFormElement) {
  const [method, path] = form.dataset.api!.split(" ") as [string, string];
  const version = form.dataset.version ? Number(form.dataset.version) : undefined;
  const button = $<HTMLButtonElement>('button[type="submit"]', form);
  clearErrors(form);
  if (button) button.disabled = true;
  try {
    const answer = (await api<Record<string, unknown> | null>(method, path, bodyOf(form), version)) ?? {};
    const show = form.dataset.show;
    if (show) {
      const box = $(`[data-shown-for="${show}"]`);
      const pre = box && $("pre", box);
      if (pre) pre.textContent = String(answer[show] ?? "");
      box?.removeAttribute("hidden");
      form.reset();
      notify("Created. Copy it now: it will not be shown again.");
      return;
    }
    const next = form.dataset.next;
    if (next) return location.assign(fill(next, answer));
    reloadWith(form.dataset.done ?? "Saved.");
  } catch (err) {
    showFailure(err, form);
  } finally {
    if (button) button.disabled = false;
  }
}

export function setupForms() {
  for (const form of $$<HTMLFormElement>("form[data-api]")) {
    // An invite's token rides in the URL fragment, which never reaches a server log.
    for (const input of $$<HTMLInputElement>("input[data-from-hash]", form)) input.value = location.hash.slice(1);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void submit(form);
    });
  }
}
