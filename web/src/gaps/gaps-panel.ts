// The Gaps view's sidebar: counts per kind (each one a filter), a domain filter, the
// exports, and a page of findings whose entries open the graph on the finding. Fetches only when the
// kind, domain, pattern or page changes; a selection change only re-renders.
import type { Api } from "../api.ts";
import { isAbort } from "../api.ts";
import { GAPS_PAGE_SIZE, type AppState } from "../state/app-state.ts";
import type { Actions } from "../state/actions.ts";
import type { GapFinding, GapsPayload } from "../types.ts";
import { h, replaceChildren } from "../ui/dom.ts";
import { fetchGaps, findingHeadline, gapsQuery } from "./gaps-data.ts";

export interface GapsPanelDeps {
  api: Api;
  actions: Actions;
  /** Called with each page as it arrives (the overview lights up its patterns), null while loading. */
  onPage(page: GapsPayload | null): void;
}

export interface GapsPanel {
  /** Draws the panel for `state` into the sidebar's header and body. */
  render(header: HTMLElement, body: HTMLElement, state: AppState): void;
  /** The page on screen, if loaded. */
  page(): GapsPayload | null;
  /** Forgets the loaded page so the next render fetches again (after a library change). */
  invalidate(): void;
}

const nf = new Intl.NumberFormat("en");
const EXPORTS = [
  { format: "json", label: "JSON" },
  { format: "csv", label: "CSV" },
  { format: "md", label: "Markdown" },
] as const;

