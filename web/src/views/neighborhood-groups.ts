// The left-out groups of a cut neighbourhood drawn in the graph: one node per group beside the
// pattern it hangs from, in its link type's colour, labelled with its count. A click opens the group
// in place (a page of its most relevant members joins the graph) and the same node then closes it
// again; an open group with more members than a page gets a pager node beyond it, whose click shows
// the next page (after the last, the first again), so every member is reachable page by page.
import { linkTypeWords } from "../../../core/path-wording.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import { linkTypeColor } from "../graph/palette.ts";
import type { NeighborhoodGroup } from "../types.ts";

/** Graph keys of group and pager nodes; no pattern slug contains a colon. */
export const GROUP_NODE_PREFIX = "group:";
export const groupNodeKey = (key: string): string => `${GROUP_NODE_PREFIX}${key}`;
export const groupPagerKey = (key: string): string => `${GROUP_NODE_PREFIX}${key}|next`;

/** An open group's page on screen: where it starts, how many members it shows, of how many. */
export interface GroupPageShown {
  offset: number;
  shown: number;
  count: number;
  /** Members per page. */
  pageSize: number;
}

/** "1–60" or "61–120": the members a page shows, 1-based. */
const span = (offset: number, shown: number) => (offset === 0 ? `${shown}` : `${offset + 1}–${offset + shown}`);

/** The label of a group node: what a click does, with the numbers. */
export function groupLabel(group: Pick<NeighborhoodGroup, "count" | "type">, shown: Pick<GroupPageShown, "offset" | "shown"> | null): string {
  const type = linkTypeWords(group.type).toLowerCase();
  return shown === null ? `+${group.count} more · ${type}` : `− ${span(shown.offset, shown.shown)} of ${group.count} shown · ${type}`;
}

/** The short label of a group node, for where its whole label finds no room: "+634 more", "− 61–120 of 634". */
export function groupShortLabel(group: Pick<NeighborhoodGroup, "count">, shown: Pick<GroupPageShown, "offset" | "shown"> | null): string {
  return shown === null ? `+${group.count} more` : `− ${span(shown.offset, shown.shown)} of ${group.count}`;
}

/** The label of an open group's pager node: the members its click shows next. */
export function pagerLabel(page: GroupPageShown): string {
  const next = page.offset + page.pageSize < page.count ? page.offset + page.pageSize : 0;
  const last = Math.min(page.count, next + page.pageSize);
  return next === 0 ? `‹ back to 1–${last} of ${page.count}` : `next: ${next + 1}–${last} of ${page.count} ›`;
}

/**
 * Adds a node per group beside its `via` pattern (outside the drawn neighbourhood, so it reads as
 * "more this way"), joined to it by a link of the group's type, and a pager node beyond each open
 * group that has more members than one page. `shown`: the page on screen per open group.
 */
export function addGroupNodes(
  graph: AtlasGraph,
  groups: readonly NeighborhoodGroup[],
  focus: string,
  shown: ReadonlyMap<string, GroupPageShown>,
  thickness: number,
): void {
  if (!groups.length || !graph.hasNode(focus)) return;
  groups.forEach((group) => {
    if (!graph.hasNode(group.via)) return;
    const node = groupNodeKey(group.key);
    const page = shown.get(group.key);
    // Deeper in a neighbourhood, dozens of small groups hang from other patterns: they show only
    // their count ("+2 more"), their colour says the type, and hovering says the rest.
    const whole = groupLabel(group, page ?? null);
    const short = groupShortLabel(group, page ?? null);
    graph.addNode(node, {
      label: group.via === focus ? whole : short,
      ...(group.via === focus ? { shortLabel: short } : {}),
      title: whole,
      x: 0,
      y: 0,
      size: 7 + Math.min(9, Math.log2(1 + group.count) * 1.2),
      color: linkTypeColor(group.type),
      degree: group.count,
      // Group labels come right after the focus: they say what is not drawn.
      score: Number.MAX_SAFE_INTEGER,
      fixed: true,
      group: group.key,
      groupOpen: page !== undefined,
      // Where neither label finds room, the dot itself says it: its count, or "−" when open.
      badge: page === undefined ? `+${group.count}` : "−",
    });
    graph.addDirectedEdgeWithKey(`${node}|edge`, group.via, node, {
      id: `${node}|edge`,
      linkType: group.type,
      type: "line",
      color: linkTypeColor(group.type),
      size: thickness * 1.4,
      directed: false,
    });
    if (!page || page.count <= page.pageSize) return;
    const pager = groupPagerKey(group.key);
    const next = page.offset + page.pageSize < page.count ? page.offset / page.pageSize + 1 : 0;
    graph.addNode(pager, {
      label: pagerLabel(page),
      title: pagerLabel(page),
      x: 0,
      y: 0,
      size: 6,
      color: linkTypeColor(group.type),
      degree: 0,
      score: Number.MAX_SAFE_INTEGER - 1,
      fixed: true,
      group: group.key,
      groupPage: next,
      badge: next === 0 ? "‹" : "›",
    });
    graph.addDirectedEdgeWithKey(`${pager}|edge`, node, pager, {
      id: `${pager}|edge`,
      linkType: group.type,
      type: "line",
      color: linkTypeColor(group.type),
      size: thickness,
      directed: false,
    });
  });
  placeGroupNodes(graph, focus);
}

