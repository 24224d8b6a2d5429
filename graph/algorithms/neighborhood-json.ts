// The JSON bytes of a neighbourhood, copied from the encoded nodes and links of the graph instead of
// serialised per answer: on the real library a depth-2 neighbourhood is ~1,400 links and ~300 KB,
// and building its objects, JSON.stringify and UTF-8 encoding cost more than finding it.
import type { Adjacency } from "./adjacency.ts";
import type { NeighborhoodSelection } from "./neighborhood.ts";

/** Each node's and link's JSON with a leading comma (dropped for the first of a list), made on first use. */
interface Encoded {
  nodes: (Buffer | undefined)[];
  links: (Buffer | undefined)[];
  /** `,"slug":d` per node and distance d (0..MAX_DISTANCE), the entries of the distance record. */
  distanceEntries: (Buffer | undefined)[];
  /** Per node: its slug as an array index when JSON.stringify would write it first (a slug like "42"), else -1. */
  indexKey: Float64Array;
}

/** QUERY_LIMITS.neighborhoodDepth's maximum; a larger distance is encoded when met. */
const MAX_DISTANCE = 4;
const latin1 = (s: string): Buffer => Buffer.from(s, "latin1");
const OPEN = latin1('{"center":');
const NODES = latin1(',"nodes":[');
const LINKS = latin1('],"links":[');
const DISTANCE = latin1('],"distance":{');
const TRUNCATED_TRUE = latin1('},"truncated":true}');
const TRUNCATED_FALSE = latin1('},"truncated":false}');
/** Property keys JSON.stringify orders first, numerically: canonical array indices (ECMA-262 OrdinaryOwnPropertyKeys). */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

const encodings = new WeakMap<Adjacency, Encoded>();

function encodedOf(adj: Adjacency): Encoded {
  let encoded = encodings.get(adj);
  if (!encoded) {
    const total = adj.nodeViews.length;
    const indexKey = new Float64Array(total).fill(-1);
    adj.nodeViews.forEach((view, v) => {
      if (ARRAY_INDEX.test(view.slug) && Number(view.slug) < 2 ** 32 - 1) indexKey[v] = Number(view.slug);
    });
    encoded = {
      nodes: new Array<Buffer | undefined>(total),
      links: new Array<Buffer | undefined>(adj.linkViews.length),
      distanceEntries: new Array<Buffer | undefined>(total * (MAX_DISTANCE + 1)),
      indexKey,
    };
    encodings.set(adj, encoded);
  }
  return encoded;
}

/** The JSON of the Subgraph findNeighborhood builds from `selection`. */
export function encodeSelection(adj: Adjacency, center: string, selection: NeighborhoodSelection): Buffer {
  const encoded = encodedOf(adj);
  const { nodes, links, distanceEntries, indexKey } = encoded;
  const parts: Buffer[] = [OPEN, Buffer.from(JSON.stringify(center)), NODES];

  let first = parts.length;
  for (const v of selection.nodes) parts.push((nodes[v] ??= Buffer.from(`,${JSON.stringify(adj.nodeViews[v])}`)));
  if (parts.length > first) parts[first] = parts[first]!.subarray(1);

  parts.push(LINKS);
  first = parts.length;
  for (const rank of selection.linkRanks) parts.push((links[rank] ??= Buffer.from(`,${JSON.stringify(adj.linkViews[rank])}`)));
  if (parts.length > first) parts[first] = parts[first]!.subarray(1);

  parts.push(DISTANCE);
  first = parts.length;
  const entry = (v: number): Buffer => {
    const d = selection.distance[v];
    if (d > MAX_DISTANCE) return Buffer.from(`,${JSON.stringify(adj.nodeViews[v].slug)}:${d}`);
    return (distanceEntries[v * (MAX_DISTANCE + 1) + d] ??= Buffer.from(`,${JSON.stringify(adj.nodeViews[v].slug)}:${d}`));
  };
  // Slugs that are array indices come first in JSON.stringify's key order, by value; then the rest in insertion (slug) order.
  const indexNodes = Array.from(selection.nodes).filter((v) => indexKey[v] !== -1);
  if (indexNodes.length > 0) {
    for (const v of indexNodes.sort((a, b) => indexKey[a] - indexKey[b])) parts.push(entry(v));
    for (const v of selection.nodes) if (indexKey[v] === -1) parts.push(entry(v));
  } else {
    for (const v of selection.nodes) parts.push(entry(v));
  }
  if (parts.length > first) parts[first] = parts[first]!.subarray(1);
  parts.push(selection.truncated ? TRUNCATED_TRUE : TRUNCATED_FALSE);
  return join(parts);
}

function join(parts: readonly Buffer[]): Buffer {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = Buffer.allocUnsafe(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
