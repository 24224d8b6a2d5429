// The side panel for the selected pattern: title, summary, domain, status, its links grouped by type
// and direction (each one opens that pattern), dangling references marked, and page/source links.
import { ApiError, isAbort, type Api } from "../api.ts";
import { describeFailure } from "../ui/failure.ts";
import { linkTypeWords } from "../../../core/path-wording.ts";
import { linkTypeColor, linkWording, sortLinkTypes, type DomainScale } from "../graph/palette.ts";
import type { LinkEnd, PatternDetail } from "../types.ts";
import { h, icon, replaceChildren, safeHttpUrl } from "../ui/dom.ts";
import { lineageSection, LINEAGE_TYPES } from "./lineage-links.ts";
import { danglingReason } from "../../../core/dangling-wording.ts";

export interface PanelActions {
  open(slug: string): void;
  explore(slug: string, mode: "neighborhood" | "lineage"): void;
  pathEnd(end: "from" | "to", slug: string): void;
  /** The Gaps view filtered to this pattern. */
  gaps(slug: string): void;
  close(): void;
}

export interface SidePanel {
  show(slug: string): void;
  hide(): void;
  /** Loads the shown pattern again (the library changed). */
  refresh(): void;
  readonly slug: string | null;
  /** Resolves when the shown pattern has been rendered (for tests and the status line). */
  readonly loaded: Promise<void>;
  /** Whether the pattern on show failed to load (the server may be back: refresh). */
  readonly failed: boolean;
}

