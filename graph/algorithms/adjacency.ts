// A compact, typed-array copy of a PatternGraph's adjacency, built once per graph, on which the
// neighbourhood and path searches run: integer node numbers in slug order and precomputed sort
// ranks make their hot loops and their output sorting free of string work.
import { danglingSlug, linkId, type PatternGraph } from "../build-graph.ts";
import type { DanglingRef, Link, LinkType, LinkView, NodeView } from "../../core/model.ts";
import { ITEMS_PER_STEP, runNow, type Steps } from "../sliced-work.ts";
import { degreeDamping, linkStrength } from "./relevance.ts";
import { compareStrings, danglingLinkView, danglingNodeView, linkView, nodeView } from "./views.ts";

export interface Adjacency {
  /** Real nodes, numbered 0..n-1 in slug order. */
  slugs: string[];
  numberOf: Map<string, number>;
  /** Row of node u: entries offsets[u] .. offsets[u + 1] - 1, sorted by neighbour number. */
  offsets: Int32Array;
  neighbor: Int32Array;
  type: Uint16Array;
  /** 1 when the entry's link is declared from the row's node to the neighbour (a self-link has one such entry), 0 for the reverse. */
  outward: Uint8Array;
  link: Link[];
  /** Position of the entry's linkKey among all links' (resolved and dangling), for sorting by it. */
  linkRank: Int32Array;
  /**
   * The outward entries alone (links as declared from u): outOffsets[u] .. outOffsets[u + 1] - 1,
   * with their neighbour, type and link rank. Collecting the links among a set of nodes needs only
   * these, and a hub's row is mostly incoming (1,322 of acceptance-and-commitment's 1,400 entries).
   */
  outOffsets: Int32Array;
  outNeighbor: Int32Array;
  outType: Uint16Array;
  outRank: Int32Array;
  /** Link types of both resolved links and dangling references. */
  typeNumber: Map<string, number>;
  /** Placeholders for dangling targets are numbered n..n+m-1; their targets as written: */
  placeholderTargets: string[];
  /** Dangling declarations of node u: danglingOffsets[u] .. danglingOffsets[u + 1] - 1, in declaration order. */
  danglingOffsets: Int32Array;
  danglingNode: Int32Array;
  danglingType: Uint16Array;
  danglingRef: DanglingRef[];
  danglingRank: Int32Array;
  /** Position of each node's slug (real and placeholder) among all of them, for sorting by slug. */
  slugRank: Int32Array;
  /** The inverse of slugRank: node number per slug position. */
  nodeAtSlugRank: Int32Array;
  /** The link (or, with `rankIsDangling`, the first dangling declaration) with each id position. */
  linkAtRank: (Link | DanglingRef)[];
  rankIsDangling: Uint8Array;
  /**
   * The view of each node (real and placeholder) and of the link at each id position, made once:
   * queries answer with shallow copies, so they allocate no strings (an id built per answer
   * would cost its building and, later, its flattening and hashing by whoever reads it).
   */
  nodeViews: readonly NodeView[];
  linkViews: readonly LinkView[];
  /** Per entry (aligned with `neighbor`) and per dangling declaration: the link's strength (relevance.ts linkStrength). */
  strength: Float64Array;
  danglingStrength: Float64Array;
  /** Per node number (placeholders 0): resolved links in either direction. */
  degree: Int32Array;
  /**
   * Per node number: relevance.ts degreeDamping of its degree, made once here instead of per
   * candidate of every neighbourhood answer (8 bytes a node).
   */
  damping: Float64Array;
  /** Per type number: its name, and its position among the names in compareStrings order. */
  typeNames: string[];
  typeNameRank: Int32Array;
  /** Per node number: its slug, and its domain's number among `domainNames` (-1: none), as the summary of left-out nodes names them. */
  nodeSlugs: string[];
  domainNumber: Int32Array;
  domainNames: string[];
}

/** Distinct strings sorted, and a lookup of each one's position. Cheap when the input is nearly sorted. */
function rankStrings(strings: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(strings)].sort(compareStrings);
  return new Map(sorted.map((s, i) => [s, i]));
}

