// The tooltip over a hovered link: who links to whom and how, in words, with what the files say
// about it (a lineage fact's declaring file, a link the fix proposes, a weight).
import type { AtlasGraph, EdgeAttrs } from "../graph/atlas-graph.ts";
import { linkWording } from "../graph/palette.ts";
import { h, replaceChildren } from "../ui/dom.ts";

/** How a lineage fact was declared, for the lineage view's link tooltip. */
const LINEAGE_DECLARED: Record<string, string> = {
  lineage: "(declared on both files)",
  generalizes_from: "(declared on the child only, as generalizes_from)",
  specializes_to: "(declared on the parent only, as specializes_to)",
};

export interface HoveredEdge {
  id: string;
  attrs: EdgeAttrs;
  source: string;
  target: string;
}

/** Fills and shows `tooltip` for `edge` at viewport point (x, y), or hides it when `edge` is null. */
export function showEdgeTooltip(tooltip: HTMLElement, graph: AtlasGraph, edge: HoveredEdge | null, x: number, y: number): void {
  if (!edge) {
    tooltip.hidden = true;
    return;
  }
  const title = (slug: string) => (graph.hasNode(slug) ? graph.getNodeAttribute(slug, "title") : slug);
  const lineageEdge = edge.attrs.declaredBoth !== undefined;
  replaceChildren(
    tooltip,
    h("strong", { text: title(edge.source) }),
    // Lineage edges always run parent -> child, whichever file declared the fact.
    ` ${lineageEdge ? "is the parent of" : linkWording(edge.attrs.linkType, "out")} `,
    h("strong", { text: title(edge.target) }),
    lineageEdge ? h("span", { class: "tooltip__meta", text: ` ${LINEAGE_DECLARED[edge.attrs.linkType] ?? ""}` }) : null,
    edge.attrs.proposed ? h("span", { class: "tooltip__meta", text: " (proposed by the fix: not in the files yet)" }) : null,
    edge.attrs.weight !== undefined ? h("span", { class: "tooltip__meta", text: ` weight ${edge.attrs.weight}` }) : null,
  );
  tooltip.hidden = false;
  tooltip.style.transform = `translate(${Math.round(x + 14)}px, ${Math.round(y + 14)}px)`;
}
