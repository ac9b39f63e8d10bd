// Reordering segments with the arrow buttons: priority decides which matching segment wins, so moving one
// swaps its priority with its neighbour's (or, when they are equal, renumbers the list 10 apart). Each
// changed segment is saved with the version it was loaded at; a conflict stops and says so.
import { api } from "./api";
import { $$, pageData } from "./dom";
import { reloadWith, showFailure } from "./notice";

interface Seg {
  id: string;
  name: string;
  kind: string;
  condition: unknown;
  priority: number;
  version: number;
}

/** The new priorities after moving item `i` by `delta` (-1 up, +1 down), for a list sorted highest first. */
export function reorder(list: { id: string; priority: number }[], i: number, delta: number): Map<string, number> {
  const j = i + delta;
  const a = list[i];
  const b = list[j];
  if (!a || !b) return new Map();
  if (a.priority !== b.priority)
    return new Map([
      [a.id, b.priority],
      [b.id, a.priority],
    ]);
  const order = list.map((s) => s.id);
  [order[i], order[j]] = [order[j]!, order[i]!];
  return new Map(
    order.map((id, k) => [id, (order.length - k) * 10] as const).filter(([id, p]) => list.find((s) => s.id === id)!.priority !== p),
  );
}

export function setupPriorities() {
  const { site, segments } = pageData<{ site: string; segments: Seg[] }>();
  for (const button of $$<HTMLButtonElement>("button[data-move]")) {
    button.addEventListener("click", async () => {
      const [i, delta] = button.dataset.move!.split(":").map(Number) as [number, number];
      for (const b of $$<HTMLButtonElement>("button[data-move]")) b.disabled = true;
      try {
        for (const [id, priority] of reorder(segments, i, delta)) {
          const s = segments.find((x) => x.id === id)!;
          await api("PUT", `/sites/${site}/segments/${id}`, { name: s.name, kind: s.kind, condition: s.condition, priority }, s.version);
        }
        reloadWith(`Moved "${segments[i]!.name}" ${delta < 0 ? "up" : "down"}.`);
      } catch (err) {
        showFailure(err);
      }
    });
  }
}
