// A site's account list (target accounts, for company.inAccountList) and interest topics.
import { Hono } from "hono/tiny";
import type { AppEnv } from "../../env";
import { listAccounts } from "../../db/accounts";
import { listTopics, replaceTopics } from "../../db/topics";
import { parseAccountsCsv } from "../../enrich/accounts-csv";
import { requireRole } from "../../http/auth";
import { ApiError } from "../../http/errors";
import { csvBody, isCsv, jsonBody } from "../../http/validate";
import { replaceAccountList } from "../../publish/account-list";
import { accountsInput } from "../../schemas/account";
import { topicsInput } from "../../schemas/topic";
import { audit } from "./audit-trail";
import { siteOr404 } from "./site-scope";

export const audience = new Hono<AppEnv>()
  .get("/accounts", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    const accounts = await listAccounts(c.env.DB, site.key);
    return c.json({ count: accounts.length, accounts });
  })

  // Replaces the list; takes effect for new visitor contexts at once (no publish: it is data, not content).
  .put("/accounts", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    let rows: { domain?: string; name?: string }[];
    if (isCsv(c)) {
      const parsed = parseAccountsCsv(await csvBody(c, 8 * 1024 * 1024));
      if (!parsed.ok) throw new ApiError(400, "invalid_csv", parsed.message, { [`line ${parsed.line}`]: parsed.message });
      // A header-only file is more likely a broken export than a wish to empty the list (send {"accounts": []} for that).
      if (parsed.rows.length === 0) throw new ApiError(400, "invalid_csv", "The CSV has a header but no accounts");
      rows = parsed.rows;
    } else rows = (await jsonBody(c, accountsInput, 8 * 1024 * 1024)).accounts;
    await replaceAccountList(c.env, site.key, rows);
    await audit(c, "accounts.replace", { site: site.key, after: { count: rows.length } });
    return c.json({ count: rows.length });
  })

  .get("/topics", requireRole("viewer"), async (c) => {
    const site = await siteOr404(c);
    return c.json({ topics: await listTopics(c.env.DB, site.key) });
  })

  // Replaces the topics; they reach visitors with the next publish (they are part of the config).
  .put("/topics", requireRole("editor"), async (c) => {
    const site = await siteOr404(c);
    const { topics } = await jsonBody(c, topicsInput);
    await replaceTopics(c.env.DB, site.key, topics);
    await audit(c, "topics.replace", { site: site.key, after: { topics: topics.map((t) => t.topic) } });
    return c.json({ topics });
  });
