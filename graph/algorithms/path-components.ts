// Why no path joins two patterns, in numbers: the connected part of the library each end belongs to
// (over the followed link types, either direction, at any length), its size and its best-linked
// members. Written once for both stores: they only say how to expand a frontier and what a member's
// slug and degree are.
import type { Budget } from "../budget.ts";
import { compareStrings } from "./views.ts";
import type { PathComponent, PathComponents, Slug } from "../../core/model.ts";

/** Members named in a component's sample. */
export const COMPONENT_SAMPLE = 5;

/** Every key reachable from `start` through `expand` (the neighbours of a whole frontier, any order). */
export async function componentMembers<K>(start: K, expand: (frontier: K[]) => Promise<K[]>, budget?: Budget): Promise<Set<K>> {
  const seen = new Set<K>([start]);
  let frontier = [start];
  while (frontier.length) {
    const next: K[] = [];
    for (const k of await expand(frontier)) {
      if (seen.has(k)) continue;
      seen.add(k);
      next.push(k);
    }
    await budget?.checkpoint(frontier.length + next.length);
    frontier = next;
  }
  return seen;
}

/** A component from its members' slugs and degrees: its size and the best-linked first (degree, then slug). */
export function componentSummary(members: readonly { slug: string; degree: number }[]): PathComponent {
  const sample = [...members]
    .sort((a, b) => b.degree - a.degree || compareStrings(a.slug, b.slug))
    .slice(0, COMPONENT_SAMPLE)
    .map((m) => m.slug as Slug);
  return { size: members.length, sample };
}

/** Both ends' components; `same` when one component holds both (the limits on length or direction then explain the lack of a path). */
export function pathComponents(from: PathComponent, to: PathComponent, same: boolean): PathComponents {
  return { same, from, to };
}
