// Assembles the offline snapshot of the view on screen, in the browser: the drawn graph with its
// positions and colours, the camera, emphasis and selection, details of a few dozen patterns asked
// from the API now (the file cannot ask later), and the viewer bundle fetched from the server.
import { linkTypeWords } from "../../../core/path-wording.ts";
import { linkTypeColor, OTHER_DOMAIN_COLOR, sortLinkTypes } from "../graph/palette.ts";
import { currentTheme } from "../theme.ts";
import { buildOfflineHtml, OFFLINE_FORMAT, OFFLINE_VERSION, OFFLINE_VIEWER_PATH, type OfflinePatternDetail, type OfflineSnapshot } from "./offline-html.ts";
import type { CurrentView, TalksHost } from "./talks-host.ts";
import { describeCurrentView } from "./ui.ts";
import { stepsForView } from "./presentation-mode.ts";
import { linkKey } from "../../../core/answers.ts";
import { loadLineage } from "../views/lineage.ts";
import type { Actions } from "../state/actions.ts";

/**
 * A window this short (a phone on its side, 844x390) opens the offline file with its compact bars
 * (offline/viewer-styles.ts): a lineage saved there is planned again for the file's own stage. The
 * explorer's tree was planned beside its sidebar and outline (a 160 px band budget at 844x390: one
 * pattern a band, "Parents (1 of 8 drawn)"), which the file does not have; the file's stage is the
 * window less its two bars (SHORT_BARS each), with a small padding so its six bands keep their height.
 */
export const SHORT_WINDOW = 500;
const SHORT_BARS = 56;
const SHORT_PADDING = 24;

/** The current lineage planned for the offline file's stage on a short window; null elsewhere. */
async function lineageForShortWindow(host: TalksHost, current: CurrentView): Promise<CurrentView | null> {
  const stats = host.stats();
  if (current.view.info.mode !== "lineage" || window.innerHeight > SHORT_WINDOW || !stats) return null;
  const stage = { width: window.innerWidth, height: window.innerHeight - 2 * SHORT_BARS, left: 0, right: 0, bottom: 0, outline: 0, padding: SHORT_PADDING };
  const view = await loadLineage(current.state, {
    api: host.api,
    library: Promise.resolve({ stats, domains: host.domains() }),
    signal: new AbortController().signal,
    previous: null,
    viewport: () => stage,
    // The planned view is only saved, never clicked: its band pages' "more" nodes do nothing in the file.
    actions: {} as Actions,
  });
  return { state: current.state, view };
}

/** Patterns whose details (summary, status, page) are fetched into the file; bigger views get none. */
export const DETAIL_LIMIT = 80;
const DETAIL_CONCURRENCY = 6;

/** The emphasis the explorer draws for the view (the chosen path, or every path). */
export function emphasisOf(current: CurrentView): OfflineSnapshot["emphasis"] {
  const { state, view } = current;
  if (view.info.mode !== "path" || view.info.result.paths.length === 0) return null;
  const paths = view.info.result.paths;
  const shown = state.pathIndex !== null && paths[state.pathIndex] ? [paths[state.pathIndex]!] : paths;
  return {
    nodes: [...new Set(shown.flatMap((p) => p.nodes as string[]))],
    edges: [...new Set(shown.flatMap((p) => p.links.map(linkKey)))],
  };
}

