// The export graph as a graphology graph (mixed and multi: directed and undirected links, several
// types between two patterns), the shape graphology's JSON and graphology-gexf both start from.
import { MultiGraph } from "graphology";
import type { Attributes } from "graphology-types";
import { LINK_ATTRIBUTES, NODE_ATTRIBUTES, type ExportGraph, type ExportLink, type ExportNode } from "./export-graph.ts";

export type ExportGraphology = MultiGraph<Attributes, Attributes, Attributes>;

/** A node's attributes: the defined ones, in NODE_ATTRIBUTES order. */
export function nodeAttributes(node: ExportNode): Attributes {
  const out: Attributes = {};
  for (const name of NODE_ATTRIBUTES) if (node[name] !== undefined) out[name] = node[name];
  return out;
}

export function linkAttributes(link: ExportLink): Attributes {
  const out: Attributes = {};
  for (const name of LINK_ATTRIBUTES) if (link[name] !== undefined) out[name] = link[name];
  return out;
}

/**
 * One node per export node, one edge per link keyed by its id, undirected for the symmetric types.
 * `ids` renames keys (the XML formats pass ids without forbidden characters).
 */
export function toGraphology(graph: ExportGraph, ids?: ReadonlyMap<string, string>): ExportGraphology {
  const g: ExportGraphology = new MultiGraph({ allowSelfLoops: true });
  const id = (key: string) => ids?.get(key) ?? key;
  g.replaceAttributes({ title: graph.title, creator: "Pattern Atlas" });
  for (const node of graph.nodes) g.addNode(id(node.key), nodeAttributes(node));
  for (const link of graph.links) {
    const attributes = linkAttributes(link);
    if (link.directed) g.addDirectedEdgeWithKey(id(link.key), id(link.source), id(link.target), attributes);
    else g.addUndirectedEdgeWithKey(id(link.key), id(link.source), id(link.target), attributes);
  }
  return g;
}
