// What reading one pattern file yields before links are resolved across the library: the pattern,
// its declared link targets exactly as written (with lines), where its relationship lists sit, and problems.

import type { LinkType, Pattern, Problem, TargetForm } from "../core/model.ts";

/** A link target as declared in one file, not yet resolved. */
export interface DeclaredTarget {
  type: LinkType;
  /** The target as written: the string itself, or for a mapping its slug, else its id, else its title. */
  target: string;
  form: TargetForm;
  /**
   * Set only for mapping targets: the keys to resolve by, in this order (id, slug, title).
   * A string target is tried as an id, then a slug, then a title or alias.
   */
  id?: string;
  slug?: string;
  title?: string;
  weight?: number;
  description?: string;
  /** 1-based file line where the target is written. */
  line?: number;
}

/** Where a relationship list is written, for tools that edit files (the gaps fix writer). */
export interface RelationshipList {
  type: LinkType;
  /** `top-level` for generation 1 keys, `relationships` for keys under `relationships:` (generation 2). */
  container: "top-level" | "relationships";
  /** 1-based file line of the list's key (`enables:`). */
  keyLine?: number;
  /** 1-based file line of each item, in order (several may share a line in a flow list). */
  itemLines: number[];
}

/** The frontmatter block's place in the file, as 1-based lines. */
export interface FrontmatterRange {
  /** Line of the opening `---` (when glued to the first key, also that key's line). */
  openLine: number;
  /** Line of the closing `---`. */
  closeLine: number;
  /** Line of the `relationships:` key, when the file has one. */
  relationshipsLine?: number;
}

export type ParsedFile =
  | {
      kind: "pattern";
      /** Path relative to the library root, with `/` separators. */
      file: string;
      pattern: Pattern;
      targets: DeclaredTarget[];
      lists: RelationshipList[];
      frontmatter: FrontmatterRange;
      /** Lines of the identity keys, for problems found later (duplicates). */
      lines: { id?: number; slug?: number; title?: number };
      problems: Problem[];
    }
  | {
      kind: "problem";
      file: string;
      frontmatter?: FrontmatterRange;
      /** At least one problem, exactly one of them fatal. */
      problems: Problem[];
    };

/**
 * What resolving a library reads of a parsed file: all but where its lists and frontmatter sit (which
 * only the tools that edit files read). The parse thread sends only this, a third less to copy.
 */
export type ResolvableFile = ParsedFile extends infer F ? (F extends ParsedFile ? Omit<F, "lists" | "frontmatter"> : never) : never;