export function createSidePanel(root: HTMLElement, api: Api, domains: () => DomainScale, actions: PanelActions): SidePanel {
  let current: string | null = null;
  let controller: AbortController | null = null;
  let loaded: Promise<void> = Promise.resolve();

  const body = h("div", { class: "panel__body" });
  const closeButton = h(
    "button",
    { class: "icon-button panel__close", attrs: { type: "button", "aria-label": "Close details (Escape)", title: "Close (Esc)" }, on: { click: () => actions.close() } },
    icon("close"),
  );
  replaceChildren(root, closeButton, body);

  const render = (detail: PatternDetail) => {
    const p = detail.pattern;
    const scale = domains();
    const counts = panelCounts(detail);
    const page = safeHttpUrl(p.pageUrl);
    const source = safeHttpUrl(p.githubUrl);

    const chips = h(
      "div",
      { class: "chips" },
      h("span", { class: "chip" }, h("span", { class: "chip__dot", attrs: { style: `background:${scale.color(p.domain)}` } }), p.domain ?? "no domain"),
      p.status ? h("span", { class: "chip chip--muted", text: p.status }) : null,
      h("span", { class: "chip chip--muted", text: `gen ${p.generation}` }),
    );

    const actionsRow = h(
      "div",
      { class: "panel__actions" },
      button("Neighbourhood", () => actions.explore(p.slug, "neighborhood"), "Explore this pattern's neighbourhood"),
      button("Lineage", () => actions.explore(p.slug, "lineage"), "Show ancestors and descendants"),
      button("Path from here", () => actions.pathEnd("from", p.slug), "Start a path at this pattern"),
      button("Path to here", () => actions.pathEnd("to", p.slug), "End a path at this pattern"),
      button("Gaps", () => actions.gaps(p.slug), "What is missing or inconsistent in this pattern's links"),
    );

    // Parents and children are listed once, in their own section (panel/lineage-links.ts).
    const types = sortLinkTypes([...Object.keys(detail.outgoing), ...Object.keys(detail.incoming)]).filter((t) => !LINEAGE_TYPES.includes(t));
    const lineage = lineageSection(detail, actions.open);
    const groups = types.map((type) => {
      const outgoing = detail.outgoing[type] ?? [];
      const incoming = detail.incoming[type] ?? [];
      return h(
        "section",
        { class: "link-group", attrs: { "aria-label": linkTypeWords(type) } },
        h("h4", { class: "link-group__title" }, h("span", { class: "swatch", attrs: { style: `background:${linkTypeColor(type)}` } }), linkTypeWords(type), h("span", { class: "count", attrs: { title: "Resolved links of this type (dangling ones are counted apart)" }, text: String([...outgoing, ...incoming].filter((e) => !e.dangling).length) })),
        outgoing.length ? linkList(`${linkWording(type, "out")} →`, outgoing, actions) : null,
        incoming.length ? linkList(`← ${linkWording(type, "in")}`, incoming, actions) : null,
      );
    });

    const dangling = detail.dangling.length
      ? h(
          "section",
          { class: "link-group link-group--dangling", attrs: { "aria-label": "Dangling references" } },
          h("h4", { class: "link-group__title" }, "Dangling references", h("span", { class: "count", text: String(detail.dangling.length) })),
          h(
            "ul",
            { class: "link-list" },
            ...detail.dangling.map((d) =>
              h(
                "li",
                { class: "link-list__item link-list__item--dangling" },
                h("span", { class: "badge badge--warn", text: danglingReason(d.target, d.form) }),
                h("span", { class: "link-list__text" }, `${linkTypeWords(d.type)} → `, h("span", { class: "link-list__written", attrs: { title: "The target as written in the file" }, text: d.target })),
                h("span", { class: "link-list__meta", text: `${d.declaredIn}${d.line ? `:${d.line}` : ""}` }),
              ),
            ),
          ),
        )
      : null;

    const problems = detail.problems.length
      ? h(
          "section",
          { class: "link-group", attrs: { "aria-label": "Problems in this file" } },
          h("h4", { class: "link-group__title" }, "Problems in this file", h("span", { class: "count", text: String(detail.problems.length) })),
          h("ul", { class: "problem-list" }, ...detail.problems.map((pr) => h("li", {}, h("span", { class: "badge", text: pr.kind }), " ", pr.message))),
        )
      : null;

    replaceChildren(
      body,
      h("p", { class: "panel__eyebrow", text: "Pattern" }),
      h("h2", { class: "panel__title", attrs: { id: "panel-title", tabindex: "-1" }, text: p.title }),
      chips,
      p.summary ? h("p", { class: "panel__summary", text: p.summary }) : h("p", { class: "panel__summary panel__summary--empty", text: "No summary in this file." }),
      h(
        "dl",
        { class: "facts" },
        fact("Neighbours", String(counts.neighbours), "Distinct patterns linked to or from this one"),
        fact("Links", String(counts.links), "Resolved links either way: outgoing plus incoming"),
        fact("Outgoing", String(counts.outgoing), "Links this file declares to other patterns"),
        fact("Incoming", String(counts.incoming), "Links other files declare to this one"),
        counts.dangling ? fact("Dangling", String(counts.dangling), "Declared targets that match no pattern (not counted in Links)") : null,
      ),
      actionsRow,
      h("h3", { class: "panel__section", text: "Links" }),
      groups.length || lineage ? h("div", { class: "link-groups" }, lineage, ...groups) : h("p", { class: "muted", text: "No links: this pattern is an orphan." }),
      dangling,
      problems,
      h(
        "footer",
        { class: "panel__footer" },
        page ? h("a", { class: "text-link", attrs: { href: page, target: "_blank", rel: "noopener noreferrer" } }, "Pattern page ", icon("external", 14)) : null,
        source ? h("a", { class: "text-link", attrs: { href: source, target: "_blank", rel: "noopener noreferrer" } }, "Source ", icon("external", 14)) : null,
        h("span", { class: "panel__file", attrs: { title: "File in the library" }, text: p.file }),
      ),
    );
  };

  let failed = false;
  const retry = (slug: string) => {
    if (current !== slug) return;
    current = null;
    panel.show(slug);
  };

  const renderError = (slug: string, error: unknown) => {
    failed = true;
    const suggestions = error instanceof ApiError ? error.suggestions : [];
    replaceChildren(
      body,
      h("h2", { class: "panel__title", attrs: { id: "panel-title", tabindex: "-1" }, text: slug }),
      h("p", { class: "notice notice--error", attrs: { role: "alert" }, text: describeFailure(error) }),
      h("div", { class: "chips" }, button("Try again", () => retry(slug))),
      suggestions.length
        ? h("div", { class: "chips" }, h("span", { class: "muted", text: "Did you mean:" }), ...suggestions.map((s) => button(s, () => actions.open(s))))
        : null,
    );
  };

  const panel = {
    show(slug: string) {
      root.hidden = false;
      document.body.classList.add("has-panel");
      if (slug === current) return;
      current = slug;
      controller?.abort();
      controller = new AbortController();
      const signal = controller.signal;
      root.setAttribute("aria-busy", "true");
      failed = false;
      replaceChildren(body, h("div", { class: "skeleton skeleton--title" }), h("div", { class: "skeleton" }), h("div", { class: "skeleton skeleton--short" }));
      loaded = api
        .pattern(slug, signal)
        .then(render, (error) => {
          if (!isAbort(error)) renderError(slug, error);
        })
        .finally(() => {
          if (!signal.aborted) root.removeAttribute("aria-busy");
        });
    },
    refresh() {
      const slug = current;
      if (!slug || root.hidden) return;
      current = null;
      this.show(slug);
    },
    hide() {
      current = null;
      controller?.abort();
      root.hidden = true;
      document.body.classList.remove("has-panel");
    },
    get slug() {
      return current;
    },
    get loaded() {
      return loaded;
    },
    get failed() {
      return failed && current !== null && !root.hidden;
    },
  };
  return panel;
}

