// The library as read: patterns, their typed links, dangling references and problems, and the
// limits ingest holds every field to. What a store holds and what `ingest --out` writes.
import type { LinkType } from "./link-types.ts";

/** A pattern's natural key: kebab-case, normally its file name without `.md`. */
export type Slug = string & { readonly __brand: "Slug" };
/** A TypeID such as `pat_01kg5023whehgsjwtbq21f60nk`. */
export type PatternId = string & { readonly __brand: "PatternId" };

export const asSlug = (s: string): Slug => s as Slug;
export const asPatternId = (s: string): PatternId => s as PatternId;

/**
 * Longest slug the API takes as a path segment or query value (its text limit); a longer slug could be
 * loaded but never requested, so ingest replaces it (problem `invalid-slug`).
 */
export const SLUG_MAX_LENGTH = 200;

/** A UTF-16 surrogate without its other half: encodeURIComponent throws on it. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a slug cannot be requested, or undefined when it can. The rules are what the API takes in
 * `/api/patterns/:slug` (no control characters, no white space at either end, at most
 * SLUG_MAX_LENGTH) and what the explorer's URL keeps (no white space, no comma), plus what a URL path
 * cannot carry as a segment (`.` and `..`, text that is not well-formed UTF-16).
 */
export function slugFault(slug: string): string | undefined {
  if (slug === "") return "it is empty";
  if (slug.length > SLUG_MAX_LENGTH) return `it is ${slug.length} characters long (at most ${SLUG_MAX_LENGTH})`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(slug)) return "it holds control characters";
  if (/\s/.test(slug)) return "it holds white space";
  if (slug.includes(",")) return "it holds a comma";
  if (slug === "." || slug === "..") return `'${slug}' names a folder in a URL path`;
  if (LONE_SURROGATE.test(slug)) return "it holds a lone surrogate (not text UTF-8 can carry)";
  return undefined;
}

/**
 * Longest text ingest keeps in one field, in UTF-16 code units; longer text is cut to the limit,
 * ending with `…`, and reported (problem `truncated`), so no answer carries a runaway field.
 * `name`: title, each alias, domain, status, id, a link target as written; `text`: summary, a link's
 * description; `url`: page_url, github_url. The real libraries stay far below (longest title 69,
 * summary 604, description 200, URL 130).
 */
export const TEXT_LIMITS = { name: 500, text: 10_000, url: 2_048 } as const;

/** The frontmatter format generations a library's files are written in (FORMAT.md); "generation" means only this. */
export const FRONTMATTER_GENERATIONS = [1, 2] as const;
export type FrontmatterGeneration = (typeof FRONTMATTER_GENERATIONS)[number];

export interface Pattern {
  slug: Slug;
  id?: PatternId;
  title: string;
  aliases: string[];
  summary?: string;
  /** `classification.domain` / `tags.domain` (gen 1) or `ontology.domain` (gen 2). */
  domain?: string;
  /** `lifecycle.status` (gen 2) or `classification.status` / `tags.status` (gen 1). */
  status?: string;
  /** Path of the file relative to the library root, with `/` separators. */
  file: string;
  generation: FrontmatterGeneration;
  pageUrl?: string;
  githubUrl?: string;
}

/** A link declared in `source`'s file that resolved to a pattern. Deduplicated per (source, type, target). */
export interface Link {
  source: Slug;
  type: LinkType;
  target: Slug;
  weight?: number;
  description?: string;
  /** The file (relative path) whose frontmatter declared the link. */
  declaredIn: string;
  /** 1-based line of the declaration in that file, where known. */
  line?: number;
}

/** How a target was written in the frontmatter. */
export const TARGET_FORMS = ["id", "slug", "title", "mapping"] as const;
export type TargetForm = (typeof TARGET_FORMS)[number];

/** A declared link whose target matches no pattern. Kept, never dropped. */
export interface DanglingRef {
  source: Slug;
  type: LinkType;
  /** The target exactly as written (the id, slug or title; for a mapping its slug, id or title). */
  target: string;
  form: TargetForm;
  weight?: number;
  description?: string;
  declaredIn: string;
  line?: number;
}

export const PROBLEM_KINDS = [
  "unreadable-file",
  "missing-frontmatter",
  "frontmatter-not-at-top",
  "invalid-yaml",
  "not-a-mapping",
  "missing-slug",
  "missing-title",
  "duplicate-slug",
  "duplicate-id",
  "invalid-id",
  "self-link",
  "malformed-target",
  "malformed-field",
  "invalid-slug",
  "invalid-utf8",
  "truncated",
  "skipped-path",
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** One thing wrong with one file, and what (if anything) was recovered despite it. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  kind: ProblemKind;
  message: string;
  /** What was recovered, e.g. "read the frontmatter after skipping 2 lines above it". */
  recovered?: string;
  /** True when the file produced no pattern at all. */
  fatal: boolean;
}

/** Everything read from one library: what a store holds, and what `ingest --out` writes. */
export interface Library {
  /** Absolute or user-given root folder, for display only. */
  root: string;
  /** Number of `.md` files read. Invariant: files === patterns.length + problemFiles. */
  files: number;
  patterns: Pattern[];
  links: Link[];
  dangling: DanglingRef[];
  problems: Problem[];
}

/** A snapshot file written by `ingest --out` and loaded by `server --snapshot`. */
export interface LibrarySnapshot {
  format: "pattern-atlas-snapshot";
  version: 1;
  createdAt: string;
  library: Library;
}
