// Renders the screen for this URL into the Worker's page shell: the same hono/jsx screens the Worker used
// to render (admin/pages), fed by the admin API through fetch with the browser's own session cookie.
import { apiReader } from "../pages/load";
import { renderScreen } from "../pages/render";

/** False when the browser is sent elsewhere (to log in) and nothing was rendered. */
export async function mountScreen(): Promise<boolean> {
  const get = apiReader((path) => fetch(`/admin/api${path}`, { credentials: "same-origin", headers: { accept: "application/json" } }));
  const out = await renderScreen(location, get);
  if ("redirect" in out) {
    location.replace(out.redirect);
    return false;
  }
  document.title = `${out.title} · Facet admin`;
  if (out.csrfToken) {
    // api.ts sends it with every write (the API's CSRF check).
    const meta = document.createElement("meta");
    meta.name = "facet-csrf";
    meta.content = out.csrfToken;
    document.head.append(meta);
  }
  // The status the API's answer meant (403, 404…): the shell itself is always a 200.
  document.documentElement.dataset.status = String(out.status);
  // hono/jsx escaped every value, as the server rendering did; the CSP runs no inline script either way.
  document.body.innerHTML = out.html;
  return true;
}
