// Which members of a lineage family the tree draws: one band per level, each band holding only
// as many patterns as fit its width (the most relevant first), the rest behind "+N more" group nodes
// that page through the band, and nothing below a collapsed pattern. Pure, so it is tested without a browser.
import type { Lineage } from "../types.ts";

/** A band's page of patterns plus the group nodes that stand for the rest of it. */
export interface PlannedBand {
  level: number;
  /** Every pattern that could be in this band (its shown parents or children are open), most relevant first. */
  ranked: string[];
  /** The patterns of the page on screen, in rank order. */
  shown: string[];
  page: number;
  pages: number;
  /** Ranked patterns after this page and before it. */
  after: number;
  before: number;
}

export interface LineagePlan {
  levels: Map<string, number>;
  bands: PlannedBand[];
  /** Patterns drawn. */
  shown: Set<string>;
  /** For each drawn pattern: how many of its children are not drawn (collapsed, or on another page). */
  hiddenChildren: Map<string, number>;
  /** Descendants of each pattern in the family (any depth), the relevance tiebreak and the outline's counts. */
  descendants: Map<string, number>;
}

export interface PlanOptions {
  /** Display level of each pattern (see displayLevels): every parent above its children. */
  levels: Map<string, number>;
  /** Patterns whose descendants are hidden. */
  collapsed: ReadonlySet<string>;
  /** Page shown per band (level -> 0-based page); absent = the first. */
  pages: ReadonlyMap<number, number>;
  /** Whether these patterns (in order) and the band's group nodes fit one band. */
  fits(slugs: readonly string[], groups: { before: number; after: number }): boolean;
}

/**
 * Relevance inside a band: the size of the family below a pattern first (so the tree shows how deep
 * the lineage goes; at depth 1 every child is a leaf here), then its links in the library (the API's
 * degree); the title only separates exact ties, so the order is stable.
 */
export function rankBand(slugs: readonly string[], lineage: Lineage, descendants: ReadonlyMap<string, number>): string[] {
  const node = new Map(lineage.nodes.map((n) => [n.slug as string, n]));
  const below = (slug: string) => descendants.get(slug) ?? 0;
  return [...slugs].sort((a, b) => {
    const na = node.get(a)!;
    const nb = node.get(b)!;
    return below(b) - below(a) || nb.degree - na.degree || na.title.localeCompare(nb.title) || a.localeCompare(b);
  });
}

/** How many patterns lie below each pattern of the family (each counted once, cycles bounded). */
export function countDescendants(lineage: Lineage, levels: ReadonlyMap<string, number>): Map<string, number> {
  const children = new Map<string, string[]>();
  for (const e of lineage.edges) {
    if ((levels.get(e.child) ?? 0) <= (levels.get(e.parent) ?? 0)) continue;
    (children.get(e.parent) ?? children.set(e.parent, []).get(e.parent)!).push(e.child);
  }
  const counts = new Map<string, number>();
  for (const n of lineage.nodes) {
    const seen = new Set<string>();
    const stack = [...(children.get(n.slug) ?? [])];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(children.get(s) ?? []));
    }
    counts.set(n.slug, seen.size);
  }
  return counts;
}

/** Splits a ranked band into pages that each fit; the first page is the most relevant. */
export function paginate(ranked: readonly string[], fits: PlanOptions["fits"]): string[][] {
  const pages: string[][] = [];
  let start = 0;
  while (start < ranked.length) {
    let end = start + 1;
    // Grow the page while it (with its group nodes) still fits; always at least one pattern.
    while (end < ranked.length && fits(ranked.slice(start, end + 1), { before: start, after: ranked.length - end - 1 })) end++;
    pages.push(ranked.slice(start, end));
    start = end;
  }
  return pages;
}

