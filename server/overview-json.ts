// The overview answer's content: its fingerprint and its two parts in the columns of core/overview-wire.ts,
// with the layout (computed, warm-started, or read back from the disk cache) and the communities
// (overview-communities.ts). Pure apart from that
// cache, so that the overview thread (overview-thread-worker.ts) and, without that thread, the server's
// own thread make the same answer.
import { createHash, type Hash } from "node:crypto";
import type { OverviewGraph } from "../core/model.ts";
import { sharePrefixes, type OverviewLayoutInfo, type OverviewPart, type OverviewWire } from "../core/overview-wire.ts";
import { computeOverviewLayout, domainRegions, type LayoutOptions, type OverviewLayout } from "../graph/layout.ts";
import { describeCommunities, findCommunities, type FoundCommunities } from "./overview-communities.ts";
import { readLayout, readNewestLayout, writeLayout } from "./overview-disk-cache.ts";

export type { OverviewWire } from "../core/overview-wire.ts";

/** The first part's bounds: what the explorer draws in its first frame at any library size. */
export const FIRST_PART_MAX_PATTERNS = 4000;
export const FIRST_PART_MAX_LINKS = 24_000;
/** A warm start needs at least this share of today's patterns placed in the newest kept layout. */
const WARM_MIN_SHARE = 0.9;

export interface OverviewOptions extends LayoutOptions {
  /** The disk cache's folder (overview-disk-cache.ts); none: every layout is computed. */
  cacheDir?: string;
  /** The first part's bounds (default FIRST_PART_MAX_PATTERNS and FIRST_PART_MAX_LINKS). */
  firstPart?: { patterns: number; links: number };
}

/** The hash of everything an overview is made of (any field a store adds included): the layout's key. */
export function overviewContentHash(overview: OverviewGraph, options: OverviewOptions = {}): string {
  const { cacheDir: _ignored, ...layout } = options;
  // The bounds of the parts are part of the key too: they change the answer, not the positions, but
  // the hash also decides whether the answer is made again.
  const hash = createHash("sha1");
  hashJson(hash, overview);
  return hash.update(JSON.stringify(layout)).digest("base64url");
}

/** Items of a list written into the hash at once: a few hundred KB of JSON. */
const HASH_CHUNK_ITEMS = 2000;

/**
 * Writes exactly the bytes of JSON.stringify(value) into `hash`, lists a chunk of items at a time:
 * at ten times the 2026-02-20 library the overview's JSON is a 42 MB string, held whole for the
 * hash only (the hash, and so the layout cache's keys, are the same either way).
 */
function hashJson(hash: Hash, value: OverviewGraph): void {
  let separator = "{";
  for (const [key, field] of Object.entries(value) as [string, unknown][]) {
    if (field === undefined || typeof field === "function" || typeof field === "symbol") continue;
    hash.update(`${separator}${JSON.stringify(key)}:`);
    separator = ",";
    if (!Array.isArray(field)) {
      hash.update(JSON.stringify(field));
      continue;
    }
    hash.update("[");
    for (let at = 0; at < field.length; at += HASH_CHUNK_ITEMS) {
      const chunk = JSON.stringify(field.slice(at, at + HASH_CHUNK_ITEMS));
      hash.update(at === 0 ? chunk.slice(1, -1) : `,${chunk.slice(1, -1)}`);
    }
    hash.update("]");
  }
  hash.update(separator === "{" ? "{}" : "}");
}

/** A quoted strong ETag for one part's bytes. */
export function partEtag(json: string): string {
  return `"${createHash("sha1").update(json).digest("base64url")}"`;
}

export interface OverviewParts {
  first: string;
  rest: string;
  layout: OverviewLayoutInfo;
  /** What went wrong with the disk cache, for the log (the answer is made either way). */
  notes: string[];
}

