// Every admin screen's path (under /admin), in matching order: the Worker answers exactly these with the
// page shell, and the browser matches the same list to pick the screen it renders. No JSX here, so the
// Worker can import it without the screens.

/** Reachable without a session. */
export const PUBLIC_PATHS = ["/login", "/invite"] as const;

// "…/new" before "…/:id": the first match wins, as in the Worker's router.
export const SCREEN_PATHS = [
  "/",
  "/account",
  "/users",
  "/audit",
  "/sites/:site",
  "/sites/:site/segments",
  "/sites/:site/segments/new",
  "/sites/:site/segments/:id",
  "/sites/:site/experiences",
  "/sites/:site/experiences/new",
  "/sites/:site/experiences/:id",
  "/sites/:site/publish",
] as const;

export type PublicPath = (typeof PUBLIC_PATHS)[number];
export type ScreenPath = (typeof SCREEN_PATHS)[number];

export interface PathMatch {
  path: PublicPath | ScreenPath;
  params: Record<string, string>;
  needsLogin: boolean;
}

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

function matchOne(pattern: string, rest: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = rest.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i]!;
    if (part.startsWith(":")) {
      if (!value) return null;
      params[part.slice(1)] = decode(value);
    } else if (part !== value) return null;
  }
  return params;
}

/** The screen for a browser path like "/admin/sites/shop/segments/new", or null for none. */
export function matchPath(pathname: string): PathMatch | null {
  if (pathname !== "/admin" && !pathname.startsWith("/admin/")) return null;
  const rest = pathname.slice("/admin".length) || "/";
  for (const [paths, needsLogin] of [
    [PUBLIC_PATHS, false],
    [SCREEN_PATHS, true],
  ] as const) {
    for (const path of paths) {
      const params = matchOne(path, rest);
      if (params) return { path, params, needsLogin };
    }
  }
  return null;
}
