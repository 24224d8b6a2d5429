// Reads one pattern file's text into a pattern, its declared link targets and its problems. Pure: no
// I/O and no knowledge of other files; resolving targets across the library happens in resolve-library.ts.

import { asPatternId, asSlug } from "../graph/model.ts";
import type { Pattern, Problem, ProblemKind } from "../graph/model.ts";
import { locateFrontmatter } from "./locate-frontmatter.ts";
import { normaliseFrontmatter, READ_KEYS, TYPEID_PATTERN } from "./normalise-frontmatter.ts";
import type { DeclaredTarget, FrontmatterRange, ParsedFile } from "./parsed-file.ts";
import { readYaml } from "./read-yaml.ts";

/**
 * Parses a pattern file. `file` is its path relative to the library root (with `/`); it names the
 * file in problems and supplies the slug when the frontmatter has none. Never throws.
 */
export function parsePattern(text: string, file: string): ParsedFile {
  const problems: Problem[] = [];
  const report = (kind: ProblemKind, message: string, line?: number, extra: Partial<Problem> = {}): void => {
    const problem: Problem = { file, kind, message, fatal: false, ...extra };
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  };
  const location = locateFrontmatter(text);
  if (!location.found) {
    report("missing-frontmatter", location.message, location.line, { fatal: true });
    return { kind: "problem", file, problems };
  }
  const frontmatter: FrontmatterRange = { openLine: location.openLine, closeLine: location.closeLine };
  const fail = (kind: ProblemKind, message: string, line?: number, extra: Partial<Problem> = {}): ParsedFile => {
    report(kind, message, line, { ...extra, fatal: true });
    return { kind: "problem", file, frontmatter, problems };
  };
  if (location.recovery) {
    const message = {
      "glued-opening": "The opening '---' is glued to the first key; it belongs on a line of its own.",
      "doubled-opening": `The frontmatter opens with two '---' lines; the keys start after the second, on line ${location.openLine}.`,
      "lines-above": `The frontmatter does not start on line 1: ${location.openLine - 1} line(s) stand above its opening '---'.`,
    }[location.recovery.kind];
    report("frontmatter-not-at-top", message, location.openLine, { recovered: location.recovery.message });
  }

  const read = readYaml(location.yaml, {
    keys: READ_KEYS,
    firstLine: location.firstYamlLine,
    firstLineColumnShift: location.firstLineColumnShift,
  });
  if (!read.ok) {
    return fail("invalid-yaml", read.message, read.line, read.column === undefined ? {} : { column: read.column });
  }
  if (typeof read.value !== "object" || read.value === null || Array.isArray(read.value)) {
    return fail("not-a-mapping", `The frontmatter is ${describeNonMapping(read.value)}, not a mapping of keys.`, location.openLine);
  }

  if (read.outsideError) {
    const { line, column, message } = read.outsideError;
    report("invalid-yaml", message, line, {
      ...(column === undefined ? {} : { column }),
      recovered: "read the keys Pattern Atlas uses, which parse on their own; the error lies in another key",
    });
  }

  const data = normaliseFrontmatter(read.value as Record<string, unknown>, read.positions);
  if (data.lines.relationships !== undefined) frontmatter.relationshipsLine = data.lines.relationships;
  for (const problem of data.problems) report(problem.kind, problem.message, problem.line);

  let slug = data.slug;
  if (slug === undefined) {
    slug = fileStem(file);
    report("missing-slug", "The frontmatter has no 'slug'.", location.openLine, {
      recovered: `used the file name as the slug '${slug}'`,
    });
  }
  let title = data.title;
  if (title === undefined) {
    title = slug;
    report("missing-title", "The frontmatter has no 'title'.", location.openLine, { recovered: `used the slug '${slug}' as the title` });
  }
  if (data.id !== undefined && !TYPEID_PATTERN.test(data.id)) {
    report("invalid-id", `The id '${data.id}' is not a TypeID (pat_ followed by 24 to 26 lowercase letters or digits).`, data.lines.id, {
      recovered: "kept the id as written",
    });
  }

  const pattern: Pattern = {
    slug: asSlug(slug),
    title,
    aliases: data.aliases,
    file,
    generation: data.generation,
  };
  if (data.id !== undefined) pattern.id = asPatternId(data.id);
  if (data.summary !== undefined) pattern.summary = data.summary;
  if (data.domain !== undefined) pattern.domain = data.domain;
  if (data.status !== undefined) pattern.status = data.status;
  if (data.pageUrl !== undefined) pattern.pageUrl = data.pageUrl;
  if (data.githubUrl !== undefined) pattern.githubUrl = data.githubUrl;

  const targets: DeclaredTarget[] = [];
  const own = { id: pattern.id?.toLowerCase(), slug: pattern.slug.toLowerCase(), title: pattern.title.toLowerCase() };
  for (const target of data.targets) {
    if (namesItself(target, own)) {
      report("self-link", `'${target.type}' points at the pattern itself ('${target.target}'); the link is ignored.`, target.line);
    } else {
      targets.push(target);
    }
  }

  const lines: { id?: number; slug?: number; title?: number } = {};
  if (data.lines.id !== undefined) lines.id = data.lines.id;
  if (data.lines.slug !== undefined) lines.slug = data.lines.slug;
  if (data.lines.title !== undefined) lines.title = data.lines.title;
  return { kind: "pattern", file, pattern, targets, lists: data.lists, frontmatter, lines, problems };
}

/** True when the target names the declaring pattern (given lowercased) by its id, slug or title. */
function namesItself(target: DeclaredTarget, own: { id: string | undefined; slug: string; title: string }): boolean {
  if (target.form !== "mapping") {
    const written = target.target.toLowerCase();
    return written === own.id || written === own.slug || written === own.title;
  }
  if (target.id !== undefined) return target.id.toLowerCase() === own.id;
  if (target.slug !== undefined) return target.slug.toLowerCase() === own.slug;
  return target.title!.toLowerCase() === own.title;
}

function fileStem(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return base.toLowerCase().endsWith(".md") ? base.slice(0, -3) : base;
}

function describeNonMapping(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  return `the single value ${JSON.stringify(String(value)).slice(0, 60)}`;
}
