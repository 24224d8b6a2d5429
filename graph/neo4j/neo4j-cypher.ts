// The Cypher pieces every query family shares: the row shapes views are read as and their
// conversion at the edge, traversal steps, index hints and the start of every read. Nothing from a
// request is ever written into a query's text: values go as parameters, and the only names written
// in (relationship types, hop bounds) are checked first.
import { linkView } from "../algorithms/views.ts";
import type { LinkView, NodeView, Slug } from "../../core/model.ts";
import type { Props, Reader, Reads } from "./neo4j-connection.ts";
import { LABELS, linkFromRow } from "./neo4j-model.ts";

/** Node properties a NodeView needs, as a compact Cypher list of `n`'s properties (lists decode much faster than maps). */
export const NODE_VIEW = "[n.slug, n.title, n.domain, n.status, n.degree]";
export type NodeRow = [string, string, string | null, string | null, number];

/** Same field order and optional fields as the memory store's views. */
export function nodeView([slug, title, domain, status, degree]: NodeRow): NodeView {
  const view: NodeView = { slug: slug as Slug, title, degree: Number(degree) };
  if (domain !== null && domain !== undefined) view.domain = domain;
  if (status !== null && status !== undefined) view.status = status;
  return view;
}

/** A link as a LinkView needs it, as a compact Cypher list (lists decode much faster than maps). */
export const LINK_VIEW_ROW = "[startNode(r).slug, type(r), endNode(r).slug, r.weight, r.description]";
export type LinkViewRow = [string, string, string, number | null, string | null];

export function linkViewOf([source, type, target, weight, description]: LinkViewRow): LinkView {
  const props: Props = {};
  if (weight !== null) props.weight = weight;
  if (description !== null) props.description = description;
  return linkView(linkFromRow(source, type, target, props));
}

/**
 * Hop bounds are integers from closed ranges, already checked by query-options; Cypher wants them
 * as literals (`{1,4}`, `{2,6}`), so only such checked integers are ever written into a query.
 */
export function literal(n: number, max: number): string {
  if (!Number.isInteger(n) || n < 0 || n > max) throw new RangeError(`hop bound ${n} outside 0..${max}`);
  return String(n);
}

/**
 * One step of a traversal in a direction along the given relationship types (all when null). A
 * type list in the pattern lets Neo4j expand only those types; the names come from
 * relationshipTypes(), which admits only checked link type names. An empty list is handled by the
 * callers (nothing to follow), since Cypher has no empty type alternation. With `hops` (a checked
 * range such as `*1..6`) it is a variable-length step without a relationship variable.
 */
export function step(direction: "out" | "in" | "both", types: readonly string[] | null, hops = ""): string {
  const typed = types === null ? "" : `:${[...new Set(types)].map((t) => `\`${t}\``).join("|")}`;
  const r = hops === "" ? "r" : "";
  return direction === "out" ? `-[${r}${typed}${hops}]->` : direction === "in" ? `<-[${r}${typed}${hops}]-` : `-[${r}${typed}${hops}]-`;
}

/**
 * Looks `v` up by its key through the unique (lib, slug) index. Without the hint a query planned
 * while the database was empty (statistics: no patterns) keeps a plan that scans every pattern of
 * the copy by `lib` and filters by slug, until Neo4j replans it.
 */
export const byKey = (v: string): string => `USING INDEX ${v}:${LABELS.pattern}(lib, slug)`;
/** Looks `v` up by its slug rank through the (lib, rank) index, for the same reason. */
export const byRank = (v: string): string => `USING INDEX ${v}:${LABELS.pattern}(lib, rank)`;

/** Starts every read: the namespace's current copy as `lib` (no row when nothing was loaded). */
export const CURRENT = `MATCH (atlas:${LABELS.library} {namespace: $ns}) WITH atlas.current AS lib`;

/** Like CURRENT, but always one row: `lib` is null when nothing was loaded. */
export const CURRENT_OR_NULL = `OPTIONAL MATCH (atlas:${LABELS.library} {namespace: $ns}) WITH atlas.current AS lib`;

/** The current copy's id, or null when nothing was loaded into the namespace. */
export async function currentLib({ rows }: Reads, tx: Reader): Promise<string | null> {
  const [row] = await rows<{ lib: string }>(tx, `${CURRENT} RETURN lib`);
  return row?.lib ?? null;
}
