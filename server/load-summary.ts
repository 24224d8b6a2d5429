// How start-up and reloads describe a library in the log: its numbers in one line, and elapsed times.
import type { LibraryStats } from "../graph/index.ts";

export function summarize(stats: LibraryStats): string {
  return (
    `${stats.files} files, ${stats.patterns} patterns, ${stats.links} links, ${stats.dangling} dangling, ` +
    `${stats.problems} problems (${stats.problemFiles} ${stats.problemFiles === 1 ? "file" : "files"} not a pattern)`
  );
}

/** Milliseconds since `started` (a performance.now()), rounded, with the unit. */
export function ms(started: number): string {
  return `${Math.round(performance.now() - started)} ms`;
}
