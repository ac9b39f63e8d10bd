// The segment editor: name and priority, the rule builder (drawn by admin/client/builder) with its raw-JSON
// mode, the derived kind, and the "test against a visitor" panel. New segments start with one empty rule.
import { Data, Field } from "./layout";
import { canEdit } from "./load";
import type { Screen } from "./render";
import type { Segment } from "./segments";

export const segmentEditorScreen: Screen = async (ctx) => {
  const site = ctx.params.site!;
  const id = ctx.params.id;
  const segment = id ? await ctx.get<Segment>(`/sites/${site}/segments/${id}`) : null;
  const edit = canEdit(ctx.me);
  return {
    title: segment ? segment.name : "New segment",
    site,
    body: (
      <form id="segment-form" novalidate>
        <div class="title-row">
          <h1>{segment ? `Segment: ${segment.name}` : "New segment"}</h1>
          <a href={`/admin/sites/${site}/segments`}>Back to segments</a>
        </div>
        <fieldset disabled={!edit} class="plain">
          <div class="grid-form three">
            <Field name="name" label="Name">
              <input id="f-name" name="name" value={segment?.name ?? ""} required aria-describedby="f-name-error" />
            </Field>
            {segment ? (
              <p class="static-field">
                <span class="label">Id</span> <code>{segment.id}</code>
              </p>
            ) : (
              <Field name="id" label="Id (optional)" hint="Leave empty for a generated one.">
                <input id="f-id" name="id" aria-describedby="f-id-hint f-id-error" />
              </Field>
            )}
            <Field name="priority" label="Priority" hint="Higher wins.">
              <input
                id="f-priority"
                name="priority"
                type="number"
                min={-1000}
                max={1000}
                value={String(segment?.priority ?? 0)}
                aria-describedby="f-priority-hint f-priority-error"
              />
            </Field>
          </div>
          <section class="card rules">
            <div class="title-row">
              <h2>Who is in this segment</h2>
              <p class="kind-line">
                Kind:{" "}
                <output id="kind" class="kind">
                  {segment?.kind ?? "mixed"}
                </output>{" "}
                <span class="hint">(derived from the attributes the rule uses)</span>
              </p>
            </div>
            {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of two toggle buttons, not a form section; a fieldset would need a legend and restyling */}
            <div class="tabs" role="group" aria-label="Editing mode">
              <button type="button" data-mode="builder" aria-pressed="true">
                Builder
              </button>
              <button type="button" data-mode="json" aria-pressed="false">
                JSON
              </button>
            </div>
            <p id="mode-note" class="note" hidden></p>
            <div id="builder"></div>
            <div id="json-mode" hidden>
              <label for="condition-json">Condition (GrowthBook / MongoDB syntax)</label>
              <textarea id="condition-json" rows={12} spellcheck={false} aria-describedby="condition-json-error"></textarea>
              <p class="field-error" id="condition-json-error" data-error-for="condition"></p>
            </div>
          </section>
          {edit ? (
            <div class="save-row">
              <button type="submit" class="primary">
                {segment ? "Save segment" : "Create segment"}
              </button>
              <span class="hint">Saved segments are drafts until you publish.</span>
            </div>
          ) : (
            <p class="hint">You have view access: an editor can change this segment.</p>
          )}
        </fieldset>
        <section class="card tester" aria-labelledby="tester-title">
          <h2 id="tester-title">Test against a visitor</h2>
          <div class="grid-form two">
            <div class="field">
              <label for="sample">Sample visitor</label>
              <select id="sample"></select>
            </div>
            <p id="test-result" class="result" aria-live="polite"></p>
          </div>
          <label for="sample-json">Visitor context (edit freely)</label>
          <textarea id="sample-json" rows={10} spellcheck={false}></textarea>
          <ol id="test-clauses" class="clauses"></ol>
          <p class="hint">geo.* and company.* are decided by the Worker for real visitors; here they come from this sample.</p>
        </section>
        <Data value={{ site, segment }} />
      </form>
    ),
  };
};
