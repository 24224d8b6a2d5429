// The stage's count of what the view means to name but could not label in this frame: a path's
// patterns, a neighbourhood's or lineage's "+N more" group nodes, a large overview's community nodes.
// A phone's narrow stage leaves some without room (and a phone has no hover), so the marker says how
// many ("+2 not labelled", "+3 not named") and its list names each one; choosing one does what a tap on
// its node does (details, the group or the community opened).
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import type { GraphRenderer } from "../graph/renderer.ts";
import { BADGE_PLACE } from "../graph/label-placement.ts";
import { h, replaceChildren } from "../ui/dom.ts";

export interface UnnamedMarker {
  /** After each frame: recount the unlabelled nodes on screen; touches the page only when they change. */
  update(): void;
  /**
   * Something else floating over the stage: no label goes under it; at its top left (the overview's
   * strip, `markerBelow`) the marker goes below it too.
   */
  addObstacle(element: HTMLElement, markerBelow?: boolean): void;
}

const MARKED_VIEWS = new Set(["path", "neighborhood", "lineage", "overview"]);
/** Made once: a number format costs more to make than a row of the list (~0.3 ms each under load at ten times the library). */
const nf = new Intl.NumberFormat("en");

/** Whether the view promises a label to this node: every pattern of a path, every group node anywhere, every community node drawn. */
function promised(mode: string, attrs: ReturnType<AtlasGraph["getNodeAttributes"]>): boolean {
  return attrs.group !== undefined || attrs.lineageGroup === true || (mode === "path" && attrs.aggregate === undefined) || attrs.aggregate === "closed";
}

/** What a row of the list says of a node: a pattern's title; a group's whole label and the pattern it hangs from. */
function rowText(graph: AtlasGraph, node: string): string {
  const attrs = graph.getNodeAttributes(node);
  const text = (attrs.title || attrs.label).replace(/\n/g, " ");
  if (attrs.aggregate === "closed") return `${text} · ${nf.format(attrs.members ?? 0)} patterns`;
  if (attrs.group === undefined) return text;
  const via = graph.inNeighbors(node)[0];
  return via ? `${text} · via ${graph.getNodeAttribute(via, "title") || via}` : text;
}

/**
 * Adds the marker to the top left of `stage` (hidden while everything promised is labelled); it is
 * room no label takes, like the zoom buttons. `choose(node)` acts as a tap on the node.
 */
export function installUnnamedMarker(stage: HTMLElement, renderer: GraphRenderer, mode: () => string, choose: (node: string) => void): UnnamedMarker {
  const list = h("ul", { class: "unnamed__list", attrs: { "data-testid": "unnamed-list" } });
  list.hidden = true;
  const toggle = h("button", {
    class: "unnamed__toggle",
    attrs: { type: "button", "aria-expanded": "false", "data-testid": "unnamed" },
    on: {
      click: () => {
        list.hidden = !list.hidden;
        toggle.setAttribute("aria-expanded", String(!list.hidden));
      },
    },
  });
  const root = h("div", { class: "unnamed" }, toggle, list);
  root.hidden = true;
  stage.append(root);
  const zoom = [...stage.querySelectorAll<HTMLElement>(".zoom")];
  const above: HTMLElement[] = [];
  const elsewhere: HTMLElement[] = [];
  const obstacles = () => renderer.setLabelObstacles([...zoom, ...above, ...elsewhere, ...(root.hidden ? [] : [toggle])]);
  obstacles();
  let shown = "";
  return {
    addObstacle(element, markerBelow = true) {
      (markerBelow ? above : elsewhere).push(element);
      obstacles();
    },
    update() {
      const graph = renderer.getGraph();
      const view = mode();
      if (!MARKED_VIEWS.has(view) && root.hidden) return;
      // A count inside a community's disc is not its name.
      const labelled = new Set(renderer.labelBoxes().filter((b) => view !== "overview" || b.place !== BADGE_PLACE).map((b) => b.key));
      const stage = renderer.cameraProbe();
      // Only the promised nodes' dots are worked out: an opened community's 2,000 patterns are not.
      const promisedDots = MARKED_VIEWS.has(view) ? renderer.dots((key) => graph.hasNode(key) && promised(view, graph.getNodeAttributes(key))) : [];
      const unnamed = promisedDots.filter((d) => d.x >= 0 && d.y >= 0 && d.x <= stage.width && d.y <= stage.height && !labelled.has(d.key));
      const key = unnamed.map((d) => d.key).join("\n");
      if (key === shown) return;
      shown = key;
      const wasHidden = root.hidden;
      root.hidden = unnamed.length === 0;
      if (root.hidden) list.hidden = true;
      toggle.setAttribute("aria-expanded", String(!list.hidden));
      const what = view === "path" ? "pattern" : view === "overview" ? "communit" : "group";
      const plural = view === "overview" ? (unnamed.length === 1 ? "y" : "ies") : unnamed.length === 1 ? "" : "s";
      toggle.textContent = view === "overview" ? `+${unnamed.length} not named` : `+${unnamed.length} not labelled`;
      toggle.title = `${unnamed.length} ${what}${plural} on screen without room for a ${view === "overview" ? "name" : "label"}: list ${unnamed.length === 1 ? "it" : "them"}`;
      // Below what else floats at the stage's top left (the overview's strip).
      const floor = above.reduce((bottom, element) => (element.hidden || !element.offsetHeight ? bottom : Math.max(bottom, element.offsetTop + element.offsetHeight)), 0);
      root.style.top = floor ? `${floor + 6}px` : "";
      // Top to bottom, then left to right, as they are on screen.
      const rows = [...unnamed].sort((a, b) => a.y - b.y || a.x - b.x);
      replaceChildren(
        list,
        ...rows.map((d) =>
          h("li", {}, h("button", { class: "unnamed__row", attrs: { type: "button", "data-node": d.key }, on: { click: () => ((list.hidden = true), choose(d.key)) } }, rowText(graph, d.key))),
        ),
      );
      // Shown or hidden, the marker's room changes: labels are placed anew around it.
      if (wasHidden !== root.hidden) {
        obstacles();
        renderer.sigma.scheduleRender();
      }
    },
  };
}
