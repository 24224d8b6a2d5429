// The Paths view's results in the sidebar: each ranked path as a card with its sentence, score and
// steps (a hop's weight and description on hover or focus), or, with no path, what to relax and why
// the two patterns are apart.
import type { Actions } from "../state/actions.ts";
import { MAX_LENGTH_RANGE, type AppState } from "../state/app-state.ts";
import { hopVerb, pathSentence, separationText } from "../views/path-steps.ts";
import type { ViewInfo } from "../views/view.ts";
import { h, replaceChildren } from "./dom.ts";

export function renderPathResults(
  root: HTMLElement,
  state: AppState,
  info: ViewInfo | null,
  loading: boolean,
  titleOf: (slug: string) => string,
  actions: Actions,
): void {
  if (loading) {
    replaceChildren(root, h("p", { class: "muted", text: "Searching…" }));
    return;
  }
  if (!info || info.mode !== "path") {
    replaceChildren(root);
    return;
  }
  const { result } = info;
  if (!result.paths.length) {
    const types = state.types === null ? "any link type" : state.types.join(", ");
    // Only suggest what can still be relaxed; with nothing left, the two are simply not connected.
    // Two separate connected parts: no length or direction joins them, only more link types might.
    const apart = result.components !== undefined && !result.components.same;
    const relax = [
      state.maxLength < MAX_LENGTH_RANGE.max && !apart ? "raise “Max links”" : null,
      state.types !== null ? "allow more link types" : null,
      state.directed && !apart ? "stop following direction" : null,
    ].filter((s): s is string => s !== null);
    const advice = relax.length
      ? `${relax.join(", ").replace(/, ([^,]*)$/, relax.length > 1 ? ", or $1" : "$1")}.`
      : "Nothing is left to relax: the two patterns are not connected at all.";
    // Two separate parts: the card over the graph says which, with the Gaps finding; the panel does not repeat it.
    const said = apart
      ? `${titleOf(result.from)} and ${titleOf(result.to)} are in separate connected parts of the library (the card over the graph says which), so no longer path joins them. `
      : `Nothing connects ${titleOf(result.from)} to ${titleOf(result.to)} within ${state.maxLength} link${state.maxLength === 1 ? "" : "s"} along ${types}${state.directed ? ", following direction" : ""}. `;
    replaceChildren(
      root,
      h(
        "div",
        { class: "notice notice--warn", attrs: { role: "status", "data-testid": "no-path" } },
        h("strong", { text: "No path found. " }),
        said,
        apart && !relax.length ? "" : advice.charAt(0).toUpperCase() + advice.slice(1),
      ),
      apart ? null : separation(result, info.finding ?? null, titleOf, actions),
    );
    return;
  }
  const cards = result.paths.map((path, index) => {
    const selected = state.pathIndex === index;
    const steps: HTMLElement[] = [];
    path.nodes.forEach((slug, i) => {
      const step = path.steps[i];
      // The hop's weight and description, shown when the hop is hovered or focused.
      const meta = step ? [step.weight !== undefined ? `weight ${step.weight}` : null, step.description ?? null].filter((m): m is string => m !== null) : [];
      steps.push(
        h(
          "li",
          { class: "path-step" },
          h("button", { class: "path-step__node link-button", attrs: { type: "button", "data-slug": slug }, on: { click: () => actions.select(slug) } }, titleOf(slug)),
          i < path.length && step
            ? h(
                "span",
                { class: "path-step__hop", attrs: { tabindex: "0", title: [step.text, ...meta].join(" · "), "data-hop": i } },
                h("span", { class: "path-step__link", text: hopVerb(path, i) }),
                h("span", { class: "path-step__meta", text: meta.length ? meta.join(" · ") : "no weight or description declared" }),
              )
            : null,
        ),
      );
    });
    return h(
      "li",
      { class: `path-card${selected ? " path-card--selected" : ""}`, attrs: { "data-path-index": index } },
      h(
        "button",
        {
          class: "path-card__head",
          attrs: { type: "button", "aria-pressed": String(selected), title: selected ? "Show all paths" : "Highlight this path" },
          on: { click: () => actions.setPathIndex(selected ? null : index) },
        },
        h("span", { class: "path-card__index", text: `Path ${index + 1}` }),
        h("span", { class: "path-card__length", attrs: { title: rankMeaning(path.score, index, result.paths.length) }, text: `${path.length} link${path.length === 1 ? "" : "s"} · rank ${index + 1} of ${result.paths.length}` }),
      ),
      h("p", { class: "path-card__explanation", text: pathSentence(path) }),
      h("ol", { class: "path-steps", attrs: { "aria-label": pathSentence(path) } }, ...steps),
    );
  });
  replaceChildren(
    root,
    h("p", { class: "controls__counts", text: `${result.paths.length} path${result.paths.length === 1 ? "" : "s"} (shortest first, then through the most specific patterns)` }),
    h("ol", { class: "path-cards" }, ...cards),
  );
}

/** What a path's rank and score mean, for its hover title: lower scores rank first. */
export function rankMeaning(score: number, index: number, count: number): string {
  return (
    `Rank ${index + 1} of ${count}: fewer links rank first; among paths of the same length, the one through less broadly linked patterns first. ` +
    `Score ${score.toFixed(3)} (lower is better): the number of links, plus a little for each pattern passed through, more for a broadly linked one.`
  );
}

/**
 * Why two patterns are not connected at all, from the API's components: which connected part each
 * end is in and its size, and the Gaps view's finding about the smaller one when there is one.
 */
function separation(
  result: Extract<ViewInfo, { mode: "path" }>["result"],
  finding: { id: string; kind: string; slug: string } | null,
  titleOf: (slug: string) => string,
  actions: Actions,
): HTMLElement | null {
  const parts = result.components;
  const text = separationText(result, titleOf);
  if (!parts || !text) return null;
  return h(
    "div",
    { class: "notice", attrs: { "data-testid": "path-components" } },
    h("p", { text }),
    finding
      ? h(
          "button",
          { class: "chip chip--button", attrs: { type: "button", "data-finding": finding.id }, on: { click: () => actions.openFinding(finding.id) } },
          `See the ${finding.kind} finding for ${titleOf(finding.slug)} in Gaps`,
        )
      : null,
  );
}
