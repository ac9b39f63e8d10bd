// Writes one audit entry for a state change, naming the principal the auth middleware found.
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { actorOf } from "../../auth/principal";
import { insertAudit } from "../../db/audit";
import { nowIso } from "./site-scope";

export async function audit(
  c: Context<AppEnv>,
  action: string,
  at: { site?: string | null; target?: string | null; before?: unknown; after?: unknown } = {},
): Promise<void> {
  const summary = at.before === undefined && at.after === undefined ? null : { before: at.before ?? null, after: at.after ?? null };
  await insertAudit(c.env.DB, {
    at: nowIso(),
    actor: actorOf(c.get("principal")),
    action,
    site: at.site ?? null,
    target: at.target ?? null,
    summary,
  });
}

/** The parts of an item worth a line in the log: name and version, not whole conditions or contents. */
export const brief = (item: { name?: string; version?: number; status?: string; role?: string } | null) =>
  item && {
    name: item.name,
    version: item.version,
    ...(item.status ? { status: item.status } : {}),
    ...(item.role ? { role: item.role } : {}),
  };
