// What a view lights up while the rest fades: a path, a Gaps finding or page, a domain picked in the
// legend. Plain functions of the state, the view's facts and the graph, so the controller only asks.
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import { NO_DOMAIN, OTHER_DOMAINS, type DomainScale } from "../graph/palette.ts";
import type { Emphasis } from "../graph/view-style.ts";
import type { AppState } from "../state/app-state.ts";
import type { GapsPayload } from "../types.ts";
import type { DomainFocus } from "../ui/legend.ts";
import type { ViewInfo } from "../views/view.ts";
import { linkKey } from "../../../core/answers.ts";

export interface EmphasisInputs {
  state: AppState;
  /** The facts of the view on screen (null while none is). */
  info: ViewInfo | null;
  graph: AtlasGraph;
  domains: DomainScale;
  /** The Gaps list's page on screen, if any. */
  gapsPage: GapsPayload | null;
  /** Neighbourhood: a domain lit or kept alone from the legend. */
  domainFocus: DomainFocus | null;
}

/** Path view: the chosen path (or all of them) stands out, the rest fades. Gaps: the finding, or the page's patterns. */
export function emphasisFor({ state, info, graph, domains, gapsPage, domainFocus }: EmphasisInputs): Emphasis | null {
  if (state.mode === "overview" && info?.mode === "overview" && state.gapDomain) return overviewDomainEmphasis(graph, state.gapDomain, domains);
  if (state.mode === "overview" && info?.mode === "overview" && state.community) return overviewCommunityEmphasis(graph, state.community);
  if (state.mode === "gaps" && info?.mode === "gaps") {
    if (info.finding) return info.emphasis;
    if (!gapsPage || !gapsPage.findings.length) return null;
    const nodes = new Set(gapsPage.findings.flatMap((f) => f.patterns as string[]));
    return { nodes, edges: new Set(), labels: nodes.size <= 12, minSize: 5 };
  }
  if (state.mode === "neighborhood" && domainFocus) return neighbourhoodDomainEmphasis(graph, domainFocus, state.focus);
  if (state.mode !== "path" || info?.mode !== "path" || !info.result.paths.length) return null;
  const paths = state.pathIndex !== null && info.result.paths[state.pathIndex] ? [info.result.paths[state.pathIndex]!] : info.result.paths;
  return {
    nodes: new Set(paths.flatMap((p) => p.nodes)),
    edges: new Set(paths.flatMap((p) => p.links.map(linkKey))),
  };
}

/** Overview: the patterns of one domain (or of the domains without a colour of their own) and the links among them. */
function overviewDomainEmphasis(graph: AtlasGraph, domain: string, scale: DomainScale): Emphasis {
  const named = new Set(scale.named.map((d) => d.domain));
  const matches = (d: string | undefined) => (domain === OTHER_DOMAINS ? !d || !named.has(d) : (d ?? NO_DOMAIN) === domain);
  const nodes = new Set(graph.filterNodes((_n, a) => matches(a.domain)));
  const edges = new Set(graph.filterEdges((_e, _a, source, target) => nodes.has(source) && nodes.has(target)));
  return { nodes, edges, minSize: 2.5 };
}

/** Overview: the patterns of one community (or the node standing for it) and the links among them; its key is lit too, which names its region. */
function overviewCommunityEmphasis(graph: AtlasGraph, community: string): Emphasis {
  const nodes = new Set(graph.filterNodes((_n, a) => a.community === community));
  nodes.add(community);
  const edges = new Set(graph.filterEdges((_e, _a, source, target) => nodes.has(source) && nodes.has(target)));
  return { nodes, edges, minSize: 2.5 };
}

/** A domain lit in a neighbourhood: its patterns, the focus and the groups, and the links among them. */
function neighbourhoodDomainEmphasis(graph: AtlasGraph, focus: DomainFocus, centre: string | null): Emphasis {
  const nodes = new Set(graph.filterNodes((node, a) => node === centre || a.group !== undefined || (a.domain ?? NO_DOMAIN) === focus.domain));
  const edges = new Set(graph.filterEdges((_e, _a, source, target) => nodes.has(source) && nodes.has(target)));
  return { nodes, edges, hideOthers: focus.only };
}
