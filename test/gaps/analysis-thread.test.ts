// The gap analysis a loader stores with the library (the Neo4j store) runs on a thread of its own
// and gives exactly the report the calling thread would.
import { describe, expect, it } from "vitest";
import { analyseGaps } from "../../graph/gaps/index.ts";
import { analyseGapsOffThread } from "../../graph/gaps/analysis-thread.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";

describe("the gap analysis on its own thread", () => {
  it("gives the calling thread's report for the real library, made on the thread", async () => {
    const library = await loadLibrary(realLibrary("2026-02-20"));
    const fallbacks: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const { report, ms } = await analyseGapsOffThread(library, (message) => fallbacks.push(message));
    clearInterval(timer);
    expect(fallbacks).toEqual([]);
    // The calling thread kept running its timers while the thread analysed.
    expect(ticks).toBeGreaterThan(0);
    expect(report.findings.length).toBeGreaterThan(1000);
    expect(ms).toBeGreaterThan(0);
    expect(report).toEqual(analyseGaps(library));
  });
});
