// The legend: what the colours, sizes and arrows mean in the current view. In neighbourhood and path
// views its link types are toggle buttons, and toggling one filters the graph by that type.
import { linkTypeWords } from "../../../core/path-wording.ts";
import type { AtlasGraph } from "../graph/atlas-graph.ts";
import { linkTypeColor, mix, NO_DOMAIN, OTHER_DOMAINS, sortLinkTypes, type DomainScale } from "../graph/palette.ts";
import { isSymmetricLinkType } from "../../../core/link-types.ts";
import type { Actions } from "../state/actions.ts";
import type { AppState } from "../state/app-state.ts";
import { themeColors } from "../theme.ts";
import type { LibraryStats } from "../types.ts";
import { LINEAGE_COLOR } from "../views/lineage.ts";
import type { ViewInfo } from "../views/view.ts";
import { h, replaceChildren } from "./dom.ts";
import { communitySection } from "./overview-legend.ts";

export interface LegendDeps {
  actions: Actions;
  domains: () => DomainScale;
  stats: () => LibraryStats | null;
  /** Neighbourhood: the domain lit (the rest faded) or kept alone (the rest hidden), if any. */
  domainFocus?: () => DomainFocus | null;
  setDomainFocus?: (focus: DomainFocus | null) => void;
  /** The facts of the view on screen (the overview's communities and, in a large library, its domain counts). */
  info?: () => ViewInfo | null;
}

/** A domain picked in the legend: lit among the rest, or alone. */
export interface DomainFocus {
  domain: string;
  only: boolean;
}

const nf = new Intl.NumberFormat("en");
const MAX_DOMAIN_ROWS = 12;

/** A domain's row; in the overview a toggle that lights that domain's patterns (the URL's `domain`). */
function domainRow(state: AppState, deps: LegendDeps, key: string, label: string, color: string, count: number): HTMLElement {
  const parts = [h("span", { class: "legend-dot", attrs: { style: `background:${color}` } }), h("span", { class: "legend-row__label", text: label }), h("span", { class: "legend-row__count", text: nf.format(count) })];
  if (state.mode !== "overview") return h("li", { class: "legend-row" }, ...parts);
  const on = state.gapDomain === key;
  return h(
    "li",
    {},
    h(
      "button",
      {
        class: `legend-row legend-row--button${on ? " legend-row--on" : ""}`,
        attrs: { type: "button", "aria-pressed": String(on), "data-domain": key, title: on ? "Light every domain" : `Light the patterns of ${label}` },
        on: { click: () => deps.actions.setOverviewDomain(on ? null : key) },
      },
      ...parts,
    ),
  );
}

