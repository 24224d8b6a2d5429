// The left sidebar's view controls: a header describing the view, then the controls of the mode
// (depth and direction, lineage depth, the path form and its results). Elements that hold focus
// (the path search fields) are created once and updated, so typing never loses focus. The Gaps
// view's list is its own component (gaps/gaps-panel.ts).
import type { Api } from "../api.ts";
import type { GapsPanel } from "../gaps/gaps-panel.ts";
import type { DomainScale } from "../graph/palette.ts";
import { createSearchBox, type SearchBox } from "../search/search-box.ts";
import type { Actions } from "../state/actions.ts";
import {
  NEIGHBORHOOD_LIMIT_STEPS,
  DEPTH_RANGE,
  DIRECTION_CHOICES,
  K_RANGE,
  LINEAGE_DEPTH_RANGE,
  MAX_LENGTH_RANGE,
  type AppState,
} from "../state/app-state.ts";
import type { LibraryStats, Subgraph } from "../types.ts";
import type { ViewInfo } from "../views/view.ts";
import { h, icon, replaceChildren } from "./dom.ts";
import { renderPathResults } from "./path-results.ts";

export interface ControlsDeps {
  api: Api;
  actions: Actions;
  domains: () => DomainScale;
  stats: () => LibraryStats | null;
  /** The Gaps view's list, drawn here when the mode is gaps. */
  gaps: GapsPanel;
}

export interface Controls {
  update(state: AppState, info: ViewInfo | null, loading: boolean): void;
}

const DIRECTION_LABELS: Record<AppState["direction"], string> = { both: "Both", out: "Outgoing", in: "Incoming" };
const nf = new Intl.NumberFormat("en");

