// The numbers a Neo4j load stores per pattern (importance.ts's PatternNumbers and specificity.ts's
// neighbour counts) straight from a canonical library, without the graphology graph and the typed
// adjacency with its views that patternNumbers(buildGraph(library)) builds for them: the load needs
// only these numbers. The PageRank runs on the same rows in the same order (every link from both
// ends, each row by neighbour, ties in link order), so it gives the same floats; the library is
// checked as buildGraph checks it, with the same errors. At ten times the 2026-02-20 library the
// graph and the adjacency were ~2.1 s of the load's 3 s of preparation; at a hundred times the
// preparation was 65 s of CPU with the heap past 3.7 GB (docs/performance.md).
import { InvalidInputError } from "../../core/errors.ts";
import type { Library } from "../../core/model.ts";
import { linkId } from "../build-graph.ts";
import type { PatternNumbers } from "./importance.ts";
import { linkStrength, pageRank, percentiles } from "./relevance.ts";

export interface LibraryNumbers {
  numbers: Map<string, PatternNumbers>;
  /** Distinct neighbouring patterns, itself excluded (specificity.ts's neighbourCounts). */
  neighbors: Map<string, number>;
}

/**
 * patternNumbers and the neighbour counts of the graph buildGraph(`canonical`) would make, for a
 * library in canonical order (canonicalLibrary: patterns by slug, a repeated link kept once).
 * @throws InvalidInputError as buildGraph: two patterns with one slug, a link or a dangling
 *   reference whose source (or a link whose target) is no pattern of the library.
 */
export function libraryNumbers(canonical: Library): LibraryNumbers {
  const { patterns, links } = canonical;
  const n = patterns.length;
  const numberOf = new Map<string, number>();
  patterns.forEach((p, u) => {
    if (numberOf.has(p.slug)) throw new InvalidInputError("library.patterns", p.slug, "patterns with distinct slugs");
    numberOf.set(p.slug, u);
  });
  // Canonical patterns are in slug order (compareStrings), the adjacency's node order.
  const sources = new Int32Array(links.length);
  const targets = new Int32Array(links.length);
  const degree = new Int32Array(n);
  const inDegree = new Int32Array(n);
  const outDegree = new Int32Array(n);
  links.forEach((link, i) => {
    const s = numberOf.get(link.source);
    const t = numberOf.get(link.target);
    if (s === undefined || t === undefined) {
      throw new InvalidInputError("library.links", linkId(link.source, link.type, link.target), "links whose source and target are patterns of the library");
    }
    sources[i] = s;
    targets[i] = t;
    outDegree[s]! += 1;
    inDegree[t]! += 1;
    degree[s]! += 1;
    if (t !== s) degree[t]! += 1;
  });
  for (const ref of canonical.dangling) {
    if (!numberOf.has(ref.source)) {
      throw new InvalidInputError("library.dangling", ref.source, "dangling references whose source is a pattern of the library");
    }
  }

  // Rows: every link from its source, and from its target unless a self-link, in link order.
  const offsets = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) offsets[u + 1] = offsets[u]! + degree[u]!;
  const filled = offsets.slice(0, n);
  const neighbor = new Int32Array(offsets[n]!);
  const strength = new Float64Array(offsets[n]!);
  links.forEach((link, i) => {
    const s = sources[i]!;
    const t = targets[i]!;
    const weight = linkStrength(link.type, link.weight);
    neighbor[filled[s]!] = t;
    strength[filled[s]!++] = weight;
    if (t !== s) {
      neighbor[filled[t]!] = s;
      strength[filled[t]!++] = weight;
    }
  });
  // Each row by neighbour; ties keep link order (a stable sort, as the adjacency's).
  const order: number[] = [];
  const rowNeighbor: number[] = [];
  const rowStrength: number[] = [];
  for (let u = 0; u < n; u++) {
    const start = offsets[u]!;
    const end = offsets[u + 1]!;
    let sorted = true;
    for (let e = start + 1; e < end && sorted; e++) sorted = neighbor[e - 1]! <= neighbor[e]!;
    if (sorted) continue;
    order.length = 0;
    rowNeighbor.length = 0;
    rowStrength.length = 0;
    for (let e = start; e < end; e++) {
      order.push(e - start);
      rowNeighbor.push(neighbor[e]!);
      rowStrength.push(strength[e]!);
    }
    order.sort((a, b) => rowNeighbor[a]! - rowNeighbor[b]! || a - b);
    order.forEach((at, k) => {
      neighbor[start + k] = rowNeighbor[at]!;
      strength[start + k] = rowStrength[at]!;
    });
  }

  const importance = pageRank(offsets, neighbor, strength);
  const percentile = percentiles(importance);
  const numbers = new Map<string, PatternNumbers>();
  const neighbors = new Map<string, number>();
  for (let u = 0; u < n; u++) {
    const slug = patterns[u]!.slug;
    numbers.set(slug, { degree: degree[u]!, inDegree: inDegree[u]!, outDegree: outDegree[u]!, importance: importance[u]!, importancePercentile: percentile[u]! });
    let distinct = 0;
    let last = -1;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = neighbor[e]!;
      if (v === last || v === u) continue;
      last = v;
      distinct += 1;
    }
    neighbors.set(slug, distinct);
  }
  return { numbers, neighbors };
}
