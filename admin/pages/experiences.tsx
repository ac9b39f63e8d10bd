// A site's experiences: what each changes, for which segments, on which pages.
import { decidedByPageView } from "../../worker/conditions/kind";
import { canEdit } from "./load";
import type { Screen } from "./render";
import type { Segment } from "./segments";

export interface Experience {
  id: string;
  name: string;
  status: "live" | "paused";
  pages: string[];
  variants: { segment: string; changes: Record<string, unknown>[] }[];
  version: number;
  updatedAt: string;
  /** ISO 8601 schedule bounds, when set. */
  start?: string;
  end?: string;
}

/** "Scheduled: from … until …" in UTC: the server does not know the reader's timezone. */
const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace("T", " ")} UTC`;
const scheduled = (e: Experience) =>
  e.start || e.end
    ? `Scheduled: ${e.start ? `from ${utc(e.start)}` : ""}${e.start && e.end ? " " : ""}${e.end ? `until ${utc(e.end)}` : ""}`
    : null;

export const experiencesScreen: Screen = async (ctx) => {
  const site = ctx.params.site!;
  const [{ experiences }, { segments }] = await Promise.all([
    ctx.get<{ experiences: Experience[] }>(`/sites/${site}/experiences`),
    ctx.get<{ segments: Segment[] }>(`/sites/${site}/segments`),
  ]);
  const conditions = new Map(segments.map((s) => [s.id, s.condition]));
  // As publishing chooses the experiences whose content rides in the upgraded script (worker/publish/page-view.ts).
  const instant = (e: Experience) =>
    e.variants.every((v) => conditions.has(v.segment)) &&
    decidedByPageView(
      e.variants.map((v) => conditions.get(v.segment)),
      e.variants.map((v) => v.changes),
    );
  const edit = canEdit(ctx.me);
  const newLink = `/admin/sites/${site}/experiences/new`;
  return {
    title: "Experiences",
    site,
    body: (
      <>
        <div class="title-row">
          <h1>Experiences</h1>
          {edit && segments.length > 0 ? (
            <a class="button primary" href={newLink}>
              New experience
            </a>
          ) : null}
        </div>
        {experiences.length === 0 ? (
          <p class="empty">
            No experiences yet.{" "}
            {segments.length === 0 ? (
              <>
                First <a href={`/admin/sites/${site}/segments/new`}>create a segment</a>: an experience changes the page for segments.
              </>
            ) : edit ? (
              <>
                <a href={newLink}>Create an experience</a> to change a page's content for your segments.
              </>
            ) : null}
          </p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Experience</th>
                <th scope="col">Status</th>
                <th scope="col">Pages</th>
                <th scope="col">Segments</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {experiences.map((e) => (
                <tr>
                  <td>
                    <a href={`/admin/sites/${site}/experiences/${e.id}`}>{e.name}</a> <code class="muted">{e.id}</code>
                  </td>
                  <td>
                    <span class={`status status-${e.status}`}>{e.status}</span>
                    {instant(e) ? (
                      <>
                        {" "}
                        <span
                          class="tag"
                          title="Decided by the page view alone (page.* but not page.title, and time.* conditions; no tokens, no redirect). With the upgraded tag it is applied as soon as the script runs: no request, no wait for the visitor's stored data."
                        >
                          instant
                        </span>
                      </>
                    ) : null}
                    {scheduled(e) ? (
                      <>
                        {" "}
                        <span class="muted schedule">{scheduled(e)}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{e.pages.length ? e.pages.join(", ") : <span class="muted">every page</span>}</td>
                  <td>{e.variants.map((v) => v.segment).join(", ")}</td>
                  <td>{e.variants.reduce((n, v) => n + v.changes.length, 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>
    ),
  };
};