/** The layout for `hash` and the communities it was seeded with: read back from the disk cache, or found and laid out (warm-started from the newest kept layout, or from the seeded start). */
function layoutOf(overview: OverviewGraph, options: OverviewOptions, hash: string): { layout: OverviewLayout; source: OverviewLayoutInfo["source"]; notes: string[]; communities: FoundCommunities } {
  const notes: string[] = [];
  const dir = options.cacheDir;
  if (dir) {
    const started = performance.now();
    const read = readLayout(dir, hash);
    if (read.ignored) notes.push(`ignored a layout cache file: ${read.ignored}`);
    if (read.positions && overview.nodes.every((n) => read.positions!.has(n.slug))) {
      const positions = read.positions;
      const linked = new Set<string>();
      for (const l of overview.links) if (l.source !== l.target) linked.add(l.source).add(l.target);
      const regions = domainRegions(overview.nodes.filter((n) => linked.has(n.slug)), positions);
      const communities = findCommunities(overview, read.communities);
      return { layout: { positions, iterations: 0, barnesHut: false, regions, ms: performance.now() - started }, source: "disk", notes, communities };
    }
  }
  const newest = dir ? readNewestLayout(dir) : undefined;
  const placed = newest ? overview.nodes.filter((n) => newest.positions.has(n.slug)).length : 0;
  const warm = newest && overview.nodes.length > 0 && placed / overview.nodes.length >= WARM_MIN_SHARE ? newest : undefined;
  // Seeded by community: measured on the 2026-02-20 library, 67% of a pattern's ten nearest patterns on
  // the picture are of its community, against 53% when seeded by domain (the communities read as regions).
  // A warm start keeps the newest layout's communities too, its new patterns joining their neighbours'.
  const communities = warm ? findCommunities(overview, warm.communities, { minShare: WARM_MIN_SHARE }) : findCommunities(overview);
  const layout = computeOverviewLayout(overview, options, warm?.positions, communities.of);
  if (dir) {
    const failed = writeLayout(dir, hash, layout.positions, communities.of);
    if (failed) notes.push(failed);
  }
  return { layout, source: warm ? "warm" : "computed", notes, communities };
}

/**
 * The overview laid out and written as its two parts. Patterns are ordered most linked first (then by
 * slug) and links by their later end, so the first part is the longest prefix within the first part's
 * bounds, and the rest refers to the first part's patterns by the same indexes.
 */
