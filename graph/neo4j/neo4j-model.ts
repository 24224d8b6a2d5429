// How a Library is laid out in Neo4j, in one place for the store's reads and writes: labels,
// relationship type names (only from checked link types), node properties, copy ids. A "copy" is one
// stored copy of a library (current, previous or unfinished); "generation" only ever means a pattern's
// frontmatter format generation.
import { createHash } from "node:crypto";
import { InvalidInputError } from "../../core/errors.ts";
import type { PatternNumbers } from "../algorithms/importance.ts";
import { normalizeSearchText } from "../algorithms/search-score.ts";
import { compareStrings } from "../algorithms/views.ts";
import { danglingSlug } from "../build-graph.ts";
import { hashedKeys, rowHashInOrder } from "./neo4j-row-hash.ts";
import {
  LINK_TYPE_PATTERN,
  type DanglingRef,
  type Library,
  type Link,
  type LinkType,
  type Pattern,
  type Problem,
  type Slug,
} from "../../core/model.ts";

/**
 * Bumped whenever the stored layout changes: it is part of every copy id, so a library
 * stored by an older layout is rewritten on the next load rather than misread.
 */
export const NEO4J_MODEL_VERSION = 9;

/**
 * The labels the store reads and writes: every node of every stored copy (current, previous,
 * unfinished) carries one of these and `lib` = its copy id. They are the store's bookkeeping.
 * A copy's own node keeps the label `AtlasGeneration` (and the schema names `atlas_generation_*`)
 * from before "copy" was the word: renaming a stored name needs a model version bump, which
 * rewrites every stored library on its next load and changes every copy id (the API's versions).
 */
export const LABELS = {
  pattern: "AtlasPattern",
  dangling: "AtlasDanglingRef",
  problem: "AtlasProblem",
  copy: "AtlasGeneration",
  library: "AtlasLibrary",
  attachment: "AtlasAttachment",
  /** A gap finding of a copy, written at load (neo4j-gaps.ts). */
  gapFinding: "AtlasGapFinding",
  /** A token of a copy's search keys, written at load (neo4j-search-vocabulary.ts). */
  searchToken: "AtlasSearchToken",
} as const;

/**
 * The plain labels a person querying the database sees: carried, in addition to the store's own
 * label, by the nodes of each namespace's current copy only, so `MATCH (p:Pattern)` gives
 * the current library once. The store never reads through them; a load moves them after its flip.
 */
export const VIEW_LABELS = {
  pattern: "Pattern",
  dangling: "DanglingReference",
} as const;

/** The labels of model version 4 and earlier, which put the plain labels on every copy. */
export const LEGACY_LABELS = { pattern: "Pattern", dangling: "DanglingRef", problem: "Problem" } as const;

/** Namespaces let several libraries (e.g. parallel test files) share one database. */
export const DEFAULT_NAMESPACE = "default";
const NAMESPACE_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;

export function checkNamespace(namespace: string): string {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new InvalidInputError("namespace", namespace, "1 to 100 letters, digits, '_', '.' or '-'");
  }
  return namespace;
}

/**
 * The Neo4j relationship type of a link type: upper-cased, and only for names matching
 * LINK_TYPE_PATTERN, since a relationship type cannot be a query parameter and is written into
 * the Cypher text. Lower-casing it gives the link type back.
 * @throws InvalidInputError for any other name.
 */
export function relationshipType(type: LinkType): string {
  if (typeof type !== "string" || !LINK_TYPE_PATTERN.test(type)) {
    throw new InvalidInputError("type", type, "link type names of lowercase letters, digits and '_'");
  }
  return type.toUpperCase();
}

/** The link type of a relationship type read from Neo4j. */
export const linkTypeOf = (relType: string): LinkType => relType.toLowerCase();

/** A validated type filter as the relationship types a query compares `type(r)` against (null = all). */
export function relationshipTypes(types: readonly LinkType[] | undefined): string[] | null {
  return types === undefined ? null : types.map(relationshipType);
}

/** The Pattern fields stored as node properties (all of them), in one list so reads and writes agree. */
export const PATTERN_FIELDS = [
  "slug",
  "id",
  "title",
  "aliases",
  "summary",
  "domain",
  "status",
  "file",
  "generation",
  "pageUrl",
  "githubUrl",
] as const satisfies readonly (keyof Pattern)[];

type Props = Record<string, unknown>;

/** Copies the defined fields of `fields` from `source`: Neo4j stores no nulls, so absent stays absent. */
function pick(source: object, fields: readonly string[]): Props {
  const out: Props = {};
  for (const f of fields) {
    const value = (source as Props)[f];
    if (value !== undefined && value !== null) out[f] = value;
  }
  return out;
}

/**
 * The pattern's normalised search keys (title, slug, aliases), stored so that Cypher can find the
 * direct matches (a key containing the normalised query) without normalising anything itself.
 */
export function searchProperties(p: Pattern): { searchKeys: string[] } {
  return { searchKeys: [p.title, p.slug, ...p.aliases].map(normalizeSearchText).filter((k) => k !== "") };
}

