// Paths in plain words: each hop as a sentence clause read as the data means it (README "What the
// link types mean"), and a whole path as one sentence. Platform-free (model types only), so the
// stores, the server and the web app word paths alike.
import type { KnownLinkType } from "./link-types.ts";
import type { Slug } from "./library.ts";
import { linkKey, type LinkView } from "./answers.ts";
import type { PathStep } from "./paths.ts";

/** The facts a hop may state, most telling first: lineage and dependency say more than relatedness. */
const STEP_TYPE_ORDER: readonly string[] = ["generalizes_from", "specializes_to", "enables", "requires", "tools", "alternatives", "complementary", "related"];
const typeOrder = (type: string): number => {
  const i = STEP_TYPE_ORDER.indexOf(type);
  return i < 0 ? STEP_TYPE_ORDER.length : i;
};

/** "Kanban’s", "Six Sigma Tools’": whose file a title names (the Gaps list and the gaps evidence). */
export const possessive = (title: string): string => (/s$/i.test(title) ? `${title}’` : `${title}’s`);

/** A link type's name in words: "conflicts_with" -> "conflicts with". */
export const linkTypeWords = (type: string): string => type.replace(/_/g, " ");

/**
 * What `u` is to the other end of `link` (declared from link.source to link.target), as the verb
 * phrase that goes before the other end's title: "is a variant of", "complements".
 */
export function linkVerb(link: Pick<LinkView, "source" | "type">, u: string): string {
  const forward = link.source === u;
  switch (link.type as KnownLinkType) {
    case "generalizes_from":
      return forward ? "is a variant of" : "is a generalization of";
    case "specializes_to":
      return forward ? "is a generalization of" : "is a variant of";
    case "enables":
      return forward ? "enables" : "is enabled by";
    case "requires":
      return forward ? "requires" : "is required by";
    case "tools":
      return forward ? "uses the tool" : "is a tool for";
    case "related":
      return "is related to";
    case "alternatives":
      return "is an alternative to";
    case "complementary":
      return "complements";
    default:
      return `has a “${linkTypeWords(link.type)}” link ${forward ? "to" : "from"}`;
  }
}

/** The link a hop's step reads: the most telling type (STEP_TYPE_ORDER), then the highest declared weight, then the linkKey. */
export function stepLink(links: readonly LinkView[]): LinkView {
  let best = links[0]!;
  for (const l of links.slice(1)) {
    const byType = typeOrder(l.type) - typeOrder(best.type);
    const byWeight = (l.weight ?? -1) - (best.weight ?? -1);
    if (byType < 0 || (byType === 0 && (byWeight > 0 || (byWeight === 0 && linkKey(l) < linkKey(best))))) best = l;
  }
  return best;
}

/** The weight and description of a step as a parenthesis: " (weight 0.8: “…”)", or "" when neither is declared. */
function declared(step: PathStep): string {
  const parts: string[] = [];
  if (step.weight !== undefined) parts.push(`weight ${step.weight}`);
  if (step.description !== undefined) parts.push(`“${step.description}”`);
  return parts.length ? ` (${parts.join(": ")})` : "";
}

/**
 * The steps of a path (`links`: every usable link of each hop, as PathView lists them) and the
 * path as one sentence: "A is a variant of B, which complements C." `title` gives a slug's title.
 */
export function describePath(nodes: readonly Slug[], links: readonly LinkView[], title: (slug: string) => string): { steps: PathStep[]; explanation: string } {
  if (nodes.length === 1) return { steps: [], explanation: `${title(nodes[0]!)} is both ends: no link is needed.` };
  const steps: PathStep[] = [];
  let sentence = "";
  for (let i = 0; i + 1 < nodes.length; i++) {
    const u = nodes[i]!;
    const v = nodes[i + 1]!;
    const hop = links.filter((l) => (l.source === u && l.target === v) || (l.source === v && l.target === u));
    const link = stepLink(hop);
    const phrase = `${linkVerb(link, u)} ${title(v)}`;
    const step: PathStep = { from: u, to: v, type: link.type, text: `${title(u)} ${phrase}` };
    if (link.weight !== undefined) step.weight = link.weight;
    if (link.description !== undefined) step.description = link.description;
    steps.push(step);
    sentence += (i === 0 ? step.text : `, which ${phrase}`) + declared(step);
  }
  return { steps, explanation: `${sentence}.` };
}
