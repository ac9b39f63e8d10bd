// The experience editor: variants (one per segment) with their changes, the "does this URL match?" tester,
// and saving with the version it started from. After a save the stored (sanitized) html is shown back.
import { api } from "./api";
import { blankChange, changeRow, type Change } from "./changes";
import { $, h, pageData } from "./dom";
import { pageMatches } from "./evaluator";
import { clearErrors, notify, showFailure } from "./notice";

interface Variant { segment: string; changes: Change[] }
interface Experience { id: string; name: string; version: number; variants: Variant[] }
interface Data { site: string; experience: Experience | null; segments: { id: string; name: string }[] }

const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);

function setupUrlTester() {
  const input = $<HTMLInputElement>("#url-test")!;
  const out = $("#url-test-result")!;
  const run = () => {
    const patterns = lines($<HTMLTextAreaElement>("#f-pages")!.value);
    if (!input.value.trim()) return out.replaceChildren();
    let url: URL;
    try {
      url = new URL(input.value.trim(), "https://www.example.com");
    } catch {
      return out.replaceChildren("Not a URL.");
    }
    const hit = patterns.find((p) => pageMatches(p, url));
    out.className = `result ${!patterns.length || hit ? "match" : "no-match"}`;
    out.replaceChildren(!patterns.length ? "✓ Matches: no patterns means every page." : hit ? `✓ Matches ${hit}` : "✗ No pattern matches this URL.");
  };
  input.addEventListener("input", run);
  $("#f-pages")!.addEventListener("input", run);
}

export function setupExperienceEditor(form: HTMLFormElement) {
  const data = pageData<Data>();
  let experience = data.experience;
  let variants: Variant[] = structuredClone(experience?.variants ?? []);
  let saved: Variant[] | null = experience ? structuredClone(experience.variants) : null;
  const sentHtml = new Map<string, string>(); // "variant.change" → what was sent, where the sanitizer changed it
  const names = new Map(data.segments.map((s) => [s.id, s.name]));
  const root = $("#variants")!;
  const picker = $<HTMLSelectElement>("#add-variant-segment")!;

  const draw = () => {
    root.replaceChildren(...variants.map((v, vi) => h("fieldset", { class: "variant" },
      h("legend", {}, `For segment: ${names.get(v.segment) ?? v.segment}`),
      h("button", { type: "button", class: "link danger", onclick: () => { variants.splice(vi, 1); draw(); } }, "Remove variant"),
      h("p", { class: "field-error", "data-error-for": `variants.${vi}.segment` }),
      v.changes.map((c, ci) => changeRow(c, {
        path: `variants.${vi}.changes.${ci}`,
        onEdit: () => {},
        onType: (type) => { v.changes[ci] = type === c.type ? c : blankChange(type, c.selector); draw(); },
        onRemove: () => { v.changes.splice(ci, 1); draw(); },
        sanitized: c.type === "html" && saved?.[vi]?.changes[ci]?.type === "html" ? String(saved[vi]!.changes[ci]!.value) : undefined,
        sent: sentHtml.get(`${vi}.${ci}`),
      })),
      h("p", { class: "field-error", "data-error-for": `variants.${vi}.changes` }),
      h("button", { type: "button", onclick: () => { v.changes.push(blankChange("text")); draw(); } }, "+ Add change"))));
    if (!variants.length) root.replaceChildren(h("p", { class: "empty" }, "No variants yet: pick a segment below and add a variant, then add its changes."));
    const free = data.segments.filter((s) => !variants.some((v) => v.segment === s.id));
    picker.replaceChildren(...free.map((s) => h("option", { value: s.id }, s.name)));
    // Every segment has its variant: the add row would offer nothing.
    $(".add-variant", form)!.hidden = !free.length;
  };
  $("#add-variant")!.addEventListener("click", () => {
    if (!picker.value) return;
    variants.push({ segment: picker.value, changes: [blankChange("text")] });
    draw();
    ($<HTMLElement>(".variant:last-of-type input", root))?.focus();
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(form);
    const value = (name: string) => ($<HTMLInputElement>(`[name="${name}"]`, form)?.value ?? "").trim();
    const body: Record<string, unknown> = { name: value("name"), status: value("status"), pages: lines(value("pages")), variants };
    if (!experience && value("id")) body.id = value("id");
    try {
      const result = experience
        ? await api<Experience>("PUT", `/sites/${data.site}/experiences/${experience.id}`, body, experience.version)
        : await api<Experience>("POST", `/sites/${data.site}/experiences`, body);
      sentHtml.clear();
      for (const [vi, v] of result.variants.entries()) {
        v.changes.forEach((c, ci) => {
          const sent = variants[vi]?.changes[ci]?.value;
          if (c.type === "html" && c.value !== sent) sentHtml.set(`${vi}.${ci}`, String(sent));
        });
      }
      if (!experience) {
        history.replaceState(null, "", `/admin/sites/${data.site}/experiences/${result.id}`);
        $('button[type="submit"]', form)!.textContent = "Save experience";
        $("h1", form)!.textContent = `Experience: ${result.name}`;
      }
      experience = result;
      saved = structuredClone(result.variants);
      variants = structuredClone(result.variants);
      draw();
      notify(`Saved (version ${result.version}). It is a draft until you publish.${sentHtml.size ? " The sanitizer changed some HTML: see below." : ""}`);
    } catch (err) {
      showFailure(err, form);
    }
  });

  setupUrlTester();
  draw();
}