/**
 * `rank` is the pattern's position in slug order among every node a view can show (the patterns and
 * the `dangling:<target>` placeholders, see slugRanks), so that Cypher can order and cut nodes
 * exactly as the memory store does (UTF-16 code units) by comparing integers. `neighbors` counts
 * distinct neighbouring patterns (algorithms/specificity.ts), which rank paths. `numbers` are the
 * degrees and importance computed at ingest (graph/algorithms/importance.ts), stored so that reads
 * give the memory store's floats.
 */
export function patternProperties(p: Pattern, numbers: PatternNumbers, rank: number, neighbors: number): Props {
  const { degree, inDegree, outDegree, importance, importancePercentile } = numbers;
  return { ...pick(p, PATTERN_FIELDS), aliases: [...p.aliases], degree, inDegree, outDegree, importance, importancePercentile, rank, neighbors, ...searchProperties(p) };
}

/**
 * The slug order of a library's nodes as views show them: each pattern slug and each placeholder
 * slug (`dangling:<target>`) gets its position in compareStrings order. A placeholder's rank is
 * stored on every DanglingRef that names its target.
 */
export function slugRanks(library: Pick<Library, "patterns" | "dangling">): Map<string, number> {
  const slugs = [...new Set([...library.patterns.map((p) => p.slug as string), ...library.dangling.map((d) => danglingSlug(d.target) as string)])];
  slugs.sort(compareStrings);
  return new Map(slugs.map((s, i) => [s, i]));
}

export function patternFromProperties(props: Props): Pattern {
  // A missing list is an empty one (the offline importer cannot store an empty list: neo4j-import.ts),
  // in its place among the fields, so that the pattern's JSON is the same either way.
  const p = pick(Array.isArray(props.aliases) ? props : { ...props, aliases: [] }, PATTERN_FIELDS) as unknown as Pattern;
  p.generation = Number(props.generation) as Pattern["generation"];
  return p;
}

const LINK_PROPERTY_FIELDS = ["weight", "description", "declaredIn", "line"] as const;
const LINK_FIELDS = ["source", "type", "target", ...LINK_PROPERTY_FIELDS] as const;

export function linkProperties(l: Link): Props {
  return pick(l, LINK_PROPERTY_FIELDS);
}

/** rowHash(relType, { ...row, source, target }) for a row made by linkProperties, without the copy (rowHashInOrder). */
export function linkRowHash(relType: string, row: Readonly<Props>, source: string, target: string): string {
  let hashed = LINK_HASHED.get(relType);
  if (hashed === undefined) LINK_HASHED.set(relType, (hashed = hashedKeys(relType, [...LINK_PROPERTY_FIELDS, "source", "target"])));
  return rowHashInOrder(hashed, row, { source, target });
}
/** The hashed keys of each link type's rows. */
const LINK_HASHED = new Map<string, ReturnType<typeof hashedKeys>>();

export function linkFromRow(source: string, relType: string, target: string, props: Props): Link {
  return { source: source as Slug, type: linkTypeOf(relType), target: target as Slug, ...pick(props, LINK_PROPERTY_FIELDS) } as Link;
}

const DANGLING_FIELDS = ["source", "type", "target", "form", "weight", "description", "declaredIn", "line"] as const;
/** `rank`: the slug rank of the placeholder `dangling:<target>` (see slugRanks). */
export const danglingProperties = (d: DanglingRef, rank: number): Props => ({ ...pick(d, DANGLING_FIELDS), rank });
export const danglingFromProperties = (props: Props): DanglingRef => pick(props, DANGLING_FIELDS) as unknown as DanglingRef;

const PROBLEM_FIELDS = ["file", "line", "column", "kind", "message", "recovered", "fatal"] as const;
export const problemProperties = (p: Problem): Props => pick(p, PROBLEM_FIELDS);
export const problemFromProperties = (props: Props): Problem => pick(props, PROBLEM_FIELDS) as unknown as Problem;

/**
 * The copy id of a library: the namespace plus a hash of its canonical content and the
 * model version. Loading the same library again yields the same id, which is what makes a
 * re-load a no-op. Each item is hashed as a fixed-order tuple of its stored fields, so the order
 * in which an object's keys were created does not matter.
 */
export function copyId(namespace: string, canonical: Library): string {
  const hash = createHash("sha256");
  const tuple = (item: object, fields: readonly string[]): string =>
    JSON.stringify(fields.map((f) => (item as Props)[f] ?? null));
  hash.update(`${NEO4J_MODEL_VERSION}\n${JSON.stringify([canonical.root, canonical.files])}\n`);
  for (const p of canonical.patterns) hash.update(tuple(p, PATTERN_FIELDS)).update("\n");
  hash.update("links\n");
  for (const l of canonical.links) hash.update(tuple(l, LINK_FIELDS)).update("\n");
  hash.update("dangling\n");
  for (const d of canonical.dangling) hash.update(tuple(d, DANGLING_FIELDS)).update("\n");
  hash.update("problems\n");
  for (const x of canonical.problems) hash.update(tuple(x, PROBLEM_FIELDS)).update("\n");
  return `${namespace}/${hash.digest("hex").slice(0, 32)}`;
}
