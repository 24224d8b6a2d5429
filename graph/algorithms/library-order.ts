// The one canonical order of a library's lists, so that both stores export, report and compare
// libraries alike: patterns by slug, links by linkKey, dangling references and problems by file position.
import { linkId } from "../build-graph.ts";
import type { DanglingRef, Library, Link, Pattern, Problem } from "../../core/model.ts";
import { compareStrings } from "./views.ts";

/** A missing line or column sorts before any number: a whole-file problem comes first. */
const compareOptionalNumbers = (a: number | undefined, b: number | undefined): number => (a ?? 0) - (b ?? 0);

export const comparePatterns = (a: Pattern, b: Pattern): number => compareStrings(a.slug, b.slug);

export const compareLinks = (a: Link, b: Link): number =>
  compareStrings(linkId(a.source, a.type, a.target), linkId(b.source, b.type, b.target));

/** By source, type, target as written, then declaring file and line. */
export const compareDangling = (a: DanglingRef, b: DanglingRef): number =>
  compareStrings(a.source, b.source) ||
  compareStrings(a.type, b.type) ||
  compareStrings(a.target, b.target) ||
  compareStrings(a.declaredIn, b.declaredIn) ||
  compareOptionalNumbers(a.line, b.line);

/** By file, then line, then column (missing first), then kind, then message. */
export const compareProblems = (a: Problem, b: Problem): number =>
  compareStrings(a.file, b.file) ||
  compareOptionalNumbers(a.line, b.line) ||
  compareOptionalNumbers(a.column, b.column) ||
  compareStrings(a.kind, b.kind) ||
  compareStrings(a.message, b.message);

/**
 * A copy of the library in canonical order, with a repeated (source, type, target) link kept
 * once (its first declaration). What `exportLibrary()` returns from either store. The copy shares
 * nothing mutable with the input.
 */
export function canonicalLibrary(library: Library): Library {
  const seen = new Set<string>();
  const links: { item: Link; key: string }[] = [];
  for (const l of library.links) {
    const id = linkId(l.source, l.type, l.target);
    if (seen.has(id)) continue;
    seen.add(id);
    links.push({ item: { ...l }, key: id });
  }
  // Ids computed once, not inside the comparator.
  links.sort((a, b) => compareStrings(a.key, b.key));
  return {
    root: library.root,
    files: library.files,
    patterns: library.patterns.map((p) => ({ ...p, aliases: [...p.aliases] })).sort(comparePatterns),
    links: links.map((x) => x.item),
    dangling: library.dangling.map((d) => ({ ...d })).sort(compareDangling),
    problems: library.problems.map((p) => ({ ...p })).sort(compareProblems),
  };
}

/**
 * canonicalLibrary without the copy, for a library its caller hands over and never uses again (the
 * server's start-up): the same order and the same links kept, with the lists sorted in place (a list
 * already in order is only checked) and no object copied. At ten times the 2026-02-20 library the
 * copy was ~240,000 objects made and as many dropped while the store was built.
 */
export function canonicalLibraryInPlace(library: Library): Library {
  const seen = new Set<string>();
  const keys: string[] = [];
  const links: Link[] = [];
  for (const l of library.links) {
    const id = linkId(l.source, l.type, l.target);
    if (seen.has(id)) continue;
    seen.add(id);
    keys.push(id);
    links.push(l);
  }
  // Keys computed once, not inside the comparator: the positions sorted by key, then the links in that order.
  library.links = isSorted(keys, compareStrings) ? links : Array.from(keys.keys()).sort((a, b) => compareStrings(keys[a]!, keys[b]!)).map((i) => links[i]!);
  sortInPlace(library.patterns, comparePatterns);
  sortInPlace(library.dangling, compareDangling);
  sortInPlace(library.problems, compareProblems);
  return library;
}

function isSorted<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1]!, items[i]!) > 0) return false;
  return true;
}

/** Array.prototype.sort is stable, as canonicalLibrary's copy-then-sort: equal items keep their order. */
function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): void {
  if (!isSorted(items, compare)) items.sort(compare);
}

