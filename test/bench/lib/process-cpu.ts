// CPU time from /proc, for the bench's by-hand tools (request-cpu.ts, floor-server.ts): per thread of
// a process, and what this process's finished children (wrk) used, so that the load generator's
// share of the 2 cores is measured beside the server's.
import { readdirSync, readFileSync } from "node:fs";

/** USER_HZ is 100 on Linux. */
const TICK_MS = 1000 / 100;

/** The fields of a /proc stat line after the command name: [0] is field 3 (state) of proc(5). */
function statFields(file: string): string[] {
  const stat = readFileSync(file, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** User + system CPU ms per thread of process `pid`, by thread id ("main" for the main thread). */
export function threadCpu(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let fields: string[];
    try {
      fields = statFields(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      continue; // a thread that ended meanwhile
    }
    out.set(tid === String(pid) ? "main" : tid, (Number(fields[11]) + Number(fields[12])) * TICK_MS);
  }
  return out;
}

/**
 * User + system CPU ms of this process's children that have exited and been waited for (proc(5)
 * cutime and cstime): the difference around a wrk run is what wrk used.
 */
export function finishedChildrenCpu(): number {
  const fields = statFields("/proc/self/stat");
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

/**
 * Context switches per thread of process `pid` (proc(5) status): voluntary (the thread waited, e.g.
 * for its next message) and involuntary (the scheduler took its core away, e.g. for a thread it woke).
 */
export function threadSwitches(pid: number): Map<string, { voluntary: number; involuntary: number }> {
  const out = new Map<string, { voluntary: number; involuntary: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let status: string;
    try {
      status = readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8");
    } catch {
      continue;
    }
    const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    out.set(tid === String(pid) ? "main" : tid, { voluntary: field("voluntary_ctxt_switches"), involuntary: field("nonvoluntary_ctxt_switches") });
  }
  return out;
}
