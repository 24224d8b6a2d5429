// Serialises a neighbourhood (Subgraph) by copying pre-encoded JSON fragments of its nodes and links,
// kept per library version: a depth-2 neighbourhood of the real library is ~1,400 links and ~330 KB
// of JSON, and JSON.stringify plus UTF-8 encoding of that cost more than the query itself (one title
// outside Latin-1 makes the whole string two-byte, and its encoding several times slower).
import { SUBGRAPH_JSON, type Subgraph } from "../graph/index.ts";

/** The Subgraph's keys in the order both stores write them (and JSON.stringify would). */
const SUBGRAPH_KEYS = ["center", "nodes", "links", "distance", "total", "groups", "truncated"] as const;

const ascii = (s: string): Buffer => Buffer.from(s, "latin1");
const { open: OPEN, nodes: NODES, links: LINKS, distance: DISTANCE, total: TOTAL } = SUBGRAPH_JSON;

export interface SubgraphSerializer {
  /**
   * The JSON of `subgraph`, byte for byte what JSON.stringify gives, from fragments cached for
   * `version`: valid because within one library version a NodeView is a function of its slug and a
   * LinkView of its id (GraphStore.version). Any other shape goes through JSON.stringify.
   */
  serialize(version: string, subgraph: Subgraph): Buffer;
}

/** Every fragment starts with a comma; the first of a list is written without it. */
interface Fragments {
  /** `,{...node...` by slug: the node's JSON without its score and closing brace. */
  nodes: Map<string, Buffer>;
  /**
   * `,{...link...}` by source, then type, then target: the three strings a store hands out again
   * for every answer (their hashes are kept), where the id is built afresh each time and would
   * first have to be flattened and hashed, which costs more than the copy of its fragment.
   */
  links: Map<string, Map<string, Map<string, Buffer>>>;
  /** `,"slug":` by slug, for the distance record. */
  keys: Map<string, Buffer>;
  bytes: number;
}

/** Distances are 0 to 4 (QUERY_LIMITS.neighborhoodDepth); anything else is encoded when met. */
const SMALL_NUMBERS = Array.from({ length: 10 }, (_, n) => ascii(String(n)));
const numberJson = (n: number): Buffer => (Number.isInteger(n) && n >= 0 && n < SMALL_NUMBERS.length ? SMALL_NUMBERS[n]! : Buffer.from(JSON.stringify(n)));

/**
 * @param maxBytes fragments kept per library version; past it, new fragments are encoded per request
 *   and not kept (a library ten times the real one still answers, just without the whole speed-up).
 */
export function createSubgraphSerializer(maxBytes = 32 * 2 ** 20): SubgraphSerializer {
  let currentVersion: string | undefined;
  let cache: Fragments = { nodes: new Map(), links: new Map(), keys: new Map(), bytes: 0 };

  function fragment(map: Map<string, Buffer>, key: string, json: () => string): Buffer {
    let buffer = map.get(key);
    if (buffer === undefined) {
      buffer = Buffer.from(`,${json()}`);
      if (cache.bytes + buffer.length <= maxBytes) {
        map.set(key, buffer);
        cache.bytes += buffer.length + 2 * key.length;
      }
    }
    return buffer;
  }

  return {
    serialize(version, subgraph) {
      if (!hasSubgraphShape(subgraph)) return Buffer.from(JSON.stringify(subgraph));
      if (version !== currentVersion) {
        currentVersion = version;
        cache = { nodes: new Map(), links: new Map(), keys: new Map(), bytes: 0 };
      }
      const { nodes, links, distance } = subgraph;
      // Collected first so the output is allocated once and filled by plain copies.
      const parts: Buffer[] = [OPEN, Buffer.from(JSON.stringify(subgraph.center)), NODES];
      let listStart = parts.length;
      for (const node of nodes) {
        parts.push(
          fragment(cache.nodes, node.slug, () => {
            const { score: _score, ...view } = node;
            return JSON.stringify(view).slice(0, -1);
          }),
          ascii(`,"score":${node.score}}`),
        );
      }
      if (parts.length > listStart) parts[listStart] = parts[listStart]!.subarray(1);
      parts.push(LINKS);
      listStart = parts.length;
      for (const link of links) {
        let byType = cache.links.get(link.source);
        if (byType === undefined) cache.links.set(link.source, (byType = new Map()));
        let byTarget = byType.get(link.type);
        if (byTarget === undefined) byType.set(link.type, (byTarget = new Map()));
        parts.push(fragment(byTarget, link.target, () => JSON.stringify(link)));
      }
      if (parts.length > listStart) parts[listStart] = parts[listStart]!.subarray(1);
      parts.push(DISTANCE);
      // Object.keys enumerates in the order JSON.stringify does (integer-like keys first).
      let first = true;
      for (const slug of Object.keys(distance)) {
        const key = fragment(cache.keys, slug, () => `${JSON.stringify(slug)}:`);
        // A kept fragment ends with ':'; a fragment not kept is the same bytes.
        parts.push(first ? key.subarray(1) : key, numberJson(distance[slug]!));
        first = false;
      }
      parts.push(TOTAL, Buffer.from(`${subgraph.total},"groups":${JSON.stringify(subgraph.groups)},"truncated":${JSON.stringify(subgraph.truncated)}}`));
      return join(parts);
    },
  };
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

/** Exactly the Subgraph keys (no group page), in order, each node's score last: anything else goes through JSON.stringify. */
function hasSubgraphShape(value: Subgraph): boolean {
  const keys = Object.keys(value);
  return (
    keys.length === SUBGRAPH_KEYS.length &&
    keys.every((k, i) => k === SUBGRAPH_KEYS[i]) &&
    typeof value.center === "string" &&
    Array.isArray(value.nodes) &&
    Array.isArray(value.links) &&
    typeof value.distance === "object" &&
    value.distance !== null &&
    value.nodes.every((n) => typeof n.score === "number" && Object.keys(n).at(-1) === "score") &&
    typeof value.total === "number" &&
    Array.isArray(value.groups)
  );
}
