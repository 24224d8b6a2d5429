// What the stage and the status line say about the view: a card in the middle (nothing to draw, a
// failure with what to do) or a notice above a graph still worth seeing, and one status sentence.
import { ApiError } from "../api.ts";
import type { Actions } from "../state/actions.ts";
import type { AppState } from "../state/app-state.ts";
import { h, replaceChildren } from "../ui/dom.ts";
import { describeFailure, isUnreachable } from "../ui/failure.ts";
import { separationText } from "../views/path-steps.ts";
import type { ViewInfo } from "../views/view.ts";

export interface StageNotice {
  title: string;
  hint?: string;
  extra?: HTMLElement | null;
  /** Above the graph rather than over its middle. */
  top?: boolean;
}

export type ShowMessage = (notice: StageNotice | null) => void;

/** The stage's message element as a function: null hides it. */
export function stageMessage(message: HTMLElement): ShowMessage {
  return (notice) => {
    message.classList.toggle("stage__message--top", notice?.top === true);
    if (!notice) {
      message.hidden = true;
      return;
    }
    const { title, hint, extra } = notice;
    replaceChildren(message, h("div", { class: "stage__card" }, h("p", { class: "stage__title", text: title }), hint ? h("p", { class: "stage__hint", text: hint }) : null, extra ?? null));
    message.hidden = false;
  };
}

/** What to say over a loaded view that has nothing (or nothing linked) to show; null when the graph speaks for itself. */
export function viewNotice(state: AppState, info: ViewInfo, actions: Actions): StageNotice | null {
  if (info.mode === "empty") return { title: info.reason, hint: info.hint };
  if (info.mode === "path" && info.result.paths.length === 0) {
    // Two separate connected parts: the stage card is the one place that says which, with the Gaps
    // finding about the smaller one (on a phone the panel is in the drawer). Otherwise the panel says what to relax.
    const titleOf = (slug: string) => info.titles.get(slug) ?? slug;
    const why = separationText(info.result, titleOf);
    const finding = info.finding;
    if (why && !info.result.components?.same) {
      return {
        title: "No path found",
        hint: why,
        extra: finding
          ? h(
              "div",
              { class: "stage__actions", attrs: { "data-testid": "path-components" } },
              h(
                "button",
                { class: "button button--small", attrs: { type: "button", "data-finding": finding.id }, on: { click: () => actions.openFinding(finding.id) } },
                `See the ${finding.kind} finding for ${titleOf(finding.slug)} in Gaps`,
              ),
            )
          : null,
      };
    }
    return {
      title: "No path found",
      hint: `Nothing connects the two patterns within ${state.maxLength} link${state.maxLength === 1 ? "" : "s"}${state.types !== null ? " along the chosen link types" : ""}${state.directed ? ", following direction" : ""}. The Paths panel says what to relax.`,
    };
  }
  if (info.mode === "neighborhood" && info.subgraph.links.length === 0) {
    return {
      title: "No links here",
      hint:
        state.types !== null || state.direction !== "both"
          ? "This pattern has no links of the chosen types and direction. Turn more link types on in the legend."
          : "This pattern has no links to other patterns: it is an orphan.",
      top: true,
    };
  }
  return null;
}

/** The card for a view that failed to load: why, the suggested patterns of a 404, and "Try again" otherwise. */
export function failureNotice(error: unknown, actions: Actions, retry: () => void): StageNotice {
  const text = describeFailure(error);
  const suggestions = error instanceof ApiError ? error.suggestions : [];
  const notFound = error instanceof ApiError && error.status === 404;
  return {
    title: notFound ? "Pattern not found" : isUnreachable(error) ? "The server is not answering" : "Could not load this view",
    hint: text,
    extra: h(
      "div",
      { class: "stage__actions" },
      ...suggestions.slice(0, 5).map((s) => h("button", { class: "button button--small", attrs: { type: "button" }, on: { click: () => actions.openPattern(s) }, text: s })),
      notFound ? null : h("button", { class: "button button--small", attrs: { type: "button", "data-testid": "retry" }, on: { click: retry }, text: "Try again" }),
    ),
  };
}

/** The status line's sentence for a loaded view. */
export function describeView(info: ViewInfo): string {
  switch (info.mode) {
    case "overview":
      return `Overview: ${info.nodes} patterns, ${info.links} links.`;
    case "neighborhood":
      return `Neighbourhood of ${info.title}: ${info.subgraph.nodes.length} patterns, ${info.subgraph.links.length} links.`;
    case "lineage":
      return `Lineage of ${info.title}: ${info.lineage.nodes.length} patterns.`;
    case "path":
      return info.result.paths.length ? `${info.result.paths.length} paths found.` : "No path found.";
    case "gaps":
      return info.finding ? `Gap: ${info.finding.evidence}` : `Gaps: the library, ${info.nodes} patterns.`;
    case "empty":
      return info.reason;
  }
}
