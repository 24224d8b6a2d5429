// How a finding's evidence says what was found, in words as the explorer's Gaps list and paths
// say it: patterns by their titles, links by what they mean ("is a variant of", core/path-wording.ts),
// dangling targets by why nothing matches ("stale id", "never created"), places as "file, line n".
// The slugs, ids and frontmatter keys stay in the finding's own fields (patterns, links) for tools.
import { danglingReason } from "../../core/dangling-wording.ts";
import { linkVerb } from "../../core/path-wording.ts";
export { possessive } from "../../core/path-wording.ts";
import type { Slug, TargetForm } from "../../core/model.ts";
import type { GapGraph } from "./gap-graph.ts";

/** A pattern's title (its slug only when it has none). */
export const titleIn =
  (g: GapGraph) =>
  (slug: string): string =>
    g.bySlug.get(slug)?.title || slug;

/** "file.md, line 12", or the file alone when the line is unknown. */
export const placeOf = (file: string, line?: number): string => (line ? `${file}, line ${line}` : file);

/** "A is a variant of B": what `link` declares, its source by title, followed by `target` (words already). */
export function declaresWords(title: (slug: string) => string, link: { source: Slug; type: string }, target: string): string {
  return `${title(link.source)} ${linkVerb(link, link.source)} ${target}`;
}

/**
 * A declared target that matches no pattern, in words: an id by its reason alone ("a stale id"), a
 * slug or title as written, with what no pattern has ("never created").
 */
export function danglingTargetWords(target: string, form: TargetForm): string {
  if (danglingReason(target, form) === "stale id") return "a pattern by an id no pattern carries now (a stale id)";
  const what = form === "title" ? "title" : form === "slug" ? "name" : "name, id or title";
  return `“${target}”, a ${what} no pattern has (never created)`;
}

/** "A, B and C"; past `max` names, "A, B, C and 4 more". */
export function titleList(titles: readonly string[], max = 6): string {
  if (titles.length <= 1) return titles[0] ?? "";
  if (titles.length > max) return `${titles.slice(0, max).join(", ")} and ${titles.length - max} more`;
  return `${titles.slice(0, -1).join(", ")} and ${titles[titles.length - 1]}`;
}
