// A path as words, as the API's shared wording (core/path-wording.ts) gives them: each hop's verb
// ("is a variant of", "complements") between the two patterns, and the whole path as one sentence.
// Plain functions with no renderer behind them, so they are testable without a browser.
import { linkVerb, stepLink } from "../../../core/path-wording.ts";
import type { LinkView, PathResult, PathView } from "../types.ts";

/** The links of one hop of a path (both orders of the two nodes), as the API lists them. */
export function hopLinks(path: Pick<PathView, "nodes" | "links">, hop: number): LinkView[] {
  const a = path.nodes[hop];
  const b = path.nodes[hop + 1];
  return path.links.filter((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a));
}

/**
 * What the hop's first pattern is to the next, e.g. "is a variant of": the link the API's step
 * reads (a symmetric link declared in both files, or `A enables B` beside `B requires A`, is one fact).
 */
export function hopVerb(path: Pick<PathView, "nodes" | "links">, hop: number): string {
  const links = hopLinks(path, hop);
  return links.length ? linkVerb(stepLink(links), path.nodes[hop]!) : "";
}

/** The whole path as one sentence: the API's explanation, e.g. "A is a variant of B, which complements C." */
export function pathSentence(path: Pick<PathView, "explanation">): string {
  return path.explanation;
}

const nf = new Intl.NumberFormat("en");
const patterns = (n: number) => `${nf.format(n)} pattern${n === 1 ? "" : "s"}`;

/**
 * Why no path joins the two ends, from the API's components: which connected part each end is in
 * and its size, or that one part holds both (so the length or direction limit is the reason).
 * null when the answer carries no components (a path was found, or both ends are one pattern).
 */
export function separationText(result: Pick<PathResult, "from" | "to" | "components">, titleOf: (slug: string) => string): string | null {
  const parts = result.components;
  if (!parts) return null;
  if (parts.same) return `Both are in one connected part of ${patterns(parts.from.size)}: the limit on length, or following direction, keeps them apart.`;
  const part = (slug: string, p: { size: number; sample: readonly string[] }) => {
    if (p.size === 1) return `${titleOf(slug)} has no link of these types at all`;
    const others = p.sample.filter((s) => s !== slug).slice(0, 3);
    const more = p.size - 1 - others.length;
    return `${titleOf(slug)} is in a connected part of ${patterns(p.size)} (with ${others.map(titleOf).join(", ")}${more > 0 ? ` and ${nf.format(more)} more` : ""})`;
  };
  return `${part(result.from, parts.from)}; ${part(result.to, parts.to)}. No chain of links joins the two parts.`;
}
