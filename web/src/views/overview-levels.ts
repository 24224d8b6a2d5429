// The overview of a large library in levels of detail: one node per community, sized by its members and
// joined by the links between communities, which a click opens into its patterns in place (and a click on
// its open marker closes again), and so does zooming in on it (zooming out or panning away closes it).
// The first frame needs only the first part's communities; the patterns come from both parts, fetched after it.
import type { DecodedOverview, OverviewCommunity, PlacedNode } from "../../../core/overview-wire.ts";
import type { LinkView } from "../../../core/model.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import type { CameraProbe } from "../graph/renderer.ts";
import { createSizeScale, type DomainScale } from "../graph/palette.ts";
import { truncateLabel } from "../graph/labels.ts";
import { communityColor } from "./overview-communities.ts";
import { linkKey } from "../../../core/answers.ts";

const nf = new Intl.NumberFormat("en");
/** Characters of a community's name kept in its short label. */
const SHORT_NAME = 16;

/**
 * A community's name in SHORT_NAME characters: cut with an ellipsis, but a short ending in brackets is kept,
 * since it is what tells apart names that share their start ("Acceptance and Commitment (5)" reads
 * "Acceptance and… (5)", not "Acceptance and C…").
 */
export function shortName(name: string): string {
  if (name.length <= SHORT_NAME) return name;
  const ending = /\s(\([^()]{1,4}\))$/.exec(name);
  if (!ending) return truncateLabel(name, SHORT_NAME);
  const tail = ending[1]!;
  return `${truncateLabel(name.slice(0, ending.index), SHORT_NAME - tail.length - 1)} ${tail}`;
}

/** The graph key of the node standing for a community (closed) or marking it open. */
export const communityNode = (key: string): string => `community:${key}`;

/** What opening and closing draw: the patterns' colours and sizes and the links' colour; who hears how many communities are crowded out. */
export interface LevelStyle {
  domains: DomainScale;
  patternSize(degree: number): number;
  edgeColor(sourceColor: string): string;
  /** After a frame at rest: how many closed communities are not drawn, crowded out by larger ones (see crowdOut). */
  crowded?(count: number): void;
}

/** Pixels kept between two drawn community nodes: a node closer than that to a larger one is not drawn. */
export const CROWD_GAP_PX = 2;

export interface Levels {
  /** Opens a community into its patterns (after the whole overview has arrived); false if it is open or unknown. */
  open(key: string): Promise<boolean>;
  close(key: string): boolean;
  isOpen(key: string): boolean;
  /** The community of a pattern, opened if it was closed; the pattern is then on the graph. */
  bringIn(slug: string): Promise<void>;
  /** A click on a community's node or open marker: opens or closes it; false for any other node. */
  click(node: string): boolean;
  /** The camera moved: once it rests, opens what it zoomed in on and closes what it left (see zoomLevels). */
  cameraMoved(probe: () => CameraProbe): void;
  /** A frame was drawn at rest: hides the closed communities crowded out at this zoom, shows the rest (see crowdOut). */
  framed(probe: CameraProbe): void;
}

/**
 * When the camera opens and closes communities. A community opens when the camera rests zoomed in to at
 * most OPEN_RATIO (half the whole picture's width or closer) with its centre on screen and either its
 * region (the radius holding three quarters of its patterns) reaching OPEN_REGION of the stage's shorter
 * side, or its node drawn OPEN_NODE_PX wide (a small community's region is small however close one
 * zooms). An open one closes once none of its region is on screen, or once it is drawn at less than half
 * the size it was opened at (or first seen at, opened by a click) and either its region is under
 * CLOSE_REGION of the shorter side or the whole picture is in view.
 */
export const ZOOM_LEVELS = { restMs: 200, openRatio: 0.5, openRegion: 0.3, openNodePx: 60, closeRegion: 0.12, maxOpenPatterns: 6000 } as const;

/**
 * Draws `communities` on `graph` as closed community nodes and the links between them. `whole` gives
 * every pattern and link (both parts, fetched once, when first needed).
 */