export function createControls(root: HTMLElement, deps: ControlsDeps): Controls {
  const { actions } = deps;
  const header = h("div", { class: "controls__header" });
  const body = h("div", { class: "controls__body" });
  replaceChildren(root, header, body);

  // Path form: persistent.
  const titles = new Map<string, string>();
  const titleOf = (slug: string) => titles.get(slug) ?? slug;
  const fromBox: SearchBox = createSearchBox({
    api: deps.api, domains: deps.domains, id: "path-from", label: "Path start", placeholder: "From…", className: "search--field",
    onChoose: (hit) => {
      titles.set(hit.slug, hit.title);
      actions.setPathEnd("from", hit.slug);
    },
  });
  const toBox: SearchBox = createSearchBox({
    api: deps.api, domains: deps.domains, id: "path-to", label: "Path end", placeholder: "To…", className: "search--field",
    onChoose: (hit) => {
      titles.set(hit.slug, hit.title);
      actions.setPathEnd("to", hit.slug);
    },
  });
  const kSelect = select("path-k", range(K_RANGE.min, K_RANGE.max), (v) => actions.setPathOptions({ k: v }));
  const maxSelect = select("path-max", range(MAX_LENGTH_RANGE.min, MAX_LENGTH_RANGE.max), (v) => actions.setPathOptions({ maxLength: v }));
  const directedBox = h("input", { attrs: { type: "checkbox", id: "path-directed" }, on: { change: () => actions.setPathOptions({ directed: directedBox.checked }) } });
  const pathResults = h("div", { class: "path-results", attrs: { "aria-live": "polite" } });
  const pathForm = h(
    "div",
    { class: "path-form" },
    h("label", { class: "field-label", attrs: { for: "path-from" }, text: "From" }),
    fromBox.element,
    h(
      "div",
      { class: "path-form__swap" },
      h("button", { class: "icon-button", attrs: { type: "button", "aria-label": "Swap start and end", title: "Swap" }, on: { click: () => actions.swapPathEnds() } }, icon("swap", 16)),
    ),
    h("label", { class: "field-label", attrs: { for: "path-to" }, text: "To" }),
    toBox.element,
    h(
      "div",
      { class: "field-row" },
      h("label", { class: "field" }, h("span", { class: "field-label", text: "Paths (k)" }), kSelect),
      h("label", { class: "field" }, h("span", { class: "field-label", text: "Max links" }), maxSelect),
    ),
    h("label", { class: "check" }, directedBox, h("span", { text: "Follow link direction" })),
    pathResults,
  );

  const depthGroup = segmented("Depth", "depth", range(DEPTH_RANGE.min, DEPTH_RANGE.max).map((d) => ({ value: String(d), label: String(d) })), (v) => actions.setDepth(Number(v)));
  const directionGroup = segmented("Direction", "direction", DIRECTION_CHOICES.map((d) => ({ value: d, label: DIRECTION_LABELS[d] })), (v) => actions.setDirection(v as AppState["direction"]));
  // Up to the API's maximum: the server cuts to the most relevant and says what it left out.
  const limitGroup = segmented(
    "Most relevant patterns",
    "limit",
    NEIGHBORHOOD_LIMIT_STEPS.map((n) => ({ value: String(n), label: n >= 1000 ? `${n / 1000}k` : String(n) })),
    (v) => actions.setLimit(Number(v)),
  );
  const lineageDepth = select("lineage-depth", range(LINEAGE_DEPTH_RANGE.min, LINEAGE_DEPTH_RANGE.max), (v) => actions.setLineageDepth(v));

  let lastMode: string | null = null;

  return {
    update(state, info, loading) {
      const stats = deps.stats();
      if (info?.mode === "path") for (const [slug, title] of info.titles) titles.set(slug, title);
      if (info?.mode === "neighborhood") for (const n of info.subgraph.nodes) titles.set(n.slug, n.title);

      const modeChanged = lastMode !== state.mode;
      lastMode = state.mode;
      switch (state.mode) {
        case "overview": {
          replaceChildren(
            header,
            h("h2", { class: "controls__title", text: "Library overview" }),
            h("p", { class: "controls__subtitle", text: stats ? `${nf.format(stats.patterns)} patterns · ${nf.format(stats.links)} links` : "Loading…" }),
          );
          replaceChildren(
            body,
            stats
              ? h(
                  "dl",
                  { class: "facts facts--grid" },
                  fact("Domains", nf.format(Object.keys(stats.domains).length)),
                  fact("Orphans", nf.format(stats.isolated)),
                  fact("Dangling", nf.format(stats.dangling)),
                  fact("Problems", nf.format(stats.problems)),
                )
              : null,
            h("p", { class: "hint" }, "Hover a pattern to see its links, click for details, double-click to explore its neighbourhood."),
          );
          break;
        }
        case "neighborhood": {
          const title = state.focus ? titleOf(state.focus) : null;
          replaceChildren(
            header,
            h("h2", { class: "controls__title", text: "Neighbourhood" }),
            title && state.focus
              ? h("button", { class: "focus-link", attrs: { type: "button", title: "Show details" }, on: { click: () => actions.select(state.focus) } }, title)
              : h("p", { class: "controls__subtitle", text: "No pattern chosen" }),
          );
          setSegmented(depthGroup, String(state.depth));
          setSegmented(directionGroup, state.direction);
          setSegmented(limitGroup, String(state.limit));
          const counts =
            info?.mode === "neighborhood"
              ? h(
                  "p",
                  { class: "controls__counts" },
                  `${plural(info.subgraph.nodes.length, "pattern")} · ${plural(info.subgraph.links.length, "link")}`,
                )
              : null;
          const truncated = info?.mode === "neighborhood" ? cutNotice(info.subgraph, state, actions, titleOf) : null;
          const expanded = state.expanded.length
            ? h(
                "div",
                { class: "expanded" },
                h("span", { class: "field-label", text: "Expanded in place" }),
                h(
                  "div",
                  { class: "chips" },
                  ...state.expanded.map((slug) =>
                    h("button", { class: "chip chip--button", attrs: { type: "button", title: "Collapse" }, on: { click: () => actions.toggleExpanded(slug) } }, titleOf(slug), " ×"),
                  ),
                ),
              )
            : null;
          replaceChildren(body, depthGroup, directionGroup, limitGroup, counts, truncated, expanded, h("p", { class: "hint", text: "Double-click a pattern to add its neighbours in place; click a “+N more” node to open that group." }));
          break;
        }
        case "lineage": {
          const title = state.focus ? titleOf(info?.mode === "lineage" ? info.title : state.focus) : null;
          lineageDepth.value = String(state.lineageDepth);
          replaceChildren(
            header,
            h("h2", { class: "controls__title", text: "Lineage" }),
            title && state.focus
              ? h("button", { class: "focus-link", attrs: { type: "button" }, on: { click: () => actions.select(state.focus) } }, info?.mode === "lineage" ? info.title : title)
              : h("p", { class: "controls__subtitle", text: "No pattern chosen" }),
          );
          let summary: HTMLElement | null = null;
          if (info?.mode === "lineage") {
            const ancestors = info.lineage.nodes.filter((n) => n.level < 0).length;
            const descendants = info.lineage.nodes.filter((n) => n.level > 0).length;
            summary = h("p", { class: "controls__counts", text: `${ancestors} ancestor${ancestors === 1 ? "" : "s"} · ${descendants} descendant${descendants === 1 ? "" : "s"}` });
          }
          replaceChildren(
            body,
            h("label", { class: "field" }, h("span", { class: "field-label", text: "Levels each way" }), lineageDepth),
            summary,
            info?.mode === "lineage" && info.lineage.truncated ? h("p", { class: "notice notice--warn", text: "The lineage continues beyond this depth." }) : null,
            info?.mode === "lineage" && info.lineage.nodes.length <= 1
              ? h("p", { class: "notice", text: "This pattern has no parent or child through generalizes_from / specializes_to." })
              : null,
            h("p", { class: "hint", text: "Parents above, children below. A pattern with several parents has several arrows coming in." }),
          );
          break;
        }
        case "path": {
          if (modeChanged) replaceChildren(header, h("h2", { class: "controls__title", text: "Paths" }), h("p", { class: "controls__subtitle", text: "How do two patterns connect?" }));
          if (modeChanged || !body.contains(pathForm)) replaceChildren(body, pathForm);
          fromBox.setValue(state.from ? titleOf(state.from) : "");
          toBox.setValue(state.to ? titleOf(state.to) : "");
          kSelect.value = String(state.k);
          maxSelect.value = String(state.maxLength);
          directedBox.checked = state.directed;
          renderPathResults(pathResults, state, info, loading, titleOf, actions);
          break;
        }
        case "gaps":
          deps.gaps.render(header, body, state);
          break;
      }
    },
  };
}

