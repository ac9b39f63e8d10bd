import type { Topic } from "../schemas/topic";

export async function listTopics(db: D1Database, siteKey: string): Promise<Topic[]> {
  const { results } = await db
    .prepare("SELECT topic, pages FROM topics WHERE site_key = ?1 ORDER BY topic")
    .bind(siteKey)
    .all<{ topic: string; pages: string }>();
  return results.map((r) => ({ topic: r.topic, pages: JSON.parse(r.pages) as string[] }));
}

/** Replaces the site's topics in one atomic batch. */
export async function replaceTopics(db: D1Database, siteKey: string, topics: Topic[]): Promise<void> {
  const insert = db.prepare("INSERT INTO topics (site_key, topic, pages) VALUES (?1, ?2, ?3)");
  await db.batch([
    db.prepare("DELETE FROM topics WHERE site_key = ?1").bind(siteKey),
    ...topics.map((t) => insert.bind(siteKey, t.topic, JSON.stringify(t.pages))),
  ]);
}
