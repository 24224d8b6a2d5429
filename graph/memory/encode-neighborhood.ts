// The memory store's neighbourhood answers as JSON bytes on the calling thread: findNeighborhood's
// selection, written by the byte copier (neighborhood-json.ts) instead of built as objects.
import type { NeighborhoodOptions } from "../../core/model.ts";
import type { PatternGraph } from "../build-graph.ts";
import { adjacencyOf, adjacencySteps } from "../algorithms/adjacency.ts";
import { selectNeighborhood } from "../algorithms/neighborhood.ts";
import type { Steps } from "../sliced-work.ts";
import { encodedOf, encodedSteps, encodeSelection } from "./neighborhood-json.ts";

/**
 * The JSON of findNeighborhood(graph, center, options), byte for byte what JSON.stringify gives,
 * without building the answer's objects: copied from the encoded nodes and links of the graph.
 * A depth-2 neighbourhood of the real library is ~1,400 links and ~300 KB.
 * @param allocate where the bytes go (a Buffer of exactly the length asked); by default fresh memory.
 * @throws as findNeighborhood.
 */
export function encodeNeighborhood(
  graph: PatternGraph,
  center: string,
  options: NeighborhoodOptions,
  allocate?: (length: number) => Buffer,
): Buffer {
  const adj = adjacencyOf(graph);
  return encodeSelection(adj, center, selectNeighborhood(graph, adj, center, options), allocate);
}

/** Builds now what encodeNeighborhood's first answer on `graph` would (the graph's encoded nodes and links). */
export function prepareNeighborhoodJson(graph: PatternGraph): void {
  encodedOf(adjacencyOf(graph));
}

/** prepareNeighborhoodJson as steps (sliced-work.ts). */
export function* prepareNeighborhoodJsonSteps(graph: PatternGraph): Steps<void> {
  yield* encodedSteps(yield* adjacencySteps(graph));
}
