// Edge mode's entry (docs/edge.md): the app's first middleware. A request for a hostname FACET_EDGE gives
// to a site is that site's page, proxied and personalized (worker/edge/proxy.ts), never one of Facet's routes.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { edgeFetch } from "../edge/proxy";
import { edgeRoute } from "../edge/route";

export const edgeMode: MiddlewareHandler<AppEnv> = async (c, next) => {
  const route = edgeRoute(c.env, new URL(c.req.url));
  return route ? edgeFetch(c.env, c.req.raw, route) : next();
};