/** The least distance between two group nodes deeper in, as a share of the ring's radius, when the pixels per layout unit are not known. */
const GROUP_SPACING = 0.16;
/** The least offsets (px) between two group nodes deeper in, across or down, so that their counts inside their dots (dot-badge.ts) do not meet. */
const BADGE_ROOM = { width: 22, height: 14 } as const;

/**
 * Puts each group node beside the pattern it hangs from, outside the drawn neighbourhood; again after
 * every layout, since the ring's size is only known then. Groups of the focus itself spread evenly
 * around the ring, starting at the top (on an ellipse `stretchY` times as tall as wide, when the
 * layout was stretched to the stage); a pager goes beyond its group, away from the focus. Groups
 * deeper in keep apart by BADGE_ROOM when `pixelsPerUnit` (the fitted camera's scale) is given.
 */
export function placeGroupNodes(graph: AtlasGraph, focus: string, stretchY = 1, pixelsPerUnit?: number): void {
  if (!graph.hasNode(focus)) return;
  const centre = graph.getNodeAttributes(focus);
  const groups: string[] = [];
  const distances: number[] = [];
  graph.forEachNode((node, a) => {
    if (a.group !== undefined) groups.push(node);
    else distances.push(Math.hypot(a.x - centre.x, (a.y - centre.y) / stretchY));
  });
  // The ring's radius, not its farthest straggler: a few far newcomers must not push the groups off screen.
  distances.sort((a, b) => a - b);
  const radius = Math.max(10, distances[Math.floor((distances.length - 1) * 0.9)] ?? 0);
  const viaOf = (node: string) => graph.inNeighbors(node)[0] ?? focus;
  const fromFocus = groups.filter((g) => viaOf(g) === focus);
  // Group nodes before pagers: a pager is placed from its group node's new place.
  const ordered = [...groups.filter((g) => graph.getNodeAttribute(g, "groupPage") === undefined), ...groups.filter((g) => graph.getNodeAttribute(g, "groupPage") !== undefined)];
  const placed: { x: number; y: number }[] = [];
  for (const node of ordered) {
    const via = viaOf(node);
    const v = graph.getNodeAttributes(via);
    let x: number;
    let y: number;
    if (via === focus && stretchY > 1.3) {
      // A layout stretched to a tall stage (layout-client.ts stageStretch) is narrow: its sides leave
      // no room for labels, so the groups go beyond its two ends, alternately, spread over 80° (the
      // lower end's over 60° from 40° left: the zoom buttons float at the stage's bottom right).
      const i = fromFocus.indexOf(node);
      const onCap = Math.ceil((fromFocus.length - (i % 2)) / 2);
      const j = Math.floor(i / 2);
      // sigma's y points up: the odd groups go below, on screen.
      const lower = i % 2 === 1;
      const spread = lower ? Math.PI / 3 : (Math.PI * 4) / 9;
      const angle = onCap > 1 ? -(Math.PI * 2) / 9 + (j / (onCap - 1)) * spread : 0;
      x = centre.x + Math.sin(angle) * radius * 1.3;
      y = centre.y + (lower ? -1 : 1) * Math.cos(angle) * radius * 1.3 * stretchY;
    } else if (via === focus) {
      const angle = Math.PI / 2 - (fromFocus.indexOf(node) / fromFocus.length) * Math.PI * 2;
      x = centre.x + Math.cos(angle) * radius * 1.18;
      y = centre.y + Math.sin(angle) * radius * 1.18 * stretchY;
    } else {
      // Outwards from the focus; several groups of one pattern fan out (they were drawn on one spot,
      // the lower ones unreachable), 0.7 radians apart.
      const siblings = ordered.filter((g) => viaOf(g) === via && graph.getNodeAttribute(g, "groupPage") === undefined);
      const turn = graph.getNodeAttribute(node, "groupPage") === undefined ? (siblings.indexOf(node) - (siblings.length - 1) / 2) * 0.7 : 0;
      const angle = Math.atan2(v.y - centre.y, v.x - centre.x) + turn;
      // Farther out along that ray while another group's dot is close: overlapping groups could not
      // both show their count (dot-badge.ts), nor be told apart by a tap.
      let out = 0.2;
      const crowded = (px: number, py: number) =>
        placed.some((p) =>
          pixelsPerUnit
            ? Math.abs(p.x - px) * pixelsPerUnit < BADGE_ROOM.width && Math.abs(p.y - py) * pixelsPerUnit < BADGE_ROOM.height
            : Math.hypot(p.x - px, (p.y - py) / stretchY) < radius * GROUP_SPACING,
        );
      while (out < 0.8 && crowded(v.x + Math.cos(angle) * radius * out, v.y + Math.sin(angle) * radius * out)) out += 0.08;
      x = v.x + Math.cos(angle) * radius * out;
      y = v.y + Math.sin(angle) * radius * out;
    }
    placed.push({ x, y });
    graph.mergeNodeAttributes(node, { x, y });
  }
}
