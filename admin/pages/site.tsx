// One site: its settings (owners edit), the install panel with the exact tag, and site API tokens (owners).
import { Field } from "./layout";
import { isOwner, type PageContext } from "./load";
import type { Screen } from "./render";

interface Site {
  key: string;
  name: string;
  origins: string[];
  liveVersion: number | null;
  version: number;
}
interface Token {
  id: string;
  name: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export const installTag = (origin: string, key: string) => `<script async src="${origin}/facet.js" data-site="${key}"></script>`;
/** GET /sites/:site/install: the flicker-free install, with the published slots baked in (README "Install for first visits"). */
interface Install {
  version: number | null;
  html: string;
}

async function tokensPanel(ctx: PageContext, site: string) {
  const { tokens } = await ctx.get<{ tokens: Token[] }>(`/sites/${site}/tokens`);
  return (
    <section class="card">
      <h2>API tokens</h2>
      <p class="hint">
        For scripts and CI: <code>Authorization: Bearer fct_…</code>, limited to this site and the token's role.
      </p>
      {tokens.length === 0 ? (
        <p class="empty">No tokens. Create one below when a script needs this site's API.</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="sr-only">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{t.role}</td>
                <td>
                  <time>{t.createdAt}</time>
                </td>
                <td>{t.lastUsedAt ?? "never"}</td>
                <td class="actions">
                  <button
                    type="button"
                    class="danger"
                    data-call={`DELETE /sites/${site}/tokens/${t.id}`}
                    data-confirm={`Revoke the token "${t.name}"? Scripts using it stop working at once.`}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form data-api={`POST /sites/${site}/tokens`} data-show="token" novalidate class="inline-form">
        <Field name="name" label="Token name" id="t-name">
          <input id="t-name" name="name" required maxlength={100} />
        </Field>
        <Field name="role" label="Role" id="t-role">
          <select id="t-role" name="role">
            <option value="editor">editor</option>
            <option value="viewer">viewer</option>
            <option value="owner">owner</option>
          </select>
        </Field>
        <button type="submit">Create token</button>
      </form>
      <div class="once" data-shown-for="token" hidden>
        <p>
          <strong>Copy this token now:</strong> it is shown only once.
        </p>
        <pre id="new-token"></pre>
        <button type="button" data-copy="new-token">
          Copy token
        </button>
      </div>
    </section>
  );
}

export const siteScreen: Screen = async (ctx) => {
  const key = ctx.params.site!;
  const [site, { seen }, fast] = await Promise.all([
    ctx.get<Site>(`/sites/${key}`),
    ctx.get<{ seen: { origin: string; lastSeen: string }[] }>(`/sites/${key}/installation`),
    ctx.get<Install>(`/sites/${key}/install`),
  ]);
  const owner = isOwner(ctx.me);
  const tag = installTag(ctx.origin, site.key);
  return {
    title: site.name,
    site: site.key,
    body: (
      <>
        <h1>{site.name}</h1>
        <div class="columns">
          <section class="card">
            <h2>Settings</h2>
            <form data-api={`PATCH /sites/${site.key}`} data-version={String(site.version)} data-done="Saved." novalidate>
              <fieldset disabled={!owner}>
                <Field name="name" label="Name">
                  <input id="f-name" name="name" value={site.name} required aria-describedby="f-name-error" />
                </Field>
                <p class="static-field">
                  <span class="label">Key</span> <code>{site.key}</code>
                </p>
                <Field name="origins" label="Allowed origins" hint="One per line. Changes apply at once, without publishing.">
                  <textarea id="f-origins" name="origins" data-type="lines" rows={4} aria-describedby="f-origins-hint f-origins-error">
                    {site.origins.join("\n")}
                  </textarea>
                </Field>
                {owner ? (
                  <button type="submit" class="primary">
                    Save settings
                  </button>
                ) : (
                  <p class="hint">Only owners change site settings.</p>
                )}
              </fieldset>
            </form>
          </section>
          <section class="card install">
            <h2>Install</h2>
            <p>
              Paste this tag into the <code>&lt;head&gt;</code> of every page of the site:
            </p>
            <pre id="install-tag">{tag}</pre>
            <button type="button" data-copy="install-tag">
              Copy tag
            </button>
            <h3>Without flicker (recommended)</h3>
            <p>
              Or paste these two instead, first in the <code>&lt;head&gt;</code>: the inline pre-hide snippet keeps the slots Facet will
              change hidden from the first paint (only those, for at most the site's timeout), and the site's own script carries its
              published config, so a first visit needs one request less. Returning visitors get a new publish as with the plain tag: from
              the page view after their browser has re-checked its copy, in the background, once it is over a minute old.
            </p>
            <p class="hint" id="install-fast-version">
              {fast.version === null ? (
                <>Not published yet: this copy hides only what a visitor's browser has recorded, from their second page view on.</>
              ) : (
                <>
                  This copy carries the slots of version {fast.version}, for first visits.{" "}
                  <strong>Copy it again after publishing changes to slots or pages</strong>: until then first visits hide the old slots
                  (facet.js says so once in the browser console).
                </>
              )}
            </p>
            <pre id="install-fast">{fast.html}</pre>
            <button type="button" data-copy="install-fast">
              Copy both
            </button>
            {site.origins.length === 0 ? (
              <p class="warn">No allowed origins yet: add the origin your pages are served from, or the tag gets no content.</p>
            ) : null}
            <h3>Check installation</h3>
            <ul id="install-seen" class="install-seen" aria-live="polite">
              {seen.length ? (
                seen.map((s) => (
                  <li>
                    ✓ Seen on <code>{s.origin}</code> (last:{" "}
                    <time datetime={s.lastSeen}>{s.lastSeen.replace("T", " ").slice(0, 16)} UTC</time>)
                  </li>
                ))
              ) : (
                <li>Not seen yet — open a page with the tag, then check again.</li>
              )}
            </ul>
            <button type="button" data-check-install={site.key}>
              Check installation
            </button>
            <p class="hint">Noted when a page on an allowed origin loads the tag (at most hourly; may take a minute to show).</p>
            <p class="hint">
              Status:{" "}
              {site.liveVersion === null ? (
                <>
                  not published yet — <a href={`/admin/sites/${site.key}/publish`}>publish</a> once your segments and experiences are ready.
                </>
              ) : (
                <>version {site.liveVersion} is live.</>
              )}
            </p>
          </section>
        </div>
        {owner ? await tokensPanel(ctx, site.key) : null}
      </>
    ),
  };
};
