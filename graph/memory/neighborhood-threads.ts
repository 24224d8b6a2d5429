// Several neighbourhood threads (neighborhood-thread.ts) behind the one NeighborhoodThread the memory
// store talks to: each holds its own copy of the library and each request goes to the thread with
// the fewest requests in flight. One thread was the server's bottleneck on the bench's depth-2 mix
// (~0.7 ms of its CPU per answer against ~0.25 ms on the main thread), so with one, the second core
// idled while answers queued for the thread; see docs/performance.md for what two buy.
import { startNeighborhoodThread, type NeighborhoodKernel, type NeighborhoodThread, type NeighborhoodThreadStats } from "./neighborhood-thread.ts";

/**
 * Starts `count` neighbourhood threads (at least one) as one. stats() sums the counters; its
 * libraryVersion is the oldest any live thread answers from, and alive is true while one lives.
 */
export function startNeighborhoodThreads(count: number, onFailure?: (message: string) => void, nice?: number): NeighborhoodThread {
  const threads = Array.from({ length: Math.max(1, count) }, () => startNeighborhoodThread(onFailure, nice));
  if (threads.length === 1) return threads[0]!;
  return {
    load(libraryVersion: number, kernel: NeighborhoodKernel) {
      for (const thread of threads) thread.load(libraryVersion, kernel);
    },
    encode(request) {
      let chosen: NeighborhoodThread | undefined;
      let fewest = Infinity;
      for (const thread of threads) {
        const { alive, libraryVersion, inFlight } = thread.stats();
        if (alive && libraryVersion === request.libraryVersion && inFlight < fewest) {
          chosen = thread;
          fewest = inFlight;
        }
      }
      return chosen ? chosen.encode(request) : Promise.resolve(undefined);
    },
    stats(): NeighborhoodThreadStats {
      const all = threads.map((thread) => thread.stats());
      const live = all.filter((s) => s.alive);
      const sum = (key: "answered" | "deliveries" | "stale" | "failed" | "inFlight" | "lent"): number => all.reduce((total, s) => total + s[key], 0);
      return {
        alive: live.length > 0,
        libraryVersion: live.length > 0 ? Math.min(...live.map((s) => s.libraryVersion)) : -1,
        answered: sum("answered"),
        deliveries: sum("deliveries"),
        stale: sum("stale"),
        failed: sum("failed"),
        inFlight: sum("inFlight"),
        lent: sum("lent"),
      };
    },
    async close() {
      await Promise.all(threads.map((thread) => thread.close()));
    },
  };
}
