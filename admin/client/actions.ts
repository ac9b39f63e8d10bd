// Buttons that make one API call (<button data-call="DELETE /users/usr_1" data-confirm="…" data-body='{…}'>),
// copy buttons, the role pickers on the users screen, and logout.
import { api } from "./api";
import { $, $$ } from "./dom";
import { notify, reloadWith, showFailure } from "./notice";

async function call(button: HTMLButtonElement) {
  if (button.dataset.confirm && !confirm(button.dataset.confirm)) return;
  const [method, path] = button.dataset.call!.split(" ") as [string, string];
  button.disabled = true;
  try {
    await api(method, path, button.dataset.body ? JSON.parse(button.dataset.body) : undefined);
    reloadWith(button.dataset.done ?? "Done.");
  } catch (err) {
    button.disabled = false;
    showFailure(err);
  }
}

async function copy(button: HTMLButtonElement) {
  const text = $(`#${button.dataset.copy}`)?.textContent ?? "";
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (an http origin, an embedded browser): select the text for Ctrl+C instead.
    const range = document.createRange();
    range.selectNodeContents($(`#${button.dataset.copy}`)!);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
    return notify("Selected: press Ctrl+C (⌘C) to copy.");
  }
  notify("Copied to the clipboard.");
}

export function setupActions() {
  for (const b of $$<HTMLButtonElement>("button[data-call]")) b.addEventListener("click", () => void call(b));
  for (const b of $$<HTMLButtonElement>("button[data-copy]")) b.addEventListener("click", () => void copy(b));
  for (const select of $$<HTMLSelectElement>("select[data-role-of]")) {
    select.addEventListener("change", async () => {
      try {
        await api("PATCH", `/users/${select.dataset.roleOf}`, { role: select.value });
        notify(`Role changed to ${select.value}.`);
      } catch (err) {
        showFailure(err);
      }
    });
  }
  $("button[data-logout]")?.addEventListener("click", async () => {
    try {
      await api("POST", "/logout");
    } finally {
      location.assign("/admin/login");
    }
  });
}
