// The admin page's rendering in the browser (admin/pages/render.tsx), with a fake admin API: which screen a
// path is, where a visitor without a session goes, and how the API's refusals become the error screen.
// The screens' content against the real API is in test/worker/admin-page.test.ts; the DOM in test/e2e/admin-*.
import { describe, expect, it } from "vitest";
import { apiReader } from "../../admin/pages/load";
import { renderScreen, type Rendered } from "../../admin/pages/render";
import { matchPath } from "../../admin/paths";

const where = (path: string) => new URL(`https://facet.example${path}`);
const OWNER = { kind: "session", role: "owner", user: { id: "usr_1", email: "o@example.test" }, csrfToken: "csrf-1" };

/** An API answering from a table of path → [status, body]; anything else is a 404. */
function fakeApi(answers: Record<string, [number, unknown]>) {
  const asked: string[] = [];
  const get = apiReader(async (path) => {
    asked.push(path);
    const [status, body] = answers[path] ?? [404, { error: { code: "not_found", message: `No route for GET ${path}` } }];
    return new Response(JSON.stringify(body), { status });
  });
  return { get, asked };
}

const noSession: [number, unknown] = [401, { error: { code: "unauthorized", message: "Log in first." } }];

describe("matchPath", () => {
  it.each([
    ["/admin", "/", {}],
    ["/admin/login", "/login", {}],
    ["/admin/sites/shop", "/sites/:site", { site: "shop" }],
    ["/admin/sites/shop/segments/new", "/sites/:site/segments/new", { site: "shop" }],
    ["/admin/sites/shop/segments/de%20x", "/sites/:site/segments/:id", { site: "shop", id: "de x" }],
    ["/admin/sites/shop/experiences/hero", "/sites/:site/experiences/:id", { site: "shop", id: "hero" }],
  ])("%s is %s", (pathname, path, params) => {
    expect(matchPath(pathname)).toMatchObject({ path, params });
  });

  it.each(["/", "/administrator", "/admin/nope", "/admin/sites/", "/admin/sites/shop/segments/a/b", "/admin/sites//segments"])(
    "%s is no screen",
    (pathname) => expect(matchPath(pathname)).toBeNull(),
  );

  it("marks login and invite as reachable without a session", () => {
    expect(matchPath("/admin/login")?.needsLogin).toBe(false);
    expect(matchPath("/admin/invite")?.needsLogin).toBe(false);
    expect(matchPath("/admin/account")?.needsLogin).toBe(true);
  });
});

describe("renderScreen", () => {
  it("sends a visitor without a session to log in, with the path and query to come back to", async () => {
    const api = fakeApi({ "/me": noSession });
    expect(await renderScreen(where("/admin/sites/x/publish?a=1&b=2"), api.get)).toEqual({
      redirect: "/admin/login?next=%2Fadmin%2Fsites%2Fx%2Fpublish%3Fa%3D1%26b%3D2",
    });
    expect(api.asked).toEqual(["/me"]);
  });

  it("renders the login screen without a session, keeping only a same-site next", async () => {
    const { get } = fakeApi({ "/me": noSession });
    const out = (await renderScreen(where("/admin/login?next=%2Fadmin%2Fusers"), get)) as Extract<Rendered, { html: string }>;
    expect(out).toMatchObject({ status: 200, title: "Log in", csrfToken: undefined });
    expect(out.html).toContain('data-next="/admin/users"');
    expect(out.html).not.toContain("data-logout");
    const evil = (await renderScreen(where("/admin/login?next=https%3A%2F%2Fevil.example"), get)) as { html: string };
    expect(evil.html).toContain('data-next="/admin"');
  });

  it("renders a screen from the API's answers, escaped, with the session's CSRF token and navigation", async () => {
    const { get, asked } = fakeApi({
      "/me": [200, OWNER],
      "/sites": [200, { sites: [{ key: "shop", name: '<img src=x onerror="alert(1)">', origins: [], liveVersion: 3 }] }],
    });
    const out = (await renderScreen(where("/admin"), get)) as Extract<Rendered, { html: string }>;
    expect(out).toMatchObject({ status: 200, title: "Sites", csrfToken: "csrf-1" });
    expect(asked).toEqual(["/me", "/sites"]);
    expect(out.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(out.html).not.toContain("<img");
    expect(out.html).toContain('<a href="/admin" aria-current="page">Sites</a>');
    expect(out.html).toContain("o@example.test");
    expect(out.html).toContain("v3");
  });

  it.each([
    [403, "Not allowed"],
    [404, "Not found"],
    [500, "Something went wrong"],
    [502, "Something went wrong"],
  ])("shows an API answer %i as the error screen (%s)", async (status, heading) => {
    const { get } = fakeApi({ "/me": [200, OWNER], "/users": [status, { error: { code: "x", message: "The API's <reason>" } }] });
    const out = (await renderScreen(where("/admin/users"), get)) as Extract<Rendered, { html: string }>;
    expect(out).toMatchObject({ status: status === 502 ? 500 : status, title: "Not available" });
    expect(out.html).toContain(`<h1>${heading}</h1>`);
    expect(out.html).toContain("The API&#39;s &lt;reason&gt;");
  });

  it("marks the experiences the page view alone decides as instant (as publishing inlines them)", async () => {
    const seg = (id: string, condition: unknown) => ({
      id,
      name: id,
      kind: "behavioral",
      condition,
      priority: 1,
      version: 1,
      updatedAt: "",
    });
    const exp = (id: string, segment: string, value: string) => ({
      id,
      name: id,
      status: "live",
      pages: [],
      variants: [{ segment, changes: [{ type: "text", selector: "h1", value }] }],
      version: 1,
      updatedAt: "",
    });
    const { get } = fakeApi({
      "/me": [200, OWNER],
      "/sites/shop/segments": [
        200,
        { segments: [seg("campaign", { "page.query.utm_campaign": "spring" }), seg("returning", { "visit.isReturning": true })] },
      ],
      "/sites/shop/experiences": [
        200,
        {
          experiences: [
            exp("by-url", "campaign", "Spring offer"),
            exp("by-profile", "returning", "Welcome back"),
            exp("with-token", "campaign", "Hi {{traits.name|there}}"),
          ],
        },
      ],
    });
    const out = (await renderScreen(where("/admin/sites/shop/experiences"), get)) as Extract<Rendered, { html: string }>;
    const rows = out.html.split("<tr>").slice(2);
    expect(rows.map((r) => r.includes(">instant</span>"))).toEqual([true, false, false]);
  });

  it("shows a network failure as the error screen, not a crash", async () => {
    const get = apiReader(() => Promise.reject(new TypeError("Failed to fetch")));
    const out = (await renderScreen(where("/admin/account"), get)) as Extract<Rendered, { html: string }>;
    expect(out.status).toBe(500);
    expect(out.html).toContain("Could not reach Facet");
  });

  it("sends a session that ended between /me and the screen's reads to log in", async () => {
    const { get } = fakeApi({ "/me": [200, OWNER], "/sites": noSession });
    expect(await renderScreen(where("/admin"), get)).toEqual({ redirect: "/admin/login?next=%2Fadmin" });
  });
});