function button(label: string, onClick: () => void, title?: string): HTMLButtonElement {
  return h("button", { class: "button button--small", attrs: { type: "button", title }, on: { click: onClick }, text: label });
}

function fact(label: string, value: string, title?: string): HTMLElement {
  return h("div", { class: "fact", attrs: { title, "data-fact": label.toLowerCase() } }, h("dt", { text: label }), h("dd", { text: value }));
}

/**
 * The panel's numbers, defined once so they add up: links = outgoing + incoming (resolved links,
 * from the API's degrees); neighbours = the distinct patterns at the other end (never more than
 * links); dangling targets are counted apart, since they link to no pattern.
 */
export function panelCounts(detail: PatternDetail): { neighbours: number; links: number; outgoing: number; incoming: number; dangling: number } {
  const others = new Set<string>();
  for (const side of [detail.outgoing, detail.incoming])
    for (const ends of Object.values(side)) for (const end of ends) if (!end.dangling && end.slug !== detail.pattern.slug) others.add(end.slug);
  return {
    neighbours: others.size,
    links: detail.outDegree + detail.inDegree,
    outgoing: detail.outDegree,
    incoming: detail.inDegree,
    dangling: detail.dangling.length,
  };
}

function linkList(heading: string, ends: LinkEnd[], actions: PanelActions): HTMLElement {
  const sorted = [...ends].sort((a, b) => a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug));
  return h(
    "div",
    { class: "link-direction" },
    h("p", { class: "link-direction__label", text: heading }),
    h(
      "ul",
      { class: "link-list" },
      ...sorted.map((end) =>
        h(
          "li",
          { class: `link-list__item${end.dangling ? " link-list__item--dangling" : ""}` },
          end.dangling
            ? h("span", { class: "link-list__text" }, h("span", { class: "badge badge--warn", text: danglingReason(end.title || end.slug) }), " ", end.title || end.slug)
            : h(
                "button",
                { class: "link-button", attrs: { type: "button", "data-slug": end.slug, title: end.description ?? end.slug }, on: { click: () => actions.open(end.slug) } },
                end.title || end.slug,
              ),
          end.weight !== undefined ? h("span", { class: "link-list__meta", attrs: { title: "weight" }, text: end.weight.toFixed(2).replace(/\.?0+$/, "") }) : null,
        ),
      ),
    ),
  );
}
