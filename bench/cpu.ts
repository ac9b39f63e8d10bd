// CPU time of the wrangler process group this benchmark started (wrangler's Node processes and its
// workerd), read from /proc, to estimate CPU per request. Linux only; elsewhere the figures are null.
// startWorker() spawns wrangler detached, so it leads its own process group: the child of this process
// whose group id is its own pid, and that group holds everything it started.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

export interface GroupCpu {
  /** CPU ms of workerd processes (the Worker, and wrangler's proxy worker in front of it). */
  workerd: number;
  /** CPU ms of everything else in the group (wrangler's Node processes, esbuild). */
  other: number;
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function stat(pid: string): { comm: string; ppid: number; pgid: number; ms: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const f = text.slice(close + 2).split(" ");
    // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    return {
      comm: text.slice(text.indexOf("(") + 1, close),
      ppid: Number(f[1]),
      pgid: Number(f[2]),
      ms: ((Number(f[11]) + Number(f[12])) * 1000) / ticksPerSecond,
    };
  } catch {
    return null;
  }
}

const pids = () => {
  try {
    return readdirSync("/proc").filter((p) => /^\d+$/.test(p));
  } catch {
    return [];
  }
};

/** The process group of the wrangler child this process started, or null if it cannot be found. */
export function wranglerGroup(): number | null {
  for (const pid of pids()) {
    const s = stat(pid);
    if (s && s.ppid === process.pid && s.pgid === Number(pid)) return s.pgid;
  }
  return null;
}

export function groupCpu(pgid: number | null): GroupCpu | null {
  if (pgid === null) return null;
  const out: GroupCpu = { workerd: 0, other: 0 };
  for (const pid of pids()) {
    const s = stat(pid);
    if (s?.pgid === pgid) out[s.comm === "workerd" ? "workerd" : "other"] += s.ms;
  }
  return out;
}

/** Waits until no process of the group is left (workerd exits a moment after wrangler does). */
export async function groupGone(pgid: number | null, timeoutMs = 10_000): Promise<boolean> {
  if (pgid === null) return true;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (!pids().some((pid) => stat(pid)?.pgid === pgid)) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
