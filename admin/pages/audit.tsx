// The audit log: one site's entries (anyone who can read the site) or everything (owners), newest first.
import type { AuditEntry as Entry } from "../../worker/db/audit-entry";
import type { Screen } from "./render";

export const auditScreen: Screen = async (ctx) => {
  const site = ctx.query.site;
  const q = new URLSearchParams({ limit: "100", ...(site ? { site } : {}), ...(ctx.query.before ? { before: ctx.query.before } : {}) });
  const { entries, next } = await ctx.get<{ entries: Entry[]; next: number | null }>(`/audit?${q}`);
  const older = next ? `/admin/audit?${new URLSearchParams({ ...(site ? { site } : {}), before: String(next) })}` : null;
  return {
    title: "Audit log",
    ...(site ? { site } : {}),
    body: (
      <>
        <h1>Audit log{site ? "" : " (all sites and accounts)"}</h1>
        {entries.length === 0 ? (
          <p class="empty">Nothing recorded yet. Every change to this site will be listed here, with who made it.</p>
        ) : (
          <table class="list audit">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>
                    <time datetime={e.at}>{e.at.replace("T", " ").slice(0, 19)}</time>
                  </td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                    {!site && e.site ? (
                      <>
                        {" "}
                        on <code>{e.site}</code>
                      </>
                    ) : null}
                  </td>
                  <td>{e.target ?? ""}</td>
                  <td>{e.summary ? <code class="summary">{JSON.stringify(e.summary)}</code> : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {older ? (
          <p>
            <a href={older}>Older entries</a>
          </p>
        ) : null}
      </>
    ),
  };
};
