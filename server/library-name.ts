// The library's name as the API shows it: the base name of its folder (or snapshot), never the
// server's absolute path, which would tell every client how the server's disk is laid out.
import type { LibraryStats } from "../graph/index.ts";

/** `/srv/atlas/_patterns/` -> `_patterns`; a name that is already bare stays as it is. */
export function publicLibraryName(root: string): string {
  const parts = root.split(/[\\/]+/).filter((p) => p !== "");
  return parts.at(-1) ?? "";
}

/** The stats with `root` reduced to the library's name. */
export function publicStats(stats: LibraryStats): LibraryStats {
  return { ...stats, root: publicLibraryName(stats.root) };
}
