// The lineage outline: the whole family as an indented, searchable tree beside the lineage tree
// (counts per level on top, each pattern under its nearest parent, folding shared with the tree).
// It opens by itself for families over OUTLINE_FROM descendants, and is the lineage view on phones.
import { rankBand, levelName, levelNameOne, type LineagePlan } from "../layout/lineage-plan.ts";
import type { Actions } from "../state/actions.ts";
import type { AppState } from "../state/app-state.ts";
import type { Lineage } from "../types.ts";
import { h, replaceChildren } from "../ui/dom.ts";
import "./lineage-outline.css";

/** Width of the outline beside the tree (px, with its margin); the narrow-screen rule makes it the whole stage. */
const OUTLINE_PX = 292;
const NARROW = "(max-width: 820px)";
/** Families over this many descendants open with the outline. */
export const OUTLINE_FROM = 50;

/** The reader's own choice (the Outline button) wins over the default for the rest of the visit. */
let chosen: boolean | null = null;

const isNarrow = () => window.matchMedia(NARROW).matches;
const openFor = (descendants: number) => chosen ?? (isNarrow() || descendants > OUTLINE_FROM);

/** Pixels the outline takes from the tree's width: its width beside the tree, none on phones (where it covers the tree). */
export function outlineWidth(descendants: number, stageWidth: number): number {
  if (isNarrow() || !openFor(descendants)) return 0;
  return Math.min(OUTLINE_PX, Math.round(stageWidth * 0.4));
}

export interface OutlineHost {
  actions: Actions;
  /** Select a pattern on the tree and bring it into view. */
  centre(slug: string): void;
  /** The fit must keep clear of the outline: called when it opens or closes. */
  resized(): void;
}

export interface OutlineView {
  lineage: Lineage;
  plan: LineagePlan;
  reveal(slug: string): { collapsed: string[]; pages: [number, number][] } | null;
}

export interface LineageOutline {
  update(view: OutlineView | null, state: AppState): void;
  /** Pixels the open outline covers on the stage's left (0 when closed, or on phones). */
  inset(): number;
}

