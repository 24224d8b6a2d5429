// A neighbourhood's question and answer: the options, the scored nodes, and how a cut answer says
// what it left out (the groups, the cut's reason).
import type { LinkType } from "./link-types.ts";
import type { Slug } from "./library.ts";
import type { LinkView, NodeView } from "./answers.ts";

export const DIRECTIONS = ["out", "in", "both"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface NeighborhoodOptions {
  /** 1 to 4. */
  depth: number;
  /** Only these link types; all when undefined. */
  types?: LinkType[];
  direction: Direction;
  /** Maximum number of nodes, the centre included; with `group`, the size of the page. */
  limit: number;
  /** A group key of an earlier answer (NeighborhoodGroup.key): the answer is then that group's page. */
  group?: string;
  /** With `group`: how many of the group's members (most relevant first) to skip. */
  offset?: number;
}

/** A node of a neighbourhood, with its relevance score (graph/algorithms/neighborhood-rank.ts). */
export interface ScoredNodeView extends NodeView {
  score: number;
}

/**
 * Left-out patterns of a cut neighbourhood that hang from the same kept pattern (`via`) by the same
 * link type. `domain`: their most common domain (null: none has one). `sample`: the slugs of up to
 * 5, most relevant first.
 */
export interface NeighborhoodGroup {
  /** Names the group for a later request (`group=`); opaque. */
  key: string;
  count: number;
  via: Slug;
  type: LinkType;
  domain: string | null;
  sample: Slug[];
}

/** Why a neighbourhood answer holds less than every candidate, in words and numbers. */
export type NeighborhoodCut =
  | {
      /** The `limit` most relevant of `total` candidates were kept; `leftOut` are summarised in `groups` groups. */
      reason: "node-limit";
      limit: number;
      total: number;
      kept: number;
      leftOut: number;
      groups: number;
      message: string;
    }
  | {
      /** A group's page: members `offset` .. `offset + kept - 1` of `total`; more follow. */
      reason: "group-page";
      limit: number;
      offset: number;
      total: number;
      kept: number;
      message: string;
    };

export interface Subgraph {
  center: Slug;
  nodes: ScoredNodeView[];
  links: LinkView[];
  /** Hops from the centre, per node slug. */
  distance: Record<string, number>;
  /** Candidates (patterns and placeholders within the depth and filters, the centre included); for a group page, the group's size. */
  total: number;
  /** The left-out candidates summarised; empty when nothing was cut (and in a group page). */
  groups: NeighborhoodGroup[];
  /** false when nothing was left out; otherwise why and how much (truthy, as the boolean it once was). */
  truncated: false | NeighborhoodCut;
  /** Set on a group's page: the group asked for. */
  group?: { key: string; count: number; offset: number };
}

/** A group's key: the cut's limit, the via slug and the link type, joined by "|"; read back by parseGroupKey. */
export const groupKey = (limit: number, via: string, type: string): string => `${limit}|${via}|${type}`;

/** The parts of a group key, or undefined when it is not one. */
export function parseGroupKey(key: string): { limit: number; via: string; type: string } | undefined {
  const parts = key.split("|");
  if (parts.length !== 3 || !/^[1-9]\d{0,5}$/.test(parts[0]!) || parts[1] === "" || parts[2] === "") return undefined;
  return { limit: Number(parts[0]), via: parts[1]!, type: parts[2]! };
}