export function createGapsPanel(deps: GapsPanelDeps): GapsPanel {
  const { actions } = deps;
  const root = h("div", { class: "gaps", attrs: { "data-testid": "gaps-panel" } });
  let loadedKey: string | null = null;
  let page: GapsPayload | null = null;
  let error: string | null = null;
  let lastState: AppState | null = null;
  let lastSlots: { header: HTMLElement; body: HTMLElement } | null = null;

  const keyOf = (state: AppState) => JSON.stringify(gapsQuery(state));

  const load = (state: AppState) => {
    const key = keyOf(state);
    loadedKey = key;
    page = null;
    error = null;
    deps.onPage(null);
    fetchGaps(deps.api, gapsQuery(state)).then(
      (result) => {
        if (loadedKey !== key) return;
        page = result;
        deps.onPage(result);
        redraw();
      },
      (reason: unknown) => {
        if (loadedKey !== key || isAbort(reason)) return;
        error = reason instanceof Error ? reason.message : String(reason);
        redraw();
      },
    );
  };

  const redraw = () => {
    if (lastState && lastSlots && lastState.mode === "gaps") draw(lastSlots.header, lastSlots.body, lastState);
  };

  const title = (slug: string) => page?.patterns[slug]?.title ?? (slug.startsWith("dangling:") ? slug.slice(9) : slug);

  const draw = (header: HTMLElement, body: HTMLElement, state: AppState) => {
    const total = page ? Object.values(page.counts).reduce((a, b) => a + b, 0) : null;
    replaceChildren(
      header,
      h("h2", { class: "controls__title", text: "Gaps" }),
      h("p", { class: "controls__subtitle", attrs: { "data-testid": "gaps-total" }, text: total === null ? "Looking for gaps…" : `${nf.format(total)} finding${total === 1 ? "" : "s"} in the library` }),
    );
    // Keep keyboard focus on the same control across the re-render.
    const focused = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    replaceChildren(root, ...content(state));
    if (focused) root.querySelector<HTMLElement>(focused)?.focus();
    if (!body.contains(root)) replaceChildren(body, root);
  };

  const content = (state: AppState): (HTMLElement | null)[] => {
    if (error) return [h("p", { class: "notice notice--error", attrs: { role: "alert" }, text: error })];
    if (!page) return [h("p", { class: "muted", attrs: { role: "status" }, text: "Analysing the library…" })];
    const p = page;
    const filteredTotal = Object.values(p.filteredCounts).reduce((a, b) => a + b, 0);
    const kindButton = (kind: string | null, label: string, count: number, description?: string) => {
      const on = state.gapKind === kind;
      return h(
        "li",
        {},
        h(
          "button",
          {
            class: `gaps-kind${on ? " gaps-kind--on" : ""}${count === 0 ? " gaps-kind--zero" : ""}`,
            attrs: { type: "button", "aria-pressed": String(on), "data-kind": kind ?? "all", title: description },
            on: { click: () => actions.setGapFilter({ gapKind: kind }) },
          },
          h("span", { class: "gaps-kind__label", text: label }),
          h("span", { class: "gaps-kind__count", text: nf.format(count) }),
        ),
      );
    };
    const domains = [...new Set([...p.domains, ...(state.gapDomain ? [state.gapDomain] : [])])].sort();
    const domainSelect = h(
      "select",
      { class: "select", attrs: { id: "gaps-domain" } },
      h("option", { attrs: { value: "" }, text: "All domains" }),
      ...domains.map((d) => h("option", { attrs: { value: d }, text: d })),
    );
    domainSelect.value = state.gapDomain ?? "";
    domainSelect.addEventListener("change", () => actions.setGapFilter({ gapDomain: domainSelect.value || null }));

    const kindInfo = state.gapKind ? p.kinds.find((k) => k.kind === state.gapKind) : null;
    const query = { kind: state.gapKind, domain: state.gapDomain, pattern: state.gapPattern };
    const first = p.offset + 1;
    const last = p.offset + p.findings.length;
    return [
      state.gapPattern
        ? h(
            "div",
            { class: "chips gaps-filter" },
            h("span", { class: "muted", text: "Only" }),
            h(
              "button",
              { class: "chip chip--button", attrs: { type: "button", title: "Show the gaps of every pattern", "data-testid": "gaps-pattern-filter" }, on: { click: () => actions.setGapFilter({ gapPattern: null }) } },
              title(state.gapPattern),
              " ×",
            ),
          )
        : null,
      h("label", { class: "field gaps-domain" }, h("span", { class: "field-label", text: "Domain" }), domainSelect),
      h(
        "ul",
        { class: "gaps-kinds", attrs: { "aria-label": "Kinds of finding" } },
        kindButton(null, "All kinds", filteredTotal),
        ...p.kinds.map((k) => kindButton(k.kind, k.label, p.filteredCounts[k.kind] ?? 0, k.description)),
      ),
      kindInfo ? h("p", { class: "hint gaps-description", text: kindInfo.description }) : null,
      h(
        "p",
        { class: "gaps-exports" },
        h("span", { class: "field-label", text: "Download these findings" }),
        ...EXPORTS.map(({ format, label }) =>
          h("a", { class: "text-link gaps-export", attrs: { href: deps.api.gapsExportUrl(format, query), download: `gaps.${format}`, "data-export": format }, text: label }),
        ),
      ),
      p.findings.length
        ? h("p", { class: "controls__counts", attrs: { "data-testid": "gaps-range" }, text: `${nf.format(first)}–${nf.format(last)} of ${nf.format(p.total)}` })
        : h("p", { class: "notice", attrs: { role: "status" }, text: kindInfo ? `No ${kindInfo.label.toLowerCase()} here.` : "Nothing to fix here: no finding matches." }),
      p.findings.length ? h("ol", { class: "gaps-list" }, ...p.findings.map((f) => findingItem(f, state))) : null,
      p.total > GAPS_PAGE_SIZE ? pager(state, p) : null,
    ];
  };

  const findingItem = (finding: GapFinding, state: AppState): HTMLElement => {
    const on = state.finding === finding.id;
    const kindLabel = page?.kinds.find((k) => k.kind === finding.kind)?.label ?? finding.kind;
    return h(
      "li",
      { class: `gap${on ? " gap--on" : ""}` },
      h(
        "button",
        {
          class: "gap__head",
          attrs: { type: "button", "aria-pressed": String(on), "data-finding": finding.id, title: on ? "Back to the whole library" : "Show this finding in the graph" },
          on: { click: () => actions.openFinding(on ? null : finding.id) },
        },
        state.gapKind ? null : h("span", { class: "badge gap__kind", text: kindLabel }),
        h("span", { class: "gap__headline", text: findingHeadline(finding, title) }),
        h("span", { class: "gap__evidence", text: finding.evidence }),
      ),
      on ? findingDetails(finding) : null,
    );
  };

  const findingDetails = (finding: GapFinding): HTMLElement => {
    const patternButtons = [...new Set([...finding.patterns, ...(finding.candidates ?? []).map((c) => c.slug as string)])].slice(0, 12);
    return h(
      "div",
      { class: "gap__details" },
      h("p", { class: "gap__fix" }, h("strong", { text: "Fix: " }), finding.fix.description, finding.fix.automatic ? h("span", { class: "badge gap__auto", attrs: { title: "npm run gaps -- <folder> --fix-reciprocal writes this fix" }, text: "automatic" }) : null),
      finding.links.length
        ? h(
            "ul",
            { class: "gap__files" },
            ...finding.links.slice(0, 6).map((l) => h("li", {}, h("code", { text: `${l.declaredIn}${l.line ? `:${l.line}` : ""}` }), ` ${l.type}: ${l.target}`)),
          )
        : finding.fix.file
          ? h("p", { class: "gap__files" }, h("code", { text: finding.fix.file }))
          : null,
      finding.candidates?.length
        ? h(
            "ul",
            { class: "gap__candidates", attrs: { "aria-label": "Candidates" } },
            ...finding.candidates.slice(0, 5).map((c) => h("li", {}, h("strong", { text: c.title }), ` ${c.reason}`)),
          )
        : null,
      h(
        "div",
        { class: "chips gap__patterns" },
        ...patternButtons.map((slug) =>
          h("button", { class: "chip chip--button", attrs: { type: "button", "data-slug": slug, title: "Show details" }, on: { click: () => actions.select(slug) } }, title(slug)),
        ),
      ),
    );
  };

  const pager = (state: AppState, p: GapsPayload): HTMLElement => {
    const pages = Math.ceil(p.total / GAPS_PAGE_SIZE);
    return h(
      "nav",
      { class: "gaps-pager", attrs: { "aria-label": "Pages of findings" } },
      h("button", { class: "button button--small", attrs: { type: "button", "data-page": "previous", disabled: state.gapPage <= 0 }, on: { click: () => actions.setGapPage(state.gapPage - 1) }, text: "← Previous" }),
      h("span", { class: "muted", text: `Page ${nf.format(state.gapPage + 1)} of ${nf.format(pages)}` }),
      h("button", { class: "button button--small", attrs: { type: "button", "data-page": "next", disabled: state.gapPage + 1 >= pages }, on: { click: () => actions.setGapPage(state.gapPage + 1) }, text: "Next →" }),
    );
  };

  return {
    render(header, body, state) {
      lastState = state;
      lastSlots = { header, body };
      if (keyOf(state) !== loadedKey) load(state);
      draw(header, body, state);
    },
    page: () => page,
    invalidate() {
      loadedKey = null;
      if (lastState?.mode === "gaps" && lastSlots) this.render(lastSlots.header, lastSlots.body, lastState);
    },
  };
}

/** A selector that finds the same control after a re-render. */
function focusKey(element: HTMLElement): string | null {
  for (const name of ["data-finding", "data-kind", "data-page", "data-export", "data-slug", "id"]) {
    const value = element.getAttribute(name);
    if (value) return `[${name}="${CSS.escape(value)}"]`;
  }
  return null;
}
