// A path as words: the links of each hop and its arrows ("—enables→", "←requires—"), and the whole
// path as one line. Plain functions with no renderer behind them, so they are testable without a browser.
import type { LinkView, PathView } from "../types.ts";

/** The links of one hop of a path (both orders of the two nodes), as the API lists them. */
export function hopLinks(path: PathView, hop: number): LinkView[] {
  const a = path.nodes[hop];
  const b = path.nodes[hop + 1];
  return path.links.filter((l) => (l.source === a && l.target === b) || (l.source === b && l.target === a));
}

/** One hop as text, e.g. "—enables→" or "←requires—" or "—related—", several joined by " / ". */
export function hopArrows(path: PathView, hop: number): string[] {
  const from = path.nodes[hop];
  const arrows = hopLinks(path, hop).map((link) => {
    if (!link.directed) return `—${link.type}—`;
    return link.source === from ? `—${link.type}→` : `←${link.type}—`;
  });
  // A symmetric link declared on both files is two links but one fact: "—related— —related—" says nothing more.
  return [...new Set(arrows)];
}

/** A whole path as one line: "A —enables→ B ←requires— C". */
export function pathSentence(path: PathView, title: (slug: string) => string): string {
  let text = title(path.nodes[0]!);
  for (let hop = 0; hop < path.length; hop++) {
    text += ` ${hopArrows(path, hop).join(" / ")} ${title(path.nodes[hop + 1]!)}`;
  }
  return text;
}
