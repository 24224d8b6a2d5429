// The one place where both frontmatter generations become the same fields: identity, domain and
// status, and every declared link target with its form, weight and line. Nothing else reads raw keys.

import { isKnownLinkType, KNOWN_LINK_TYPES, LINK_TYPE_PATTERN } from "../graph/model.ts";
import type { FrontmatterGeneration, LinkType, ProblemKind } from "../graph/model.ts";
import type { DeclaredTarget, RelationshipList } from "./parsed-file.ts";
import type { KeySelection, YamlPositions } from "./read-yaml.ts";

/**
 * The keys Pattern Atlas reads; read-yaml skips every other key unparsed. Of the large descriptive
 * blocks only the children named here are parsed (when the block is a plain block mapping).
 */
export const READ_KEYS: KeySelection = new Map<string, true | ReadonlySet<string>>([
  ["id", true],
  ["slug", true],
  ["title", true],
  ["aliases", true],
  ["summary", true],
  ["page_url", true],
  ["github_url", true],
  ["tags", new Set(["domain", "status"])],
  ["classification", new Set(["domain", "status"])],
  ["ontology", new Set(["domain"])],
  ["lifecycle", new Set(["status"])],
  ["relationships", true],
  ...KNOWN_LINK_TYPES.map((type) => [type, true] as const),
]);

/** Looks like a TypeID (`pat_` + 24 to 26 lowercase letters or digits). */
export const TYPEID_PATTERN = /^pat_[a-z0-9]{24,26}$/;
/** Written like an id, valid or not (`pat_placeholder`, `pat_cloud_manufacturing`). */
const ID_LIKE = /^pat_[A-Za-z0-9_]+$/;
/** Written like a slug: lowercase words joined by hyphens (or underscores). */
const SLUG_LIKE = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

export interface LocalProblem {
  kind: ProblemKind;
  message: string;
  line?: number;
}

export interface NormalisedFrontmatter {
  id?: string;
  slug?: string;
  title?: string;
  aliases: string[];
  summary?: string;
  domain?: string;
  status?: string;
  pageUrl?: string;
  githubUrl?: string;
  generation: FrontmatterGeneration;
  targets: DeclaredTarget[];
  lists: RelationshipList[];
  lines: { id?: number; slug?: number; title?: number; relationships?: number };
  problems: LocalProblem[];
}

type Path = (string | number)[];

/** Reads a frontmatter mapping of either generation. `data` must already be known to be a mapping. */
export function normaliseFrontmatter(data: Record<string, unknown>, positions: YamlPositions): NormalisedFrontmatter {
  const problems: LocalProblem[] = [];
  const keyLine = (key: string): number | undefined => positions.keyLine([key]);

  const classification = firstRecord(data.classification, data.tags);
  const ontology = asRecord(data.ontology);
  const lifecycle = asRecord(data.lifecycle);

  const result: NormalisedFrontmatter = {
    id: scalarText(data.id),
    slug: scalarText(data.slug),
    title: scalarText(data.title),
    aliases: readAliases(data.aliases),
    summary: scalarText(data.summary),
    // Generation 1 files carry the domain under `classification:` (older ones `tags:`), generation 2 under `ontology:`.
    domain: scalarText(classification?.domain) ?? scalarText(asRecord(data.tags)?.domain) ?? scalarText(ontology?.domain),
    status:
      scalarText(lifecycle?.status) ?? scalarText(classification?.status) ?? scalarText(asRecord(data.tags)?.status),
    pageUrl: scalarText(data.page_url),
    githubUrl: scalarText(data.github_url),
    generation: "relationships" in data ? 2 : 1,
    targets: [],
    lists: [],
    lines: { id: keyLine("id"), slug: keyLine("slug"), title: keyLine("title"), relationships: keyLine("relationships") },
    problems,
  };

  // Generation 1: flat lists at the top level. A generation 2 file that also has them keeps both.
  for (const type of KNOWN_LINK_TYPES) {
    if (type in data) readList(type, data[type], [type], "top-level", positions, result);
  }

  if ("relationships" in data) {
    const relationships = data.relationships;
    if (isRecord(relationships)) {
      for (const [key, value] of Object.entries(relationships)) {
        if (isKnownLinkType(key) || LINK_TYPE_PATTERN.test(key)) {
          readList(key, value, ["relationships", key], "relationships", positions, result);
        } else {
          problems.push({
            kind: "malformed-field",
            line: positions.keyLine(["relationships", key]),
            message: `Skipped the relationship key '${key}': a link type name is lowercase letters, digits and '_' (like 'conflicts_with').`,
          });
        }
      }
    } else if (relationships !== null && relationships !== undefined) {
      problems.push({
        kind: "malformed-field",
        line: keyLine("relationships"),
        message: `Skipped 'relationships': expected a mapping of link types to lists, found ${describe(relationships)}.`,
      });
    }
  }

  for (const key of ["id", "slug", "title", "summary", "page_url", "github_url"] as const) {
    const value = data[key];
    if (value !== undefined && value !== null && typeof value !== "string" && scalarText(value) === undefined) {
      problems.push({ kind: "malformed-field", line: keyLine(key), message: `Ignored '${key}': expected text, found ${describe(value)}.` });
    }
  }
  return result;
}

