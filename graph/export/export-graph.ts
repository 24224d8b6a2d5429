// The graph every export format writes: nodes and links with every attribute, as plain data, built
// from a whole Library here (or from the explorer's view in web/), so each format is one function of it.
import { danglingSlug, linkId } from "../build-graph.ts";
import { isSymmetricLinkType, type Library, type TargetForm } from "../../core/model.ts";
import { canonicalLibrary } from "../algorithms/library-order.ts";

/**
 * A node: a pattern, or the placeholder standing for a dangling target (key `dangling:<target>`,
 * `dangling: true`, `label` the target as written), so that every link has two ends in every tool.
 */
export interface ExportNode {
  /** The node's key in every format: the pattern's slug, or `dangling:<target>` for a placeholder. */
  key: string;
  /** What tools show: the pattern's title, or the dangling target as written. */
  label: string;
  dangling: boolean;
  /** Resolved links touching the pattern, either direction (0 for a placeholder), as in NodeView. */
  degree: number;
  slug?: string;
  title?: string;
  /** The pattern's TypeID (`id:` in its file); named so to stay clear of every format's node id. */
  patternId?: string;
  aliases?: string[];
  summary?: string;
  domain?: string;
  status?: string;
  generation?: number;
  file?: string;
  pageUrl?: string;
  githubUrl?: string;
  /** A view's drawing: position, size and colour as on screen (never set for a whole library). */
  x?: number;
  y?: number;
  size?: number;
  color?: string;
}

/** A link as declared in its source's file; a dangling one points at a placeholder node. */
export interface ExportLink {
  /** `source|linkType|target`: the link's linkKey (core/answers.ts). */
  key: string;
  source: string;
  target: string;
  /** The link type (`enables`, `conflicts_with`...): never `type`, which sigma and Gephi read as the drawing or the direction. */
  linkType: string;
  /** False for the symmetric types (related, alternatives, complementary): the edge is undirected. */
  directed: boolean;
  dangling: boolean;
  weight?: number;
  description?: string;
  /** The file whose frontmatter declares the link, and the line there. */
  declaredIn?: string;
  line?: number;
  /** For a dangling link: how its target was written (id, slug, title or mapping). */
  targetForm?: TargetForm;
  /** A view's drawing: colour and thickness as on screen. */
  color?: string;
  size?: number;
}

export interface ExportGraph {
  /** What the graph is, for the file's metadata, e.g. "Pattern library examples". */
  title: string;
  nodes: ExportNode[];
  links: ExportLink[];
}

/** Order of a node's attributes in the formats that list them (GraphML keys, CSV columns). */
export const NODE_ATTRIBUTES = [
  "label",
  "slug",
  "title",
  "dangling",
  "patternId",
  "aliases",
  "summary",
  "domain",
  "status",
  "generation",
  "file",
  "pageUrl",
  "githubUrl",
  "degree",
  "x",
  "y",
  "size",
  "color",
] as const satisfies readonly (keyof ExportNode)[];
export type NodeAttribute = (typeof NODE_ATTRIBUTES)[number];

export const LINK_ATTRIBUTES = [
  "linkType",
  "directed",
  "dangling",
  "weight",
  "description",
  "declaredIn",
  "line",
  "targetForm",
  "color",
  "size",
] as const satisfies readonly (keyof ExportLink)[];
export type LinkAttribute = (typeof LINK_ATTRIBUTES)[number];

/** The last folder of a library's root (the parent for a `_patterns` folder), e.g. `examples/library` -> `library`. */
export function libraryName(root: string): string {
  const parts = root.split(/[\\/]/).filter(Boolean);
  const last = parts.at(-1) ?? "";
  const name = last === "_patterns" && parts.length > 1 ? parts.at(-2)! : last;
  return name || "library";
}

/**
 * The whole library as an export graph: every pattern, every resolved link (once, in canonical
 * order), and each dangling reference as a link to a placeholder node shared by every reference
 * to the same target text (a repeated reference counts once, like a repeated link).
 */
export function libraryExportGraph(library: Library): ExportGraph {
  const lib = canonicalLibrary(library);
  const degree = new Map<string, number>(lib.patterns.map((p) => [p.slug, 0]));
  for (const l of lib.links) {
    degree.set(l.source, (degree.get(l.source) ?? 0) + 1);
    if (l.target !== l.source) degree.set(l.target, (degree.get(l.target) ?? 0) + 1);
  }
  const nodes: ExportNode[] = lib.patterns.map((p) => {
    const node: ExportNode = { key: p.slug, label: p.title, dangling: false, degree: degree.get(p.slug) ?? 0, slug: p.slug, title: p.title };
    if (p.id !== undefined) node.patternId = p.id;
    if (p.aliases.length) node.aliases = [...p.aliases];
    if (p.summary !== undefined) node.summary = p.summary;
    if (p.domain !== undefined) node.domain = p.domain;
    if (p.status !== undefined) node.status = p.status;
    node.generation = p.generation;
    node.file = p.file;
    if (p.pageUrl !== undefined) node.pageUrl = p.pageUrl;
    if (p.githubUrl !== undefined) node.githubUrl = p.githubUrl;
    return node;
  });
  const links: ExportLink[] = lib.links.map((l) => {
    const link: ExportLink = { key: linkId(l.source, l.type, l.target), source: l.source, target: l.target, linkType: l.type, directed: !isSymmetricLinkType(l.type), dangling: false };
    if (l.weight !== undefined) link.weight = l.weight;
    if (l.description !== undefined) link.description = l.description;
    link.declaredIn = l.declaredIn;
    if (l.line !== undefined) link.line = l.line;
    return link;
  });
  const placeholders = new Map<string, ExportNode>();
  const seen = new Set(links.map((l) => l.key));
  for (const d of lib.dangling) {
    const target = danglingSlug(d.target);
    const key = linkId(d.source, d.type, target);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!placeholders.has(target)) placeholders.set(target, { key: target, label: d.target, dangling: true, degree: 0 });
    const link: ExportLink = { key, source: d.source, target, linkType: d.type, directed: !isSymmetricLinkType(d.type), dangling: true };
    if (d.weight !== undefined) link.weight = d.weight;
    if (d.description !== undefined) link.description = d.description;
    link.declaredIn = d.declaredIn;
    if (d.line !== undefined) link.line = d.line;
    link.targetForm = d.form;
    links.push(link);
  }
  // Placeholders after the patterns, in target order, so the order is the same on every export.
  nodes.push(...[...placeholders.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  return { title: `Pattern library ${libraryName(lib.root)}`, nodes, links };
}
