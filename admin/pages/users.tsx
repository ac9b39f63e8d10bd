// Owners: the accounts (roles, removal) and invite links.
import { Field } from "./layout";
import type { Screen } from "./render";

interface User {
  id: string;
  email: string;
  role: string;
  createdAt: string;
}
const ROLES = ["viewer", "editor", "owner"];

export const usersScreen: Screen = async (ctx) => {
  const { users } = await ctx.get<{ users: User[] }>("/users");
  return {
    title: "Users",
    body: (
      <>
        <h1>Users</h1>
        <p class="hint">
          Viewers read everything; editors also change segments and experiences and publish; owners also manage sites, users and tokens.
        </p>
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span class="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>
                  {u.email}
                  {u.id === ctx.me.user?.id ? " (you)" : ""}
                </td>
                <td>
                  <label class="sr-only" for={`role-${u.id}`}>
                    Role of {u.email}
                  </label>
                  <select id={`role-${u.id}`} data-role-of={u.id}>
                    {ROLES.map((r) => (
                      <option value={r} selected={r === u.role}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <time>{u.createdAt.slice(0, 10)}</time>
                </td>
                <td class="actions">
                  <button
                    type="button"
                    class="danger"
                    data-call={`DELETE /users/${u.id}`}
                    data-confirm={`Remove ${u.email}? Their sessions end at once.`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <section class="card">
          <h2>Invite someone</h2>
          <p class="hint">They get a link (valid 72 hours, once) to choose their own password.</p>
          <form data-api="POST /invites" data-show="url" novalidate class="inline-form">
            <Field name="email" label="Email" id="i-email">
              <input id="i-email" name="email" type="email" required />
            </Field>
            <Field name="role" label="Role" id="i-role">
              <select id="i-role" name="role">
                {ROLES.map((r) => (
                  <option value={r} selected={r === "editor"}>
                    {r}
                  </option>
                ))}
              </select>
            </Field>
            <button type="submit">Create invite link</button>
          </form>
          <div class="once" data-shown-for="url" hidden>
            <p>
              <strong>Send this link</strong> to the person you invited; it is shown only once.
            </p>
            <pre id="new-url"></pre>
            <button type="button" data-copy="new-url">
              Copy link
            </button>
          </div>
        </section>
      </>
    ),
  };
};
