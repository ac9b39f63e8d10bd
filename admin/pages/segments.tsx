// A site's segments, highest priority first, with arrows to reorder (priority decides which of an
// experience's matching segments wins).
import { Data } from "./layout";
import { canEdit } from "./load";
import type { Screen } from "./render";

export interface Segment {
  id: string;
  name: string;
  kind: string;
  condition: Record<string, unknown>;
  priority: number;
  version: number;
  updatedAt: string;
}

export const segmentsScreen: Screen = async (ctx) => {
  const site = ctx.params.site!;
  const { segments } = await ctx.get<{ segments: Segment[] }>(`/sites/${site}/segments`);
  const sorted = [...segments].sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const edit = canEdit(ctx.me);
  return {
    title: "Segments",
    site,
    body: (
      <>
        <div class="title-row">
          <h1>Segments</h1>
          {edit ? (
            <a class="button primary" href={`/admin/sites/${site}/segments/new`}>
              New segment
            </a>
          ) : null}
        </div>
        <p class="hint">When several of an experience's segments match a visitor, the one higher in this list wins.</p>
        {sorted.length === 0 ? (
          <p class="empty">
            No segments yet.{" "}
            {edit ? (
              <>
                <a href={`/admin/sites/${site}/segments/new`}>Create a segment</a>: describe a group of visitors (a country, a company,
                returning visitors…) with the rule builder.
              </>
            ) : (
              "An editor can create them."
            )}
          </p>
        ) : (
          <ol class="segments" data-segments>
            {sorted.map((s, i) => (
              <li>
                <div class="seg-main">
                  <a href={`/admin/sites/${site}/segments/${s.id}`}>{s.name}</a>
                  <span class={`kind kind-${s.kind}`}>{s.kind}</span>
                  <code class="muted">{s.id}</code>
                  <span class="muted">priority {s.priority}</span>
                </div>
                {edit ? (
                  <div class="seg-order">
                    <button type="button" data-move={`${i}:-1`} disabled={i === 0} aria-label={`Move ${s.name} up`}>
                      ↑
                    </button>
                    <button type="button" data-move={`${i}:1`} disabled={i === sorted.length - 1} aria-label={`Move ${s.name} down`}>
                      ↓
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <Data value={{ site, segments: sorted }} />
      </>
    ),
  };
};
