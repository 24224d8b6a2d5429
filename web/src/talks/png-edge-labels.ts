// The PNG export's link words without overlaps, as the SVG export keeps them: sigma draws an edge
// label for every link whose ends are labelled, over each other in a dense view. Here the temporary
// renderer's label drawers are held back until the node labels are placed; each held label is then
// traced on a scratch canvas (where its letters would go, straight or along a curve) and drawn only
// where it meets no node, node label or link label drawn before it.
import type Sigma from "sigma";
import type { EdgeLabelDrawingFunction } from "sigma/rendering";

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

type HeldLabel = Parameters<EdgeLabelDrawingFunction> extends [unknown, ...infer Rest] ? Rest : never;

/** sigma keeps its edge programs private; each has the drawer of its labels (curved ones their own). */
type ProgramsOf = { edgePrograms?: Record<string, { drawLabel?: EdgeLabelDrawingFunction }> };

const GAP = 2;
const overlaps = (a: Box, b: Box) => a.minX < b.maxX + GAP && b.minX < a.maxX + GAP && a.minY < b.maxY + GAP && b.minY < a.maxY + GAP;

/**
 * Holds back `renderer`'s edge labels (call before its render); the returned function draws the held
 * ones that fit among `taken` (the placed node labels, in viewport pixels) on the edge-label layer.
 */
export function holdEdgeLabels(renderer: Sigma): (taken: readonly Box[]) => void {
  const held: { draw: EdgeLabelDrawingFunction; args: HeldLabel }[] = [];
  const hold =
    (draw: EdgeLabelDrawingFunction): EdgeLabelDrawingFunction =>
    (_context, ...args) =>
      held.push({ draw, args });
  const programs = (renderer as unknown as ProgramsOf).edgePrograms ?? {};
  for (const program of Object.values(programs)) if (program.drawLabel) program.drawLabel = hold(program.drawLabel);
  renderer.setSetting("defaultDrawEdgeLabel", hold(renderer.getSetting("defaultDrawEdgeLabel")));

  return (taken) => {
    const context = renderer.getCanvases().edgeLabels?.getContext("2d");
    if (!context) return;
    const boxes: Box[] = [...taken];
    // Every drawn node's disc is taken room too.
    renderer.getGraph().forEachNode((node) => {
      const data = renderer.getNodeDisplayData(node);
      if (!data || data.hidden) return;
      const at = renderer.framedGraphToViewport(data);
      const r = renderer.scaleSize(data.size);
      boxes.push({ minX: at.x - r, minY: at.y - r, maxX: at.x + r, maxY: at.y + r });
    });
    const trace = traceOn(document.createElement("canvas").getContext("2d"));
    for (const { draw, args } of held) {
      const letters = trace((scratch) => draw(scratch, ...args));
      if (!letters.length || letters.some((l) => boxes.some((b) => overlaps(l, b)))) continue;
      boxes.push(...letters);
      draw(context, ...args);
    }
  };
}

/** Runs a label drawer on a scratch context that records the box of each text it would write, drawing nothing. */
function traceOn(scratch: CanvasRenderingContext2D | null): (run: (context: CanvasRenderingContext2D) => void) => Box[] {
  return (run) => {
    if (!scratch) return [];
    const boxes: Box[] = [];
    scratch.resetTransform();
    scratch.fillText = (text: string, x: number, y: number) => {
      const metrics = scratch.measureText(text);
      const m = scratch.getTransform();
      const corners = [
        [x - metrics.actualBoundingBoxLeft, y - metrics.actualBoundingBoxAscent],
        [x + metrics.actualBoundingBoxRight, y - metrics.actualBoundingBoxAscent],
        [x - metrics.actualBoundingBoxLeft, y + metrics.actualBoundingBoxDescent],
        [x + metrics.actualBoundingBoxRight, y + metrics.actualBoundingBoxDescent],
      ].map(([cx, cy]) => ({ x: m.a * cx! + m.c * cy! + m.e, y: m.b * cx! + m.d * cy! + m.f }));
      boxes.push({ minX: Math.min(...corners.map((c) => c.x)), minY: Math.min(...corners.map((c) => c.y)), maxX: Math.max(...corners.map((c) => c.x)), maxY: Math.max(...corners.map((c) => c.y)) });
    };
    scratch.strokeText = () => undefined;
    scratch.save();
    run(scratch);
    scratch.restore();
    return boxes;
  };
}