function readList(
  type: LinkType,
  value: unknown,
  path: Path,
  container: RelationshipList["container"],
  positions: YamlPositions,
  out: NormalisedFrontmatter,
): void {
  const list: RelationshipList = { type, container, keyLine: positions.keyLine(path), itemLines: [] };
  out.lists.push(list);
  if (value === null || value === undefined) return;
  // A single target written without a list is unambiguous: read it as a one-item list.
  const items = Array.isArray(value) ? value : [value];
  items.forEach((item, index) => {
    const itemPath = Array.isArray(value) ? [...path, index] : path;
    const line = positions.nodeLine(itemPath) ?? list.keyLine;
    if (line !== undefined) list.itemLines.push(line);
    const target = readTarget(type, item, line, out.problems);
    if (target) out.targets.push(target);
  });
}

function readTarget(type: LinkType, item: unknown, line: number | undefined, problems: LocalProblem[]): DeclaredTarget | undefined {
  if (typeof item === "string") {
    const text = item.trim();
    if (text === "") {
      problems.push({ kind: "malformed-target", line, message: `Skipped an empty '${type}' target.` });
      return undefined;
    }
    return { type, target: text, form: stringForm(text), line };
  }
  if (isRecord(item)) {
    const id = scalarText(item.id);
    const slug = scalarText(item.slug);
    const title = scalarText(item.title);
    const written = slug ?? id ?? title;
    if (written === undefined) {
      problems.push({
        kind: "malformed-target",
        line,
        message: `Skipped a '${type}' target: a mapping needs 'slug', 'id' or 'title', found ${describe(item)}.`,
      });
      return undefined;
    }
    const target: DeclaredTarget = { type, target: written, form: "mapping", line };
    if (id !== undefined) target.id = id;
    if (slug !== undefined) target.slug = slug;
    if (title !== undefined) target.title = title;
    if (item.weight !== undefined && item.weight !== null) {
      if (typeof item.weight === "number" && Number.isFinite(item.weight) && item.weight >= 0 && item.weight <= 1) {
        target.weight = item.weight;
      } else {
        problems.push({
          kind: "malformed-field",
          line,
          message: `Ignored the weight of the '${type}' target '${written}': expected a number from 0 to 1, found ${describe(item.weight)}.`,
        });
      }
    }
    const description = scalarText(item.description);
    if (description !== undefined) target.description = description;
    return target;
  }
  problems.push({
    kind: "malformed-target",
    line,
    message: `Skipped a '${type}' target: expected an id, slug, title or mapping, found ${describe(item)}.`,
  });
  return undefined;
}

/** How a string target is written; resolution tries every way regardless. */
function stringForm(text: string): DeclaredTarget["form"] {
  if (ID_LIKE.test(text)) return "id";
  if (SLUG_LIKE.test(text)) return "slug";
  return "title";
}

function readAliases(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const aliases: string[] = [];
  for (const item of items) {
    const text = scalarText(item);
    if (text !== undefined) aliases.push(text);
  }
  return aliases;
}

/** A non-empty trimmed string from a string or number; undefined otherwise. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === "string") {
    const text = value.trim();
    return text === "" ? undefined : text;
  }
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

function firstRecord(...values: unknown[]): Record<string, unknown> | undefined {
  for (const value of values) if (isRecord(value)) return value;
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
