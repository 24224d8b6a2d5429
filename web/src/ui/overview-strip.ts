// The overview's strip over the stage: how many patterns have no link at all (kept out of the picture
// so they do not ring it), a switch to draw them, and the domain or community lit from the legend with a way back.
import type { Actions } from "../state/actions.ts";
import type { AppState } from "../state/app-state.ts";
import type { ViewInfo } from "../views/view.ts";
import { h, replaceChildren } from "./dom.ts";

const nf = new Intl.NumberFormat("en");

/**
 * What the fit keeps clear at the stage's top for the strip: on a phone held upright the overview's picture
 * fills the stage's height (views/overview-portrait.ts), so without it the top of the picture lay under the strip.
 */
export function overviewStripInset(strip: HTMLElement, stage: HTMLElement): number {
  return strip.hidden || stage.clientHeight < stage.clientWidth * 1.2 ? 0 : strip.offsetTop + strip.offsetHeight;
}

/** Shows the strip for the overview (hidden in every other view, and while a view loads or failed). */
export function renderOverviewStrip(root: HTMLElement, state: AppState, info: ViewInfo | null, actions: Actions): void {
  if (state.mode !== "overview" || info?.mode !== "overview") {
    root.hidden = true;
    replaceChildren(root);
    return;
  }
  const count = `${nf.format(info.unlinked)} unlinked pattern${info.unlinked === 1 ? "" : "s"}`;
  replaceChildren(
    root,
    info.unlinked > 0
      ? h(
          "button",
          {
            class: "overview-strip__item",
            attrs: { type: "button", "aria-pressed": String(info.showingUnlinked), "data-testid": "unlinked-toggle", title: info.showingUnlinked ? "Hide the patterns without links" : "Draw the patterns without links around the graph" },
            on: { click: () => actions.setUnlinked(!info.showingUnlinked) },
          },
          h("span", { class: "overview-strip__count", text: count }),
          h("span", { class: "overview-strip__action", text: info.showingUnlinked ? "hide" : "show" }),
        )
      : null,
    state.gapDomain
      ? h(
          "button",
          { class: "overview-strip__item", attrs: { type: "button", "data-testid": "domain-clear", title: "Light every domain again" }, on: { click: () => actions.setOverviewDomain(null) } },
          h("span", { class: "overview-strip__count", text: `Domain: ${state.gapDomain}` }),
          h("span", { class: "overview-strip__action", text: "clear" }),
        )
      : null,
    state.community
      ? h(
          "button",
          { class: "overview-strip__item", attrs: { type: "button", "data-testid": "community-clear", title: "Light every community again" }, on: { click: () => actions.setOverviewCommunity(null) } },
          h("span", { class: "overview-strip__count", text: `Community: ${info.communities.find((c) => c.key === state.community)?.name ?? state.community}` }),
          h("span", { class: "overview-strip__action", text: "clear" }),
        )
      : null,
  );
  root.hidden = false;
}
