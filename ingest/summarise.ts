// The numbers `npm run ingest` prints about a library (and its --json output): counts per link type,
// dangling references, problems by kind, and every problem as one line.

import { KNOWN_LINK_TYPES, PROBLEM_KINDS } from "../core/model.ts";
import type { Library, LibraryStats, ProblemKind } from "../core/model.ts";

/** One problem as the CLI lists it; `line` is null when unknown. */
export interface ProblemLine {
  file: string;
  line: number | null;
  column?: number;
  kind: ProblemKind;
  message: string;
  recovered?: string;
  /** True when the file produced no pattern. */
  fatal: boolean;
}

/**
 * The library's numbers as `GET /api/stats` gives them (LibraryStats), without the domains and hubs, and with
 * every problem as a line. `linksByType` has every known type (0 when absent), then unknown types
 * found in the library, alphabetically.
 */
export type IngestSummary = Omit<LibraryStats, "domains" | "problems" | "problemsByKind" | "degreePercentiles" | "hubs"> & {
  problemsByKind: Partial<Record<ProblemKind, number>>;
  problems: ProblemLine[];
};

export function summariseLibrary(library: Library): IngestSummary {
  const linked = new Set<string>();
  for (const link of library.links) {
    linked.add(link.source);
    linked.add(link.target);
  }
  const problemsByKind: Partial<Record<ProblemKind, number>> = {};
  for (const kind of PROBLEM_KINDS) {
    const count = library.problems.filter((problem) => problem.kind === kind).length;
    if (count > 0) problemsByKind[kind] = count;
  }
  return {
    root: library.root,
    files: library.files,
    patterns: library.patterns.length,
    problemFiles: library.files - library.patterns.length,
    links: library.links.length,
    linksByType: countByType(library.links),
    dangling: library.dangling.length,
    danglingByType: countByType(library.dangling),
    isolated: library.patterns.filter((pattern) => !linked.has(pattern.slug)).length,
    generations: {
      "1": library.patterns.filter((pattern) => pattern.generation === 1).length,
      "2": library.patterns.filter((pattern) => pattern.generation === 2).length,
    },
    problemsByKind,
    problems: library.problems.map((problem) => {
      const line: ProblemLine = {
        file: problem.file,
        line: problem.line ?? null,
        kind: problem.kind,
        message: problem.message,
        fatal: problem.fatal,
      };
      if (problem.column !== undefined) line.column = problem.column;
      if (problem.recovered !== undefined) line.recovered = problem.recovered;
      return line;
    }),
  };
}

function countByType(items: readonly { type: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of KNOWN_LINK_TYPES) counts[type] = 0;
  const unknown = new Map<string, number>();
  for (const { type } of items) {
    if ((KNOWN_LINK_TYPES as readonly string[]).includes(type)) counts[type] = (counts[type] ?? 0) + 1;
    else unknown.set(type, (unknown.get(type) ?? 0) + 1);
  }
  for (const type of [...unknown.keys()].sort()) counts[type] = unknown.get(type)!;
  return counts;
}
