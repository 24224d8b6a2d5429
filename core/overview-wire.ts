// The overview's wire format: GET /api/overview answers columns (one array per field, strings named
// once in a dictionary, links as pairs of node indexes) instead of one object per pattern and link,
// which at ten times the real library was 42 MB of JSON. The answer comes in two parts: the first holds
// the most linked patterns (and the links among them), the domain regions and the communities, the
// second the rest.
// Platform-free: the server writes it, the explorer and the tests read it with decodeOverview.
import type { LinkType, LinkView, NodeView, Slug } from "./model.ts";

export const OVERVIEW_PARTS = ["first", "rest"] as const;
export type OverviewPart = (typeof OVERVIEW_PARTS)[number];

/** A domain's place in the layout: the centre and spread of its linked patterns. */
export interface OverviewRegion {
  domain: string;
  x: number;
  y: number;
  /** The distance from the centre within which three quarters of its linked patterns lie. */
  radius: number;
  /** Its linked patterns (the unlinked ones sit apart, out of the picture). */
  patterns: number;
}

/**
 * A community of the link structure (Louvain modularity): patterns more linked among themselves than
 * with the rest. The library's structure at a glance, where domains are mixed.
 */
export interface OverviewCommunity {
  /** Its most important member's slug (the most linked within the community): a stable key. */
  key: string;
  /** Its name: that member's title. */
  name: string;
  /** The titles of its most important members, most important first (up to three). */
  top: string[];
  /**
   * The title words that set it apart, most telling first (up to three; none for most small ones): held
   * by at least 3% of its titles and at least 1.5 times as common in them as in the library's linked patterns.
   */
  terms: string[];
  /** Its leading domains (at most two, the largest first) with their share of its members. */
  domains: { domain: string; share: number }[];
  /** Its members (linked patterns only). */
  patterns: number;
  /** The centre of its members in the layout, and the distance within which three quarters of them lie. */
  x: number;
  y: number;
  radius: number;
}

export interface OverviewLayoutInfo {
  algorithm: "forceatlas2";
  iterations: number;
  barnesHut: boolean;
  ms: number;
  /** "computed" (ForceAtlas2 from the seeded start), "warm" (from an earlier layout's positions) or "disk" (read back). */
  source: "computed" | "warm" | "disk";
}

/** One part of GET /api/overview. Node indexes are positions in the whole library's node order. */
export interface OverviewWire {
  format: "columns";
  part: OverviewPart;
  /** The whole library's counts, both parts together; `unlinked`: patterns with no link to another. */
  total: { patterns: number; links: number; unlinked: number };
  /** Index of this part's first node: the first part starts at 0, the rest where the first ended. */
  offset: number;
  /** Dictionaries the columns index into (the same in both parts). */
  domains: string[];
  statuses: string[];
  linkTypes: { type: LinkType; directed: boolean }[];
  nodes: {
    /** Each slug after the characters it shares with the previous slug of the part (`slugShared`). */
    slug: string[];
    /**
     * How many leading characters (UTF-16 code units) each slug shares with the previous slug of the
     * part, 0 for the part's first; absent: none shares (answers made before the column existed, e.g.
     * an overview stored in Neo4j by an older version). Patterns of one degree come in slug order, so
     * neighbours often share a prefix, and the copies of one pattern in a generated library always do.
     */
    slugShared?: number[];
    /** Each title after the characters it shares with the previous title of the part (`titleShared`). */
    title: string[];
    /** As `slugShared`, for the titles. */
    titleShared?: number[];
    /** Index into `domains`, -1 without one. */
    domain: number[];
    /** Index into `statuses`, -1 without one. */
    status: number[];
    degree: number[];
    x: number[];
    y: number[];
    /** Index into the first part's `communities`, -1 for a pattern without links. */
    community: number[];
  };
  /** Declared weights, each once; links index into it. */
  weights: number[];
  /**
   * Links ordered by their later end (the larger node index), then their earlier end. Small numbers
   * are short JSON, so the later end is written as the difference from the previous link's (from 0 for
   * a part's first link), and the direction folds into the type.
   */
  links: {
    /** The later end, as the difference from the previous link's later end. */
    later: number[];
    /**
     * The earlier end: when the link shares its later end with the previous link of the part (its
     * `later` is 0 and it is not the part's first), the difference from that link's earlier end (links
     * sharing a later end come in ascending order of their earlier end); else the node index itself.
     * An index grows a digit at ten times the library, the difference does not: at ten times the
     * 2026-02-20 library the column was 3.5 bytes a link as indexes.
     */
    earlier: number[];
    /** 2 × its index into `linkTypes`, plus 1 when the link goes from the earlier end to the later one. */
    type: number[];
    /** Index into `weights`, -1 without a declared weight. */
    weight: number[];
    /** Descriptions by link index within this part (few links have one). */
    description: Record<string, string>;
  };
  /** Node indexes (within this part) of placeholder nodes; link indexes of links to them. Usually empty. */
  dangling: { nodes: number[]; links: number[] };
  /** First part only (empty in the rest): every domain's region, largest first. */
  regions: OverviewRegion[];
  /** First part only (empty in the rest): every community, largest first. */
  communities: OverviewCommunity[];
  /** First part only: the links between two communities, counted per pair (`a` < `b`, indexes into `communities`), the most first. */
  communityLinks: { a: number[]; b: number[]; count: number[] };
  layout: OverviewLayoutInfo;
}

