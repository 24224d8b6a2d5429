// Search and lineage within a budget, on the embedded store's algorithms: the work stops once the
// caller gives up (counted in checkpoints: the budget sees the work as it is done), and a search
// past its budget says what to ask for instead.
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildGraph,
  buildSearchIndex,
  createBudget,
  QueryAbortedError,
  QueryTimeoutError,
  SEARCH_HINT,
  searchPatterns,
  searchPatternsWithin,
  traceLineage,
  traceLineageWithin,
  type Budget,
  type Library,
  type SearchIndex,
  type Slug,
} from "../../graph/index.ts";
import { loadLibrary } from "../../ingest/index.ts";
import { realLibrary } from "../fixtures/real-library.ts";

/** The heaviest search allowed: 200 characters of words that reach the typo-tolerant tiers. */
const HEAVY_QUERY = "govrnance desgin comons stewrdship ".repeat(6).slice(0, 200);

/** A budget that counts its checkpoints and, when asked, has its caller give up at the n-th. */
function counting(giveUpAt?: number): { budget: Budget; checkpoints: () => number } {
  const caller = new AbortController();
  const inner = createBudget({ timeMs: 60_000, hint: "", signal: caller.signal });
  let checkpoints = 0;
  const budget: Budget = {
    ...inner,
    checkpoint: (units) => {
      checkpoints += 1;
      if (checkpoints === giveUpAt) caller.abort();
      return inner.checkpoint(units);
    },
  };
  return { budget, checkpoints: () => checkpoints };
}

/** A lineage chain of 300 patterns, p000 > p001 > ... > p299. */
function chain(): Library {
  const slug = (i: number) => `p${String(i).padStart(3, "0")}` as Slug;
  const patterns = Array.from({ length: 300 }, (_, i) => ({ slug: slug(i), title: `Pattern ${i}`, aliases: [], file: `${slug(i)}.md`, generation: 1 as const }));
  const links = patterns.slice(1).map((p, i) => ({ source: slug(i), type: "specializes_to", target: p.slug, declaredIn: `${slug(i)}.md` }));
  return { root: "", files: 300, patterns, links, dangling: [], problems: [] };
}

describe("search within a budget", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = buildSearchIndex((await loadLibrary(realLibrary("2026-02-20"))).patterns);
  });

  it("answers as the search without a budget does, counting its work at checkpoints", async () => {
    const { budget, checkpoints } = counting();
    expect(await searchPatternsWithin(index, HEAVY_QUERY, 20, budget)).toEqual(searchPatterns(index, HEAVY_QUERY, 20));
    expect(checkpoints()).toBeGreaterThan(100);
  });

  it("stops at the next checkpoint once its caller gave up", async () => {
    const { budget, checkpoints } = counting(3);
    await expect(searchPatternsWithin(index, HEAVY_QUERY, 20, budget)).rejects.toBeInstanceOf(QueryAbortedError);
    expect(checkpoints()).toBe(3);
  });

  it("stops past its work budget with query_timeout and what to ask for instead", async () => {
    const budget = createBudget({ timeMs: 60_000, work: 1_000, hint: SEARCH_HINT });
    const error = await searchPatternsWithin(index, HEAVY_QUERY, 20, budget).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect((error as Error).message).toContain(SEARCH_HINT);
  });
});

describe("lineage within a budget", () => {
  const graph = buildGraph(chain());

  it("answers as the lineage without a budget does, counting its work at checkpoints", async () => {
    const { budget, checkpoints } = counting();
    expect(await traceLineageWithin(graph, "p150", 10, budget)).toEqual(traceLineage(graph, "p150", 10));
    expect(checkpoints()).toBeGreaterThan(20);
  });

  it("stops at the next checkpoint once its caller gave up", async () => {
    const { budget, checkpoints } = counting(3);
    await expect(traceLineageWithin(graph, "p150", 10, budget)).rejects.toBeInstanceOf(QueryAbortedError);
    expect(checkpoints()).toBe(3);
  });
});

describe("turns on the event loop", () => {
  /** A search that holds its slices until stopped: it yields at every checkpoint (slices of 0 ms). */
  function heavySearch(resumes: { count: number }, stop: { done: boolean }): Promise<void> {
    const budget = createBudget({ timeMs: 60_000, hint: "", sliceMs: 0 });
    return (async () => {
      await budget.begin();
      while (!stop.done) {
        await budget.checkpoint(1);
        resumes.count += 1;
      }
    })();
  }

  const nextImmediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it("starts a search that has just arrived at once, ahead of the slices of searches already queued", async () => {
    const resumes = { count: 0 };
    const stop = { done: false };
    const heavy = [heavySearch(resumes, stop), heavySearch(resumes, stop), heavySearch(resumes, stop)];
    // Let them queue: each has run its first slice and waits for its next turn.
    for (let i = 0; i < 6; i++) await nextImmediate();
    const before = resumes.count;
    await createBudget({ timeMs: 60_000, hint: "" }).begin();
    // Queued behind them it would have waited for three of their slices.
    expect(resumes.count).toBe(before);
    stop.done = true;
    await Promise.all(heavy);
  });

  it("starts arrivals at once until those of the turn have run 4 ms; later ones wait for the next turn", async () => {
    await nextImmediate();
    let turned = false;
    setImmediate(() => (turned = true));
    const started: number[] = [];
    const arrive = (i: number) => createBudget({ timeMs: 60_000, hint: "" }).begin().then(() => started.push(i));
    await Promise.all([arrive(0), arrive(1), arrive(2)]);
    expect({ started, turned }).toEqual({ started: [0, 1, 2], turned: false });
    const busyUntil = performance.now() + 5;
    while (performance.now() < busyUntil);
    const late = arrive(3);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    await late;
    expect({ started, turned }).toEqual({ started: [0, 1, 2, 3], turned: true });
  });

  it("makes a search yield once the turn's 4 ms are used, so a burst of heavy ones cannot hold the loop", async () => {
    await nextImmediate();
    const budget = createBudget({ timeMs: 60_000, hint: "", sliceMs: 60_000 });
    await budget.begin();
    const busyUntil = performance.now() + 5;
    while (performance.now() < busyUntil);
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    await budget.checkpoint(1);
    expect(otherWorkRan).toBe(true);
  });

  it("resumes every waiting search at the next turn, in the order they came, each while the turn has time", async () => {
    let turn = 0;
    let ticking = true;
    const tick = (): void => {
      turn += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const steps: { step: string; turn: number }[] = [];
    const search = async (name: string, count: number) => {
      const budget = createBudget({ timeMs: 60_000, hint: "", sliceMs: 0 });
      await budget.begin();
      for (let i = 0; i < count; i++) {
        steps.push({ step: `${name}${i}`, turn });
        await budget.checkpoint(1);
      }
    };
    await Promise.all([search("a", 3), search("b", 3), search("c", 3)]);
    ticking = false;
    // Slices of 0 ms: each yields at every checkpoint, and each turn runs all three once, a before b before c.
    expect(steps.map((s) => s.step)).toEqual(["a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"]);
    for (let i = 0; i < 9; i += 3) expect(new Set(steps.slice(i, i + 3).map((s) => s.turn)).size, `steps ${i}..${i + 2} in one turn`).toBe(1);
  });
});
