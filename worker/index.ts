// Facet's Worker: public endpoints for the snippet, the owner's admin API, and (in dev) the demo page.
import { Hono } from "hono/tiny";
import type { AppEnv } from "./env";
import { errorResponse, onError } from "./http/errors";
import { authenticate } from "./http/auth";
import { adminSecurityHeaders } from "./http/security-headers";
import { publicRoutes } from "./routes/public";
import { previewRoutes } from "./routes/preview";
import { sites } from "./routes/admin/sites";
import { segments } from "./routes/admin/segments";
import { experiences } from "./routes/admin/experiences";
import { companies } from "./routes/admin/companies";
import { audience } from "./routes/admin/audience";
import { auditLog } from "./routes/admin/audit";
import { versions } from "./routes/admin/versions";
import { links } from "./routes/admin/links";
import { installation } from "./routes/admin/installation";
import { install } from "./routes/admin/install";
import { sessionPublic, sessionRoutes } from "./routes/admin/session";
import { tokens } from "./routes/admin/tokens";
import { users } from "./routes/admin/users";
import { adminPage } from "./routes/admin-page";
import { edgeMode } from "./routes/edge";

/**
 * Set at build time (wrangler.toml [define]): false for `wrangler deploy`, which then drops the demo page and
 * the simulator panel (worker/demo/, loaded below only behind it) from the bundle; `npm start`, the e2e
 * suite's `wrangler dev` and the worker tests set it to true.
 */
declare const FACET_DEMO: boolean;

/** The site `npm start` seeds (worker/demo/seed.json) and the demo page at / installs. */
const DEMO_SITE_KEY = "demo";

// Login and invite acceptance come before the authentication middleware: they are how one gets in.
const admin = new Hono<AppEnv>()
  .route("/", sessionPublic)
  .use("*", authenticate)
  .route("/", sessionRoutes)
  .route("/", users)
  .route("/", auditLog)
  .route("/sites", sites)
  .route("/sites/:site", versions)
  .route("/sites/:site", links)
  .route("/sites/:site", installation)
  .route("/sites/:site", install)
  .route("/sites/:site/tokens", tokens)
  .route("/sites/:site/segments", segments)
  .route("/sites/:site/experiences", experiences)
  .route("/sites/:site", audience)
  .route("/company-ranges", companies);

const app = new Hono<AppEnv>()
  // Before everything: a request for a site's own hostname (edge mode) is the site's, not Facet's API.
  .use("*", edgeMode)
  .use("/admin/*", adminSecurityHeaders)
  .use("/admin", adminSecurityHeaders)
  .route("/", publicRoutes)
  .route("/v1/preview", previewRoutes)
  .route("/admin/api", admin)
  .get("/", async (c) => {
    if (FACET_DEMO && c.env.FACET_DEV === "true") {
      const [{ demoPage }, { simulatorPanel }] = await Promise.all([import("./demo/page"), import("./demo/simulator")]);
      return c.html(
        demoPage({ siteKey: DEMO_SITE_KEY, snippetSrc: "/facet.js" }).replace("</body>", `${simulatorPanel(DEMO_SITE_KEY)}</body>`),
      );
    }
    return c.text("Facet is running. Install the tag from your admin page; see the README for the API.\n");
  })
  .get("/healthz", (c) => c.json({ ok: true }))
  // Browsers ask for it on every page of the demo; an empty answer keeps their consoles clean.
  .get("/favicon.ico", (c) => c.body(null, 204));

// The admin page's shell; the browser renders each screen from the admin API.
app.route("/admin", adminPage());

app.notFound((c) => errorResponse(c, 404, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}`));
app.onError(onError);

export default app;