export function planLineage(lineage: Lineage, options: PlanOptions): LineagePlan {
  const { levels } = options;
  const descendants = countDescendants(lineage, levels);
  const parentsOf = new Map<string, string[]>();
  const childrenOf = new Map<string, string[]>();
  for (const e of lineage.edges) {
    if ((levels.get(e.child) ?? 0) <= (levels.get(e.parent) ?? 0)) continue;
    (parentsOf.get(e.child) ?? parentsOf.set(e.child, []).get(e.child)!).push(e.parent);
    (childrenOf.get(e.parent) ?? childrenOf.set(e.parent, []).get(e.parent)!).push(e.child);
  }
  const byLevel = new Map<number, string[]>();
  for (const n of lineage.nodes) {
    const level = levels.get(n.slug) ?? n.level;
    (byLevel.get(level) ?? byLevel.set(level, []).get(level)!).push(n.slug);
  }
  const shown = new Set<string>([lineage.root]);
  const bands: PlannedBand[] = [];
  const place = (level: number, candidates: string[]) => {
    if (!candidates.length) return;
    const ranked = rankBand(candidates, lineage, descendants);
    const pages = paginate(ranked, options.fits);
    const page = Math.min(options.pages.get(level) ?? 0, pages.length - 1);
    const on = pages[page]!;
    const before = pages.slice(0, page).reduce((n, p) => n + p.length, 0);
    for (const slug of on) shown.add(slug);
    bands.push({ level, ranked, shown: on, page, pages: pages.length, before, after: ranked.length - before - on.length });
  };
  const levelList = [...byLevel.keys()].sort((a, b) => a - b);
  // Ancestors, nearest first: a pattern is a candidate when one of its shown children is its child.
  for (const level of levelList.filter((l) => l < 0).reverse()) {
    place(level, byLevel.get(level)!.filter((slug) => (childrenOf.get(slug) ?? []).some((c) => shown.has(c))));
  }
  bands.push({ level: 0, ranked: [lineage.root], shown: [lineage.root], page: 0, pages: 1, before: 0, after: 0 });
  // Descendants, top down: a candidate needs a shown parent that is not collapsed.
  for (const level of levelList.filter((l) => l > 0)) {
    place(level, byLevel.get(level)!.filter((slug) => (parentsOf.get(slug) ?? []).some((p) => shown.has(p) && !options.collapsed.has(p))));
  }
  bands.sort((a, b) => a.level - b.level);
  const hiddenChildren = new Map<string, number>();
  for (const slug of shown) {
    const hidden = (childrenOf.get(slug) ?? []).filter((c) => !shown.has(c)).length;
    if (hidden) hiddenChildren.set(slug, hidden);
  }
  return { levels, bands, shown, hiddenChildren, descendants };
}

/** The level a band holds, in words: "children", "grandchildren", "parents", "great-great-grandparents". */
export function levelName(level: number): string {
  if (level === 0) return "root";
  const distance = Math.abs(level);
  if (distance === 1) return level > 0 ? "children" : "parents";
  const stem = level > 0 ? "grandchildren" : "grandparents";
  if (distance <= 4) return `${"great-".repeat(distance - 2)}${stem}`;
  return `${level > 0 ? "descendants" : "ancestors"} ${distance} levels ${level > 0 ? "down" : "up"}`;
}

/** What a band's "more" node holds, short enough for one label line: "great-grandchildren", "descendants at level 4". */
export function groupNoun(level: number): string {
  if (Math.abs(level) <= 3) return levelName(level);
  return level > 0 ? `descendants at level ${level}` : `ancestors ${-level} levels up`;
}

/** The singular: "child", "grandparent". */
export const levelNameOne = (level: number): string => levelName(level).replace(/ren$/, "").replace(/s$/, "").replace(/s (\d)/, " $1");

/**
 * The collapsed patterns and band pages that bring `slug` onto the tree: every collapsed pattern on
 * one chain from the root to it is opened, and each band of that chain turns to the page holding it.
 * Null when the pattern is not among the family's descendants or the root.
 */
export function reveal(lineage: Lineage, options: PlanOptions, slug: string): { collapsed: string[]; pages: Map<number, number> } | null {
  const { levels } = options;
  if ((levels.get(slug) ?? -1) < 0) return null;
  const parents = new Map<string, string[]>();
  for (const e of lineage.edges) {
    if ((levels.get(e.child) ?? 0) <= (levels.get(e.parent) ?? 0)) continue;
    (parents.get(e.child) ?? parents.set(e.child, []).get(e.child)!).push(e.parent);
  }
  // One chain up to the root, through the parent nearest the root at each step.
  const chain = [slug];
  for (let at = slug; at !== lineage.root; ) {
    const up = (parents.get(at) ?? []).filter((p) => (levels.get(p) ?? -1) >= 0).sort((a, b) => levels.get(a)! - levels.get(b)!)[0];
    if (!up || chain.includes(up)) return null;
    chain.unshift(up);
    at = up;
  }
  const collapsed = new Set(options.collapsed);
  for (const s of chain.slice(0, -1)) collapsed.delete(s);
  const pages = new Map(options.pages);
  for (const s of chain.slice(1)) {
    const plan = planLineage(lineage, { ...options, collapsed, pages });
    if (plan.shown.has(s)) continue;
    const band = plan.bands.find((b) => b.level === levels.get(s));
    if (!band) return null;
    const index = paginate(band.ranked, options.fits).findIndex((page) => page.includes(s));
    if (index < 0) return null;
    pages.set(band.level, index);
  }
  return { collapsed: [...collapsed], pages };
}
