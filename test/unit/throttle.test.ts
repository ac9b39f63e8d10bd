import { describe, expect, it } from "vitest";
import { afterFailure, FIRST_WAIT_MS, FORGET_AFTER_MS, MAX_WAIT_MS, waitLeft, type Attempts } from "../../worker/auth/throttle";

describe("login throttle", () => {
  it("lets the first failures through, then waits 30 s, doubling, capped at 15 min", () => {
    let a: Attempts | null = null;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      a = afterFailure(a, 1_000, 5);
      waits.push(waitLeft(a, 1_000));
    }
    expect(waits).toEqual([0, 0, 0, 0, FIRST_WAIT_MS, 60_000, 120_000, 240_000, 480_000, MAX_WAIT_MS, MAX_WAIT_MS, MAX_WAIT_MS]);
  });

  it("never waits longer than the cap, however many failures", () => {
    const a = afterFailure({ failures: 10_000, lastFailureAt: 0, blockedUntil: 0 }, 1, 5);
    expect(waitLeft(a, 1)).toBe(MAX_WAIT_MS);
    expect(waitLeft(a, 1 + MAX_WAIT_MS)).toBe(0);
  });

  it("forgets failures after a quiet day", () => {
    const a = afterFailure({ failures: 9, lastFailureAt: 0, blockedUntil: 0 }, FORGET_AFTER_MS + 1, 5);
    expect(a.failures).toBe(1);
    expect(waitLeft(a, FORGET_AFTER_MS + 1)).toBe(0);
  });
});