export function renderLegend(root: HTMLElement, state: AppState, graph: AtlasGraph, deps: LegendDeps): void {
  const stats = deps.stats();
  const scale = deps.domains();
  const sections: HTMLElement[] = [];

  if (state.mode === "neighborhood" || state.mode === "path") {
    const libraryTypes = sortLinkTypes(Object.keys(stats?.linksByType ?? {}));
    const inView = new Map<string, number>();
    graph.forEachEdge((_e, a, _s, target) => {
      if (graph.getNodeAttribute(target, "group") === undefined) inView.set(a.linkType, (inView.get(a.linkType) ?? 0) + 1);
    });
    const enabled = (type: string) => state.types === null || state.types.includes(type);
    sections.push(
      h(
        "section",
        { class: "legend__section", attrs: { "aria-labelledby": "legend-types" } },
        h(
          "div",
          { class: "legend__heading" },
          h("h3", { attrs: { id: "legend-types" }, text: "Link types" }),
          state.types !== null
            ? h("button", { class: "text-button", attrs: { type: "button" }, on: { click: () => deps.actions.setAllTypes(true) }, text: "Show all" })
            : null,
        ),
        h(
          "ul",
          { class: "legend__list" },
          ...libraryTypes.map((type) => {
            const on = enabled(type);
            const count = inView.get(type) ?? 0;
            return h(
              "li",
              { attrs: { "data-empty": on && count === 0 } },
              h(
                "button",
                {
                  class: `legend-toggle${on ? "" : " legend-toggle--off"}`,
                  attrs: {
                    type: "button",
                    "aria-pressed": String(on),
                    "data-type": type,
                    title: `${on ? "Hide" : "Show"} ${linkTypeWords(type)} links`,
                  },
                  on: { click: () => deps.actions.toggleType(type, libraryTypes) },
                },
                h("span", { class: `legend-line${isSymmetricLinkType(type) ? "" : " legend-line--arrow"}`, attrs: { style: `--c:${linkTypeColor(type)}` } }),
                h("span", { class: "legend-toggle__label", text: linkTypeWords(type) }),
                h("span", { class: "legend-toggle__count", text: on ? nf.format(count) : "off" }),
              ),
              h("button", {
                class: "text-button legend-only",
                attrs: { type: "button", "data-only-type": type, title: `Show only ${linkTypeWords(type)} links`, "aria-label": `Only ${linkTypeWords(type)}` },
                on: { click: () => deps.actions.onlyType(type) },
                text: "only",
              }),
            );
          }),
        ),
        h("p", { class: "legend__note", text: "Arrows point from the pattern that declares the link. Several links between two patterns are drawn as separate curves." }),
      ),
    );
  }

  if (state.mode === "lineage") {
    const pale = mix(LINEAGE_COLOR, themeColors().background, 0.55);
    sections.push(
      h(
        "section",
        { class: "legend__section", attrs: { "aria-labelledby": "legend-lineage" } },
        h("div", { class: "legend__heading" }, h("h3", { attrs: { id: "legend-lineage" }, text: "Lineage links" })),
        h(
          "ul",
          { class: "legend__list" },
          h("li", { class: "legend-row" }, h("span", { class: "legend-line legend-line--arrow legend-line--thick", attrs: { style: `--c:${LINEAGE_COLOR}` } }), "parent → child, declared on both sides"),
          h("li", { class: "legend-row" }, h("span", { class: "legend-line legend-line--arrow", attrs: { style: `--c:${pale}` } }), "declared on one side only"),
        ),
      ),
    );
  }

  if (state.mode === "gaps" && state.finding && graph.size > 0) {
    const types = sortLinkTypes(graph.mapEdges((_e, a) => a.linkType));
    const proposed = graph.someEdge((_e, a) => a.proposed === true);
    sections.push(
      h(
        "section",
        { class: "legend__section", attrs: { "aria-labelledby": "legend-gap" } },
        h("div", { class: "legend__heading" }, h("h3", { attrs: { id: "legend-gap" }, text: "This finding" })),
        h(
          "ul",
          { class: "legend__list" },
          h("li", { class: "legend-row" }, h("span", { class: "legend-line legend-line--thick", attrs: { style: `--c:${themeColors().accent}` } }), "its patterns and the links it is about, lit; the rest faded"),
          proposed
            ? h("li", { class: "legend-row" }, h("span", { class: "legend-line legend-line--arrow", attrs: { style: `--c:${themeColors().label}` } }), "what the fix would declare (not in the files yet)")
            : null,
          ...types.map((type) =>
            h("li", { class: "legend-row" }, h("span", { class: `legend-line${isSymmetricLinkType(type) ? "" : " legend-line--arrow"}`, attrs: { style: `--c:${linkTypeColor(type)}` } }), linkTypeWords(type)),
          ),
        ),
      ),
    );
  }

  const info = deps.info?.() ?? null;
  if (state.mode === "overview" && info?.mode === "overview") {
    const section = communitySection(state, info, deps.actions);
    if (section) sections.push(section);
  }

  // Domains of the patterns on screen (the overview leaves the unlinked ones out unless asked; a large
  // library's overview, drawn by community, counts the patterns it holds).
  const counts = new Map<string, number>(state.mode === "overview" && info?.mode === "overview" && info.domainCounts ? info.domainCounts : []);
  if (!(state.mode === "overview" && info?.mode === "overview" && info.levels)) {
    graph.forEachNode((_n, a) => {
      if (!a.dangling && a.group === undefined && a.aggregate === undefined) counts.set(a.domain ?? NO_DOMAIN, (counts.get(a.domain ?? NO_DOMAIN) ?? 0) + 1);
    });
  }
  if (counts.size) {
    const named = new Set(scale.named.map((d) => d.domain));
    const rows = [...counts.entries()]
      .filter(([d]) => named.has(d))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    // The overview lists every domain with a colour of its own, so the grey row holds only the rest.
    const shown = rows.slice(0, state.mode === "overview" ? rows.length : MAX_DOMAIN_ROWS);
    const rest = [...counts.entries()].filter(([d]) => !shown.some(([s]) => s === d));
    const restCount = rest.reduce((n, [, c]) => n + c, 0);
    sections.push(
      h(
        "section",
        { class: "legend__section", attrs: { "aria-labelledby": "legend-domains" } },
        h("div", { class: "legend__heading" }, h("h3", { attrs: { id: "legend-domains" }, text: "Domains" })),
        h(
          "ul",
          { class: "legend__list legend__list--domains" },
          ...shown.map(([domain, n]) => {
            const dot = h("span", { class: "legend-dot", attrs: { style: `background:${scale.color(domain)}` } });
            const focus = deps.domainFocus?.() ?? null;
            const setFocus = deps.setDomainFocus;
            if (state.mode !== "neighborhood" || !setFocus) return domainRow(state, deps, domain, domain, scale.color(domain), n);
            const lit = focus?.domain === domain;
            return h(
              "li",
              { class: "legend-row legend-row--domain" },
              h(
                "button",
                {
                  class: `legend-toggle${focus && !lit ? " legend-toggle--off" : ""}`,
                  attrs: { type: "button", "data-domain": domain, "aria-pressed": String(lit && !focus.only), title: lit ? `Stop highlighting ${domain}` : `Highlight the ${domain} patterns` },
                  on: { click: () => setFocus(lit && !focus.only ? null : { domain, only: false }) },
                },
                dot,
                h("span", { class: "legend-toggle__label", text: domain }),
                h("span", { class: "legend-toggle__count", text: nf.format(n) }),
              ),
              h("button", {
                class: "text-button legend-only",
                attrs: { type: "button", "data-only-domain": domain, "aria-pressed": String(lit && focus.only), title: lit && focus.only ? "Show every domain again" : `Show only the ${domain} patterns` },
                on: { click: () => setFocus(lit && focus.only ? null : { domain, only: true }) },
                text: lit && focus.only ? "all" : "only",
              }),
            );
          }),
          rest.length ? domainRow(state, deps, OTHER_DOMAINS, `${rest.length} other domain${rest.length === 1 ? "" : "s"}`, scale.color(undefined), restCount) : null,
        ),
        state.mode === "overview" ? h("p", { class: "legend__note", text: "Click a domain to light its patterns." }) : null,
        h("p", { class: "legend__note" }, h("span", { class: "legend-sizes", attrs: { "aria-hidden": "true" } }, h("i"), h("i"), h("i")), "Size: number of links"),
      ),
    );
  }
  replaceChildren(root, ...sections);
}
