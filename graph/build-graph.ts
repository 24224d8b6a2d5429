// Builds the graphology graph every algorithm runs on from a Library: one node per pattern, one
// edge per resolved link. The graph type is named here once (PatternGraph) and used everywhere.
import { MultiDirectedGraph } from "graphology";
import { InvalidInputError } from "../core/errors.ts";
import type { DanglingRef, Library, Link, LinkType, Pattern, Slug } from "../core/model.ts";
import { ITEMS_PER_STEP, runNow, type Steps } from "./sliced-work.ts";

export interface PatternNodeAttributes {
  pattern: Pattern;
  /** Resolved links touching the pattern, either direction; a self-link counts once. */
  degree: number;
  /** The pattern's declared targets that matched no pattern, in library order. */
  dangling: DanglingRef[];
}

export interface PatternEdgeAttributes {
  link: Link;
}

/**
 * Nodes keyed by slug; edges keyed by `linkId(link)` and directed as declared (source -> target).
 * Treat a built graph as immutable: algorithms cache indexes per graph object.
 */
export type PatternGraph = MultiDirectedGraph<PatternNodeAttributes, PatternEdgeAttributes>;

/** The graph edge's key of a link: `${source}|${type}|${target}`, the link's linkKey (core/answers.ts) from its three parts. */
export const linkId = (source: string, type: LinkType, target: string): string => `${source}|${type}|${target}`;

/** The slug of the placeholder node that stands for a dangling target in views. */
export const danglingSlug = (target: string): Slug => `dangling:${target}` as Slug;

/**
 * Builds the graph. Links are expected resolved and deduplicated (as ingest produces them); a
 * repeated (source, type, target) keeps its first declaration.
 * @throws InvalidInputError when two patterns share a slug or a link/dangling source names no pattern,
 *   since that would mean the library was not produced by ingest and answers would be wrong.
 */
export function buildGraph(library: Library): PatternGraph {
  return runNow(buildGraphSteps(library));
}

/** buildGraph as steps (sliced-work.ts), for a reload that must not hold the server's thread. */
export function* buildGraphSteps(library: Library): Steps<PatternGraph> {
  const graph: PatternGraph = new MultiDirectedGraph<PatternNodeAttributes, PatternEdgeAttributes>({
    allowSelfLoops: true,
  });
  // Degrees are counted before the nodes are added: one attribute write per node, not per link.
  const degree = new Map<string, number>();
  for (const pattern of library.patterns) {
    if (degree.has(pattern.slug)) {
      throw new InvalidInputError("library.patterns", pattern.slug, "patterns with distinct slugs");
    }
    degree.set(pattern.slug, 0);
  }
  yield;
  const edges = new Map<string, Link>();
  let count = 0;
  for (const link of library.links) {
    if (++count % ITEMS_PER_STEP === 0) yield;
    const key = linkId(link.source, link.type, link.target);
    const sourceDegree = degree.get(link.source);
    const targetDegree = degree.get(link.target);
    if (sourceDegree === undefined || targetDegree === undefined) {
      throw new InvalidInputError("library.links", key, "links whose source and target are patterns of the library");
    }
    if (edges.has(key)) continue;
    edges.set(key, link);
    degree.set(link.source, sourceDegree + 1);
    if (link.target !== link.source) degree.set(link.target, targetDegree + 1);
  }
  for (const pattern of library.patterns) {
    if (++count % ITEMS_PER_STEP === 0) yield;
    graph.addNode(pattern.slug, { pattern, degree: degree.get(pattern.slug)!, dangling: [] });
  }
  for (const [key, link] of edges) {
    if (++count % ITEMS_PER_STEP === 0) yield;
    graph.addDirectedEdgeWithKey(key, link.source, link.target, { link });
  }
  for (const ref of library.dangling) {
    if (!graph.hasNode(ref.source)) {
      throw new InvalidInputError("library.dangling", ref.source, "dangling references whose source is a pattern of the library");
    }
    graph.getNodeAttribute(ref.source, "dangling").push(ref);
  }
  return graph;
}