/** A pattern of the overview with its position. */
export interface PlacedNode extends NodeView {
  x: number;
  y: number;
}

export interface DecodedOverview {
  nodes: PlacedNode[];
  links: LinkView[];
  regions: OverviewRegion[];
  communities: OverviewCommunity[];
  communityLinks: { a: number; b: number; count: number }[];
  /** Each linked pattern's community (an index into `communities`), by slug. */
  communityOf: Map<string, number>;
  total: OverviewWire["total"];
}

/**
 * Reads parts of GET /api/overview back into patterns and links (the shapes the other answers use).
 * Parts may be given together (first and rest) or alone; a link to a node of a part not given is left out.
 */
export function decodeOverview(...parts: OverviewWire[]): DecodedOverview {
  const byIndex = new Map<number, PlacedNode>();
  const nodes: PlacedNode[] = [];
  const links: LinkView[] = [];
  let regions: OverviewRegion[] = [];
  let communities: OverviewCommunity[] = [];
  let communityLinks: DecodedOverview["communityLinks"] = [];
  const communityOf = new Map<string, number>();
  for (const part of [...parts].sort((a, b) => a.offset - b.offset)) {
    const { domain, status, degree, x, y } = part.nodes;
    const slug = sharedPrefixesRestored(part.nodes.slug, part.nodes.slugShared);
    const title = sharedPrefixesRestored(part.nodes.title, part.nodes.titleShared);
    const danglingNodes = new Set(part.dangling.nodes);
    for (let i = 0; i < slug.length; i++) {
      const node: PlacedNode = { slug: slug[i] as Slug, title: title[i]!, degree: degree[i]!, x: x[i]!, y: y[i]! };
      if (domain[i]! >= 0) node.domain = part.domains[domain[i]!];
      if (status[i]! >= 0) node.status = part.statuses[status[i]!];
      if (danglingNodes.has(i)) node.dangling = true;
      if (part.nodes.community[i]! >= 0) communityOf.set(slug[i]!, part.nodes.community[i]!);
      byIndex.set(part.offset + i, node);
      nodes.push(node);
    }
    if (part.part === "first") {
      regions = part.regions;
      communities = part.communities;
      communityLinks = part.communityLinks.a.map((a, i) => ({ a, b: part.communityLinks.b[i]!, count: part.communityLinks.count[i]! }));
    }
  }
  for (const part of parts) {
    const { later, earlier, type, weight, description } = part.links;
    const danglingLinks = new Set(part.dangling.links);
    let end = 0;
    let start = 0;
    for (let i = 0; i < later.length; i++) {
      end += later[i]!;
      start = i > 0 && later[i] === 0 ? start + earlier[i]! : earlier[i]!;
      const forward = type[i]! % 2 === 1;
      const from = byIndex.get(forward ? start : end);
      const to = byIndex.get(forward ? end : start);
      const linkType = part.linkTypes[type[i]! >> 1];
      if (!from || !to || !linkType) continue;
      const link: LinkView = { source: from.slug, target: to.slug, type: linkType.type, directed: linkType.directed };
      if (danglingLinks.has(i)) link.dangling = true;
      if (weight[i]! >= 0) link.weight = part.weights[weight[i]!]!;
      const text = description[String(i)];
      if (text !== undefined) link.description = text;
      links.push(link);
    }
  }
  return { nodes, links, regions, communities, communityLinks, communityOf, total: parts[0]?.total ?? { patterns: 0, links: 0, unlinked: 0 } };
}

/**
 * Front coding of a column of strings: each string as the number of leading code units it shares
 * with the previous one (0 for the first) and the rest. A shared prefix never ends between the two
 * halves of a surrogate pair, so every rest is well-formed text.
 */
export function sharePrefixes(values: readonly string[]): { rest: string[]; shared: number[] } {
  const rest: string[] = [];
  const shared: number[] = [];
  let previous = "";
  for (const value of values) {
    const limit = Math.min(previous.length, value.length);
    let n = 0;
    while (n < limit && previous.charCodeAt(n) === value.charCodeAt(n)) n++;
    // Not after a high surrogate: its low half would start the rest.
    if (n > 0 && n < value.length && (value.charCodeAt(n - 1) & 0xfc00) === 0xd800) n--;
    rest.push(value.slice(n));
    shared.push(n);
    previous = value;
  }
  return { rest, shared };
}

/** The strings a front-coded column (sharePrefixes) was made from; without `shared`, the column as it is. */
export function sharedPrefixesRestored(rest: readonly string[], shared: readonly number[] | undefined): string[] {
  if (!shared) return [...rest];
  const out: string[] = [];
  let previous = "";
  rest.forEach((value, i) => {
    previous = previous.slice(0, shared[i] ?? 0) + value;
    out.push(previous);
  });
  return out;
}
