// What the browser renders into the Worker's page shell (worker/routes/admin-page.ts, which holds the head:
// the hashed script and stylesheet; the CSP allows only 'self', nothing inline): the navigation, and one
// live region for messages. The title and the CSRF meta tag go into the head (admin/client/mount.ts).
import type { Child } from "hono/jsx";
import type { Me } from "./load";

interface LayoutProps {
  me?: Me | undefined;
  site?: string | undefined;
  current?: string;
  children?: Child;
}

const SITE_TABS = [
  ["", "Settings and install"],
  ["/segments", "Segments"],
  ["/experiences", "Experiences"],
  ["/publish", "Publish"],
  ["/audit", "Audit log"],
] as const;

/** The body's content: the page shell's <body> is replaced by it. */
export function Layout({ me, site, current, children }: LayoutProps) {
  const here = (href: string) => (href === current ? { "aria-current": "page" as const } : {});
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      {me ? (
        <header class="top">
          <nav aria-label="Main" class="top-nav">
            <a class="brand" href="/admin">
              Facet
            </a>
            <a href="/admin" {...here("/admin")}>
              Sites
            </a>
            {me.role === "owner" ? (
              <a href="/admin/users" {...here("/admin/users")}>
                Users
              </a>
            ) : null}
            {me.role === "owner" ? (
              <a href="/admin/audit" {...here("/admin/audit")}>
                Audit log
              </a>
            ) : null}
            <a href="/admin/account" {...here("/admin/account")}>
              {me.user?.email ?? "Account"}
            </a>
            <button type="button" class="link" data-logout>
              Log out
            </button>
          </nav>
          {site ? (
            <nav aria-label={`Site ${site}`} class="site-nav">
              <span class="site-key">{site}</span>
              {SITE_TABS.map(([suffix, label]) => {
                const href = suffix === "/audit" ? `/admin/audit?site=${site}` : `/admin/sites/${site}${suffix}`;
                return (
                  <a href={href} {...here(href)}>
                    {label}
                  </a>
                );
              })}
            </nav>
          ) : null}
        </header>
      ) : null}
      <main id="main" tabindex={-1}>
        <div id="notice" role="status" aria-live="polite"></div>
        {children}
      </main>
    </>
  );
}

/** A labeled field with its error slot: the client puts the Worker's `fields[name]` message there. */
export function Field(props: { name: string; label: string; hint?: string; children: Child; id?: string }) {
  const id = props.id ?? `f-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.children}
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <p class="field-error" data-error-for={props.name} id={`${id}-error`}></p>
    </div>
  );
}

/** Data for the client, as a JSON attribute (a data block would be escaped the same; no inline script is allowed). */
export const Data = ({ value }: { value: unknown }) => <div id="page-data" hidden data-json={JSON.stringify(value)}></div>;
