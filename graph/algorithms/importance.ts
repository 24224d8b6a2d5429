// The numbers behind relevance, per pattern: degrees in and out, and a global importance (PageRank
// over the strength-weighted links, relevance.ts) with its percentile. Computed once per graph: the
// memory store keeps them, the Neo4j store writes them as properties at ingest, so both answer the
// same floats.
import type { PatternGraph } from "../build-graph.ts";
import { adjacencyOf } from "./adjacency.ts";
import { pageRank, percentiles } from "./relevance.ts";

export interface PatternNumbers {
  degree: number;
  inDegree: number;
  outDegree: number;
  /** PageRank, summing to 1 over the library, rounded to 6 significant digits. */
  importance: number;
  /** Share (0 to 100, one decimal) of the library's patterns whose importance is lower. */
  importancePercentile: number;
}

const cache = new WeakMap<PatternGraph, Map<string, PatternNumbers>>();

/** Every pattern's numbers, by slug. */
export function patternNumbers(graph: PatternGraph): Map<string, PatternNumbers> {
  let numbers = cache.get(graph);
  if (numbers) return numbers;
  const adj = adjacencyOf(graph);
  const n = adj.slugs.length;
  // The rows hold every link from both ends (a self-link once): PageRank over the undirected graph.
  const importance = pageRank(adj.offsets, adj.neighbor, adj.strength);
  const percentile = percentiles(importance);
  numbers = new Map();
  for (let u = 0; u < n; u++) {
    const slug = adj.slugs[u]!;
    numbers.set(slug, {
      degree: adj.degree[u]!,
      inDegree: graph.inDegree(slug),
      outDegree: graph.outDegree(slug),
      importance: importance[u]!,
      importancePercentile: percentile[u]!,
    });
  }
  cache.set(graph, numbers);
  return numbers;
}