function* buildAdjacency(graph: PatternGraph): Steps<Adjacency> {
  const slugs = graph.nodes().sort(compareStrings);
  const numberOf = new Map(slugs.map((s, i) => [s, i]));
  const n = slugs.length;
  const typeNumber = new Map<string, number>();
  const typeOf = (t: LinkType): number => {
    let k = typeNumber.get(t);
    if (k === undefined) typeNumber.set(t, (k = typeNumber.size));
    return k;
  };

  interface Entry {
    neighbor: number;
    type: number;
    outward: number;
    link: Link;
    key: string;
  }
  const rows: Entry[][] = slugs.map(() => []);
  const linkIds: string[] = [];
  let count = 0;
  for (const { edge: key, attributes: { link }, source, target } of graph.edgeEntries()) {
    if (++count % ITEMS_PER_STEP === 0) yield;
    const s = numberOf.get(source)!;
    const d = numberOf.get(target)!;
    const t = typeOf(link.type);
    linkIds.push(key);
    rows[s].push({ neighbor: d, type: t, outward: 1, link, key });
    if (s !== d) rows[d].push({ neighbor: s, type: t, outward: 0, link, key });
  }

  const placeholderNumber = new Map<string, number>();
  const placeholderTargets: string[] = [];
  const danglingRows: { node: number; type: number; ref: DanglingRef; id: string }[][] = slugs.map(() => []);
  for (let u = 0; u < n; u++) {
    if (u % ITEMS_PER_STEP === 0) yield;
    const slug = slugs[u]!;
    for (const ref of graph.getNodeAttribute(slug, "dangling")) {
      let p = placeholderNumber.get(ref.target);
      if (p === undefined) {
        placeholderNumber.set(ref.target, (p = n + placeholderTargets.length));
        placeholderTargets.push(ref.target);
      }
      const id = linkId(ref.source, ref.type, danglingSlug(ref.target));
      danglingRows[u].push({ node: p, type: typeOf(ref.type), ref, id });
    }
  }
  yield;

  const linkRank = rankStrings([...linkIds, ...danglingRows.flatMap((r) => r.map((e) => e.id))]);
  yield;
  const slugRankOf = rankStrings([...slugs, ...placeholderTargets.map((t) => danglingSlug(t))]);
  yield;

  const total = rows.reduce((sum, r) => sum + r.length, 0);
  const adjacency: Adjacency = {
    slugs,
    numberOf,
    offsets: new Int32Array(n + 1),
    neighbor: new Int32Array(total),
    type: new Uint16Array(total),
    outward: new Uint8Array(total),
    link: new Array<Link>(total),
    linkRank: new Int32Array(total),
    outOffsets: new Int32Array(n + 1),
    outNeighbor: new Int32Array(linkIds.length),
    outType: new Uint16Array(linkIds.length),
    outRank: new Int32Array(linkIds.length),
    typeNumber,
    placeholderTargets,
    danglingOffsets: new Int32Array(n + 1),
    danglingNode: new Int32Array(0),
    danglingType: new Uint16Array(0),
    danglingRef: [],
    danglingRank: new Int32Array(0),
    slugRank: new Int32Array(n + placeholderTargets.length),
    nodeAtSlugRank: new Int32Array(n + placeholderTargets.length),
    linkAtRank: new Array<Link | DanglingRef>(linkRank.size),
    rankIsDangling: new Uint8Array(linkRank.size),
    nodeViews: [],
    linkViews: [],
    strength: new Float64Array(total),
    danglingStrength: new Float64Array(0),
    degree: new Int32Array(n + placeholderTargets.length),
    damping: new Float64Array(n + placeholderTargets.length),
    typeNames: [],
    typeNameRank: new Int32Array(0),
    nodeSlugs: [],
    domainNumber: new Int32Array(0),
    domainNames: [],
  };
  let at = 0;
  let outAt = 0;
  for (let u = 0; u < n; u++) {
    if (u % ITEMS_PER_STEP === 0) yield;
    const row = rows[u]!;
    row.sort((a, b) => a.neighbor - b.neighbor);
    adjacency.offsets[u] = at;
    adjacency.outOffsets[u] = outAt;
    for (const e of row) {
      adjacency.neighbor[at] = e.neighbor;
      adjacency.type[at] = e.type;
      adjacency.outward[at] = e.outward;
      adjacency.link[at] = e.link;
      adjacency.strength[at] = linkStrength(e.link.type, e.link.weight);
      const rank = linkRank.get(e.key)!;
      adjacency.linkRank[at] = rank;
      adjacency.linkAtRank[rank] = e.link;
      if (e.outward === 1) {
        adjacency.outNeighbor[outAt] = e.neighbor;
        adjacency.outType[outAt] = e.type;
        adjacency.outRank[outAt] = rank;
        outAt++;
      }
      at++;
    }
  }
  adjacency.offsets[n] = at;
  adjacency.outOffsets[n] = outAt;

  const danglingTotal = danglingRows.reduce((sum, r) => sum + r.length, 0);
  adjacency.danglingNode = new Int32Array(danglingTotal);
  adjacency.danglingType = new Uint16Array(danglingTotal);
  adjacency.danglingRank = new Int32Array(danglingTotal);
  adjacency.danglingStrength = new Float64Array(danglingTotal);
  at = 0;
  danglingRows.forEach((row, u) => {
    adjacency.danglingOffsets[u] = at;
    for (const e of row) {
      adjacency.danglingNode[at] = e.node;
      adjacency.danglingType[at] = e.type;
      adjacency.danglingRef.push(e.ref);
      adjacency.danglingStrength[at] = linkStrength(e.ref.type, e.ref.weight);
      const rank = linkRank.get(e.id)!;
      adjacency.danglingRank[at] = rank;
      // The same dangling target declared twice under one type by one pattern: the first declaration stands for both.
      if (adjacency.rankIsDangling[rank] === 0) {
        adjacency.rankIsDangling[rank] = 1;
        adjacency.linkAtRank[rank] = e.ref;
      }
      at++;
    }
  });
  adjacency.danglingOffsets[n] = at;
  yield;

  slugs.forEach((s, u) => (adjacency.slugRank[u] = slugRankOf.get(s)!));
  placeholderTargets.forEach((t, p) => (adjacency.slugRank[n + p] = slugRankOf.get(danglingSlug(t))!));
  adjacency.slugRank.forEach((rank, v) => (adjacency.nodeAtSlugRank[rank] = v));
  const nodeViews: NodeView[] = [];
  for (let u = 0; u < n; u++) {
    if (u % ITEMS_PER_STEP === 0) yield;
    nodeViews.push(nodeView(graph, slugs[u]!));
  }
  adjacency.nodeViews = [...nodeViews, ...placeholderTargets.map(danglingNodeView)];
  yield;
  for (let u = 0; u < n; u++) adjacency.degree[u] = graph.getNodeAttribute(slugs[u]!, "degree");
  adjacency.degree.forEach((degree, v) => (adjacency.damping[v] = degreeDamping(degree)));
  adjacency.typeNames = [...typeNumber.keys()];
  const typeOrder = [...adjacency.typeNames].sort(compareStrings);
  adjacency.typeNameRank = Int32Array.from(adjacency.typeNames, (t) => typeOrder.indexOf(t));
  adjacency.nodeSlugs = adjacency.nodeViews.map((v) => v.slug);
  adjacency.domainNames = [...new Set(adjacency.nodeViews.flatMap((v) => (v.domain === undefined ? [] : [v.domain])))].sort(compareStrings);
  const domainAt = new Map(adjacency.domainNames.map((d, i) => [d, i]));
  adjacency.domainNumber = Int32Array.from(adjacency.nodeViews, (v) => (v.domain === undefined ? -1 : domainAt.get(v.domain)!));
  const linkViews: LinkView[] = [];
  for (let rank = 0; rank < adjacency.linkAtRank.length; rank++) {
    if (rank % ITEMS_PER_STEP === 0) yield;
    const item = adjacency.linkAtRank[rank]!;
    linkViews.push(adjacency.rankIsDangling[rank] === 1 ? danglingLinkView(item as DanglingRef) : linkView(item as Link));
  }
  adjacency.linkViews = linkViews;
  return adjacency;
}

const cache = new WeakMap<PatternGraph, Adjacency>();

/** The adjacency of a graph, built on first use and kept as long as the graph lives. */
export function adjacencyOf(graph: PatternGraph): Adjacency {
  return cache.get(graph) ?? runNow(adjacencySteps(graph));
}

/** adjacencyOf as steps (sliced-work.ts): builds and keeps the adjacency unless it is kept already. */
export function* adjacencySteps(graph: PatternGraph): Steps<Adjacency> {
  let adjacency = cache.get(graph);
  if (!adjacency) {
    adjacency = yield* buildAdjacency(graph);
    cache.set(graph, adjacency);
  }
  return adjacency;
}

/** 1 per usable type number; undefined `types` allows them all, names no link uses allow nothing. */
export function typeMask(adjacency: Adjacency, types: readonly LinkType[] | undefined): Uint8Array {
  const mask = new Uint8Array(adjacency.typeNumber.size).fill(types === undefined ? 1 : 0);
  for (const t of types ?? []) {
    const k = adjacency.typeNumber.get(t);
    if (k !== undefined) mask[k] = 1;
  }
  return mask;
}