export function createLevels(graph: AtlasGraph, first: DecodedOverview, whole: () => Promise<DecodedOverview>, style: LevelStyle): Levels {
  const { communities, communityLinks } = first;
  const byKey = new Map(communities.map((c, i) => [c.key, i] as const));
  const open = new Set<number>();
  const communitySize = createSizeScale(communities[0]?.patterns ?? 1, [3, 30]);
  const strongest = Math.max(1, ...communityLinks.map((l) => l.count));

  const addClosed = (index: number): void => {
    const c = communities[index]!;
    const node = communityNode(c.key);
    const attrs = {
      label: `${c.name} · ${nf.format(c.patterns)}`,
      // On a phone the whole name may fit on no side of a large node: its start and count still do.
      shortLabel: `${shortName(c.name)} · ${nf.format(c.patterns)}`,
      // Where no side has room even for that (a phone's row of large discs), its count inside its disc.
      badge: nf.format(c.patterns),
      title: c.name,
      x: c.x,
      y: c.y,
      size: communitySize(c.patterns),
      color: communityColor(c, style.domains),
      degree: c.patterns,
      forceLabel: true,
      community: c.key,
      aggregate: "closed" as const,
      members: c.patterns,
      // Larger communities win the room for labels; on a level with an opened community's patterns
      // (zIndex 1), so that its name wins over theirs.
      score: c.patterns,
      zIndex: 1,
    };
    if (graph.hasNode(node)) graph.replaceNodeAttributes(node, attrs);
    else graph.addNode(node, attrs);
  };
  const linkClosed = (index: number): void => {
    for (const { a, b, count } of communityLinks) {
      if ((a !== index && b !== index) || open.has(a) || open.has(b)) continue;
      const [source, target] = [communityNode(communities[a]!.key), communityNode(communities[b]!.key)];
      const id = `communities:${a}|${b}`;
      if (!graph.hasNode(source) || !graph.hasNode(target) || graph.hasEdge(id)) continue;
      graph.addDirectedEdgeWithKey(id, source, target, {
        id,
        linkType: "related",
        type: "line",
        color: style.edgeColor(graph.getNodeAttribute(source, "color")),
        size: 0.6 + 3 * Math.sqrt(count / strongest),
        directed: false,
        weight: count,
        description: `${nf.format(count)} link${count === 1 ? "" : "s"} between the two communities`,
      });
    }
  };
  communities.forEach((_c, i) => addClosed(i));
  communities.forEach((_c, i) => linkClosed(i));

  // Filled once the whole overview is in: each community's patterns, and the links touching each.
  let index: Promise<{ members: PlacedNode[][]; links: LinkView[][]; of: Map<string, number> }> | undefined;
  const indexed = () =>
    (index ??= whole().then((all) => {
      const members: PlacedNode[][] = communities.map(() => []);
      const links: LinkView[][] = communities.map(() => []);
      for (const node of all.nodes) {
        const c = all.communityOf.get(node.slug);
        if (c !== undefined) members[c]!.push(node);
      }
      for (const link of all.links) {
        const [a, b] = [all.communityOf.get(link.source), all.communityOf.get(link.target)];
        if (a !== undefined) links[a]!.push(link);
        if (b !== undefined && b !== a) links[b]!.push(link);
      }
      return { members, links, of: all.communityOf };
    }));

  /** Each open community's region radius on screen (px) when it was opened, or (opened by a click) when the camera first rested after. */
  const openedAt = new Map<number, number>();
  const openAt = async (i: number): Promise<boolean> => {
    if (open.has(i)) return false;
    const { members, links } = await indexed();
    if (open.has(i)) return false;
    open.add(i);
    const c: OverviewCommunity = communities[i]!;
    const marker = communityNode(c.key);
    // Its links to closed communities go with its node's closed look; its patterns bring their own.
    graph.dropNode(marker);
    graph.addNode(marker, {
      label: `− ${c.name}`,
      shortLabel: `− ${shortName(c.name)}`,
      title: c.name,
      x: c.x,
      y: c.y,
      size: 5,
      color: communityColor(c, style.domains),
      degree: c.patterns,
      forceLabel: true,
      community: c.key,
      aggregate: "open",
      members: c.patterns,
      score: c.patterns,
      zIndex: 1,
    });
    // Most linked first: sigma offers forced labels in insertion order.
    for (const node of [...members[i]!].sort((a, b) => b.degree - a.degree || (a.slug < b.slug ? -1 : 1))) {
      if (graph.hasNode(node.slug)) continue;
      graph.addNode(node.slug, {
        label: node.title || node.slug,
        title: node.title || node.slug,
        x: node.x,
        y: node.y,
        size: style.patternSize(node.degree),
        color: style.domains.color(node.domain),
        domain: node.domain,
        status: node.status,
        degree: node.degree,
        forceLabel: true,
        community: c.key,
        // An opened community's patterns are what the reader asked for: drawn, and labelled, before the closed communities.
        zIndex: 1,
      });
    }
    for (const link of links[i]!) {
      if (!graph.hasNode(link.source) || !graph.hasNode(link.target) || graph.hasEdge(linkKey(link)) || link.source === link.target) continue;
      graph.addDirectedEdgeWithKey(linkKey(link), link.source, link.target, {
        id: linkKey(link),
        linkType: link.type,
        type: "line",
        color: style.edgeColor(graph.getNodeAttribute(link.source, "color")),
        size: 1,
        directed: link.directed,
        weight: link.weight,
        description: link.description,
      });
    }
    return true;
  };

  const closeAt = (i: number): boolean => {
    if (!open.has(i)) return false;
    open.delete(i);
    openedAt.delete(i);
    const key = communities[i]!.key;
    for (const node of graph.filterNodes((_n, attrs) => attrs.community === key && attrs.aggregate === undefined)) graph.dropNode(node);
    addClosed(i);
    linkClosed(i);
    return true;
  };

  /** Screen facts of community `i`: its centre, its region's radius, and whether its centre and any of its region are on screen. */
  const onScreen = (probe: CameraProbe, i: number) => {
    const c = communities[i]!;
    const centre = probe.toViewport(c);
    const edge = probe.toViewport({ x: c.x + c.radius, y: c.y });
    const radius = Math.hypot(edge.x - centre.x, edge.y - centre.y);
    const inside = (margin: number) => centre.x >= -margin && centre.y >= -margin && centre.x <= probe.width + margin && centre.y <= probe.height + margin;
    return { radius, centreShown: inside(0), regionShown: inside(radius) };
  };
  let resting: number | undefined;
  let pending: Promise<unknown> = Promise.resolve();
  const rest = (read: () => CameraProbe): void => {
    const probe = read();
    const side = Math.min(probe.width, probe.height);
    if (side <= 0) return;
    for (const i of [...open]) {
      const seen = onScreen(probe, i);
      const at = openedAt.get(i) || seen.radius;
      openedAt.set(i, at);
      if (!seen.regionShown || (seen.radius < at / 2 && (seen.radius < ZOOM_LEVELS.closeRegion * side || probe.ratio >= 1))) closeAt(i);
    }
    if (probe.ratio > ZOOM_LEVELS.openRatio) return;
    let budget = ZOOM_LEVELS.maxOpenPatterns - [...open].reduce((n, i) => n + communities[i]!.patterns, 0);
    const wanted = communities
      .map((c, i) => ({ c, i, seen: onScreen(probe, i) }))
      .filter(({ i, seen }) => !open.has(i) && seen.centreShown && (seen.radius >= ZOOM_LEVELS.openRegion * side || (probe.nodeRadius(communityNode(communities[i]!.key)) ?? 0) * 2 >= ZOOM_LEVELS.openNodePx))
      .sort((a, b) => b.seen.radius - a.seen.radius || b.c.patterns - a.c.patterns);
    for (const { c, i, seen } of wanted) {
      if (c.patterns > budget) continue;
      budget -= c.patterns;
      openedAt.set(i, seen.radius);
      pending = pending.then(() => openAt(i));
    }
  };

  /**
   * Every community node drawn can be named: by its label where that fits (largest first), else by
   * hovering it, which a node lying on another cannot be. So, largest first, a closed community whose
   * node would meet a larger drawn one's (with CROWD_GAP_PX between) is not drawn at this zoom: zooming in
   * spreads the nodes apart faster than it grows them, and brings it back. At twice the library most of
   * its 2-4 pattern communities lie packed in one corner.
   */
  let crowdedCount = -1;
  /**
   * What the last crowdOut read: which nodes meet depends on the nodes' distances and radii on screen, so
   * on the zoom and the nodes' looks, never on where the camera is; a pan (a frame at rest after each
   * drag at ten times the library) leaves it as it was, and is not worked out again.
   */
  let crowdedFor = "";
  const crowdOut = (probe: CameraProbe): void => {
    const origin = probe.toViewport({ x: 0, y: 0 });
    const unitX = probe.toViewport({ x: 1, y: 0 });
    const unitY = probe.toViewport({ x: 0, y: 1 });
    // To 9 digits: a pan moves the origin, which changes the differences' last bits, not the zoom.
    const scale = [unitX.x - origin.x, unitX.y - origin.y, unitY.x - origin.x, unitY.y - origin.y].map((v) => v.toPrecision(9));
    const key = `${scale.join(" ")}|${probe.ratio}|${probe.looks}|${graph.order}|${[...open].join(" ")}`;
    if (key === crowdedFor) return;
    crowdedFor = key;
    const drawn: { x: number; y: number; r: number }[] = [];
    let crowded = 0;
    const order = communities.map((_c, i) => i).sort((a, b) => communities[b]!.patterns - communities[a]!.patterns || a - b);
    for (const i of order) {
      const node = communityNode(communities[i]!.key);
      if (open.has(i) || !graph.hasNode(node)) continue;
      const at = probe.toViewport(communities[i]!);
      const r = probe.nodeRadius(node) ?? 0;
      const hide = drawn.some((d) => Math.hypot(d.x - at.x, d.y - at.y) < d.r + r + CROWD_GAP_PX);
      if (hide) crowded++;
      else drawn.push({ x: at.x, y: at.y, r });
      if ((graph.getNodeAttribute(node, "hidden") === true) !== hide) graph.setNodeAttribute(node, "hidden", hide);
    }
    if (crowded !== crowdedCount) {
      crowdedCount = crowded;
      style.crowded?.(crowded);
    }
  };

  return {
    framed: crowdOut,
    cameraMoved(read) {
      // Once the camera rests: opening a large community is one long frame, never one in the middle of a gesture.
      window.clearTimeout(resting);
      resting = window.setTimeout(() => rest(read), ZOOM_LEVELS.restMs);
    },
    open: (key) => {
      const i = byKey.get(key);
      return i === undefined ? Promise.resolve(false) : openAt(i);
    },
    close: (key) => {
      const i = byKey.get(key);
      return i !== undefined && closeAt(i);
    },
    isOpen: (key) => {
      const i = byKey.get(key);
      return i !== undefined && open.has(i);
    },
    async bringIn(slug) {
      const { of } = await indexed();
      const i = of.get(slug);
      if (i !== undefined) await openAt(i);
    },
    click(node) {
      if (!graph.hasNode(node)) return false;
      const attrs = graph.getNodeAttributes(node);
      const i = attrs.aggregate !== undefined && attrs.community !== undefined ? byKey.get(attrs.community) : undefined;
      if (i === undefined) return false;
      if (attrs.aggregate === "open") closeAt(i);
      else void openAt(i);
      return true;
    },
  };
}

/** The community nodes and open markers on `graph`, as the test hook lists them. */
export function communityNodesOf(graph: AtlasGraph): { node: string; key: string; open: boolean; members: number; size: number; label: string; crowded: boolean }[] {
  return graph
    .filterNodes((_n, a) => a.aggregate !== undefined)
    .map((node) => {
      const a = graph.getNodeAttributes(node);
      return { node, key: a.community!, open: a.aggregate === "open", members: a.members ?? 0, size: a.size, label: a.label, crowded: a.hidden === true };
    });
}