export function overviewParts(overview: OverviewGraph, options: OverviewOptions, hash = overviewContentHash(overview, options)): OverviewParts {
  const { layout, source, notes, communities: found } = layoutOf(overview, options, hash);
  const communities = { ...found, communities: describeCommunities(found, overview, layout.positions) };
  const nodes = [...overview.nodes].sort((a, b) => b.degree - a.degree || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const index = new Map<string, number>();
  nodes.forEach((n, i) => index.set(n.slug, i));
  const dictionary = <T>(values: (T | undefined)[]): { list: T[]; of: (v: T | undefined) => number } => {
    const at = new Map<T, number>();
    for (const v of values) if (v !== undefined && !at.has(v)) at.set(v, at.size);
    return { list: [...at.keys()], of: (v) => (v === undefined ? -1 : at.get(v)!) };
  };
  const domains = dictionary(nodes.map((n) => n.domain));
  const statuses = dictionary(nodes.map((n) => n.status));
  const typeKeys = dictionary(overview.links.map((l) => `${l.type}|${l.directed ? 1 : 0}`));
  const weights = dictionary(overview.links.map((l) => l.weight));
  const links = overview.links
    .filter((l) => index.has(l.source) && index.has(l.target))
    .map((l) => ({ link: l, s: index.get(l.source)!, t: index.get(l.target)!, type: typeKeys.of(`${l.type}|${l.directed ? 1 : 0}`) }))
    .sort((a, b) => Math.max(a.s, a.t) - Math.max(b.s, b.t) || Math.min(a.s, a.t) - Math.min(b.s, b.t) || a.s - b.s || a.type - b.type);

  // The first part: as many of the most linked patterns as fit both bounds.
  const bounds = options.firstPart ?? { patterns: FIRST_PART_MAX_PATTERNS, links: FIRST_PART_MAX_LINKS };
  let cut = Math.min(nodes.length, bounds.patterns);
  let linkCut = links.findIndex((l) => Math.max(l.s, l.t) >= cut);
  if (linkCut === -1) linkCut = links.length;
  if (linkCut > bounds.links) {
    linkCut = bounds.links;
    cut = Math.max(links[linkCut]!.s, links[linkCut]!.t);
    while (linkCut > 0 && Math.max(links[linkCut - 1]!.s, links[linkCut - 1]!.t) >= cut) linkCut--;
  }
  const linked = new Set<number>();
  for (const l of links) if (l.s !== l.t) linked.add(l.s).add(l.t);
  const total = { patterns: nodes.length, links: links.length, unlinked: nodes.length - linked.size };
  const info: OverviewLayoutInfo = { algorithm: "forceatlas2", iterations: layout.iterations, barnesHut: layout.barnesHut, ms: Math.round(layout.ms), source };
  const part = (name: OverviewPart, from: number, to: number, linkFrom: number, linkTo: number): string => {
    const slice = nodes.slice(from, to);
    const wire: OverviewWire = {
      format: "columns",
      part: name,
      total,
      offset: from,
      domains: domains.list,
      statuses: statuses.list,
      linkTypes: typeKeys.list.map((key) => ({ type: key.slice(0, key.lastIndexOf("|")), directed: key.endsWith("|1") })),
      weights: weights.list,
      nodes: { slug: [], slugShared: [], title: [], titleShared: [], domain: [], status: [], degree: [], x: [], y: [], community: [] },
      links: { later: [], earlier: [], type: [], weight: [], description: {} },
      dangling: { nodes: [], links: [] },
      regions: name === "first" ? layout.regions : [],
      communities: name === "first" ? communities.communities : [],
      communityLinks: { a: [], b: [], count: [] },
      layout: info,
    };
    // Slugs and titles front-coded (core/overview-wire.ts): neighbours in this order often share a
    // prefix, the copies of one pattern in a generated library nearly always (`-xN`, ` (N)`).
    const slugs = sharePrefixes(slice.map((n) => n.slug));
    const titles = sharePrefixes(slice.map((n) => n.title));
    wire.nodes.slug = slugs.rest;
    wire.nodes.slugShared = slugs.shared;
    wire.nodes.title = titles.rest;
    wire.nodes.titleShared = titles.shared;
    slice.forEach((n, i) => {
      const p = layout.positions.get(n.slug) ?? { x: 0, y: 0 };
      wire.nodes.domain.push(domains.of(n.domain));
      wire.nodes.status.push(statuses.of(n.status));
      wire.nodes.degree.push(n.degree);
      wire.nodes.x.push(p.x);
      wire.nodes.y.push(p.y);
      wire.nodes.community.push(communities.of.get(n.slug) ?? -1);
      if (n.dangling) wire.dangling.nodes.push(i);
    });
    if (name === "first") {
      for (const { a, b, count } of communities.links) {
        wire.communityLinks.a.push(a);
        wire.communityLinks.b.push(b);
        wire.communityLinks.count.push(count);
      }
    }
    let previous = 0;
    let previousEarlier = 0;
    links.slice(linkFrom, linkTo).forEach(({ link, s, t, type }, i) => {
      const later = Math.max(s, t);
      const earlier = Math.min(s, t);
      // Beside the previous link's earlier end when both share their later end (see OverviewWire).
      wire.links.earlier.push(i > 0 && later === previous ? earlier - previousEarlier : earlier);
      wire.links.later.push(later - previous);
      previous = later;
      previousEarlier = earlier;
      wire.links.type.push(type * 2 + (s < t ? 1 : 0));
      wire.links.weight.push(weights.of(link.weight));
      if (link.description !== undefined) wire.links.description[String(i)] = link.description;
      if (link.dangling) wire.dangling.links.push(i);
    });
    return JSON.stringify(wire);
  };
  return { first: part("first", 0, cut, 0, linkCut), rest: part("rest", cut, nodes.length, linkCut, links.length), layout: info, notes };
}
