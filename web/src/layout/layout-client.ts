// Page side of the layout worker: sends the current positions, gets the settled ones back and
// animates the nodes there, so the first frame is drawn at once and the layout eases in after.
import { animateNodes } from "sigma/utils";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import type { LayoutRequest, LayoutResponse } from "./layout-protocol.ts";

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (response: LayoutResponse) => void>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL("./force-layout.worker.ts", import.meta.url), { type: "module", name: "force-layout" });
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    };
  }
  return worker;
}

/** Iterations scale down with size so a 400-node neighbourhood still settles in well under a second. */
export function iterationsFor(order: number): number {
  if (order <= 60) return 400;
  if (order <= 200) return 250;
  if (order <= 500) return 150;
  return 80;
}

export interface ForceLayoutResult {
  millis: number;
}

/**
 * Runs ForceAtlas2 in the worker from the graph's current positions, then animates the graph to the
 * result (changed first by `adjust`, if given). Rejects with an AbortError when `signal` aborts (the view changed meanwhile).
 */
export async function runForceLayout(
  graph: AtlasGraph,
  signal: AbortSignal,
  options: { iterations?: number; animateMs?: number; adjust?: (targets: Record<string, { x: number; y: number }>) => void } = {},
): Promise<ForceLayoutResult> {
  const keys = graph.nodes();
  if (keys.length < 2) return { millis: 0 };
  const request: LayoutRequest = {
    id: nextId++,
    nodes: keys.map((key) => {
      const a = graph.getNodeAttributes(key);
      return { key, x: a.x, y: a.y, size: a.size, fixed: Boolean(a.fixed) };
    }),
    edges: graph.mapEdges((_edge, attrs, source, target) => [source, target, attrs.weight ?? 1] as [string, string, number]),
    iterations: options.iterations ?? iterationsFor(keys.length),
  };
  const response = await new Promise<LayoutResponse>((resolve, reject) => {
    const abort = () => {
      pending.delete(request.id);
      reject(new DOMException("Layout cancelled", "AbortError"));
    };
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    pending.set(request.id, (r) => {
      signal.removeEventListener("abort", abort);
      resolve(r);
    });
    getWorker().postMessage(request);
  });
  const targets: Record<string, { x: number; y: number }> = {};
  keys.forEach((key, i) => {
    targets[key] = { x: response.positions[i * 2]!, y: response.positions[i * 2 + 1]! };
  });
  options.adjust?.(targets);
  await animateTo(graph, targets, options.animateMs ?? 550, signal);
  return { millis: response.millis };
}

/** A layout drawn taller than ForceAtlas2 makes it: every y's distance from `about`'s is multiplied by `y`. */
export interface Stretch {
  about: string;
  y: number;
}

/**
 * How much taller than wide a layout should be to fill a stage `free` pixels wide and high (what
 * floating panels leave of it): ForceAtlas2 lays a neighbourhood out round, which uses only the
 * middle third of a phone held upright. 1 on a stage wider than tall (or nearly square).
 */
export function stageStretch(free: { width: number; height: number }, padding: number): number {
  const width = free.width - 2 * padding;
  const height = free.height - 2 * padding;
  if (width <= 0 || height <= width * 1.15) return 1;
  return Math.min(2.5, height / width);
}

/** Multiplies each target's vertical distance from `about`'s target by `stretch.y` (in place). */
export function stretchTargets(targets: Record<string, { x: number; y: number }>, stretch: Stretch): void {
  const centre = targets[stretch.about];
  if (!centre || stretch.y === 1) return;
  const y0 = centre.y;
  for (const key of Object.keys(targets)) targets[key]!.y = y0 + (targets[key]!.y - y0) * stretch.y;
}

/** Eases nodes to `targets`; resolves when done, or at once (positions set) for a 0 ms duration. */
export function animateTo(
  graph: AtlasGraph,
  targets: Record<string, { x: number; y: number }>,
  durationMs: number,
  signal: AbortSignal,
): Promise<void> {
  if (durationMs <= 0 || document.visibilityState === "hidden") {
    graph.updateEachNodeAttributes((node, attrs) => ({ ...attrs, ...(targets[node] ?? {}) }), { attributes: ["x", "y"] });
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const cancel = animateNodes(graph, targets, { duration: durationMs, easing: "cubicInOut" }, () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    });
    const onAbort = () => {
      cancel();
      reject(new DOMException("Layout cancelled", "AbortError"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
