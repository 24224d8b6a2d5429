// The nodes' dots as drawn, and the side each raised label (the boxed label of the focus, the
// selection, a hovered node) takes so that it covers no other node's dot: a lineage root's label
// below it must not hide a child drawn close under it on a phone or in a presentation.
import type Sigma from "sigma";
import type { NodeDisplayData } from "sigma/types";
import type { EdgeAttrs, NodeAttrs } from "./atlas-graph.ts";
import { raisedLabel, raisedSideOrder, type LabelSide } from "./labels.ts";
import type { LabelBox } from "./label-placement.ts";

/** A node's dot in viewport pixels: centre and radius. */
export interface Dot {
  key: string;
  x: number;
  y: number;
  r: number;
}

type Display = NodeDisplayData & { labelAbove?: boolean; key?: string };

/** Every dot the last frame drew (hidden nodes have none). */
export function nodeDots(sigma: Sigma<NodeAttrs, EdgeAttrs>): Dot[] {
  const dots: Dot[] = [];
  for (const key of sigma.getGraph().nodes()) {
    const data = sigma.getNodeDisplayData(key);
    if (!data || data.hidden) continue;
    const at = sigma.framedGraphToViewport(data);
    dots.push({ key, x: at.x, y: at.y, r: sigma.scaleSize(data.size) });
  }
  return dots;
}

/** Whether a dot and a box meet, `margin` pixels counted as meeting. */
export function dotMeetsBox(dot: Dot, box: Omit<LabelBox, "key">, margin = 1): boolean {
  const dx = dot.x - Math.max(box.minX, Math.min(dot.x, box.maxX));
  const dy = dot.y - Math.max(box.minY, Math.min(dot.y, box.maxY));
  return dx * dx + dy * dy < (dot.r + margin) * (dot.r + margin);
}

const meets = (a: Omit<LabelBox, "key">, b: Omit<LabelBox, "key">) => a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;

/** Whether two choices of raised sides are the same. */
export function sameSides(a: ReadonlyMap<string, LabelSide>, b: ReadonlyMap<string, LabelSide>): boolean {
  return a.size === b.size && [...a].every(([key, side]) => b.get(key) === side);
}

/**
 * For each highlighted node, the first of its raised label's sides (its usual one first) where the
 * box lies on the stage and meets no other node's dot nor an earlier raised label (the most raised,
 * by z-index, choose first), a side that holds the whole title before one that shortens it; a node
 * with no such side keeps its usual one. Only sides other than the usual one are listed.
 */
export function chooseRaisedSides(sigma: Sigma<NodeAttrs, EdgeAttrs>, dots: readonly Dot[]): Map<string, LabelSide> {
  const { width, height } = sigma.getDimensions();
  const settings = sigma.getSettings();
  const raised = sigma
    .getGraph()
    .nodes()
    .map((key) => ({ key, data: sigma.getNodeDisplayData(key) as Display | undefined }))
    .filter((n): n is { key: string; data: Display } => n.data?.highlighted === true && !n.data.hidden && Boolean(n.data.label))
    .sort((a, b) => (b.data.zIndex ?? 0) - (a.data.zIndex ?? 0));
  const sides = new Map<string, LabelSide>();
  const taken: Omit<LabelBox, "key">[] = [];
  for (const { key, data } of raised) {
    const at = sigma.framedGraphToViewport(data);
    const node = { key, x: at.x, y: at.y, size: sigma.scaleSize(data.size), label: data.label!, labelAbove: data.labelAbove };
    const order = raisedSideOrder(node);
    const boxOn = (side: LabelSide) => raisedLabel(node, settings, width, side).box;
    const clear = (box: Omit<LabelBox, "key">) =>
      box.minX >= 0 && box.minY >= 0 && box.maxX <= width && box.maxY <= height && !taken.some((t) => meets(t, box)) && !dots.some((d) => d.key !== key && dotMeetsBox(d, box));
    // A side where the title is whole wins over one where the stage's edge shortens it ("5S Meth…"
    // right of a node near a phone's edge, when centred below it the whole title fits).
    const whole = raisedLabel(node, settings, Infinity, order[0]!).lines.join("\n");
    const uncut = (side: LabelSide) => raisedLabel(node, settings, width, side).lines.join("\n") === whole;
    const side = order.find((s) => uncut(s) && clear(boxOn(s))) ?? order.find((s) => clear(boxOn(s))) ?? order[0]!;
    if (side !== order[0]) sides.set(key, side);
    taken.push(boxOn(side));
  }
  return sides;
}