const plural = (n: number, word: string) => `${nf.format(n)} ${word}${n === 1 ? "" : "s"}`;

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

function select(id: string, values: number[], onChange: (value: number) => void): HTMLSelectElement {
  const el = h("select", { class: "select", attrs: { id } }, ...values.map((v) => h("option", { attrs: { value: v }, text: String(v) })));
  el.addEventListener("change", () => onChange(Number(el.value)));
  return el;
}

function segmented(label: string, name: string, options: { value: string; label: string }[], onChange: (value: string) => void): HTMLFieldSetElement {
  return h(
    "fieldset",
    { class: "segmented", attrs: { "data-name": name } },
    h("legend", { class: "field-label", text: label }),
    h(
      "div",
      { class: "segmented__options" },
      ...options.map((o) =>
        h(
          "label",
          { class: "segmented__option" },
          h("input", { attrs: { type: "radio", name, value: o.value }, on: { change: (e) => onChange((e.target as HTMLInputElement).value) } }),
          h("span", { text: o.label }),
        ),
      ),
    ),
  );
}

function setSegmented(group: HTMLFieldSetElement, value: string): void {
  group.querySelectorAll<HTMLInputElement>("input[type=radio]").forEach((input) => {
    input.checked = input.value === value;
  });
}

function fact(label: string, value: string): HTMLElement {
  return h("div", { class: "fact" }, h("dt", { text: label }), h("dd", { text: value }));
}

