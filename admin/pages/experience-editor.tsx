// The experience editor: name, status, page patterns with a "does this URL match?" tester, and per-segment
// variants whose changes admin/client/experience draws. Html changes show what the Worker's sanitizer kept.
// The page on the marketer's site used by "Pick on my site" and "Preview" defaults to the site's first origin.
import { Data, Field } from "./layout";
import { canEdit } from "./load";
import type { Screen } from "./render";
import type { Experience } from "./experiences";
import type { Segment } from "./segments";

export const experienceEditorScreen: Screen = async (ctx) => {
  const site = ctx.params.site!;
  const id = ctx.params.id;
  const [experience, { segments }, { origins }, { experiences }] = await Promise.all([
    id ? ctx.get<Experience>(`/sites/${site}/experiences/${id}`) : Promise.resolve(null),
    ctx.get<{ segments: Segment[] }>(`/sites/${site}/segments`),
    ctx.get<{ origins: string[] }>(`/sites/${site}`),
    ctx.get<{ experiences: Experience[] }>(`/sites/${site}/experiences`),
  ]);
  // Other live experiences' selectors, for the "same element" warning.
  const others = experiences
    .filter((e) => e.status === "live" && e.id !== experience?.id)
    .map((e) => ({
      id: e.id,
      name: e.name,
      selectors: e.variants.flatMap((v) => v.changes.map((c) => String(c.selector ?? ""))).filter(Boolean),
    }));
  const edit = canEdit(ctx.me);
  const options = [...segments].sort((a, b) => b.priority - a.priority).map((s) => ({ id: s.id, name: s.name }));
  return {
    title: experience ? experience.name : "New experience",
    site,
    body: (
      <form id="experience-form" novalidate>
        <div class="title-row">
          <h1>{experience ? `Experience: ${experience.name}` : "New experience"}</h1>
          <a href={`/admin/sites/${site}/experiences`}>Back to experiences</a>
        </div>
        <fieldset disabled={!edit} class="plain">
          <div class="grid-form three">
            <Field name="name" label="Name">
              <input id="f-name" name="name" value={experience?.name ?? ""} required aria-describedby="f-name-error" />
            </Field>
            {experience ? (
              <p class="static-field">
                <span class="label">Id</span> <code>{experience.id}</code>
              </p>
            ) : (
              <Field name="id" label="Id (optional)" hint="Leave empty for a generated one.">
                <input id="f-id" name="id" aria-describedby="f-id-hint f-id-error" />
              </Field>
            )}
            <Field name="status" label="Status">
              <select id="f-status" name="status">
                <option value="live" selected={experience?.status !== "paused"}>
                  live (shown once published)
                </option>
                <option value="paused" selected={experience?.status === "paused"}>
                  paused
                </option>
              </select>
            </Field>
          </div>
          <section class="card">
            <h2>Pages</h2>
            <div class="columns">
              <Field
                name="pages"
                label="Page patterns"
                hint="One page pattern per line, like /pricing, /blog/* or /blog/:slug (the URLPattern syntax Facet accepts: docs/page-patterns.md). Empty: every page."
              >
                <textarea id="f-pages" name="pages" rows={3} aria-describedby="f-pages-hint f-pages-error">
                  {experience?.pages.join("\n") ?? ""}
                </textarea>
              </Field>
              <div class="field">
                <label for="url-test">Does this URL match?</label>
                <input id="url-test" placeholder="https://www.example.com/pricing" aria-describedby="url-test-result" />
                <p id="url-test-result" class="result" aria-live="polite"></p>
              </div>
            </div>
          </section>
          <section class="card">
            <h2>Schedule</h2>
            {/* Filled by admin/client/experience.ts: only the browser knows the visitor's timezone. */}
            <p class="hint" id="schedule-zone">
              Times are in your local timezone and saved as UTC. Leave a field empty for no bound.
            </p>
            <div class="grid-form three">
              <Field name="start" label="Starts (optional)" hint="Shown from this time on, once published.">
                <input
                  id="f-start"
                  name="start"
                  type="datetime-local"
                  data-iso={experience?.start ?? ""}
                  aria-describedby="schedule-zone f-start-hint f-start-error"
                />
              </Field>
              <Field name="end" label="Ends (optional)" hint="No longer shown from this time on.">
                <input
                  id="f-end"
                  name="end"
                  type="datetime-local"
                  data-iso={experience?.end ?? ""}
                  aria-describedby="schedule-zone f-end-hint f-end-error"
                />
              </Field>
            </div>
          </section>
          <section class="card">
            <h2>Variants</h2>
            <p class="hint">One variant per segment. A visitor in several of them sees the variant of the highest-priority segment.</p>
            <div class="field">
              <label for="site-url">Page on your site, for “Pick on my site” and “Preview on my site”</label>
              <input id="site-url" type="url" aria-describedby="site-url-hint" />
              <p class="hint" id="site-url-hint">
                On an allowed origin ({origins.length ? origins.join(", ") : "none yet: add one in the site's settings"}), with the tag
                installed. Links open the saved draft and expire.
              </p>
            </div>
            <div id="conflicts" aria-live="polite"></div>
            <div id="variants"></div>
            <p class="field-error" data-error-for="variants"></p>
            <div class="inline-form add-variant">
              <div class="field">
                <label for="add-variant-segment">Segment</label>
                <select id="add-variant-segment"></select>
              </div>
              <button type="button" id="add-variant">
                Add variant
              </button>
            </div>
          </section>
          {edit ? (
            <div class="save-row">
              <button type="submit" class="primary">
                {experience ? "Save experience" : "Create experience"}
              </button>
              <span class="hint">
                Saved experiences are drafts until you <a href={`/admin/sites/${site}/publish`}>publish</a>.
              </span>
            </div>
          ) : (
            <p class="hint">You have view access: an editor can change this experience.</p>
          )}
        </fieldset>
        <Data value={{ site, origins, others, experience, segments: options }} />
      </form>
    ),
  };
};
