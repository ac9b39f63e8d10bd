// The first screen: every site, and (owners) a form to create one.
import { Field } from "./layout";
import { isOwner } from "./load";
import type { Screen } from "./render";

interface SiteRow {
  key: string;
  name: string;
  origins: string[];
  liveVersion: number | null;
}

export const sitesScreen: Screen = async (ctx) => {
  const { sites } = await ctx.get<{ sites: SiteRow[] }>("/sites");
  return {
    title: "Sites",
    body: (
      <>
        <h1>Sites</h1>
        {sites.length === 0 ? (
          <p class="empty">
            No sites yet.{" "}
            {isOwner(ctx.me)
              ? "Create your first site below: give it a name, a key and the origins your pages are served from."
              : "Ask an owner to create one."}
          </p>
        ) : (
          <table class="list">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Key</th>
                <th scope="col">Allowed origins</th>
                <th scope="col">Live version</th>
                <th scope="col">
                  <span class="sr-only">Go to</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sites.map((s) => (
                <tr>
                  <td>
                    <a href={`/admin/sites/${s.key}`}>{s.name}</a>
                  </td>
                  <td>
                    <code>{s.key}</code>
                  </td>
                  <td>{s.origins.length ? s.origins.join(", ") : <span class="muted">none yet</span>}</td>
                  <td>{s.liveVersion === null ? <span class="muted">not published</span> : `v${s.liveVersion}`}</td>
                  <td class="actions">
                    <a href={`/admin/sites/${s.key}/segments`}>Segments</a> <a href={`/admin/sites/${s.key}/experiences`}>Experiences</a>{" "}
                    <a href={`/admin/sites/${s.key}/publish`}>Publish</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {isOwner(ctx.me) ? (
          <section class="card">
            <h2>New site</h2>
            <form data-api="POST /sites" data-next="/admin/sites/{key}" novalidate class="grid-form">
              <Field name="name" label="Name">
                <input id="f-name" name="name" required maxlength={200} aria-describedby="f-name-error" />
              </Field>
              <Field name="key" label="Key" hint="Lowercase letters, digits, - or _; used in the tag and URLs. Cannot change later.">
                <input id="f-key" name="key" required pattern="[a-z0-9][a-z0-9_-]{0,62}" aria-describedby="f-key-hint f-key-error" />
              </Field>
              <Field
                name="origins"
                label="Allowed origins"
                hint="One per line, like https://www.example.com (no path). Pages elsewhere get no content."
              >
                <textarea
                  id="f-origins"
                  name="origins"
                  data-type="lines"
                  rows={3}
                  aria-describedby="f-origins-hint f-origins-error"
                ></textarea>
              </Field>
              <div>
                <button type="submit" class="primary">
                  Create site
                </button>
              </div>
            </form>
          </section>
        ) : null}
      </>
    ),
  };
};
