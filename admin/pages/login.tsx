// Screens reached without a session: logging in, and accepting an invite (its token rides in the fragment).
import { Field } from "./layout";
import type { Screen } from "./render";

/** Only a same-site path may follow a login (no open redirect). */
const safeNext = (next: string | undefined) => (next && /^\/admin(\/|$|\?)/.test(next) ? next : "/admin");

export const loginScreen: Screen = async (ctx) => {
  const next = safeNext(ctx.query.next);
  if (ctx.me)
    return {
      title: "Log in",
      body: (
        <p>
          You are logged in. <a href={next}>Continue</a>
        </p>
      ),
    };
  return {
    title: "Log in",
    body: (
      <section class="card narrow">
        <h1>Log in to Facet</h1>
        <form data-api="POST /login" data-next={next} novalidate>
          <Field name="email" label="Email">
            <input id="f-email" name="email" type="email" autocomplete="username" required aria-describedby="f-email-error" />
          </Field>
          <Field name="password" label="Password">
            <input
              id="f-password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              aria-describedby="f-password-error"
            />
          </Field>
          <button type="submit" class="primary">
            Log in
          </button>
        </form>
        <p class="hint">
          After 5 failed attempts for an account, each further attempt waits (30 s, doubling, at most 15 minutes). Locked out? An owner can
          reset access with the owner token (see docs/admin-api.md).
        </p>
      </section>
    ),
  };
};

export const inviteScreen: Screen = async () => ({
  title: "Accept invite",
  body: (
    <section class="card narrow">
      <h1>Accept your invite</h1>
      <p>Choose a password for your new Facet account, then log in.</p>
      <form data-api="POST /invites/accept" data-next="/admin/login" novalidate>
        <input type="hidden" name="token" data-from-hash />
        <p class="field-error" data-error-for="token"></p>
        <Field name="password" label="New password" hint="12 to 200 characters.">
          <input
            id="f-password"
            name="password"
            type="password"
            autocomplete="new-password"
            minlength={12}
            required
            aria-describedby="f-password-hint f-password-error"
          />
        </Field>
        <button type="submit" class="primary">
          Create my account
        </button>
      </form>
    </section>
  ),
});

export const accountScreen: Screen = async (ctx) => ({
  title: "Account",
  body: (
    <section class="card narrow">
      <h1>Your account</h1>
      <p>
        {ctx.me.user?.email ?? "Token access"} · role <strong>{ctx.me.role}</strong>
      </p>
      <h2>Change password</h2>
      <p class="hint">Changing it logs you out everywhere else.</p>
      <form data-api="POST /me/password" data-done="Password changed." novalidate>
        <Field name="currentPassword" label="Current password">
          <input
            id="f-currentPassword"
            name="currentPassword"
            type="password"
            autocomplete="current-password"
            required
            aria-describedby="f-currentPassword-error"
          />
        </Field>
        <Field name="newPassword" label="New password" hint="12 to 200 characters.">
          <input
            id="f-newPassword"
            name="newPassword"
            type="password"
            autocomplete="new-password"
            minlength={12}
            required
            aria-describedby="f-newPassword-hint f-newPassword-error"
          />
        </Field>
        <button type="submit" class="primary">
          Change password
        </button>
      </form>
    </section>
  ),
});
