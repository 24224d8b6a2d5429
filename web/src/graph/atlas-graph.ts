// The graphology graph type every view builds and the renderer draws, plus the helpers that turn
// API nodes and links into its attributes (colour by domain, size by degree, edge shapes).
import { MultiDirectedGraph } from "graphology";
import { DEFAULT_EDGE_CURVATURE, indexParallelEdgesIndex } from "@sigma/edge-curve";
import type { LinkView, NodeView } from "../types.ts";
import { linkTypeColor, type DomainScale } from "./palette.ts";
import { themeColors } from "../theme.ts";
import { danglingReason, shortDanglingTarget } from "../../../core/dangling-wording.ts";
import { linkKey } from "../../../core/answers.ts";

/**
 * A dangling target's label: e.g. "mindfulness-practice (never created)", "pat_01kg…aac0 (stale id)"
 * (an id shortened; `whole`: as written, the hovered label's).
 */
export const danglingLabel = (written: string, whole = false): string => `${whole ? written : shortDanglingTarget(written)} (${danglingReason(written)})`;

export interface NodeAttrs {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  title: string;
  domain?: string;
  status?: string;
  degree: number;
  dangling?: boolean;
  forceLabel?: boolean;
  /** Relevance to the focus in a neighbourhood (the API's score): the most relevant labels win the room. */
  score?: number;
  /** Hops from the focus in a neighbourhood, lineage level in a lineage. */
  distance?: number;
  /** Pinned during worker layouts (e.g. existing nodes when expanding in place). */
  fixed?: boolean;
  /** With labels placed below nodes (path, lineage): put this one above, so neighbours alternate. */
  labelAbove?: boolean;
  /** Lineage only: a "+N more" node standing for the rest of a band; a click turns the band's page. */
  lineageGroup?: boolean;
  /** A neighbourhood's left-out group drawn as a node (views/neighborhood-groups.ts): its key, and whether it is open. */
  group?: string;
  groupOpen?: boolean;
  /** A shorter label ("+634 more") the label placement falls back to where the whole one finds no room. */
  shortLabel?: string;
  /** An open group's pager node: the 0-based page of the group a click shows. */
  groupPage?: number;
  /** A few characters drawn inside the node's own dot when its label finds no room ("+2", "−", "›"): a group node stays identifiable without hover. */
  badge?: string;
  /** Drawn (and labelled) above nodes of a lower one: an opened community's patterns in a large overview. */
  zIndex?: number;
  /** Overview: the key of the pattern's community (views/overview-communities.ts). */
  community?: string;
  /** Overview of a large library: a node standing for a whole community ("closed"), or marking an opened one ("open"). */
  aggregate?: "closed" | "open";
  /** With `aggregate`: how many patterns the community holds. */
  members?: number;
  /** Not drawn (sigma's own attribute): a large overview's community node crowded out at this zoom, unless lit. */
  hidden?: boolean;
}

/** Edge program keys registered with sigma (see renderer.ts). */
export const EDGE_PROGRAMS = ["line", "straight", "arrow", "curved", "curvedArrow"] as const;
export type EdgeProgram = (typeof EDGE_PROGRAMS)[number];

export interface EdgeAttrs {
  /** The edge's key: the link's linkKey (`source|type|target`, core/answers.ts) or a view-specific key. */
  id: string;
  linkType: string;
  /** sigma's program key: keep it named `type` because that is the attribute sigma reads. */
  type: EdgeProgram;
  color: string;
  size: number;
  directed: boolean;
  curvature?: number;
  weight?: number;
  description?: string;
  /** Gaps only: a link the finding's fix would declare, not (yet) in the files. */
  proposed?: boolean;
  /** Gaps only: a declared link the finding's fix proposes to cut (a lineage loop's). */
  cut?: boolean;
  /** Lineage only: whether both ends declared the parent/child fact. */
  declaredBoth?: boolean;
  parallelIndex?: number | null;
  parallelMaxIndex?: number | null;
}

export type AtlasGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export const createAtlasGraph = (): AtlasGraph => new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();

export function nodeAttributes(
  node: NodeView,
  domains: DomainScale,
  size: (degree: number) => number,
  position: { x: number; y: number },
): NodeAttrs {
  return {
    // A placeholder for a target that matches no pattern: its name as written, and why nothing matches.
    label: node.dangling ? danglingLabel(node.title || node.slug.replace(/^dangling:/, "")) : node.title || node.slug,
    title: node.title || (node.dangling ? node.slug.replace(/^dangling:/, "") : node.slug),
    x: position.x,
    y: position.y,
    size: size(node.degree),
    color: node.dangling ? themeColors().danglingNode : domains.color(node.domain),
    domain: node.domain,
    status: node.status,
    degree: node.degree,
    dangling: node.dangling,
  };
}

/** Adds a link as an edge; the edge key is the link's linkKey so the same link is never added twice. */
export function addLink(graph: AtlasGraph, link: LinkView, size = 1.6): void {
  const key = linkKey(link);
  if (!graph.hasNode(link.source) || !graph.hasNode(link.target) || graph.hasEdge(key)) return;
  graph.addDirectedEdgeWithKey(key, link.source, link.target, {
    id: key,
    linkType: link.type,
    type: link.directed ? "arrow" : "straight",
    color: linkTypeColor(link.type),
    size: link.weight !== undefined ? size * (0.75 + Math.min(1, Math.max(0, link.weight)) * 0.75) : size,
    directed: link.directed,
    weight: link.weight,
    description: link.description,
  });
}

function curvatureFor(index: number, maxIndex: number): number {
  if (index < 0) return -curvatureFor(-index, maxIndex);
  // Spread parallel edges more the more there are, but never wider than ~3.5x the default bend.
  const amplitude = 3.5;
  const maxCurvature = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * DEFAULT_EDGE_CURVATURE;
  return (maxCurvature * index) / Math.max(1, maxIndex);
}

/**
 * Several links between the same two patterns (different types, or both directions) are drawn as
 * distinct curves so every type stays visible; a lone link stays straight.
 */
export function shapeParallelEdges(graph: AtlasGraph): void {
  indexParallelEdgesIndex(graph, { edgeIndexAttribute: "parallelIndex", edgeMaxIndexAttribute: "parallelMaxIndex" });
  graph.forEachEdge((edge, attrs) => {
    const index = attrs.parallelIndex;
    if (typeof index === "number") {
      graph.mergeEdgeAttributes(edge, {
        type: attrs.directed ? "curvedArrow" : "curved",
        curvature: curvatureFor(index, attrs.parallelMaxIndex ?? 1),
      });
    } else {
      graph.mergeEdgeAttributes(edge, { type: attrs.directed ? "arrow" : "straight", curvature: 0 });
    }
  });
}
