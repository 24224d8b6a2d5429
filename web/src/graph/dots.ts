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

/** Every dot the last frame drew (hidden nodes have none), or those of the nodes `only` keeps. */
export function nodeDots(sigma: Sigma<NodeAttrs, EdgeAttrs>, only?: (key: string) => boolean): Dot[] {
  const dots: Dot[] = [];
  for (const key of sigma.getGraph().nodes()) {
    if (only && !only(key)) continue;
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

/** Each raised label's side (only those other than the usual one) and those written in lines. */
export interface RaisedChoice {
  sides: Map<string, LabelSide>;
  wrapped: Set<string>;
}

/** Whether two choices of raised sides are the same. */
export function sameSides(a: RaisedChoice, b: { sides: ReadonlyMap<string, LabelSide>; wrapped: ReadonlySet<string> }): boolean {
  return (
    a.sides.size === b.sides.size && [...a.sides].every(([key, side]) => b.sides.get(key) === side) && a.wrapped.size === b.wrapped.size && [...a.wrapped].every((key) => b.wrapped.has(key))
  );
}

/**
 * For each highlighted node, its raised label's side (its usual one first) and whether it is written
 * in lines, so that its box lies on the stage, clear of what floats over it (`obstacles`: the zoom
 * buttons) and of earlier raised labels (the most raised, by z-index, choose first), and covers no
 * other node's dot: the whole title on one line, else in lines (wrapLabel's: a phone's small stage).
 * Where every such place covers a dot (a finding's small, crowded graph on a phone), the whole title
 * still wins, on one line or in lines, over the fewest dots; it is shortened only where no side holds
 * it whole on the stage. A node with no place on the stage keeps its usual side, on one line.
 */
export function chooseRaisedSides(sigma: Sigma<NodeAttrs, EdgeAttrs>, dots: readonly Dot[], obstacles: readonly Omit<LabelBox, "key">[] = []): RaisedChoice {
  const { width, height } = sigma.getDimensions();
  const settings = sigma.getSettings();
  const raised = sigma
    .getGraph()
    .nodes()
    .map((key) => ({ key, data: sigma.getNodeDisplayData(key) as Display | undefined }))
    .filter((n): n is { key: string; data: Display } => n.data?.highlighted === true && !n.data.hidden && Boolean(n.data.label))
    .sort((a, b) => (b.data.zIndex ?? 0) - (a.data.zIndex ?? 0));
  const choice: RaisedChoice = { sides: new Map(), wrapped: new Set() };
  const taken: Omit<LabelBox, "key">[] = [...obstacles];
  for (const { key, data } of raised) {
    const at = sigma.framedGraphToViewport(data);
    const node = { key, x: at.x, y: at.y, size: sigma.scaleSize(data.size), label: data.label!, labelAbove: data.labelAbove };
    const order = raisedSideOrder(node);
    // A side where the title is whole wins over one where the stage's edge shortens it ("5S Meth…"
    // right of a node near a phone's edge, when centred below it the whole title fits).
    const whole = raisedLabel(node, settings, Infinity, order[0]!, false).lines.join("\n");
    const words = node.label.split(/\s+/).join(" ");
    const places = [false, true].flatMap((wrap) =>
      order.map((side) => {
        const { box, lines } = raisedLabel(node, settings, width, side, wrap);
        const fits = box.minX >= 0 && box.minY >= 0 && box.maxX <= width && box.maxY <= height && !taken.some((t) => meets(t, box));
        const covered = dots.filter((d) => d.key !== key && dotMeetsBox(d, box)).length;
        return { side, wrap, box, fits, covered, whole: wrap ? lines.join(" ") === words : lines.join("\n") === whole };
      }),
    );
    const fewest = (list: typeof places) => list.reduce<(typeof places)[number] | undefined>((best, p) => (!best || p.covered < best.covered ? p : best), undefined);
    // A raised label is read whole: a title cut short ("Acceptance and C…" beside a phone's focus)
    // is chosen only where no side holds it whole, even over dots.
    const chosen =
      places.find((p) => p.fits && p.whole && p.covered === 0) ??
      fewest(places.filter((p) => p.fits && p.whole)) ??
      fewest(places.filter((p) => p.fits)) ??
      places[0]!;
    if (chosen.side !== order[0]) choice.sides.set(key, chosen.side);
    if (chosen.wrap) choice.wrapped.add(key);
    taken.push(chosen.box);
  }
  return choice;
}
