// What the read path stores per pattern at load, beside the adjacency (neo4j-adjacency.ts), so that
// the last round trip of a neighbourhood or a path is index seeks returning ready values, and a
// path between two unconnected patterns is answered without a search:
// - `card`: the pattern's node view and its declared links (with their descriptions) as one JSON
//   list; the links among an answer's nodes are assembled from their cards in TypeScript instead
//   of expanding their relationships in Cypher (that query was ~6.6 of ~10 ms of Neo4j CPU per
//   depth-2 neighbourhood, 2026-12-06);
// - `part`: the slug rank of the best-linked pattern of its connected part (every link type,
//   either direction), and on that pattern only `partSummary`, the part's size and sample, as the
//   embedded store's component-index.ts labels them.
// The load writes them with the pattern rows (neo4j-load.ts, writeCopy); a copy stored before they
// existed is read through the same queries with the values made live (same answers, slower).
import { compareStrings } from "../algorithms/views.ts";
import { COMPONENT_SAMPLE } from "../algorithms/path-components.ts";
import { danglingSlug } from "../build-graph.ts";
import type { Library, PathComponent, Slug } from "../../core/model.ts";
import { LABELS } from "./neo4j-model.ts";

/** A declared link to a pattern: its slug rank, link type, weight, description. */
export type CardLink = [number, string, number | null, string | null];
/** A declared link to no pattern: the placeholder's slug rank, link type, weight, description, target as written. */
export type CardDangling = [number, string, number | null, string | null, string];
/** A pattern's node view fields and its declarations in canonical order (links first, then dangling ones). */
export type Card = [string, string, string | null, string | null, number, (CardLink | CardDangling)[]];

/** Every pattern's read properties (card, part, partSummary), by slug: what writeCopy adds to each pattern row. */
export function readProperties(library: Pick<Library, "patterns" | "links" | "dangling">, rank: ReadonlyMap<string, number>, degree: (slug: string) => number): Map<string, { card: string } & PartProperties> {
  const cards = cardProperties(library, rank, degree);
  const parts = partProperties(library, rank, degree);
  return new Map(library.patterns.map((p) => [p.slug as string, { card: cards.get(p.slug)!, ...parts.get(p.slug)! }]));
}

/**
 * The `card` property of every pattern of `library` (canonical order, so within a source the
 * first declaration of a (type, target) comes first, as the embedded store keeps it).
 */
export function cardProperties(library: Pick<Library, "patterns" | "links" | "dangling">, rank: ReadonlyMap<string, number>, degree: (slug: string) => number): Map<string, string> {
  const out = new Map<string, (CardLink | CardDangling)[]>();
  const add = (slug: string, entry: CardLink | CardDangling): void => {
    const list = out.get(slug);
    if (list) list.push(entry);
    else out.set(slug, [entry]);
  };
  for (const l of library.links) add(l.source, [rank.get(l.target)!, l.type, l.weight ?? null, l.description ?? null]);
  for (const d of library.dangling) add(d.source, [rank.get(danglingSlug(d.target))!, d.type, d.weight ?? null, d.description ?? null, d.target]);
  const cards = new Map<string, string>();
  for (const p of library.patterns) {
    const card: Card = [p.slug, p.title, p.domain ?? null, p.status ?? null, degree(p.slug), out.get(p.slug) ?? []];
    cards.set(p.slug, JSON.stringify(card));
  }
  return cards;
}

/** A pattern's part (the rank of its best-linked member) and, on that member, the part's summary as JSON. */
export interface PartProperties {
  part: number;
  partSummary?: string;
}

/**
 * Every pattern's connected part over all link types, either direction (union-find over the
 * links), named by the slug rank of its best-linked member (degree descending, then slug), which
 * also stores the part's size and sample: what path-components.ts componentSummary gives.
 */
export function partProperties(library: Pick<Library, "patterns" | "links">, rank: ReadonlyMap<string, number>, degree: (slug: string) => number): Map<string, PartProperties> {
  const index = new Map(library.patterns.map((p, i) => [p.slug as string, i]));
  const parent = Int32Array.from(library.patterns, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const l of library.links) {
    const a = root(index.get(l.source)!);
    const b = root(index.get(l.target)!);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const members = new Map<number, string[]>();
  library.patterns.forEach((p, i) => {
    const r = root(i);
    const list = members.get(r);
    if (list) list.push(p.slug);
    else members.set(r, [p.slug]);
  });
  const out = new Map<string, PartProperties>();
  for (const slugs of members.values()) {
    const best = bestLinked(slugs, degree);
    const summary: [number, string[]] = [slugs.length, best];
    const part = rank.get(best[0]!)!;
    for (const slug of slugs) out.set(slug, { part });
    out.get(best[0]!)!.partSummary = JSON.stringify(summary);
  }
  return out;
}

/** The COMPONENT_SAMPLE best-linked of `slugs` (degree descending, then slug), without sorting them all. */
function bestLinked(slugs: readonly string[], degree: (slug: string) => number): string[] {
  const before = (a: string, b: string): boolean => degree(a) > degree(b) || (degree(a) === degree(b) && compareStrings(a, b) < 0);
  const best: string[] = [];
  for (const s of slugs) {
    let at = best.length;
    while (at > 0 && before(s, best[at - 1]!)) at--;
    if (at < COMPONENT_SAMPLE) {
      best.splice(at, 0, s);
      if (best.length > COMPONENT_SAMPLE) best.pop();
    }
  }
  return best;
}

/** A part's summary as read back (a fresh object per answer). */
export function partFromSummary(json: string): PathComponent {
  const [size, sample] = JSON.parse(json) as [number, string[]];
  return { size, sample: sample as Slug[] };
}

/**
 * Cypher giving `n`'s card as two columns: `card`, the stored JSON, and `liveCard`, the same list
 * made from its properties, relationships and declarations when it has none (a copy stored
 * before the property existed: slower, same answers). Declarations come in canonical order.
 */
export const cardColumns = (n: string): string =>
  `${n}.card AS card, CASE WHEN ${n}.card IS NULL THEN [${n}.slug, ${n}.title, ${n}.domain, ${n}.status, ${n}.degree,
     COLLECT { MATCH (${n})-[r]->(m) WITH m, r ORDER BY m.rank, type(r) RETURN [m.rank, toLower(type(r)), r.weight, r.description] } +
     COLLECT { MATCH (x:${LABELS.dangling} {lib: ${n}.lib, source: ${n}.slug}) WITH x ORDER BY x.type, x.target, x.declaredIn, x.line RETURN [x.rank, x.type, x.weight, x.description, x.target] }]
   END AS liveCard`;

/** The card of a row with cardColumns. */
export function parseCard(card: unknown, live?: unknown): Card {
  if (typeof card === "string") return JSON.parse(card) as Card;
  const row = live as unknown[];
  const links = (row[5] as unknown[][]).map((e) => e.map((v) => (typeof v === "bigint" ? Number(v) : v)) as CardLink | CardDangling);
  return [row[0] as string, row[1] as string, (row[2] ?? null) as string | null, (row[3] ?? null) as string | null, Number(row[4]), links];
}

/** A declaration of a card that names a placeholder (a dangling target). */
export const isDangling = (entry: CardLink | CardDangling): entry is CardDangling => entry.length === 5;
