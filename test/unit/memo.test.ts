// worker/cache/memo.ts: the one in-isolate cache (bounded, time to live, oldest out, reset by test setup).
import { describe, expect, it } from "vitest";
import { memo, resetIsolateCaches } from "../../worker/cache/memo";

describe("memo", () => {
  it("keeps at most `max` entries, evicting the oldest first", () => {
    const m = memo<number>({ max: 2 });
    m.set("a", 1, 0);
    m.set("b", 2, 0);
    m.set("c", 3, 0);
    expect([m.get("a", 0), m.get("b", 0), m.get("c", 0)]).toEqual([undefined, 2, 3]);
  });

  it("a re-set key becomes the newest, so it is not the next one out", () => {
    const m = memo<number>({ max: 2 });
    m.set("a", 1, 0);
    m.set("b", 2, 0);
    m.set("a", 10, 0);
    m.set("c", 3, 0);
    expect([m.get("a", 0), m.get("b", 0), m.get("c", 0)]).toEqual([10, undefined, 3]);
  });

  it("treats entries as missing once they are ttlMs old", () => {
    const m = memo<string | null>({ max: 10, ttlMs: 1000 });
    m.set("k", null, 5000);
    expect(m.get("k", 5999)).toBeNull(); // a cached empty answer is a hit, not a miss
    expect(m.get("k", 6000)).toBeUndefined();
  });

  it("without a ttl keeps entries until evicted or deleted", () => {
    const m = memo<number>({ max: 10 });
    m.set("k", 1, 0);
    expect(m.get("k", Number.MAX_SAFE_INTEGER)).toBe(1);
    m.delete("k");
    expect(m.get("k")).toBeUndefined();
  });

  it("resetIsolateCaches empties every memo", () => {
    const a = memo<number>({ max: 10 });
    const b = memo<number>({ max: 10, ttlMs: 60_000 });
    a.set("x", 1);
    b.set("y", 2);
    resetIsolateCaches();
    expect([a.get("x"), b.get("y")]).toEqual([undefined, undefined]);
  });
});
