// Publish: what a publish would change against the live version (GET …/diff), the publish button with how
// long returning visitors may still see the previous version, and the version history with rollback.
import type { Child } from "hono/jsx";
import { canEdit } from "./load";
import type { Screen } from "./render";

interface ItemDiff {
  added: { id: string; name: string }[];
  removed: { id: string; name: string }[];
  changed: { id: string; name: string; fields: Record<string, { from: unknown; to: unknown }> }[];
}
interface Diff {
  live: number | null;
  baseline: "live" | "none" | "unknown";
  unchanged: boolean;
  segments: ItemDiff;
  experiences: ItemDiff;
  topics: ItemDiff;
}
interface Versions {
  live: number | null;
  versions: { version: number; publishedAt: string; publishedBy: string | null }[];
}

/**
 * The snippet keeps the config on the device and re-checks it in the background once it is more than 60 s old
 * (snippet/boot.ts, revalidate); with the upgraded tag the browser does the same with the script that carries it
 * (stale-while-revalidate, worker/routes/public.ts). The page view after that check shows the new version. New
 * visitors fetch it at once.
 */
export const STALENESS =
  "New visitors see it at once. Returning visitors see it from the page view after their browser's background check, which runs once their copy is over 60 seconds old: someone browsing the site sees it within about a minute, and someone coming back later still sees the previous version on their first page view.";

const json = (v: unknown) => (v === null || v === undefined ? "—" : JSON.stringify(v, null, 1));

function Items({ title, diff }: { title: string; diff: ItemDiff }): Child {
  if (!diff.added.length && !diff.removed.length && !diff.changed.length) return null;
  return (
    <section class="diff-group">
      <h3>{title}</h3>
      <ul class="diff">
        {diff.added.map((i) => (
          <li class="added">
            <span class="tag">added</span> {i.name} <code>{i.id}</code>
          </li>
        ))}
        {diff.removed.map((i) => (
          <li class="removed">
            <span class="tag">removed</span> {i.name} <code>{i.id}</code>
          </li>
        ))}
        {diff.changed.map((i) => (
          <li class="changed">
            <span class="tag">changed</span> {i.name} <code>{i.id}</code>
            <table class="fields">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Live</th>
                  <th scope="col">Draft</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(i.fields).map(([field, c]) => (
                  <tr>
                    <th scope="row">{field}</th>
                    <td>
                      <pre class="from">{json(c.from)}</pre>
                    </td>
                    <td>
                      <pre class="to">{json(c.to)}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const publishScreen: Screen = async (ctx) => {
  const site = ctx.params.site!;
  const [diff, history] = await Promise.all([ctx.get<Diff>(`/sites/${site}/diff`), ctx.get<Versions>(`/sites/${site}/versions`)]);
  const edit = canEdit(ctx.me);
  const versions = [...history.versions].sort((a, b) => b.version - a.version);
  return {
    title: "Publish",
    site,
    body: (
      <>
        <h1>Publish</h1>
        <section class="card" aria-labelledby="diff-title">
          <h2 id="diff-title">
            {diff.live === null ? "What the first publish makes live" : `Changes since the live version (v${diff.live})`}
          </h2>
          {diff.baseline === "unknown" ? (
            <p class="note">The live version was published before versions kept their content: everything shows as added.</p>
          ) : null}
          {diff.unchanged ? (
            <p class="empty">Nothing changed since the live version. Edit segments or experiences, then come back here to publish.</p>
          ) : (
            <>
              <Items title="Segments" diff={diff.segments} />
              <Items title="Experiences" diff={diff.experiences} />
              <Items title="Interest topics" diff={diff.topics} />
            </>
          )}
          {edit ? (
            <div class="save-row">
              <button
                type="button"
                class="primary"
                data-call={`POST /sites/${site}/publish`}
                data-done="Published."
                disabled={diff.unchanged && diff.live !== null}
              >
                Publish
              </button>
              <p class="hint" id="staleness">
                {STALENESS}
              </p>
            </div>
          ) : (
            <p class="hint">You have view access: an editor can publish.</p>
          )}
        </section>
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title">Version history</h2>
          {versions.length === 0 ? (
            <p class="empty">Nothing published yet. Your first publish becomes version 1.</p>
          ) : (
            <table class="list" id="history">
              <thead>
                <tr>
                  <th scope="col">Version</th>
                  <th scope="col">Published</th>
                  <th scope="col">By</th>
                  <th scope="col">
                    <span class="sr-only">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr>
                    <td>
                      v{v.version} {v.version === history.live ? <span class="status status-live">live</span> : null}
                    </td>
                    <td>
                      <time datetime={v.publishedAt}>{v.publishedAt.replace("T", " ").slice(0, 19)} UTC</time>
                    </td>
                    <td>{v.publishedBy ?? <span class="muted">unknown</span>}</td>
                    <td class="actions">
                      {edit && v.version !== history.live ? (
                        <button
                          type="button"
                          data-call={`POST /sites/${site}/rollback`}
                          data-body={JSON.stringify({ version: v.version })}
                          data-done={`Rolled back to v${v.version}'s content (published as a new version).`}
                        >
                          Roll back to v{v.version}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </>
    ),
  };
};
