// The segment editor: the builder and the raw-JSON mode kept in step (the condition is the one state), the
// kind derived from the attributes used, the visitor tester, and saving with the version it started from.
import { deriveKind } from "../catalog";
import { api } from "./api";
import { $, $$, pageData } from "./dom";
import { clearErrors, notify, reloadWith, showFailure } from "./notice";
import { group, rule, toCondition, toTree, type Group } from "./builder/model";
import { mountBuilder } from "./builder/render";
import { mountTester } from "./tester";

type Cond = Record<string, unknown>;
interface Data {
  site: string;
  segment: { id: string; condition: Cond; version: number } | null;
}

export function setupSegmentEditor(form: HTMLFormElement) {
  const data = pageData<Data>();
  let version = data.segment?.version;
  let condition: Cond | null = data.segment?.condition ?? {};
  const parsed = data.segment ? toTree(condition) : { tree: group(true, [rule()]) };
  let tree: Group | null = "tree" in parsed ? parsed.tree : null;
  let mode: "builder" | "json" = tree ? "builder" : "json";
  const builderRoot = $("#builder")!;
  const json = $<HTMLTextAreaElement>("#condition-json")!;
  const note = $("#mode-note")!;
  const tester = mountTester(() => condition);

  const show = () => {
    $("#json-mode")!.hidden = mode !== "json";
    builderRoot.hidden = mode !== "builder";
    for (const b of $$<HTMLButtonElement>("[data-mode]")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
    $<HTMLButtonElement>('[data-mode="builder"]')!.disabled = !tree;
    // Only the visible mode holds error slots, so the Worker's field errors land where the user looks.
    if (mode === "builder" && tree) mountBuilder(builderRoot, tree, changed);
    else builderRoot.replaceChildren();
  };
  const refresh = () => {
    $("#kind")!.textContent = condition ? deriveKind(condition) : "—";
    tester.run();
  };
  const changed = () => {
    condition = toCondition(tree!);
    json.value = JSON.stringify(condition, null, 2);
    refresh();
  };
  const unsupported = (why: string) => {
    note.hidden = false;
    note.textContent = `The builder can't show this condition (${why}); edit it here as JSON.`;
  };

  json.addEventListener("input", () => {
    $("#condition-json-error")!.textContent = "";
    note.hidden = true;
    try {
      condition = JSON.parse(json.value) as Cond;
    } catch {
      condition = null;
      tree = null;
      $("#condition-json-error")!.textContent = "Not valid JSON yet.";
      show();
      return refresh();
    }
    const t = toTree(condition);
    tree = "tree" in t ? t.tree : null;
    if ("unsupported" in t) unsupported(t.unsupported);
    show();
    refresh();
  });
  for (const b of $$<HTMLButtonElement>("[data-mode]")) {
    b.addEventListener("click", () => {
      mode = b.dataset.mode as typeof mode;
      show();
      (mode === "json" ? json : $<HTMLElement>("select", builderRoot))?.focus();
    });
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(form);
    if (!condition) return notify("Fix the condition's JSON before saving.", "error");
    const value = (name: string) => $<HTMLInputElement>(`[name="${name}"]`, form)?.value.trim() ?? "";
    const body: Record<string, unknown> = {
      name: value("name"),
      kind: deriveKind(condition),
      condition,
      priority: Number(value("priority") || 0),
    };
    if (!data.segment && value("id")) body.id = value("id");
    try {
      if (!data.segment) {
        const created = await api<{ id: string }>("POST", `/sites/${data.site}/segments`, body);
        return reloadWith("Segment created. It is a draft until you publish.", `/admin/sites/${data.site}/segments/${created.id}`);
      }
      const saved = await api<{ version: number }>("PUT", `/sites/${data.site}/segments/${data.segment.id}`, body, version);
      version = saved.version;
      notify(`Saved (version ${saved.version}). Publish to make it live.`);
    } catch (err) {
      showFailure(err, form);
    }
  });

  json.value = JSON.stringify(condition, null, 2);
  if (!tree && "unsupported" in parsed) unsupported(parsed.unsupported);
  show();
  if (tree && !data.segment) changed();
  else refresh();
}
