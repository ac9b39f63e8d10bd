// "Check installation" on the site screen: asks the API where the tag was seen and redraws the status line.
import { api } from "./api";
import { $, h } from "./dom";
import { showFailure } from "./notice";

export interface Seen {
  origin: string;
  lastSeen: string;
}

export const seenLines = (seen: Seen[]) =>
  seen.length
    ? seen.map((s) => h("li", {}, "✓ Seen on ", h("code", {}, s.origin), ` (last: ${new Date(s.lastSeen).toLocaleString()})`))
    : [h("li", {}, "Not seen yet — open a page with the tag, then check again.")];

export function setupInstallCheck(button: HTMLButtonElement) {
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const { seen } = await api<{ seen: Seen[] }>("GET", `/sites/${button.dataset.checkInstall}/installation`);
      $("#install-seen")!.replaceChildren(...seenLines(seen));
    } catch (err) {
      showFailure(err);
    } finally {
      button.disabled = false;
    }
  });
}
