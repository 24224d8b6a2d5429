// Gives the memory store's copy of a library strings of its own, interned where they repeat. Ingest
// reads each field as a slice of its file's decoded frontmatter, and V8 keeps a slice's whole parent
// alive: at ten times the 2026-02-20 library (35,710 patterns, frontmatter of 4-15 KB, often two bytes
// a character) that is ~270 MB of heap held for a few bytes per field. Measured there: the heap after
// load 720 MB before, see docs/performance.md for after; the copying costs ~0.2 s of the load.
import type { DanglingRef, Library, Link, Pattern, Problem } from "../../core/model.ts";
import { ITEMS_PER_STEP, type Steps } from "../sliced-work.ts";

/**
 * A copy of `text` that holds no other string alive. V8 flattens a concatenation into a fresh
 * string before slicing it, so the slice's parent is that fresh string of one more character, not
 * the frontmatter `text` was cut from; a string under 13 characters is copied outright. Equal by
 * value to `text`, always (lone surrogates included).
 */
export function ownString(text: string): string {
  return (" " + text).slice(1);
}

/** Equal strings as one string, owned (ownString): slugs, files, types, domains and statuses repeat. */
function interner(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let owned = seen.get(text);
    if (owned === undefined) {
      owned = ownString(text);
      seen.set(owned, owned);
    }
    return owned;
  };
}

/**
 * Replaces every string of `library` (patterns, links, dangling references, problems) in place with
 * an owned one (ownString), interning those that repeat. Only for a library nobody else holds:
 * the store's canonical copy. Values, keys and key order are unchanged.
 */
export function* compactLibrarySteps(library: Library): Steps<void> {
  const intern = interner();
  let count = 0;
  for (const p of library.patterns) {
    if (++count % ITEMS_PER_STEP === 0) yield;
    compactPattern(p, intern);
  }
  for (const l of library.links) {
    if (++count % ITEMS_PER_STEP === 0) yield;
    compactDeclaration(l, intern);
    l.target = intern(l.target) as Link["target"];
  }
  for (const d of library.dangling) {
    if (++count % ITEMS_PER_STEP === 0) yield;
    compactDeclaration(d, intern);
    // Not interned: a dangling target names no pattern.
    d.target = ownString(d.target);
  }
  for (const problem of library.problems) {
    if (++count % ITEMS_PER_STEP === 0) yield;
    compactProblem(problem, intern);
  }
}

type Intern = (text: string) => string;

function compactPattern(p: Pattern, intern: Intern): void {
  p.slug = intern(p.slug) as Pattern["slug"];
  if (p.id !== undefined) p.id = ownString(p.id) as Pattern["id"];
  p.title = ownString(p.title);
  p.aliases = p.aliases.map(ownString);
  if (p.summary !== undefined) p.summary = ownString(p.summary);
  if (p.domain !== undefined) p.domain = intern(p.domain);
  if (p.status !== undefined) p.status = intern(p.status);
  p.file = intern(p.file);
  if (p.pageUrl !== undefined) p.pageUrl = ownString(p.pageUrl);
  if (p.githubUrl !== undefined) p.githubUrl = ownString(p.githubUrl);
}

/** The fields a link and a dangling reference share, all but the target. */
function compactDeclaration(l: Link | DanglingRef, intern: Intern): void {
  l.source = intern(l.source) as Link["source"];
  l.type = intern(l.type) as Link["type"];
  if (l.description !== undefined) l.description = ownString(l.description);
  l.declaredIn = intern(l.declaredIn);
}

function compactProblem(problem: Problem, intern: Intern): void {
  problem.file = intern(problem.file);
  problem.kind = intern(problem.kind) as Problem["kind"];
  problem.message = ownString(problem.message);
  if (problem.recovered !== undefined) problem.recovered = ownString(problem.recovered);
}
