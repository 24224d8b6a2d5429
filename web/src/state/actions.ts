// The explorer's actions: every user intent (pick a pattern, change depth, toggle a link type...)
// is one function here that turns into one store update with the right history behaviour.
import type { ViewMode } from "../../../core/explorer-url.ts";
import type { AppState, CameraView } from "./app-state.ts";
import { openGroupEntry, parseOpenGroup } from "./open-groups.ts";
import type { Store } from "./store.ts";

export type Actions = ReturnType<typeof createActions>;

export function createActions(store: Store) {
  const get = () => store.get();
  /** A new graph means the old camera no longer applies: fit the new one. */
  const newView = (patch: Partial<AppState>) => store.update({ camera: null, ...patch }, "push");

  return {
    setMode(mode: ViewMode) {
      const s = get();
      if (s.mode === mode) return;
      const focus = s.focus ?? s.selected;
      const patch: Partial<AppState> = { mode, pathIndex: null };
      if (mode === "neighborhood" || mode === "lineage") patch.focus = focus;
      if (mode === "path" && !s.from && s.selected) patch.from = s.selected;
      newView(patch);
    },

    /** Opens a pattern in the current view: refocus neighbourhood/lineage, select elsewhere. */
    openPattern(slug: string) {
      const s = get();
      if (s.mode === "neighborhood" || s.mode === "lineage") {
        if (s.focus === slug) store.update({ selected: slug }, "replace");
        else newView({ focus: slug, selected: slug, expanded: [], lineageCollapsed: [], lineagePages: [] });
      } else {
        store.update({ selected: slug }, "push");
      }
    },

    /** Shows a pattern's neighbourhood, or its lineage, from anywhere. */
    explore(slug: string, mode: "neighborhood" | "lineage" = "neighborhood") {
      newView({ mode, focus: slug, selected: slug, expanded: [], openGroups: [], lineageCollapsed: [], lineagePages: [] });
    },

    select(slug: string | null) {
      if (get().selected === slug) return;
      store.update({ selected: slug }, "replace");
    },

    setDepth(depth: number) {
      if (get().depth !== depth) newView({ depth, expanded: [], openGroups: [] });
    },

    setLineageDepth(lineageDepth: number) {
      if (get().lineageDepth !== lineageDepth) newView({ lineageDepth, lineagePages: [] });
    },

    /** Lineage: fold or unfold a pattern's descendants; the camera stays where it is. */
    toggleCollapsed(slug: string) {
      const collapsed = get().lineageCollapsed;
      const next = collapsed.includes(slug) ? collapsed.filter((s) => s !== slug) : [...collapsed, slug];
      store.update({ lineageCollapsed: next, lineagePages: [] }, "push");
    },

    /** Lineage: turn a band wider than the screen to another page of its patterns. */
    setBandPage(level: number, page: number) {
      const pages = get().lineagePages.filter(([l]) => l !== level);
      if (page > 0) pages.push([level, page]);
      pages.sort((a, b) => a[0] - b[0]);
      store.update({ lineagePages: pages }, "push");
    },

    /** Lineage: show a pattern of the family on the tree (unfold its ancestors, turn its bands). */
    revealInLineage(slug: string, collapsed: string[], pages: [number, number][]) {
      store.update({ selected: slug, lineageCollapsed: collapsed, lineagePages: pages.filter(([, p]) => p > 0).sort((a, b) => a[0] - b[0]) }, "push");
    },

    setDirection(direction: AppState["direction"]) {
      if (get().direction !== direction) newView({ direction, expanded: [], openGroups: [] });
    },

    /** Toggles one link type; `available` is every type the library has (null = all on). */
    toggleType(type: string, available: readonly string[]) {
      const current = get().types ?? [...available];
      const next = current.includes(type) ? current.filter((t) => t !== type) : [...current, type];
      const all = available.every((t) => next.includes(t));
      store.update({ types: all ? null : next.filter((t) => available.includes(t)), camera: null, pathIndex: null, openGroups: [] }, "push");
    },

    /** One link type alone, in one action (the legend's "only"). */
    onlyType(type: string) {
      store.update({ types: [type], camera: null, pathIndex: null, openGroups: [] }, "push");
    },

    setAllTypes(on: boolean) {
      store.update({ types: on ? null : [], camera: null, pathIndex: null, openGroups: [] }, "push");
    },

    /** Neighbourhood: keep up to `limit` patterns (the groups of the old cut no longer apply). */
    setLimit(limit: number) {
      if (get().limit !== limit) newView({ limit, openGroups: [] });
    },

    /** Neighbourhood: adds a left-out group's first page of patterns in place (or removes whichever page is open). */
    toggleGroup(key: string) {
      const s = get();
      if (s.mode !== "neighborhood") return;
      const open = s.openGroups.some((entry) => parseOpenGroup(entry).key === key);
      const openGroups = open ? s.openGroups.filter((entry) => parseOpenGroup(entry).key !== key) : [...s.openGroups, key];
      store.update({ openGroups }, "push");
    },

    /** Neighbourhood: shows page `page` (0-based) of an open left-out group in place of the page on screen. */
    showGroupPage(key: string, page: number) {
      const s = get();
      if (s.mode !== "neighborhood") return;
      const others = s.openGroups.filter((entry) => parseOpenGroup(entry).key !== key);
      store.update({ openGroups: [...others, openGroupEntry(key, page)] }, "push");
    },

    /** Double-click: add a pattern's direct neighbours in place (or remove them again). */
    toggleExpanded(slug: string) {
      const s = get();
      if (s.mode !== "neighborhood" || slug === s.focus) return;
      const expanded = s.expanded.includes(slug) ? s.expanded.filter((e) => e !== slug) : [...s.expanded, slug];
      store.update({ expanded, selected: slug }, "push");
    },

    setPathEnd(end: "from" | "to", slug: string | null) {
      const s = get();
      if (s[end] === slug) return;
      newView({ mode: "path", [end]: slug, pathIndex: null });
    },

    swapPathEnds() {
      const s = get();
      newView({ from: s.to, to: s.from, pathIndex: null });
    },

    setPathOptions(patch: Partial<Pick<AppState, "k" | "maxLength" | "directed">>) {
      newView({ ...patch, pathIndex: null });
    },

    setPathIndex(pathIndex: number | null) {
      store.update({ pathIndex }, "replace");
    },

    /** Gaps view: list another kind, domain or pattern (null clears that filter); back to the first page. */
    setGapFilter(patch: Partial<Pick<AppState, "gapKind" | "gapDomain" | "gapPattern" | "gapGroupBy" | "gapDecided">>) {
      const s = get();
      const next = { ...s, ...patch };
      const same = next.gapKind === s.gapKind && next.gapDomain === s.gapDomain && next.gapPattern === s.gapPattern && next.gapGroupBy === s.gapGroupBy && next.gapDecided === s.gapDecided;
      if (same && s.mode === "gaps") return;
      newView({ mode: "gaps", ...patch, gapPage: 0, finding: null });
    },

    setGapPage(gapPage: number) {
      if (get().gapPage !== gapPage) newView({ gapPage: Math.max(0, gapPage), finding: null });
    },

    /** Gaps view: draw one finding (its patterns, the offending links lit), or the library again (null). */
    openFinding(finding: string | null) {
      if (get().finding !== finding) newView({ mode: "gaps", finding });
    },

    /** The gaps of one pattern, from its details panel. */
    showGapsOf(slug: string) {
      newView({ mode: "gaps", gapPattern: slug, gapKind: null, gapDomain: null, gapPage: 0, finding: null });
    },

    /** Overview: light one domain's patterns (null: all), chosen from the legend. */
    setOverviewDomain(domain: string | null) {
      if (get().gapDomain !== domain) store.update({ gapDomain: domain, community: null }, "push");
    },

    /** Overview: light one community's patterns (its key; null: all), chosen from the legend. */
    setOverviewCommunity(community: string | null) {
      if (get().community !== community) store.update({ community, gapDomain: null }, "push");
    },

    /** Overview: draw the unlinked patterns too, or only count them. */
    setUnlinked(unlinked: boolean) {
      if (get().unlinked !== unlinked) newView({ unlinked });
    },

    /** null: the view is fitted (no camera in the URL). */
    setCamera(camera: CameraView | null) {
      store.update({ camera }, "replace");
    },
  };
}
