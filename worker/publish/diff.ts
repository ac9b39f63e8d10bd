// What a publish would change: the drafts against the live version's source, item by item and field by
// field, in the admin's words (segments, experiences, topics). Pure.
import type { VersionSource } from "../db/versions";

export interface FieldChange {
  from: unknown;
  to: unknown;
}
export interface ItemDiff {
  added: { id: string; name: string }[];
  removed: { id: string; name: string }[];
  changed: { id: string; name: string; fields: Record<string, FieldChange> }[];
}
export interface SourceDiff {
  segments: ItemDiff;
  experiences: ItemDiff;
  topics: ItemDiff;
  unchanged: boolean;
}

type Fields = Record<string, unknown>;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges(from: Fields, to: Fields): Record<string, FieldChange> {
  const out: Record<string, FieldChange> = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (!same(from[key], to[key])) out[key] = { from: from[key] ?? null, to: to[key] ?? null };
  }
  return out;
}

function diffItems<T extends { id: string; name: string }>(live: T[], draft: T[], fields: (item: T) => Fields): ItemDiff {
  const before = new Map(live.map((i) => [i.id, i]));
  const after = new Map(draft.map((i) => [i.id, i]));
  const diff: ItemDiff = { added: [], removed: [], changed: [] };
  for (const [id, item] of after) {
    const old = before.get(id);
    if (!old) diff.added.push({ id, name: item.name });
    else {
      const changes = fieldChanges(fields(old), fields(item));
      if (Object.keys(changes).length > 0) diff.changed.push({ id, name: item.name, fields: changes });
    }
  }
  for (const [id, item] of before) if (!after.has(id)) diff.removed.push({ id, name: item.name });
  return diff;
}

// A variant is named by its segment, so a changed headline reads as `variants.<segment>`, not an index.
const experienceFields = (e: VersionSource["experiences"][number]): Fields => ({
  name: e.name,
  status: e.status,
  pages: e.pages,
  ...Object.fromEntries(e.variants.map((v) => [`variants.${v.segment}`, v.changes])),
});

export function diffSources(live: VersionSource | null, draft: VersionSource): SourceDiff {
  const base = live ?? { segments: [], experiences: [], topics: [] };
  const segments = diffItems(base.segments, draft.segments, (s) => ({
    name: s.name,
    kind: s.kind,
    condition: s.condition,
    priority: s.priority,
  }));
  const experiences = diffItems(base.experiences, draft.experiences, experienceFields);
  const asItem = (t: VersionSource["topics"][number]) => ({ id: t.topic, name: t.topic, pages: t.pages });
  const topics = diffItems(base.topics.map(asItem), draft.topics.map(asItem), (t) => ({ pages: t.pages }));
  const unchanged = [segments, experiences, topics].every((d) => d.added.length + d.removed.length + d.changed.length === 0);
  return { segments, experiences, topics, unchanged };
}