/** Groups listed in the notice (the biggest); the rest are counted. */
const LISTED_GROUPS = 8;

/** A chip per left-out group: its count, the pattern it hangs from and its link type; a click opens or closes it in place. */
function groupChips(groups: readonly Subgraph["groups"][number][], state: AppState, actions: Actions, titleOf: (slug: string) => string): HTMLElement {
  return h(
    "div",
    { class: "chips cut-groups" },
    ...groups.map((g) =>
      h(
        "button",
        {
          class: "chip chip--button",
          attrs: {
            type: "button",
            "data-group": g.key,
            "aria-pressed": String(state.openGroups.includes(g.key)),
            title: `${g.count} via ${titleOf(g.via)} (${g.type.replace(/_/g, " ")})${g.domain ? `, mostly ${g.domain}` : ""}: ${g.sample.map(titleOf).join(", ")}${g.count > g.sample.length ? ", …" : ""}`,
          },
          on: { click: () => actions.toggleGroup(g.key) },
        },
        `${state.openGroups.includes(g.key) ? "− " : "+ "}${g.count} via ${titleOf(g.via)} · ${g.type.replace(/_/g, " ")}`,
      ),
    ),
  );
}

/**
 * What a cut neighbourhood left out, why, and what to do: raise the limit, turn off link types,
 * lower the depth (only when there is one to lower), or open a group of left-out patterns in place.
 */
function cutNotice(subgraph: Subgraph, state: AppState, actions: Actions, titleOf: (slug: string) => string): HTMLElement | null {
  const cut = subgraph.truncated;
  if (cut === false || cut.reason !== "node-limit") return null;
  const within = `within ${plural(state.depth, "link")}`;
  const next = NEIGHBORHOOD_LIMIT_STEPS.find((step) => step > state.limit);
  const raise = next
    ? h(
        "button",
        { class: "chip chip--button", attrs: { type: "button", "data-action": "raise-limit" }, on: { click: () => actions.setLimit(Math.min(next, cut.total)) } },
        next >= cut.total ? `Show all ${cut.total}` : `Show up to ${next}`,
      )
    : null;
  const advice = [
    "Turn off link types in the legend to narrow it",
    state.depth > DEPTH_RANGE.min ? ", or lower the depth" : "",
    ", or open a group: below, or its “+N more” node in the graph.",
  ].join("");
  const groups = [...subgraph.groups].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  const listed = groups.slice(0, LISTED_GROUPS);
  const unlisted = groups.slice(LISTED_GROUPS);
  return h(
    "div",
    { class: "cut-notice", attrs: { "data-testid": "cut-notice" } },
    h(
      "p",
      { class: "notice notice--warn" },
      `Showing the ${cut.kept} most relevant of ${cut.total} patterns ${within}; ${cut.leftOut} left out, in ${plural(cut.groups, "group")}.`,
    ),
    raise,
    h("p", { class: "hint", text: advice }),
    h("span", { class: "field-label", text: "Left out, by the pattern they hang from" }),
    groupChips(listed, state, actions, titleOf),
    // Every group is reachable from here too (on a phone, the small ones deep in are badges in the graph).
    unlisted.length
      ? h(
          "details",
          { class: "cut-groups-more", attrs: { "data-testid": "cut-groups-more" } },
          h("summary", { class: "hint", text: `…and ${unlisted.reduce((n, g) => n + g.count, 0)} more in ${plural(unlisted.length, "smaller group")}` }),
          groupChips(unlisted, state, actions, titleOf),
        )
      : null,
  );
}
