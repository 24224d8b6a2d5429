// Turns patterns, links and dangling references into the NodeView / LinkView shapes every query
// returns, in one place, so that all results (and both stores) draw the same objects.
import { danglingSlug, type PatternGraph } from "../build-graph.ts";
import { compareStrings } from "../../core/order.ts";
import { isSymmetricLinkType, linkKey, type DanglingRef, type Library, type Link, type LinkView, type NodeView, type OverviewGraph, type Pattern } from "../../core/model.ts";

/** A node view of a pattern; optional fields are left out rather than set to undefined. */
export function patternNodeView(pattern: Pattern, degree: number): NodeView {
  const view: NodeView = { slug: pattern.slug, title: pattern.title, degree };
  if (pattern.domain !== undefined) view.domain = pattern.domain;
  if (pattern.status !== undefined) view.status = pattern.status;
  return view;
}

/**
 * The overview a memory store holding `library` gives (store.overview()), made from the library
 * alone: its patterns and resolved links as views, in its order, each pattern's degree counted as
 * the store's graph counts it (a link adds one to each end, a self-link one). For a library in
 * canonical order (canonicalLibraryInPlace) it is the store's overview; the server's start-up
 * hands it to the overview thread while the store is still being prepared.
 */
export function libraryOverview(library: Library): OverviewGraph {
  const degree = new Map<string, number>();
  for (const link of library.links) {
    degree.set(link.source, (degree.get(link.source) ?? 0) + 1);
    if (link.target !== link.source) degree.set(link.target, (degree.get(link.target) ?? 0) + 1);
  }
  return { nodes: library.patterns.map((p) => patternNodeView(p, degree.get(p.slug) ?? 0)), links: library.links.map(linkView) };
}

/** The node view of a pattern of the graph (the slug must be a node). */
export function nodeView(graph: PatternGraph, slug: string): NodeView {
  const attrs = graph.getNodeAttributes(slug);
  return patternNodeView(attrs.pattern, attrs.degree);
}

/** The placeholder node standing for a dangling target: slug `dangling:<target>`, title the target as written. */
export function danglingNodeView(target: string): NodeView {
  return { slug: danglingSlug(target), title: target, degree: 0, dangling: true };
}

export function linkView(link: Link): LinkView {
  const view: LinkView = {
    source: link.source,
    target: link.target,
    type: link.type,
    directed: !isSymmetricLinkType(link.type),
  };
  if (link.weight !== undefined) view.weight = link.weight;
  if (link.description !== undefined) view.description = link.description;
  return view;
}

/** The link to a dangling placeholder: its target is `dangling:<target>`. */
export function danglingLinkView(ref: DanglingRef): LinkView {
  const target = danglingSlug(ref.target);
  const view: LinkView = {
    source: ref.source,
    target,
    type: ref.type,
    directed: !isSymmetricLinkType(ref.type),
    dangling: true,
  };
  if (ref.weight !== undefined) view.weight = ref.weight;
  if (ref.description !== undefined) view.description = ref.description;
  return view;
}

/** Links in the order answers list them: by linkKey (each key made once). */
export function sortedByLinkKey(links: readonly LinkView[]): LinkView[] {
  return links
    .map((link) => ({ key: linkKey(link), link }))
    .sort((a, b) => compareStrings(a.key, b.key))
    .map(({ link }) => link);
}

/** The one string order (core/order.ts), re-exported for the algorithms that sort with it. */
export { compareStrings };
