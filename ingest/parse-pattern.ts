// Reads one pattern file's text into a pattern, its declared link targets and its problems. Pure: no
// I/O and no knowledge of other files; resolving targets across the library happens in resolve-library.ts.

import { asPatternId, asSlug, LONE_SURROGATE, SLUG_MAX_LENGTH, slugFault, TEXT_LIMITS } from "../core/model.ts";
import type { Pattern, Problem, ProblemKind } from "../core/model.ts";
import { locateFrontmatter, type FrontmatterLocation, type FrontmatterRecovery } from "./locate-frontmatter.ts";
import { normaliseFrontmatter, READ_KEYS, TYPEID_PATTERN } from "./normalise-frontmatter.ts";
import type { DeclaredTarget, FrontmatterRange, ParsedFile } from "./parsed-file.ts";
import { readYaml, type YamlReadResult } from "./read-yaml.ts";

/**
 * Parses a pattern file. `file` is its path relative to the library root (with `/`); it names the
 * file in problems and supplies the slug when the frontmatter has none. `location` is
 * locateFrontmatter(text), when the caller has it already. Never throws.
 */
export function parsePattern(text: string, file: string, location: FrontmatterLocation = locateFrontmatter(text)): ParsedFile {
  if (!location.found) {
    const problem: Problem = { file, kind: "missing-frontmatter", message: location.message, fatal: true };
    if (location.line !== undefined) problem.line = location.line;
    return { kind: "problem", file, problems: [problem] };
  }
  const read = readYaml(location.yaml, {
    keys: READ_KEYS,
    firstLine: location.firstYamlLine,
    firstLineColumnShift: location.firstLineColumnShift,
  });
  return patternFromFrontmatter(file, location, read);
}

/**
 * The second half of parsePattern, from the frontmatter's place and its YAML as read (by readYaml, or
 * from the file's bytes by frontmatter-bytes.ts): the pattern, its targets and its problems.
 */
export function patternFromFrontmatter(
  file: string,
  location: { openLine: number; closeLine: number; recovery?: { kind: FrontmatterRecovery; message: string } },
  read: YamlReadResult,
): ParsedFile {
  const problems: Problem[] = [];
  const report = (kind: ProblemKind, message: string, line?: number, extra: Partial<Problem> = {}): void => {
    const problem: Problem = { file, kind, message, fatal: false, ...extra };
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  };
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
  const aliases = data.aliases;
  if (slug === undefined) {
    const stem = fileStem(file);
    slug = slugFault(stem) === undefined ? stem : slugForm(stem);
    if (slug === undefined) {
      return fail("invalid-slug", `The frontmatter has no 'slug', and the file name ${shown(stem)} has no slug form.`, location.openLine);
    }
    report("missing-slug", "The frontmatter has no 'slug'.", location.openLine, {
      recovered: slug === stem ? `used the file name as the slug '${slug}'` : `used the file name's slug form '${slug}'`,
    });
  } else {
    const fault = slugFault(slug);
    if (fault !== undefined) {
      // A slug the API and the explorer's URLs cannot carry: the file name's slug form replaces it,
      // and the written one stays findable (and resolvable by links) as an alias.
      const written = slug;
      const line = data.lines.slug ?? location.openLine;
      slug = slugForm(fileStem(file)) ?? slugForm(written);
      if (slug === undefined) {
        return fail("invalid-slug", `The slug ${shown(written)} cannot be requested (${fault}), and neither it nor the file name has a slug form.`, line);
      }
      const alias = aliasForm(written);
      const keepAlias = alias !== "" && alias !== slug && !aliases.includes(alias);
      if (keepAlias) aliases.push(alias);
      report("invalid-slug", `The slug ${shown(written)} cannot be requested: ${fault}.`, line, {
        recovered: `used the slug '${slug}'${keepAlias ? "; the written one is kept as an alias" : ""}`,
      });
    }
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
    aliases,
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

const UNREQUESTABLE_RUNS = new RegExp(`(?:[\\s\\u0000-\\u001f\\u007f-\\u009f,]|${LONE_SURROGATE.source})+`, "g");
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/**
 * The slug form of a text: runs of white space, control characters, commas and lone surrogates become
 * one `-`, `-` at either end goes, and it is cut at SLUG_MAX_LENGTH. Undefined when nothing requestable is left.
 */
export function slugForm(text: string): string | undefined {
  let form = text.replace(UNREQUESTABLE_RUNS, "-").replace(/^-+|-+$/g, "");
  if (form.length > SLUG_MAX_LENGTH) form = form.slice(0, SLUG_MAX_LENGTH).replace(/[\uD800-\uDBFF]$/, "").replace(/-+$/, "");
  return slugFault(form) === undefined ? form : undefined;
}

/** A written slug as an alias: control characters and runs of white space as one space, capped as a name. */
function aliasForm(text: string): string {
  // eslint-disable-next-line no-control-regex
  const alias = text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, " ").replace(LONE_SURROGATES, "\uFFFD").trim();
  return alias.length > TEXT_LIMITS.name ? `${alias.slice(0, TEXT_LIMITS.name - 1)}…` : alias;
}

/** A value for a message: quoted with escapes, and cut when long. */
function shown(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function describeNonMapping(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  return `the single value ${JSON.stringify(String(value)).slice(0, 60)}`;
}
