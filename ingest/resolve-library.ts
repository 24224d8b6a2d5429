// Turns the parsed files of one library into a Library: settles duplicate slugs and ids, resolves
// every declared target (by TypeID, then slug, then title or alias), deduplicates, keeps dangling ones.

import type { DanglingRef, Library, Link, Pattern, Problem, Slug } from "../core/model.ts";
import type { DeclaredTarget, ResolvableFile } from "./parsed-file.ts";

type PatternFile = Extract<ResolvableFile, { kind: "pattern" }>;

/**
 * Resolves a library from its parsed files, given in path order (that order decides which of two
 * files sharing a slug wins, and which pattern a shared title resolves to). Pure; never throws.
 *
 * - Duplicate slug (case-insensitive): the first file wins; each later one becomes a problem-only
 *   file (`duplicate-slug`, fatal), so `files === patterns + problem files` holds.
 * - Duplicate id: every pattern sharing it gets `duplicate-id` and loses the id, so ids in a Library
 *   are unique and a shared id never resolves; mapping targets then resolve by their slug.
 * - A target resolving to its own pattern is a `self-link` problem, not a link.
 * - The same (source, type, target) counts once: the first declaration (by line) is kept.
 */
export function resolveLibrary(root: string, parsed: readonly ResolvableFile[]): Library {
  const problemsByFile = new Map<string, Problem[]>();
  const addProblem = (problem: Problem): void => {
    const list = problemsByFile.get(problem.file);
    if (list) list.push(problem);
    else problemsByFile.set(problem.file, [problem]);
  };
  for (const file of parsed) for (const problem of file.problems) addProblem({ ...problem });

  // Slugs: first file in path order wins.
  const accepted: { file: PatternFile; pattern: Pattern }[] = [];
  const slugIndex = new Map<string, Slug>();
  const fileOfSlug = new Map<string, string>();
  for (const file of parsed) {
    if (file.kind !== "pattern") continue;
    const key = file.pattern.slug.toLowerCase();
    const owner = fileOfSlug.get(key);
    if (owner !== undefined) {
      addProblem({
        file: file.file,
        line: file.lines.slug,
        kind: "duplicate-slug",
        message: `The slug '${file.pattern.slug}' is already used by ${owner}; this file is left out of the graph.`,
        fatal: true,
      });
      continue;
    }
    fileOfSlug.set(key, file.file);
    slugIndex.set(key, file.pattern.slug);
    accepted.push({ file, pattern: { ...file.pattern, aliases: [...file.pattern.aliases] } });
  }

  // Ids: shared ones are reported on every holder and dropped.
  const holders = new Map<string, { file: PatternFile; pattern: Pattern }[]>();
  for (const entry of accepted) {
    const id = entry.pattern.id;
    if (id === undefined) continue;
    const list = holders.get(id);
    if (list) list.push(entry);
    else holders.set(id, [entry]);
  }
  const idIndex = new Map<string, Slug>();
  for (const [id, list] of holders) {
    if (list.length === 1) {
      idIndex.set(id, list[0]!.pattern.slug);
      continue;
    }
    for (const entry of list) {
      const others = list.filter((other) => other !== entry).map((other) => other.file.file);
      addProblem({
        file: entry.file.file,
        line: entry.file.lines.id,
        kind: "duplicate-id",
        message: `The id '${id}' is also used by ${others.join(", ")}; a shared id identifies nothing, so it is dropped and links to it resolve by slug.`,
        recovered: "dropped the shared id; the pattern is known by its slug",
        fatal: false,
      });
      delete entry.pattern.id;
    }
  }

  // Titles before aliases; the first pattern (in path order) holding a name wins it.
  const titleIndex = new Map<string, Slug>();
  const aliasIndex = new Map<string, Slug>();
  for (const { pattern } of accepted) {
    const title = normaliseName(pattern.title);
    if (!titleIndex.has(title)) titleIndex.set(title, pattern.slug);
    for (const alias of pattern.aliases) {
      const name = normaliseName(alias);
      if (!aliasIndex.has(name)) aliasIndex.set(name, pattern.slug);
    }
  }
  const byName = (name: string): Slug | undefined => {
    const key = normaliseName(name);
    return titleIndex.get(key) ?? aliasIndex.get(key);
  };
  // Every value a target carries (a string; a mapping's id, slug and title) is tried first as a
  // TypeID, then as a slug, then as a title or alias: real mappings put slugs under `id:` too.
  const resolve = (target: DeclaredTarget): Slug | undefined => {
    const values = target.form === "mapping" ? [target.id, target.slug, target.title].filter(isDefined) : [target.target];
    for (const value of values) {
      const slug = idIndex.get(value);
      if (slug !== undefined) return slug;
    }
    for (const value of values) {
      const slug = slugIndex.get(value.toLowerCase());
      if (slug !== undefined) return slug;
    }
    for (const value of values) {
      const slug = byName(value);
      if (slug !== undefined) return slug;
    }
    return undefined;
  };

  const links: Link[] = [];
  const dangling: DanglingRef[] = [];
  for (const { file, pattern } of accepted) {
    const seenLinks = new Set<string>();
    const seenDangling = new Set<string>();
    for (const target of file.targets) {
      const resolved = resolve(target);
      if (resolved === pattern.slug) {
        addProblem({
          file: file.file,
          ...(target.line === undefined ? {} : { line: target.line }),
          kind: "self-link",
          message: `'${target.type}' target '${target.target}' resolves to the pattern itself; the link is ignored.`,
          fatal: false,
        });
        continue;
      }
      if (resolved !== undefined) {
        const key = `${target.type}\u0000${resolved}`;
        if (seenLinks.has(key)) continue;
        seenLinks.add(key);
        const link: Link = { source: pattern.slug, type: target.type, target: resolved, declaredIn: file.file };
        if (target.weight !== undefined) link.weight = target.weight;
        if (target.description !== undefined) link.description = target.description;
        if (target.line !== undefined) link.line = target.line;
        links.push(link);
      } else {
        const key = `${target.type}\u0000${target.target.toLowerCase()}`;
        if (seenDangling.has(key)) continue;
        seenDangling.add(key);
        const ref: DanglingRef = {
          source: pattern.slug,
          type: target.type,
          target: target.target,
          form: target.form,
          declaredIn: file.file,
        };
        if (target.weight !== undefined) ref.weight = target.weight;
        if (target.description !== undefined) ref.description = target.description;
        if (target.line !== undefined) ref.line = target.line;
        dangling.push(ref);
      }
    }
  }

  const problems: Problem[] = [];
  for (const file of parsed) {
    const list = problemsByFile.get(file.file);
    if (!list) continue;
    problemsByFile.delete(file.file);
    problems.push(...list.sort(byLine));
  }
  // Problems about something other than a parsed file (an unreadable folder) come last.
  for (const list of problemsByFile.values()) problems.push(...list);

  return {
    root,
    files: parsed.length,
    patterns: accepted.map((entry) => entry.pattern),
    links,
    dangling,
    problems,
  };
}

/** Titles and aliases match case-insensitively, with runs of white space as one space. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function byLine(a: Problem, b: Problem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}
