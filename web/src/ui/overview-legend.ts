// The overview's legend section for communities: the largest ones by name, size and domains, each a
// toggle that lights its patterns (the URL's `community`); in a large library, also how to open one.
import type { Actions } from "../state/actions.ts";
import type { AppState } from "../state/app-state.ts";
import { namedCommunities } from "../views/overview-communities.ts";
import type { CommunityInfo, ViewInfo } from "../views/view.ts";
import { h } from "./dom.ts";

const nf = new Intl.NumberFormat("en");
/** Rows listed: the largest communities; the rest are counted in one line. */
const MAX_ROWS = 12;

export function communitySection(state: AppState, info: Extract<ViewInfo, { mode: "overview" }>, actions: Actions): HTMLElement | null {
  const linked = info.communities.reduce((n, c) => n + c.patterns, 0);
  const named = new Set(namedCommunities(info.communities, linked).slice(0, MAX_ROWS));
  const rows = info.communities.filter((c) => named.has(c) || c.key === state.community);
  if (!rows.length) return null;
  const rest = info.communities.length - rows.length;
  const restPatterns = linked - rows.reduce((n, c) => n + c.patterns, 0);
  const row = (c: CommunityInfo): HTMLElement => {
    const on = state.community === c.key;
    return h(
      "li",
      {},
      h(
        "button",
        {
          class: `legend-row legend-row--button legend-row--community${on ? " legend-row--on" : ""}`,
          attrs: { type: "button", "aria-pressed": String(on), "data-community": c.key, title: on ? "Light every community" : `Light the ${nf.format(c.patterns)} patterns of this community (${[c.terms, c.domains].filter(Boolean).join("; ")})` },
          on: { click: () => actions.setOverviewCommunity(on ? null : c.key) },
        },
        h("span", { class: "legend-dot legend-dot--ring", attrs: { style: `--c:${c.color}` } }),
        h("span", { class: "legend-row__label" }, h("span", { class: "legend-row__name", text: c.name }), h("span", { class: "legend-row__detail", text: [c.terms, c.domains].filter(Boolean).join(" · ") })),
        h("span", { class: "legend-row__count", text: nf.format(c.patterns) }),
      ),
    );
  };
  return h(
    "section",
    { class: "legend__section", attrs: { "aria-labelledby": "legend-communities" } },
    h("div", { class: "legend__heading" }, h("h3", { attrs: { id: "legend-communities" }, text: "Communities" })),
    h("ul", { class: "legend__list" }, ...rows.map(row)),
    info.levels ? crowdedNote(info.crowdedCommunities ?? 0) : null,
    h("p", {
      class: "legend__note",
      text:
        (rest > 0 ? `And ${nf.format(rest)} smaller ones (${nf.format(restPatterns)} patterns). ` : "") +
        "Patterns more linked among themselves than with the rest, named by their most linked member, then the words their titles use more than the library's and their leading domains. " +
        (info.levels ? "Click a community's node to open it into its patterns, its − marker to close it." : "Click one to light its patterns."),
    }),
  );
}

/** The legend's line counting the communities not drawn at this zoom; hidden when there are none. */
function crowdedNote(count: number): HTMLElement {
  const note = h("p", { class: "legend__note", attrs: { "data-testid": "crowded-communities" } });
  fillCrowdedNote(note, count);
  return note;
}

function fillCrowdedNote(note: HTMLElement, count: number): void {
  note.hidden = count === 0;
  note.textContent =
    count === 0
      ? ""
      : `${nf.format(count)} small ${count === 1 ? "community is" : "communities are"} not drawn at this zoom: ${count === 1 ? "its node would lie" : "their nodes would lie"} on larger ones. Zoom in to see ${count === 1 ? "it" : "them"}; hover any node for its name.`;
}

/** After a frame at rest: the count of communities crowded out, on the legend now on screen (if any). */
export function showCrowdedCommunities(count: number): void {
  const note = document.querySelector<HTMLElement>('[data-testid="crowded-communities"]');
  if (note) fillCrowdedNote(note, count);
}
