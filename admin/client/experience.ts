// The experience editor: variants (one per segment) with their changes, the "does this URL match?" tester,
// saving with the version it started from (the stored, sanitized html is shown back), "Pick on my site" and
// "Preview" links on the marketer's own site, and a warning when another live experience changes the same element.
import { api } from "./api";
import { blankChange, changeRow, MARKUP_KEY, type Change } from "./changes";
import { conflictBox, conflicts, type OtherExperience } from "./conflicts";
import { $, h, pageData } from "./dom";
import { pageMatches } from "./evaluator";
import { clearErrors, notify, showFailure } from "./notice";
import { firstLiteralPage, listenForPicks, openLink, pageUrl } from "./site-links";

interface Variant {
  segment: string;
  changes: Change[];
}
interface Experience {
  id: string;
  name: string;
  version: number;
  variants: Variant[];
}
interface Data {
  site: string;
  origins: string[];
  others: OtherExperience[];
  experience: Experience | null;
  segments: { id: string; name: string }[];
}

/** An ISO instant as a datetime-local value in this browser's timezone, and back (the input has no zone). */
const toLocal = (iso: string) => {
  const d = new Date(iso);
  return isNaN(d.getTime()) ? "" : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const toIso = (local: string) => {
  const d = new Date(local); // a date-time without an offset is read as local time
  return local && !isNaN(d.getTime()) ? d.toISOString() : undefined;
};

function setupSchedule() {
  for (const id of ["#f-start", "#f-end"]) {
    const input = $<HTMLInputElement>(id)!;
    input.value = input.dataset.iso ? toLocal(input.dataset.iso) : "";
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  $("#schedule-zone")!.textContent = `Times are in your local timezone (${zone}) and saved as UTC. Leave a field empty for no bound.`;
}

const lines = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

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
    out.replaceChildren(
      !patterns.length ? "✓ Matches: no patterns means every page." : hit ? `✓ Matches ${hit}` : "✗ No pattern matches this URL.",
    );
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
  const siteUrl = $<HTMLInputElement>("#site-url")!;
  const defaultUrl = () => (data.origins[0] ? data.origins[0] + firstLiteralPage(lines($<HTMLTextAreaElement>("#f-pages")!.value)) : "");
  siteUrl.value = defaultUrl();
  siteUrl.addEventListener("input", () => {
    siteUrl.dataset.edited = "1";
  });
  $("#f-pages")!.addEventListener("input", () => {
    if (!siteUrl.dataset.edited) siteUrl.value = defaultUrl();
  });
  const showConflicts = () =>
    $("#conflicts")!.replaceChildren(
      ...conflictBox(
        conflicts(
          variants.flatMap((v) => v.changes.map((c) => c.selector ?? "")),
          data.others,
        ),
      ),
    );
  let asking: { vi: number; ci: number } | null = null; // the change whose "Pick on my site" opened the editor

  /** Opens a link on the page in #site-url; links name a saved experience, whose stored draft they show. */
  const open = async (kind: "editor" | "preview", segment?: string) => {
    if (!experience) {
      notify("Save the experience first: links open its saved draft.", "error");
      return false;
    }
    const url = pageUrl(siteUrl.value, data.origins);
    if (typeof url === "string") {
      notify(url, "error");
      siteUrl.focus();
      return false;
    }
    try {
      const win = await openLink(data.site, { kind, experience: experience.id, url: url.href, ...(segment ? { segment } : {}) });
      notify(
        kind === "editor"
          ? "Picker opened on your site: click an element there."
          : `Preview opened on your site (the saved draft${segment ? ` for ${names.get(segment) ?? segment}` : ""}).`,
      );
      if (!win) notify("Your browser blocked the new tab: allow pop-ups for this page and try again.", "error");
      return !!win;
    } catch (err) {
      showFailure(err);
      return false;
    }
  };
  listenForPicks(data.origins, (m) => {
    const c = asking && variants[asking.vi]?.changes[asking.ci];
    if (!c) return;
    c.selector = m.selector;
    // "Edit text" on the page: a text change takes the edited text as its new value.
    if (m.type === "text" && c.type === "text") c.value = m.text;
    draw();
    notify(
      m.type === "pick"
        ? `Picked ${m.selector}: matches ${m.matches === 1 ? "1 element" : `${m.matches} elements`} on that page.`
        : `Took the edited text for ${m.selector}.`,
    );
  });

  const draw = () => {
    root.replaceChildren(
      ...variants.map((v, vi) =>
        h(
          "fieldset",
          { class: "variant" },
          h("legend", {}, `For segment: ${names.get(v.segment) ?? v.segment}`),
          h(
            "div",
            { class: "variant-actions" },
            h("button", { type: "button", class: "preview", onclick: () => void open("preview", v.segment) }, "Preview on my site"),
            h(
              "button",
              {
                type: "button",
                class: "link danger",
                onclick: () => {
                  variants.splice(vi, 1);
                  draw();
                },
              },
              "Remove variant",
            ),
          ),
          h("p", { class: "field-error", "data-error-for": `variants.${vi}.segment` }),
          v.changes.map((c, ci) =>
            changeRow(c, {
              path: `variants.${vi}.changes.${ci}`,
              onEdit: showConflicts,
              onPick: () => {
                asking = { vi, ci };
                void open("editor");
              },
              onType: (type) => {
                v.changes[ci] = type === c.type ? c : blankChange(type, c.selector);
                draw();
              },
              onRemove: () => {
                v.changes.splice(ci, 1);
                draw();
              },
              sanitized:
                MARKUP_KEY[c.type] && saved?.[vi]?.changes[ci]?.type === c.type
                  ? String(saved[vi]!.changes[ci]![MARKUP_KEY[c.type]!])
                  : undefined,
              sent: sentHtml.get(`${vi}.${ci}`),
            }),
          ),
          h("p", { class: "field-error", "data-error-for": `variants.${vi}.changes` }),
          h(
            "button",
            {
              type: "button",
              onclick: () => {
                v.changes.push(blankChange("text"));
                draw();
              },
            },
            "+ Add change",
          ),
        ),
      ),
    );
    showConflicts();
    if (!variants.length)
      root.replaceChildren(h("p", { class: "empty" }, "No variants yet: pick a segment below and add a variant, then add its changes."));
    const free = data.segments.filter((s) => !variants.some((v) => v.segment === s.id));
    picker.replaceChildren(...free.map((s) => h("option", { value: s.id }, s.name)));
    // Every segment has its variant: the add row would offer nothing.
    $(".add-variant", form)!.hidden = !free.length;
  };
  $("#add-variant")!.addEventListener("click", () => {
    if (!picker.value) return;
    variants.push({ segment: picker.value, changes: [blankChange("text")] });
    draw();
    $<HTMLElement>(".variant:last-of-type input", root)?.focus();
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(form);
    const value = (name: string) => ($<HTMLInputElement>(`[name="${name}"]`, form)?.value ?? "").trim();
    const body: Record<string, unknown> = { name: value("name"), status: value("status"), pages: lines(value("pages")), variants };
    if (!experience && value("id")) body.id = value("id");
    const start = toIso(value("start")),
      end = toIso(value("end"));
    if (start) body.start = start;
    if (end) body.end = end;
    try {
      const result = experience
        ? await api<Experience>("PUT", `/sites/${data.site}/experiences/${experience.id}`, body, experience.version)
        : await api<Experience>("POST", `/sites/${data.site}/experiences`, body);
      sentHtml.clear();
      for (const [vi, v] of result.variants.entries()) {
        for (const [ci, c] of v.changes.entries()) {
          const key = MARKUP_KEY[c.type];
          const sent = key && variants[vi]?.changes[ci]?.[key];
          if (key && c[key] !== sent) sentHtml.set(`${vi}.${ci}`, String(sent));
        }
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
      notify(
        `Saved (version ${result.version}). It is a draft until you publish.${sentHtml.size ? " The sanitizer changed some HTML: see below." : ""}`,
      );
    } catch (err) {
      showFailure(err, form);
    }
  });

  setupUrlTester();
  setupSchedule();
  draw();
}
