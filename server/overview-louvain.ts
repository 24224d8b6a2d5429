// Louvain (graphology-communities-louvain) on numbered pairs, without a graphology Graph built first:
// at ten times the 2026-02-20 library building that Graph (35,000 nodes, ~95,000 weighted edges keyed
// by slug) was ~0.5 s of the ~1.3 s of CPU the communities cost on the path to a cold overview, only
// for the package's index to read it back into typed arrays. The package gets a read-only view with
// exactly what its undirected run reads (order, size, nodes and edges in insertion order, each node's
// degree), so its communities are the ones the Graph gave (test/server/overview-louvain.test.ts).
import type Graph from "graphology";
import louvain from "graphology-communities-louvain";

/** Weighted undirected pairs of node numbers: pair i joins `a[i]` and `b[i]` (a[i] !== b[i]) with `weight[i]`. */
export interface NumberedPairs {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
}

/**
 * Louvain's communities of `nodes` (its starting order: node i is `nodes[i]`) joined by `pairs`, each
 * pair once and no self-pair, in the order a Graph would have been given them (the order Louvain's
 * index lays out each node's neighbours in): the community number per node, as `louvain(graph)` gives.
 */
export function louvainOfPairs(nodes: readonly string[], pairs: NumberedPairs, rng: () => number): Record<string, number> {
  return louvain(pairsGraph(nodes, pairs), { getEdgeWeight: (edge) => pairs.weight[Number(edge)]!, rng });
}

/**
 * What the package's undirected Louvain reads of a graph (graphology-communities-louvain 2.0.2's
 * index.js and graphology-indices 0.17's louvain.js: the type checks, `order`, `size`,
 * `selfLoopCount`, `forEachNode`, `undirectedDegreeWithoutSelfLoops`, `forEachEdge`), over `pairs`.
 * An edge's key is its pair's number. Anything else a graph has throws, so that a version of the
 * package that reads more fails loudly rather than answering from a partial graph.
 */
function pairsGraph(nodes: readonly string[], pairs: NumberedPairs): Graph {
  const degree = new Int32Array(nodes.length);
  const size = pairs.a.length;
  for (let i = 0; i < size; i++) {
    degree[pairs.a[i]!]!++;
    degree[pairs.b[i]!]!++;
  }
  const number = new Map<string, number>();
  nodes.forEach((node, i) => number.set(node, i));
  const noAttributes = Object.freeze({});
  const view = {
    type: "undirected",
    multi: false,
    order: nodes.length,
    size,
    selfLoopCount: 0,
    forEachNode(callback: (node: string, attributes: object) => void): void {
      for (const node of nodes) callback(node, noAttributes);
    },
    undirectedDegreeWithoutSelfLoops(node: string): number {
      const i = number.get(node);
      if (i === undefined) throw new Error(`overview-louvain: no node ${node}`);
      return degree[i]!;
    },
    forEachEdge(callback: (edge: string, attributes: object, source: string, target: string, sa: object, ta: object, undirected: boolean) => void): void {
      for (let i = 0; i < size; i++) callback(String(i), noAttributes, nodes[pairs.a[i]!]!, nodes[pairs.b[i]!]!, noAttributes, noAttributes, true);
    },
    // Only so that the package's type check (graphology-utils/is-graph) takes the view for a graph.
    addUndirectedEdgeWithKey: unsupported("addUndirectedEdgeWithKey"),
    dropNode: unsupported("dropNode"),
  };
  return new Proxy(view, {
    get(target, key, receiver) {
      if (typeof key === "string" && !(key in target)) throw new Error(`overview-louvain: Louvain read the graph's ${key}, which this view does not have`);
      return Reflect.get(target, key, receiver) as unknown;
    },
  }) as unknown as Graph;
}

function unsupported(name: string): () => never {
  return () => {
    throw new Error(`overview-louvain: the graph is read-only (${name})`);
  };
}
