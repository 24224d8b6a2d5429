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