export function createLineageOutline(stage: HTMLElement, host: OutlineHost): LineageOutline {
  let view: OutlineView | null = null;
  let state: AppState | null = null;
  let query = "";
  const counts = h("p", { class: "outline__counts", attrs: { "data-testid": "outline-counts" } });
  const heading = h("h2", { class: "outline__title" });
  const search = h("input", {
    class: "outline__search",
    attrs: { type: "search", placeholder: "Find in this family…", "aria-label": "Find in this family", "data-testid": "outline-search" },
  });
  const matches = h("p", { class: "outline__matches", attrs: { "aria-live": "polite" } });
  const list = h("ul", { class: "outline__tree", attrs: { role: "tree", "aria-label": "Family outline" } });
  const root = h("aside", { class: "lineage-outline", attrs: { "aria-label": "Family outline", "data-testid": "lineage-outline" } }, heading, counts, search, matches, list);
  const toggle = h("button", { class: "button button--small outline-toggle", attrs: { type: "button", "aria-pressed": "false", "data-testid": "outline-toggle" } });
  root.hidden = true;
  toggle.hidden = true;
  stage.append(root, toggle);

  const paintToggle = (open: boolean) => {
    toggle.textContent = isNarrow() ? (open ? "Show tree" : "Show outline") : open ? "Hide outline" : "Outline";
    toggle.setAttribute("aria-pressed", String(open));
  };
  toggle.addEventListener("click", () => {
    const open = root.hidden;
    chosen = open;
    root.hidden = !open;
    document.body.classList.toggle("has-outline", open);
    paintToggle(open);
    host.resized();
  });

  search.addEventListener("input", () => {
    query = search.value.trim().toLowerCase();
    render();
  });

  const choose = (slug: string) => {
    if (!view || !state) return;
    if (view.plan.shown.has(slug)) {
      host.centre(slug);
      return;
    }
    const revealed = view.reveal(slug);
    if (revealed) host.actions.revealInLineage(slug, revealed.collapsed, revealed.pages);
    else host.actions.select(slug);
  };

  /** Rows in tree order: each pattern under its nearest parent (the one closest to the root), children by relevance. */
  const render = () => {
    if (!view || !state) return;
    const { lineage, plan } = view;
    const title = new Map(lineage.nodes.map((n) => [n.slug as string, n.title || n.slug]));
    const level = plan.levels;
    const primaryParent = new Map<string, string>();
    for (const e of lineage.edges) {
      const lc = level.get(e.child) ?? 0;
      const lp = level.get(e.parent) ?? 0;
      if (lc <= 0 || lp >= lc) continue;
      const current = primaryParent.get(e.child);
      if (current === undefined || lp < (level.get(current) ?? 0)) primaryParent.set(e.child, e.parent);
    }
    const children = new Map<string, string[]>();
    for (const [child, parent] of primaryParent) (children.get(parent) ?? children.set(parent, []).get(parent)!).push(child);
    const collapsed = new Set(state.lineageCollapsed);
    const matching = (slug: string) => !query || (title.get(slug) ?? slug).toLowerCase().includes(query);
    // With a query: the matches and the chain above each of them, unfolded.
    const keep = new Set<string>();
    if (query) {
      for (const n of lineage.nodes) {
        if (!matching(n.slug) || (level.get(n.slug) ?? 0) < 0) continue;
        for (let at: string | undefined = n.slug; at !== undefined && !keep.has(at); at = primaryParent.get(at)) keep.add(at);
      }
    }
    const rows: HTMLElement[] = [];
    const ancestors = lineage.nodes.filter((n) => (level.get(n.slug) ?? n.level) < 0 && matching(n.slug));
    ancestors.sort((a, b) => (level.get(b.slug) ?? 0) - (level.get(a.slug) ?? 0));
    for (const a of ancestors) rows.push(row(a.slug, title.get(a.slug)!, level.get(a.slug) ?? a.level, 0, null, false));
    const walk = (slug: string, depth: number) => {
      const kids = rankBand(children.get(slug) ?? [], lineage, plan.descendants).filter((k) => !query || keep.has(k));
      const folded = !query && collapsed.has(slug) && kids.length > 0;
      if (!query || keep.has(slug)) rows.push(row(slug, title.get(slug)!, level.get(slug) ?? 0, depth, kids.length ? !folded : null, query !== "" && matching(slug)));
      if (!folded) for (const k of kids) walk(k, depth + 1);
    };
    walk(lineage.root, 0);
    replaceChildren(list, ...rows);
    matches.textContent = query ? `${rows.filter((r) => r.dataset.match === "1").length} matching` : "";
    const current = rows.find((r) => r.dataset.slug === state!.selected) ?? rows.find((r) => r.dataset.slug === lineage.root) ?? rows[0];
    if (current) current.tabIndex = 0;
  };

  const row = (slug: string, text: string, level: number, depth: number, expanded: boolean | null, match: boolean): HTMLElement => {
    const selected = state?.selected === slug;
    const onTree = view?.plan.shown.has(slug) ?? false;
    const item = h(
      "li",
      {
        class: `outline__row${selected ? " outline__row--selected" : ""}${onTree ? "" : " outline__row--off"}${match ? " outline__row--match" : ""}`,
        attrs: {
          role: "treeitem",
          tabindex: "-1",
          "aria-level": String(depth + 1),
          "aria-selected": String(selected),
          "aria-expanded": expanded === null ? undefined : String(expanded),
          "data-slug": slug,
          "data-level": String(level),
          "data-match": match ? "1" : "0",
          style: `padding-left:${8 + depth * 16}px`,
        },
        on: { click: () => choose(slug), keydown: (event) => onKey(event as KeyboardEvent, slug, expanded) },
      },
      expanded === null
        ? h("span", { class: "outline__twisty outline__twisty--leaf", attrs: { "aria-hidden": "true" } })
        : h("button", {
            class: "outline__twisty",
            attrs: { type: "button", tabindex: "-1", "aria-label": `${expanded ? "Fold" : "Unfold"} ${text}`, "data-testid": "outline-twisty" },
            text: expanded ? "▾" : "▸",
            on: {
              click: (event) => {
                event.stopPropagation();
                host.actions.toggleCollapsed(slug);
              },
            },
          }),
      // A title the column cuts with "…" reads whole in its tooltip.
      h("span", { class: "outline__label", text, attrs: { title: text } }),
      level < 0 ? h("span", { class: "outline__meta", text: levelNameOne(level) }) : null,
      (view?.plan.descendants.get(slug) ?? 0) > 0 && level >= 0 ? h("span", { class: "outline__meta", text: String(view!.plan.descendants.get(slug)) }) : null,
    );
    return item;
  };

  const onKey = (event: KeyboardEvent, slug: string, expanded: boolean | null) => {
    const rows = [...list.querySelectorAll<HTMLElement>("[role=treeitem]")];
    const index = rows.findIndex((r) => r.dataset.slug === slug && r === event.currentTarget);
    const focusRow = (i: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (!target) return;
      rows.forEach((r) => (r.tabIndex = -1));
      target.tabIndex = 0;
      target.focus();
    };
    switch (event.key) {
      case "ArrowDown":
        focusRow(index + 1);
        break;
      case "ArrowUp":
        focusRow(index - 1);
        break;
      case "Home":
        focusRow(0);
        break;
      case "End":
        focusRow(rows.length - 1);
        break;
      case "ArrowRight":
        if (expanded === false) host.actions.toggleCollapsed(slug);
        else if (expanded) focusRow(index + 1);
        break;
      case "ArrowLeft":
        if (expanded) host.actions.toggleCollapsed(slug);
        else {
          const depth = Number(rows[index]?.getAttribute("aria-level") ?? 1);
          for (let i = index - 1; i >= 0; i--) if (Number(rows[i]!.getAttribute("aria-level")) < depth) return focusRow(i);
        }
        break;
      case "Enter":
      case " ":
        choose(slug);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return {
    update(next, nextState) {
      const focused = list.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.slug : undefined;
      const sameFamily = view && next && view.lineage.root === next.lineage.root;
      view = next;
      state = nextState;
      if (!next) {
        root.hidden = true;
        toggle.hidden = true;
        document.body.classList.remove("has-outline");
        return;
      }
      if (!sameFamily) {
        query = "";
        search.value = "";
      }
      const descendants = next.lineage.nodes.filter((n) => n.level > 0).length;
      const open = openFor(descendants);
      root.hidden = !open;
      toggle.hidden = false;
      document.body.classList.toggle("has-outline", open);
      paintToggle(open);
      const rootTitle = next.lineage.nodes.find((n) => n.slug === next.lineage.root)?.title ?? next.lineage.root;
      heading.textContent = `Family of ${rootTitle}`;
      const perLevel = new Map<number, number>();
      for (const n of next.lineage.nodes) {
        const l = next.plan.levels.get(n.slug) ?? n.level;
        if (l !== 0) perLevel.set(l, (perLevel.get(l) ?? 0) + 1);
      }
      counts.textContent = [...perLevel]
        .sort((a, b) => a[0] - b[0])
        .map(([l, n]) => `${n} ${n === 1 ? levelNameOne(l) : levelName(l)}`)
        .join(" · ");
      render();
      if (focused) list.querySelector<HTMLElement>(`[data-slug="${CSS.escape(focused)}"]`)?.focus();
    },
    inset() {
      return root.hidden || isNarrow() ? 0 : root.offsetWidth + 12;
    },
  };
}
