// A path as words, as the API's shared wording (graph/path-wording.ts) gives them: each hop's verb
// ("is a variant of", "complements") between the two patterns, and the whole path as one sentence.
// Plain functions with no renderer behind them, so they are testable without a browser.
import { linkVerb, stepLink } from "../../../graph/path-wording.ts";
import type { LinkView, PathView } from "../types.ts";

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
