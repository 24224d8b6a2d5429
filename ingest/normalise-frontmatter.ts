// The one place where both frontmatter generations become the same fields: identity, domain and
// status, and every declared link target with its form, weight and line. Nothing else reads raw keys.

import { isKnownLinkType, KNOWN_LINK_TYPES, LINK_TYPE_PATTERN, TEXT_LIMITS } from "../core/model.ts";
import type { FrontmatterGeneration, LinkType, ProblemKind } from "../core/model.ts";
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

  // Every kept text field is capped here, the one place fields are read (TEXT_LIMITS says why).
  const cap = (text: string | undefined, limit: keyof typeof TEXT_LIMITS, what: string, line: number | undefined) =>
    capText(text, limit, what, line, problems);
  const result: NormalisedFrontmatter = {
    id: cap(scalarText(data.id), "name", "id", keyLine("id")),
    // The slug is not cut: a slug too long to request is replaced whole (parse-pattern.ts, `invalid-slug`).
    slug: scalarText(data.slug),
    title: cap(scalarText(data.title), "name", "title", keyLine("title")),
    aliases: readAliases(data.aliases).map((alias) => cap(alias, "name", "an alias", keyLine("aliases"))!),
    summary: cap(scalarText(data.summary), "text", "summary", keyLine("summary")),
    // Generation 1 files carry the domain under `classification:` (older ones `tags:`), generation 2 under `ontology:`.
    domain: cap(
      scalarText(classification?.domain) ?? scalarText(asRecord(data.tags)?.domain) ?? scalarText(ontology?.domain),
      "name",
      "domain",
      undefined,
    ),
    status: cap(
      scalarText(lifecycle?.status) ?? scalarText(classification?.status) ?? scalarText(asRecord(data.tags)?.status),
      "name",
      "status",
      undefined,
    ),
    pageUrl: cap(scalarText(data.page_url), "url", "page_url", keyLine("page_url")),
    githubUrl: cap(scalarText(data.github_url), "url", "github_url", keyLine("github_url")),
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
    const target = capText(text, "name", `a '${type}' target`, line, problems)!;
    return { type, target, form: stringForm(target), line };
  }
  if (isRecord(item)) {
    const id = capText(scalarText(item.id), "name", `the id of a '${type}' target`, line, problems);
    const slug = capText(scalarText(item.slug), "name", `the slug of a '${type}' target`, line, problems);
    const title = capText(scalarText(item.title), "name", `the title of a '${type}' target`, line, problems);
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
    const description = capText(scalarText(item.description), "text", `the description of the '${type}' target '${written}'`, line, problems);
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

/**
 * `text` cut to TEXT_LIMITS[limit] characters (the last one `…`) with a `truncated` problem, or as it
 * is when it fits. Never splits a surrogate pair.
 */
export function capText(
  text: string | undefined,
  limit: keyof typeof TEXT_LIMITS,
  what: string,
  line: number | undefined,
  problems: LocalProblem[],
): string | undefined {
  const max = TEXT_LIMITS[limit];
  if (text === undefined || text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  problems.push({
    kind: "truncated",
    line,
    message: `Cut ${what} from ${text.length.toLocaleString("en")} to ${max.toLocaleString("en")} characters (the limit for ${limit === "name" ? "a name" : limit === "url" ? "a URL" : "a text field"}); it ends with '…'.`,
  });
  return `${text.slice(0, end)}…`;
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
