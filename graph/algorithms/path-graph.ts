// What the k-shortest-paths search (k-shortest.ts) runs on and returns: a typed-array graph whose
// node numbers are in slug order, the search's options, and a ranked path of node numbers. Both
// stores build a PathGraph (the embedded store from its graph, Neo4j from what it fetched).

/** The typed-array graph the search runs on: node numbers in slug order, rows sorted by neighbour. */
export interface PathGraph {
  offsets: Int32Array;
  neighbor: Int32Array;
  type: Uint16Array;
  /** 1 when the entry's link is declared from the row's node to the neighbour. */
  outward: Uint8Array;
  /** Declared weight of the entry's link; NaN when undeclared. */
  weight: Float64Array;
  /** Each node's neighbour count in the whole library (not only in this graph). */
  neighbours: Int32Array;
}

export interface KShortestOptions {
  k: number;
  maxLength: number;
  directed: boolean;
  /** 1 per usable type number. */
  mask: Uint8Array;
  /** Intermediate patterns with more neighbours than this are not used. */
  maxDegree?: number;
}

export interface RankedPath {
  nodes: number[];
  /** The exact cost (see the module header): lower ranks first. */
  cost: number;
  /** Σ over intermediate patterns of specificityUnits(neighbours). */
  specificity: number;
}
