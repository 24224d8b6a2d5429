// The Gaps view's sidebar, a maintainer's work queue: progress (handled / open), counts per kind
// (each one a filter), domain, grouping and decided filters, the exports, and a page of findings (or
// of groups, each opening to its findings) to select for a patch or Apply (gaps-queue.ts). Fetches
// only when a filter or the page changes; a selection change only re-renders.
import type { Api } from "../api.ts";
import { isAbort } from "../api.ts";
import { DECIDED_MODES, GAP_GROUP_BY, type DecidedMode, type GapGroupBy } from "../../../core/gaps.ts";
import { GAPS_PAGE_SIZE, type AppState } from "../state/app-state.ts";
import type { Actions } from "../state/actions.ts";
import type { GapFinding, GapGroup, GapsGroupsPayload, GapsPayload } from "../types.ts";
import { h, replaceChildren } from "../ui/dom.ts";
import { describeFailure } from "../ui/failure.ts";
import { fetchGapGroups, fetchGaps, findingHeadline, gapsQuery, groupsQuery } from "./gaps-data.ts";
import { findingDetails, gapsProgress } from "./gaps-parts.ts";
import { createGapsQueue } from "./gaps-queue.ts";

const GROUP_LABELS: Record<GapGroupBy, string> = { target: "Target", file: "File to edit", pattern: "Pattern", kind: "Kind" };
const DECIDED_LABELS: Record<DecidedMode, string> = { hide: "Open only", show: "Open and decided", only: "Decided only" };
/** Findings shown under an opened group (the rest through the group's own filter). */
const GROUP_FINDINGS = 25;

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
  /** Whether the list failed to load (the server may be back: try again). */
  failed(): boolean;
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
  /** The page of groups when the list is grouped (`page` then holds the groups' samples as findings). */
  let groups: GapsGroupsPayload | null = null;
  /** Opened groups: their findings once loaded. */
  const opened = new Map<string, { findings: GapFinding[]; total: number; patterns: GapsPayload["patterns"]; decisions: GapsPayload["decisions"]["entries"] } | null>();
  const queue = createGapsQueue(deps.api, () => redraw());
  let error: string | null = null;
  let lastState: AppState | null = null;
  let lastSlots: { header: HTMLElement; body: HTMLElement } | null = null;

  const keyOf = (state: AppState) => JSON.stringify([gapsQuery(state), state.gapGroupBy]);

  const load = (state: AppState) => {
    const key = keyOf(state);
    loadedKey = key;
    page = null;
    groups = null;
    opened.clear();
    error = null;
    deps.onPage(null);
    const grouped = groupsQuery(state);
    const request: Promise<GapsPayload> = grouped
      ? fetchGapGroups(deps.api, grouped).then((g) => {
          groups = g;
          // The overview lights up the patterns of each group's first finding.
          const { groups: list, groupBy: _by, totalGroups: _n, ...rest } = g;
          return { ...rest, findings: list.map((x) => x.sample) };
        })
      : fetchGaps(deps.api, gapsQuery(state));
    request.then(
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

  const retry = () => {
    loadedKey = null;
    if (lastState?.mode === "gaps" && lastSlots) {
      load(lastState);
      draw(lastSlots.header, lastSlots.body, lastState);
    }
  };

  const redraw = () => {
    if (lastState && lastSlots && lastState.mode === "gaps") draw(lastSlots.header, lastSlots.body, lastState);
  };

  const title = (slug: string) => {
    const known = page?.patterns[slug]?.title;
    if (known) return known;
    for (const g of opened.values()) if (g?.patterns[slug]) return g.patterns[slug]!.title;
    return slug.startsWith("dangling:") ? slug.slice(9) : slug;
  };

  const draw = (header: HTMLElement, body: HTMLElement, state: AppState) => {
    const total = page ? Object.values(page.counts).reduce((a, b) => a + b, 0) : null;
    replaceChildren(
      header,
      h("h2", { class: "controls__title", text: "Gaps" }),
      h("p", {
        class: "controls__subtitle",
        attrs: { "data-testid": "gaps-total" },
        text: error && !page ? "Could not list the gaps" : total === null ? "Looking for gaps…" : `${nf.format(total)} finding${total === 1 ? "" : "s"} in the library`,
      }),
    );
    // Keep keyboard focus on the same control across the re-render.
    const focused = document.activeElement instanceof HTMLElement && root.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    replaceChildren(root, ...content(state));
    if (!body.contains(root)) replaceChildren(body, root);
    if (focused) root.querySelector<HTMLElement>(focused)?.focus();
    // On a phone the kinds scroll in one row: bring the chosen one into it.
    const chosen = root.querySelector<HTMLElement>(".gaps-kind--on");
    const row = chosen?.closest<HTMLElement>(".gaps-kinds");
    if (chosen && row && row.scrollWidth > row.clientWidth) row.scrollLeft = chosen.getBoundingClientRect().left - row.getBoundingClientRect().left - 8;
  };

  const content = (state: AppState): (HTMLElement | null)[] => {
    if (error) {
      return [
        h("p", { class: "notice notice--error", attrs: { role: "alert" }, text: describeFailure(error) }),
        page ? null : h("button", { class: "button button--small", attrs: { type: "button", "data-testid": "gaps-retry" }, on: { click: () => retry() }, text: "Try again" }),
      ];
    }
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

    const groupSelect = choice("gaps-group-by", [["", "No grouping"], ...GAP_GROUP_BY.map((g): [string, string] => [g, GROUP_LABELS[g]])], state.gapGroupBy ?? "", (v) =>
      actions.setGapFilter({ gapGroupBy: (v || null) as GapGroupBy | null }),
    );
    const decidedSelect = choice("gaps-decided", DECIDED_MODES.map((d): [string, string] => [d, DECIDED_LABELS[d]]), state.gapDecided, (v) => actions.setGapFilter({ gapDecided: v as DecidedMode }));

    const kindInfo = state.gapKind ? p.kinds.find((k) => k.kind === state.gapKind) : null;
    const query = { kind: state.gapKind, domain: state.gapDomain, pattern: state.gapPattern, decided: state.gapDecided };
    const first = p.offset + 1;
    const last = p.offset + p.findings.length;
    const g = groups;
    return [
      gapsProgress(p),
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
      h(
        "div",
        { class: "gaps-filters" },
        h("label", { class: "field gaps-domain" }, h("span", { class: "field-label", text: "Domain" }), domainSelect),
        h("label", { class: "field" }, h("span", { class: "field-label", text: "Group by" }), groupSelect),
        h("label", { class: "field" }, h("span", { class: "field-label", text: "Show" }), decidedSelect),
      ),
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
      queue.bar(),
      !p.findings.length
        ? h("p", { class: "notice", attrs: { role: "status" }, text: kindInfo ? `No ${kindInfo.label.toLowerCase()} here.` : "Nothing to fix here: no finding matches." })
        : g
          ? h("p", { class: "controls__counts", attrs: { "data-testid": "gaps-range" }, text: `Groups ${nf.format(first)}–${nf.format(last)} of ${nf.format(g.totalGroups)} (${nf.format(g.total)} findings)` })
          : h("p", { class: "controls__counts", attrs: { "data-testid": "gaps-range" }, text: `${nf.format(first)}–${nf.format(last)} of ${nf.format(p.total)}` }),
      g && g.groups.length ? h("ol", { class: "gaps-list gaps-groups" }, ...g.groups.map((group) => groupItem(group, g, state))) : null,
      !g && p.findings.length ? h("ol", { class: "gaps-list" }, ...p.findings.map((f) => findingItem(f, state, p.decisions.entries[f.id]))) : null,
      (g ? g.totalGroups : p.total) > GAPS_PAGE_SIZE ? pager(state, g ? g.totalGroups : p.total) : null,
    ];
  };

  const choice = (id: string, options: [string, string][], value: string, onChange: (value: string) => void): HTMLSelectElement => {
    const select = h("select", { class: "select", attrs: { id } }, ...options.map(([v, label]) => h("option", { attrs: { value: v }, text: label })));
    select.value = value;
    select.addEventListener("change", () => onChange(select.value));
    return select;
  };

  const groupItem = (group: GapGroup, g: GapsGroupsPayload, state: AppState): HTMLElement => {
    const open = opened.has(group.key);
    const loaded = opened.get(group.key);
    const kinds = group.kinds.map((k) => g.kinds.find((x) => x.kind === k)?.label ?? k);
    // A group of a pattern or a target is named by its title, a group of a kind by the kind's label; a file by its name.
    const name =
      g.groupBy === "kind" ? (g.kinds.find((x) => x.kind === group.key)?.label ?? group.key) : g.groupBy === "file" ? group.key : (g.patterns[group.key]?.title ?? title(group.key));
    const groupIds = (offset: number, limit: number) =>
      deps.api.gaps({ ...gapsQuery(state), groupBy: g.groupBy, group: group.key, offset, limit }).then((r) => ({ ids: r.findings.map((f) => f.id), total: r.total }));
    const box = h("input", {
      class: "gap__select",
      attrs: { type: "checkbox", "data-select-group": group.key, "aria-label": `Select the ${group.count} findings of ${name}`, ...(queue.isGroupSelected(group.key) ? { checked: true } : {}) },
      on: { change: () => void queue.toggleGroup(group.key, box.checked, groupIds).catch((reason: unknown) => ((error = String(reason)), redraw())) },
    });
    const toggle = () => {
      if (open) {
        opened.delete(group.key);
        return redraw();
      }
      opened.set(group.key, null);
      redraw();
      deps.api.gaps({ ...gapsQuery(state), offset: 0, limit: GROUP_FINDINGS, groupBy: g.groupBy, group: group.key }).then(
        (r) => {
          if (!opened.has(group.key)) return;
          opened.set(group.key, { findings: r.findings, total: r.total, patterns: r.patterns, decisions: r.decisions.entries });
          redraw();
        },
        (reason: unknown) => {
          error = reason instanceof Error ? reason.message : String(reason);
          redraw();
        },
      );
    };
    return h(
      "li",
      { class: `gap gap--group${open ? " gap--open" : ""}` },
      h(
        "div",
        { class: "gap__row" },
        box,
        h(
          "button",
          { class: "gap__head", attrs: { type: "button", "aria-expanded": String(open), "data-group": group.key, title: open ? "Close this group" : "Show this group's findings" }, on: { click: toggle } },
          h("span", { class: "gap__headline" }, h("span", { class: "gap__count badge", text: nf.format(group.count) }), ` ${name}`),
          h("span", { class: "gap__kinds", text: kinds.join(" · ") }),
          h("span", { class: "gap__evidence", text: `e.g. ${findingHeadline(group.sample, title)}` }),
        ),
      ),
      open
        ? loaded
          ? h(
              "ol",
              { class: "gaps-list gap__members" },
              ...loaded.findings.map((f) => findingItem(f, state, loaded.decisions[f.id])),
              loaded.total > loaded.findings.length ? h("li", { class: "hint", text: `and ${nf.format(loaded.total - loaded.findings.length)} more (select the group to take them all)` }) : null,
            )
          : h("p", { class: "muted", attrs: { role: "status" }, text: "Loading the group…" })
        : null,
    );
  };

  const findingItem = (finding: GapFinding, state: AppState, decision?: GapsPayload["decisions"]["entries"][string]): HTMLElement => {
    const on = state.finding === finding.id;
    const kindLabel = page?.kinds.find((k) => k.kind === finding.kind)?.label ?? finding.kind;
    const box = h("input", {
      class: "gap__select",
      attrs: { type: "checkbox", "data-select-finding": finding.id, "aria-label": "Select this finding", ...(queue.selected.has(finding.id) ? { checked: true } : {}) },
      on: { change: () => queue.toggleFinding(finding.id, box.checked) },
    });
    return h(
      "li",
      { class: `gap${on ? " gap--on" : ""}${decision ? " gap--decided" : ""}` },
      h(
        "div",
        { class: "gap__row" },
        box,
        h(
        "button",
        {
          class: "gap__head",
          attrs: { type: "button", "aria-pressed": String(on), "data-finding": finding.id, title: on ? "Back to the whole library" : "Show this finding in the graph" },
          on: { click: () => actions.openFinding(on ? null : finding.id) },
        },
        state.gapKind ? null : h("span", { class: "badge gap__kind", text: kindLabel }),
        decision ? h("span", { class: "badge gap__decided", attrs: { title: `${decision.by}, ${decision.date}: ${decision.why}` }, text: `decided: ${decision.decision}` }) : null,
        h("span", { class: "gap__headline", text: findingHeadline(finding, title) }),
        h("span", { class: "gap__evidence", text: finding.evidence }),
        ),
      ),
      on ? findingDetails(finding, title, actions.select) : null,
    );
  };

  const pager = (state: AppState, total: number): HTMLElement => {
    const pages = Math.ceil(total / GAPS_PAGE_SIZE);
    return h(
      "nav",
      { class: "gaps-pager", attrs: { "aria-label": state.gapGroupBy ? "Pages of groups" : "Pages of findings" } },
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
    failed: () => error !== null && page === null,
  };
}

/** A selector that finds the same control after a re-render. */
function focusKey(element: HTMLElement): string | null {
  for (const name of ["data-finding", "data-select-finding", "data-select-group", "data-group", "data-action", "data-kind", "data-page", "data-export", "data-slug", "id"]) {
    const value = element.getAttribute(name);
    if (value) return `[${name}="${CSS.escape(value)}"]`;
  }
  return null;
}