async function fetchDetails(host: TalksHost, slugs: string[]): Promise<Record<string, OfflinePatternDetail>> {
  const details: Record<string, OfflinePatternDetail> = {};
  const queue = [...slugs];
  const worker = async () => {
    for (let slug = queue.shift(); slug !== undefined; slug = queue.shift()) {
      try {
        const { pattern } = await host.api.pattern(slug);
        details[slug] = { summary: pattern.summary, status: pattern.status, pageUrl: pattern.pageUrl ?? pattern.githubUrl };
      } catch {
        // A missing detail only makes the card shorter; the snapshot is still worth having.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(DETAIL_CONCURRENCY, queue.length) }, worker));
  return details;
}

let viewerSource: Promise<string> | null = null;

/** The built viewer bundle, fetched once per page. */
export function fetchViewerSource(): Promise<string> {
  if (!viewerSource) {
    viewerSource = fetch(OFFLINE_VIEWER_PATH).then(async (response) => {
      const type = response.headers.get("content-type") ?? "";
      if (!response.ok || !/javascript/.test(type)) {
        throw new Error("The offline viewer has not been built on this server (run `npm run build`).");
      }
      return response.text();
    });
    viewerSource.catch(() => (viewerSource = null));
  }
  return viewerSource;
}

export async function buildSnapshot(host: TalksHost): Promise<OfflineSnapshot> {
  const onScreen = host.current();
  if (!onScreen) throw new Error("Nothing is drawn yet: wait for the view to load.");
  const replanned = await lineageForShortWindow(host, onScreen);
  const current = replanned ?? onScreen;
  const graph = replanned ? replanned.view.graph : host.renderer.getGraph();
  const { title, subtitle } = describeCurrentView(current, host.stats());
  const slugs = graph.nodes().filter((slug) => !graph.getNodeAttribute(slug, "dangling"));
  const wanted = slugs.length <= DETAIL_LIMIT ? slugs : current.state.selected && graph.hasNode(current.state.selected) ? [current.state.selected] : [];
  const details = await fetchDetails(host, wanted);
  const lineage = current.view.info.mode === "lineage";
  const edgeTypes = new Map<string, string>();
  graph.forEachEdge((_edge, attrs) => {
    if (!edgeTypes.has(attrs.linkType)) edgeTypes.set(attrs.linkType, lineage ? attrs.color : linkTypeColor(attrs.linkType));
  });
  const linkTypes = lineage
    ? edgeTypes.size
      ? [{ type: "lineage", label: "parent → child", color: [...edgeTypes.values()][0]! }]
      : []
    : sortLinkTypes(edgeTypes.keys()).map((type) => ({ type, label: linkTypeWords(type), color: edgeTypes.get(type)! }));
  const domainNames = new Set<string>();
  graph.forEachNode((_n, attrs) => {
    if (attrs.domain && !attrs.dangling) domainNames.add(attrs.domain);
  });
  // The legend lists the domains with a colour of their own, most common first, then one grey "other".
  const scale = host.domains();
  const named = scale.named.filter((d) => domainNames.has(d.domain)).map(({ domain, color }) => ({ domain, color }));
  const others = [...domainNames].filter((d) => !named.some((n) => n.domain === d)).length;
  return {
    format: OFFLINE_FORMAT,
    version: OFFLINE_VERSION,
    title,
    subtitle,
    createdAt: new Date().toISOString(),
    sourceUrl: window.location.href,
    mode: current.view.info.mode,
    theme: currentTheme(),
    style: current.view.style,
    camera: host.renderer.getCamera(),
    graph: graph.export(),
    focus: current.view.focus ?? [],
    selected: current.state.selected && graph.hasNode(current.state.selected) ? current.state.selected : null,
    emphasis: emphasisOf(current),
    details,
    linkTypes,
    steps: stepsForView(current).map(({ slug, caption, nodesSoFar, edgesSoFar }) => ({ slug, caption, nodesSoFar, edgesSoFar })),
    domains: others ? [...named, { domain: `${others} other ${others === 1 ? "domain" : "domains"}`, color: OTHER_DOMAIN_COLOR }] : named,
  };
}

/** The whole offline file for the view on screen. */
export async function buildCurrentOfflineHtml(host: TalksHost): Promise<{ html: string; title: string }> {
  const [snapshot, viewer] = await Promise.all([buildSnapshot(host), fetchViewerSource()]);
  return { html: buildOfflineHtml(snapshot, viewer), title: snapshot.title };
}
