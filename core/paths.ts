// A path search's question and answer: the options, each path with its steps in words and its rank
// cost, and, when no path exists, the connected parts each end is in.
import type { LinkType } from "./link-types.ts";
import type { Slug } from "./library.ts";
import type { LinkView, NodeView } from "./answers.ts";

export interface PathOptions {
  /** Only these link types; all when undefined. */
  types?: LinkType[];
  /** Follow links only in their declared direction (source -> target). */
  directed: boolean;
  /** How many paths, 1 to 10. */
  k: number;
  /** Maximum number of links in a path, 1 to 8. */
  maxLength: number;
  /** Pass through no pattern with more neighbours than this (the two ends excepted); no limit when undefined. */
  maxDegree?: number;
}

/** One hop of a path in words: the link that states it best (see path-wording.ts) read from `from` to `to`. */
export interface PathStep {
  from: Slug;
  to: Slug;
  /** The type of the link the text reads. */
  type: LinkType;
  /** e.g. "Running as Practice is a variant of Acceptance and Commitment". */
  text: string;
  /** That link's declared weight (0-1) and description, when declared. */
  weight?: number;
  description?: string;
}

export interface PathView {
  nodes: Slug[];
  /**
   * For each hop in order, every link between its two nodes usable under the options (sorted by
   * type). A link keeps its declared source and target, so a hop may traverse it backwards.
   */
  links: LinkView[];
  /** Number of hops. */
  length: number;
  /**
   * The rank cost, lower first: length + 0.001 * the sum over intermediate patterns of
   * ln(neighbours), rounded to 6 decimals (the full order is defined in PathResult).
   */
  score: number;
  /** The path as one plain sentence, e.g. "A is a variant of B, which complements C." */
  explanation: string;
  /** One per hop, in order. */
  steps: PathStep[];
}

/**
 * Paths are distinct node sequences (simple paths). The result is the first k of all such paths
 * of length <= maxLength, ordered by length; then the most specific first (the lowest sum over
 * intermediate patterns of ln(neighbours), neighbours = distinct patterns linked to or from it over
 * all link types); then the strongest links (the lowest sum over hops of 1 - the highest declared
 * weight among the hop's usable links, 0.5 when none declares one; each term in thousandths, the
 * specificity sum in millionths); then lexicographically by slug sequence.
 */
export interface PathResult {
  from: Slug;
  to: Slug;
  paths: PathView[];
  /** Nodes of every returned path, for drawing. */
  nodes: NodeView[];
  /**
   * Only when no path was found between two different patterns: the connected part of the library
   * each end is in, over the chosen link types in either direction and at any length
   * (graph/algorithms/path-components.ts). `same`: both ends are in one, so the length or the
   * direction is what kept them apart.
   */
  components?: PathComponents;
}

/** A connected part of the library: how many patterns, and up to 5 of them, the best-linked first (degree, then slug). */
export interface PathComponent {
  size: number;
  sample: Slug[];
}

export interface PathComponents {
  same: boolean;
  from: PathComponent;
  to: PathComponent;
}
